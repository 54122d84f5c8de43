"""Export and erasure of a person's data against PouchDB Server: what CouchDB really holds."""
import uuid

import aiohttp
import pytest

from core import scopes
from core.admin_commands import ReportContent
from core.commands import RegisterPerson
from core.audit import audit_entry
from sync.audited_bus import AuditedBus
from sync.figures_reads import docs_with_prefix
from sync.personal_data import TOMBSTONE_NAME, CouchPersonalData
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER

KEY = b"test-pseudonym-key"
REEL = "https://media.nollycrew.test/reels/chidi.mp4"

@pytest.fixture
async def people(bus):
    phone = "+23480" + str(uuid.uuid4().int)[:8]
    audited = AuditedBus(bus)
    chidi = await audited.handle(RegisterPerson(phone, "Chidi Okafor", ("crew",)), channel="chat")
    aisha = await bus.handle(RegisterPerson("+23480" + str(uuid.uuid4().int)[:8], "Aisha Bello", ("actor",)))
    store = bus.services.store
    await store.create(scopes.user_db(chidi), {"_id": "note:1", "type": "note", "text": f"My reel: {REEL}"})
    # The moderation commands are not in the registry yet: an entry naming Chidi, written as the bus would.
    entry = audit_entry(ReportContent("content_report:1", chidi, "person", aisha, "Rude on set"), "r1",
                        bus.services.clock.now(), "app")
    await store.create(scopes.OPS, {"_id": f"report:{uuid.uuid4().hex[:20]}", "type": "report", "reporter_id": chidi,
                                    "target_kind": "person", "target_id": aisha, "status": "open"})
    await store.create(scopes.OPS, {"_id": f"audit:{entry['at']}:{uuid.uuid4().hex}", **entry})
    return {"chidi": chidi, "aisha": aisha, "phone": phone}

async def test_the_export_holds_what_is_kept_about_the_person(couch, people):
    export = await CouchPersonalData(couch, KEY).export(people["chidi"])
    ids = {doc["_id"] for doc in export["own_database"]}
    assert {"profile", "note:1"} <= ids
    assert export["directory_card"]["name"] == "Chidi Okafor"
    assert {entry["command"] for entry in export["audit_entries"]} == {"RegisterPerson", "ReportContent"}
    assert export["media_links"] == [REEL]

async def test_erasure_leaves_a_tombstone_and_a_pseudonymous_log(couch, bus, pouchdb_server, people):
    chidi, store = people["chidi"], bus.services.store
    data = CouchPersonalData(couch, KEY)
    assert await store.get(scopes.OPS, f"phone:{people['phone']}") is not None
    await data.erase(chidi)

    assert scopes.user_db(chidi) not in await couch.database_names()
    assert await store.get(scopes.OPS, f"phone:{people['phone']}") is None
    card = await store.get(scopes.DIRECTORY, f"person:{chidi}")
    assert {key: value for key, value in card.items() if key not in ("_id", "_rev")} == {
        "type": "person", "person_id": chidi, "name": TOMBSTONE_NAME, "erased": True,
    }
    async with aiohttp.ClientSession(auth=aiohttp.BasicAuth(ADMIN_USER, ADMIN_PASSWORD)) as http:
        async with http.get(f"{pouchdb_server.url}/_users/org.couchdb.user:{chidi}") as response:
            assert response.status == 404
    log = await docs_with_prefix(couch, scopes.OPS, "audit:")
    entries = [entry for entry in log if data.pseudonym(chidi) in entry.get("people", [])]
    assert {entry["command"] for entry in entries} == {"RegisterPerson", "ReportContent"}
    assert all(chidi not in str(entry) and "Rude" not in str(entry) for entry in entries)

    reports = await docs_with_prefix(couch, scopes.OPS, "report:")
    assert not [report for report in reports if report.get("reporter_id") == chidi]
    assert [report for report in reports if report.get("reporter_id") == data.pseudonym(chidi)]

    await data.erase(chidi)  # a retry finds nothing left to do and fails on nothing

