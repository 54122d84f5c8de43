"""Who may read and write what, straight against PouchDB Server (what CouchDB enforces)."""
import uuid
from datetime import datetime, timezone

import aiohttp
import pytest

from core import scopes
from tests.integration.people import auth, person, project_of


@pytest.fixture
async def http():
    async with aiohttp.ClientSession() as session:
        yield session


async def status_of(http, method, url, headers, json=None) -> tuple[int, object]:
    async with http.request(method, url, headers=headers, json=json) as response:
        return response.status, await response.json(content_type=None)


@pytest.fixture
async def people(bus):
    producer = await person(bus, "producer")
    project_id = await project_of(bus, producer)
    return {"producer": producer, "crew": await person(bus), "stranger": await person(bus), "project": project_id}


@pytest.mark.parametrize("db_of", ["project", "office", "other_person"])
async def test_a_non_member_cannot_read_or_replicate(pouchdb_server, http, people, db_of):
    db = {
        "project": scopes.project_db(people["project"]),
        "office": scopes.office_db(people["project"]),
        "other_person": scopes.user_db(people["crew"]),
    }[db_of]
    stranger = auth(people["stranger"])
    for path in ("project", "_all_docs", "_changes?since=0", "_changes?feed=normal&style=all_docs"):
        status, _ = await status_of(http, "GET", f"{pouchdb_server.url}/{db}/{path}", stranger)
        assert status in (401, 403), (db, path, status)


async def test_members_read_what_is_theirs(pouchdb_server, http, people):
    producer = auth(people["producer"])
    for db in (scopes.project_db(people["project"]), scopes.office_db(people["project"])):
        status, body = await status_of(http, "GET", f"{pouchdb_server.url}/{db}/project", producer)
        assert status == 200 and body["title"] == "Test film"


def booking(author: str) -> dict:
    return {
        "_id": f"booking:{uuid.uuid4().hex}", "type": "booking", "author": author, "status": "confirmed",
        "created_at": datetime.now(timezone.utc).isoformat(),
    }


@pytest.mark.parametrize("how", ["put", "bulk", "replication"])
async def test_crew_cannot_write_a_booking_in_their_own_database(pouchdb_server, http, people, how):
    crew = people["crew"]
    url = f"{pouchdb_server.url}/{scopes.user_db(crew)}"
    doc = booking(crew)
    if how == "put":
        status, body = await status_of(http, "PUT", f"{url}/{doc['_id']}", auth(crew), doc)
        assert status == 403 and "booking" in body["reason"]
    else:
        if how == "replication":  # what a replicating device sends: its own revision history
            doc.update(_rev="1-" + "a" * 32, _revisions={"start": 1, "ids": ["a" * 32]})
        payload = {"docs": [doc], **({"new_edits": False} if how == "replication" else {})}
        status, body = await status_of(http, "POST", f"{url}/_bulk_docs", auth(crew), payload)
        assert body[0]["error"] == "forbidden", body
    status, _ = await status_of(http, "GET", f"{url}/{doc['_id']}", auth(crew))
    assert status == 404


async def test_crew_cannot_write_core_documents_in_the_project_or_directory(pouchdb_server, http, bus, people):
    await bus.services.spaces.grant_roles(people["crew"], [scopes.member_role(people["project"])])
    crew = auth(people["crew"])
    for db in (scopes.project_db(people["project"]), scopes.DIRECTORY):
        doc = booking(people["crew"])
        status, body = await status_of(http, "PUT", f"{pouchdb_server.url}/{db}/{doc['_id']}", crew, doc)
        assert status == 403, (db, status, body)


async def test_an_intent_cannot_be_changed_or_given_an_outcome_by_its_author(pouchdb_server, http, people):
    crew = people["crew"]
    url = f"{pouchdb_server.url}/{scopes.user_db(crew)}"
    intent = {
        "_id": f"check_in:{uuid.uuid4().hex}", "type": "check_in", "author": crew,
        "created_at": datetime.now(timezone.utc).isoformat(), "booking_id": "x", "method": "set_code",
    }
    forged = {**intent, "_id": f"check_in:{uuid.uuid4().hex}", "outcome": {"status": "accepted"}}
    status, body = await status_of(http, "PUT", f"{url}/{forged['_id']}", auth(crew), forged)
    assert status == 403 and "outcome" in body["reason"]
    status, created = await status_of(http, "PUT", f"{url}/{intent['_id']}", auth(crew), intent)
    assert status == 201
    edited = {**intent, "_rev": created["rev"], "booking_id": "someone-elses"}
    status, body = await status_of(http, "PUT", f"{url}/{intent['_id']}", auth(crew), edited)
    assert status == 403 and "cannot be changed" in body["reason"]


async def test_an_intent_in_someone_elses_name_is_refused(pouchdb_server, http, people):
    crew = people["crew"]
    doc = {
        "_id": f"check_in:{uuid.uuid4().hex}", "type": "check_in", "author": people["stranger"],
        "created_at": datetime.now(timezone.utc).isoformat(),
    }
    url = f"{pouchdb_server.url}/{scopes.user_db(crew)}/{doc['_id']}"
    status, body = await status_of(http, "PUT", url, auth(crew), doc)
    assert status == 403 and "author" in body["reason"]


async def test_a_project_role_taken_back_closes_the_office_to_that_person(pouchdb_server, http, bus, people):
    from core.commands import GrantProjectRole, RevokeProjectRole

    crew, project_id = people["crew"], people["project"]
    office_url = f"{pouchdb_server.url}/{scopes.office_db(project_id)}/project"
    await bus.handle(GrantProjectRole("project_role_grant:ad", project_id, people["producer"], crew, "first_ad"))
    status, body = await status_of(http, "GET", office_url, auth(crew))
    assert status == 200 and body["title"] == "Test film"

    await bus.handle(RevokeProjectRole("project_role_revoke:ad", project_id, people["producer"], crew, "first_ad"))

    status, _ = await status_of(http, "GET", office_url, auth(crew))
    assert status in (401, 403)
