import pytest

from tests.unit.production import Production, open_production, production_bus


@pytest.fixture
def bus():
    return production_bus()


@pytest.fixture
async def production(bus) -> Production:
    return await open_production(bus)
