import pytest

from tests.unit.fakes import make_bus
from tests.unit.production import Production, open_production


@pytest.fixture
def bus():
    return make_bus()


@pytest.fixture
async def production(bus) -> Production:
    return await open_production(bus)
