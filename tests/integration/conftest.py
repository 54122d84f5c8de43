"""Integration tier: real PouchDB Server and Redis, the project's own code in this process."""
import pytest
from redis import Redis

from config.bootstrap import build_bus, open_couch, open_redis
from sync.provisioning import migrate


def pytest_collection_modifyitems(items):
    for item in items:
        item.add_marker(pytest.mark.integration)


@pytest.fixture
def redis(settings) -> Redis:
    client = open_redis(settings)
    client.flushdb()  # rq's rule: a clean Redis around each test
    yield client
    client.flushdb()
    client.close()


@pytest.fixture
async def couch(settings):
    client = open_couch(settings)
    await migrate(client)
    yield client
    await client.close()


@pytest.fixture
async def bus(couch, redis):
    return build_bus(couch, redis)
