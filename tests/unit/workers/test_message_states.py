"""A message's state only moves forward; every callback is kept in its history once."""
import pytest

from core import scopes
from tests.unit.fakes import MemoryStore
from workers.messaging import STATE_RANK, _advance

MESSAGE_ID = "message:booking_made.0123456789abcdef0123"


@pytest.fixture
async def store() -> MemoryStore:
    store = MemoryStore()
    await store.create(scopes.OPS, {
        "_id": MESSAGE_ID, "type": "message", "person_id": "abcdef123456", "template": "booking_made",
        "params": {}, "state": "queued", "history": [{"state": "queued", "at": "2026-11-20T08:00:00+00:00"}],
    })
    return store


async def _message(store: MemoryStore) -> dict:
    return await store.get(scopes.OPS, MESSAGE_ID)


def _states(message: dict) -> list[str]:
    return [entry["state"] for entry in message["history"]]


async def test_a_message_moves_through_its_states(store):
    assert await _advance(store, MESSAGE_ID, "sent", provider_id="SM1", channel="whatsapp", text="Hi") == "sent"
    assert await _advance(store, MESSAGE_ID, "delivered") == "delivered"
    assert await _advance(store, MESSAGE_ID, "read") == "read"

    message = await _message(store)
    assert _states(message) == ["queued", "sent", "delivered", "read"]
    assert (message["provider_id"], message["channel"], message["text"]) == ("SM1", "whatsapp", "Hi")


async def test_a_late_sent_after_delivered_keeps_delivered_but_is_recorded(store):
    await _advance(store, MESSAGE_ID, "delivered")

    assert await _advance(store, MESSAGE_ID, "sent", provider_id="SM1") == "delivered"

    message = await _message(store)
    assert message["state"] == "delivered"
    assert _states(message) == ["queued", "delivered", "sent"]


async def test_the_same_status_twice_is_recorded_once(store):
    await _advance(store, MESSAGE_ID, "delivered")
    generation = store.generation(scopes.OPS, MESSAGE_ID)

    assert await _advance(store, MESSAGE_ID, "delivered") == "delivered"

    assert _states(await _message(store)) == ["queued", "delivered"]
    assert store.generation(scopes.OPS, MESSAGE_ID) == generation


async def test_a_failure_is_kept_with_its_code(store):
    await _advance(store, MESSAGE_ID, "sent", provider_id="SM1")

    assert await _advance(store, MESSAGE_ID, "failed", reason="blocked", code=21610) == "failed"

    last = (await _message(store))["history"][-1]
    assert (last["state"], last["reason"], last["code"]) == ("failed", "blocked", 21610)


async def test_a_late_delivered_after_read_keeps_read(store):
    await _advance(store, MESSAGE_ID, "read")

    assert await _advance(store, MESSAGE_ID, "delivered") == "read"


def test_the_ranking_puts_later_states_higher():
    ranks = [STATE_RANK[state] for state in ("queued", "sent", "delivered", "read")]

    assert ranks == sorted(ranks) and len(set(ranks)) == 4
    assert STATE_RANK["failed"] > STATE_RANK["read"]
