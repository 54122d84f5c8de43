"""Shared fixtures: the embedded servers for the integration and end-to-end tiers.

PouchDB Server and Redis start once per test session on free ports and stop after it.
"""
import shutil
import tempfile
from pathlib import Path

import pytest
from redis import Redis

from config.embedded import PouchDBServer, RedisServer, free_port

TIER_MARKS = {"integration": "integration", "e2e": "e2e"}
ADMIN_USER, ADMIN_PASSWORD = "nollycrew", "test-admin-password"
TWILIO_SID, TWILIO_TOKEN = "AC" + "1" * 32, "test-twilio-token"


TIER_ORDER = {"unit": 0, "integration": 1, "e2e": 2}


def _tier(item) -> str:
    return Path(item.path).relative_to(Path(__file__).parent).parts[0]


def pytest_collection_modifyitems(items):
    """Mark each test with its tier and run the tiers fastest first. The end-to-end stack runs
    its own core and worker, so it must start only after the integration tests are done."""
    for item in items:
        if _tier(item) in TIER_MARKS:
            item.add_marker(getattr(pytest.mark, TIER_MARKS[_tier(item)]))
    items.sort(key=lambda item: TIER_ORDER.get(_tier(item), 1))


@pytest.fixture(scope="session")
def scratch() -> Path:
    path = Path(tempfile.mkdtemp(prefix="nollycrew-test-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def pouchdb_server(scratch: Path) -> PouchDBServer:
    server = PouchDBServer(free_port(), scratch / "couch", ADMIN_USER, ADMIN_PASSWORD).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def redis_server(scratch: Path) -> RedisServer:
    server = RedisServer(free_port(), scratch / "redis").start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def stack_env(pouchdb_server: PouchDBServer, redis_server: RedisServer) -> dict[str, str]:
    """NOLLYCREW_* variables that point every process at the test servers."""
    return {
        "NOLLYCREW_COUCH_URL": pouchdb_server.url,
        "NOLLYCREW_COUCH_ADMIN_USER": ADMIN_USER,
        "NOLLYCREW_COUCH_ADMIN_PASSWORD": ADMIN_PASSWORD,
        "NOLLYCREW_REDIS_URL": redis_server.url,
        "NOLLYCREW_TWILIO_ACCOUNT_SID": TWILIO_SID,
        "NOLLYCREW_TWILIO_AUTH_TOKEN": TWILIO_TOKEN,
        "NOLLYCREW_FEED_DISCOVERY_INTERVAL_S": "0.5",
    }


@pytest.fixture
def settings(stack_env, monkeypatch):
    from config.settings import Settings

    for key, value in stack_env.items():
        monkeypatch.setenv(key, value)
    return Settings()


@pytest.fixture
def redis(settings) -> Redis:
    from config.bootstrap import open_redis

    client = open_redis(settings)
    client.flushdb()  # rq's rule: a clean Redis around each test
    yield client
    client.flushdb()
    client.close()


@pytest.fixture(scope="session")
def migrated() -> set:
    """Servers migrated in this session: migrate walks every database, so once is enough."""
    return set()


@pytest.fixture
async def couch(settings, migrated):
    from config.bootstrap import open_couch
    from sync.provisioning import migrate

    client = open_couch(settings)
    if settings.couch_url not in migrated:
        await migrate(client)
        migrated.add(settings.couch_url)
    yield client
    await client.close()


@pytest.fixture
async def bus(couch, redis):
    from config.bootstrap import build_bus

    return build_bus(couch, redis)
