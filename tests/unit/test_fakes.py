"""The fakes behave like the CouchDB adapters where a handler could tell the difference."""
import asyncio

import pytest

from core.ports import OutboundMessage
from tests.unit.fakes import FixedClock, MemoryOutbox, MemorySpaces, MemoryStore


async def test_create_keeps_the_first_document_of_an_id():
    store = MemoryStore()
    first = await store.create("directory", {"_id": "a", "value": 1})

    again = await store.create("directory", {"_id": "a", "value": 2})

    assert again == first and again["value"] == 1 and again["_rev"].startswith("1-")


async def test_a_copy_from_another_database_starts_its_own_revisions():
    """As sync/store.py does: the _rev a copy brings from its first database means nothing here."""
    store = MemoryStore()
    await store.create("office_abcdef123456", {"_id": "a", "type": "application"})
    hired = await store.update("office_abcdef123456", "a", lambda doc: {**doc, "status": "hired"})

    copy = await store.create("user_abcdef123456", hired)

    assert hired["_rev"].startswith("2-")
    assert (copy["status"], copy["_rev"].startswith("1-")) == ("hired", True)


async def test_update_applies_the_change_and_none_leaves_the_document():
    store = MemoryStore()
    await store.create("ops", {"_id": "a", "value": 1})

    changed = await store.update("ops", "a", lambda doc: {**doc, "value": 2})
    unchanged = await store.update("ops", "a", lambda doc: None)

    assert changed == unchanged and changed["value"] == 2
    assert store.generation("ops", "a") == 2


async def test_concurrent_updates_conflict_and_are_applied_again():
    store = MemoryStore()
    await store.create("directory", {"_id": "job", "hired": []})

    def hire(person: str):
        return lambda job: {**job, "hired": [*job["hired"], person]}

    await asyncio.gather(store.update("directory", "job", hire("a")), store.update("directory", "job", hire("b")))

    assert sorted((await store.get("directory", "job"))["hired"]) == ["a", "b"]
    assert store.conflicts["directory"] >= 1


async def test_an_update_from_a_stale_copy_is_applied_to_the_stored_document():
    store = MemoryStore()
    stale = await store.create("ops", {"_id": "a", "value": 1})
    await store.update("ops", "a", lambda doc: {**doc, "value": 2})

    updated = await store.update("ops", "a", lambda doc: {**doc, "seen": doc["value"]}, current=stale)

    assert (updated["value"], updated["seen"], store.conflicts["ops"]) == (2, 2, 1)


async def test_updating_a_missing_document_raises_lookup_error():
    with pytest.raises(LookupError):
        await MemoryStore().update("ops", "missing", lambda doc: doc)


async def test_documents_read_are_copies():
    store = MemoryStore()
    await store.create("ops", {"_id": "a", "items": [1]})

    (await store.get("ops", "a"))["items"].append(2)

    assert (await store.get("ops", "a"))["items"] == [1]


async def test_granting_roles_needs_an_account():
    spaces = MemorySpaces()

    with pytest.raises(LookupError):
        await spaces.grant_roles("abcdef123456", ["project_x:member"])


async def test_the_outbox_keeps_one_message_per_id():
    outbox = MemoryOutbox()

    await outbox.queue(OutboundMessage("m1", "abcdef123456", "welcome"))
    await outbox.queue(OutboundMessage("m1", "abcdef123456", "help"))

    assert [message.template for message in outbox.messages] == ["welcome"]
    assert outbox.attempts == 2


def test_the_clock_refuses_a_naive_time():
    from datetime import datetime

    with pytest.raises(ValueError):
        FixedClock(datetime(2026, 12, 1, 6, 30))
