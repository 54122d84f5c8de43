"""The inbound job: a message from a new number registers them, starts onboarding in their
language choice, keeps their place and language, writes the intents, and queues the reply with
its numbered choices."""
from contextlib import asynccontextmanager

from bots.channels.base import Incoming
from bots.conversation import ChatReads
from core import scopes
from tests.unit.delivery_fakes import MemoryRedis
from tests.unit.fakes import make_bus
from workers import context
from workers.inbound import handle_incoming

PHONE = "+2348031112222"


class StoreChatReads(ChatReads):
    """The engine's reads over the in-memory store (only what onboarding and STOP need)."""

    def __init__(self, store):
        self.store = store

    async def _get(self, db, doc_id):
        return await self.store.get(db, doc_id)

    async def profile(self, person_id):
        return await self._get(scopes.user_db(person_id), "profile") or {}

    async def chat_state(self, person_id):
        return await self._get(scopes.user_db(person_id), "chat_state")

    async def open_jobs(self, limit): return []
    async def job_by_code(self, code): return None
    async def matching_jobs(self, person_id, offset, limit): return [], 0
    async def bookings(self, person_id): return []
    async def applications(self, person_id): return []
    async def escrows(self, person_id): return []
    async def offers(self, person_id): return []
    async def audition_windows(self, project_id, casting_call_id): return None
    async def call_sheet(self, project_id, day): return None


def job_context(bus) -> context.JobContext:
    @asynccontextmanager
    async def session():
        yield context.Session(bus.services.store, bus, StoreChatReads(bus.services.store), bus.services.clock)

    return context.JobContext(session, lambda name: None, MemoryRedis(), "https://example.test/status")


async def test_a_new_number_is_onboarded_and_its_place_language_and_intents_are_kept():
    bus = make_bus()
    ctx, store = job_context(bus), bus.services.store

    first = await handle_incoming(ctx, Incoming("whatsapp", "SM1", PHONE, "Hello"))
    second = await handle_incoming(ctx, Incoming("whatsapp", "SM2", PHONE, "3"))
    stopped = await handle_incoming(ctx, Incoming("whatsapp", "SM3", PHONE, "Dúró"))

    person_db = scopes.user_db(_person(store))
    profile, state = await store.get(person_db, "profile"), await store.get(person_db, "chat_state")
    assert (first, second, stopped) == ("onboarding_language", "onboarding_role", "stopped")
    assert profile["chat_language"] == "yo"
    assert (state["flow"], state["state"]) == ("", "")
    assert [d["type"] for d in store.docs(person_db, "chat_opt_out:")] == ["chat_opt_out"]
    replies = bus.services.outbox.messages
    assert [m.template for m in replies] == ["onboarding_language", "onboarding_role", "stopped"]
    assert replies[0].params["choices"] == ["English", "Pidgin", "Yorùbá", "Igbo", "Hausa"]


async def test_the_same_message_twice_writes_one_intent_and_one_place():
    bus = make_bus()
    ctx, store = job_context(bus), bus.services.store
    await handle_incoming(ctx, Incoming("whatsapp", "SM1", PHONE, "Hello"))

    for _ in range(2):
        await handle_incoming(ctx, Incoming("whatsapp", "SM9", PHONE, "STOP"))

    person_db = scopes.user_db(_person(store))
    assert len(store.docs(person_db, "chat_opt_out:")) == 1
    assert store.generation(person_db, "chat_state") == 2  # made once, moved once by STOP, not again


def _person(store) -> str:
    return store.databases[scopes.OPS][f"phone:{PHONE}"]["person_id"]


async def test_a_message_repeated_to_an_auto_reply_is_answered_three_times_then_not_at_all():
    bus = make_bus()
    ctx = job_context(bus)
    for n in range(5):
        await handle_incoming(ctx, Incoming("whatsapp", f"SM{n}", PHONE, "Thanks for your message, I will reply soon."))

    replies = [m for m in bus.services.outbox.messages if m.message_id.startswith("reply.")]
    assert len(replies) == 3  # the fourth identical message in an hour flags the conversation


async def test_a_number_registered_before_the_mark_is_registered_once_more_then_known():
    bus = make_bus()
    ctx, store = job_context(bus), bus.services.store
    await handle_incoming(ctx, Incoming("whatsapp", "SM1", PHONE, "Hello"))
    await store.update(scopes.OPS, f"phone:{PHONE}", lambda doc: {k: v for k, v in doc.items() if k != "registered_at"})
    unmarked = store.generation(scopes.OPS, f"phone:{PHONE}")

    await handle_incoming(ctx, Incoming("whatsapp", "SM2", PHONE, "1"))
    marked = store.generation(scopes.OPS, f"phone:{PHONE}")
    await handle_incoming(ctx, Incoming("whatsapp", "SM3", PHONE, "MENU"))

    assert (await store.get(scopes.OPS, f"phone:{PHONE}"))["registered_at"]
    assert marked == unmarked + 1  # registering again marked it, and changed nothing else of it
    assert store.generation(scopes.OPS, f"phone:{PHONE}") == marked  # then known: no registration
    assert [len(store.docs(scopes.DIRECTORY, "person:")), _person(store)] == [1, store.docs(scopes.DIRECTORY, "person:")[0]["person_id"]]
