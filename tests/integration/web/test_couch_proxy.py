"""/db/: what a device may ask CouchDB through the api, as the person it signed in as."""
import asyncio
import gzip
import json
import uuid

import pytest

from core import scopes
from tests.integration.people import PASSWORD, auth, person, project_of


@pytest.fixture
async def producer(bus):
    return await person(bus, "producer")


async def test_sign_in_with_a_session_cookie_and_read_your_own_database(api, producer):
    answer = await api.post("/db/_session", json={"name": producer, "password": PASSWORD})
    assert answer.status == 200
    assert "AuthSession" in answer.headers.get("Set-Cookie", "")
    profile = await api.get(f"/db/{scopes.user_db(producer)}/profile", headers={"Accept": "application/json"})
    assert profile.status == 200
    assert (await profile.json())["person_id"] == producer


async def test_the_proxy_holds_no_credentials_of_its_own(api, producer):
    anonymous = await api.get(f"/db/{scopes.user_db(producer)}/profile")
    assert anonymous.status == 401


@pytest.mark.parametrize(
    "method, path",
    [
        ("GET", "/db/_all_dbs"),
        ("PUT", "/db/_config/admins/mallory"),
        ("GET", "/db/_users/_all_docs"),
        ("PUT", "/db/user_abcdef123456"),
        ("DELETE", "/db/directory"),
        ("GET", "/db/ops/_all_docs"),
        ("PUT", "/db/directory/_security"),
        ("PUT", "/db/directory/_design/nollycrew"),
    ],
)
async def test_server_and_admin_operations_are_refused(api, producer, method, path):
    answer = await api.request(method, path, headers=auth(producer), json={})
    assert answer.status == 403
    assert "not available" in (await answer.json())["reason"]


async def test_a_person_cannot_give_themselves_roles(api, producer, pouchdb_server):
    user_doc = f"/db/_users/org.couchdb.user:{producer}"
    answer = await api.put(user_doc, headers=auth(producer), json={"name": producer, "roles": ["_admin", "admin"]})
    assert answer.status == 403
    session = await api.get("/db/_session", headers=auth(producer))
    assert "admin" not in (await session.json())["userCtx"]["roles"]


async def test_a_non_member_is_refused_through_the_proxy_too(api, bus, producer):
    project_id = await project_of(bus, producer)
    stranger = await person(bus)
    answer = await api.get(f"/db/{scopes.office_db(project_id)}/_all_docs", headers=auth(stranger))
    assert answer.status in (401, 403)


async def test_responses_are_gzipped_for_devices_that_accept_it(api, producer):
    headers = {**auth(producer), "Accept-Encoding": "gzip"}
    answer = await api.get(f"/db/{scopes.user_db(producer)}/_all_docs?include_docs=true", headers=headers,
                           auto_decompress=False)
    assert answer.headers.get("Content-Encoding") == "gzip"
    body = json.loads(gzip.decompress(await answer.read()))
    assert any(row["id"] == "profile" for row in body["rows"])


async def test_a_continuous_changes_feed_streams_through(api, bus, producer):
    db = scopes.user_db(producer)
    feed = await api.get(f"/db/{db}/_changes?feed=continuous&since=now&heartbeat=1000",
                         headers={**auth(producer), "Accept-Encoding": "gzip"})
    assert feed.status == 200
    doc_id = f"membership:{uuid.uuid4().hex}"
    await bus.services.store.create(db, {"_id": doc_id, "type": "membership"})

    async def next_change():
        while True:
            line = (await feed.content.readline()).strip()
            if line:
                return json.loads(line)

    change = await asyncio.wait_for(next_change(), 10)
    assert change["id"] == doc_id
    feed.close()


async def test_the_database_being_away_is_a_clear_503(settings, monkeypatch, redis):
    from aiohttp.test_utils import TestClient, TestServer

    from config.embedded import free_port
    from web.app import create_app

    monkeypatch.setenv("NOLLYCREW_COUCH_URL", f"http://127.0.0.1:{free_port()}")
    from config.settings import Settings

    client = TestClient(TestServer(create_app(Settings())))
    await client.start_server()
    try:
        answer = await client.get("/db/directory/_all_docs")
        assert answer.status == 503
        assert "safe on your device" in (await answer.json())["reason"]
    finally:
        await client.close()


async def test_a_suspended_person_reads_only_their_own_database(api, bus, producer):
    from core.admin_commands import RestorePerson, SuspendPerson
    from core.commands import RegisterPerson
    from web.auth.suspension import SUSPENSION_CHECK_S

    project_id = await project_of(bus, producer)
    admin = await bus.handle(RegisterPerson("+2348039990099", "Platform Admin", ("admin",)))
    project_doc = f"/db/{scopes.project_db(project_id)}/project"
    assert (await api.get(project_doc, headers=auth(producer))).status == 200

    await bus.handle(SuspendPerson("suspension:1", admin, producer, "Reported twice for fake jobs"))
    await asyncio.sleep(SUSPENSION_CHECK_S + 0.1)  # the proxy's earlier answer stands that long

    refused = await api.get(project_doc, headers=auth(producer))
    assert refused.status == 403 and "suspended" in (await refused.json())["reason"]
    own = await api.get(f"/db/{scopes.user_db(producer)}/profile", headers=auth(producer))
    assert own.status == 200

    await bus.handle(RestorePerson("restore:1", admin, producer, "Cleared"))
    await asyncio.sleep(SUSPENSION_CHECK_S + 0.1)
    assert (await api.get(project_doc, headers=auth(producer))).status == 200
