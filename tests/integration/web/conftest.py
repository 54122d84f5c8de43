import pytest
from aiohttp.test_utils import TestClient, TestServer

from web.app import create_app


@pytest.fixture
async def api(settings, couch, redis):
    """The api in this process on a loopback port, against the test PouchDB Server and Redis."""
    client = TestClient(TestServer(create_app(settings)))
    await client.start_server()
    yield client
    await client.close()
