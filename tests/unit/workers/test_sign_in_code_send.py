"""Sign-in codes: the message record keeps no code, and a number with no WhatsApp gets an SMS."""
from contextlib import asynccontextmanager

import pytest

from bots import inbound_guard
from bots.channels.base import BadRecipient, Channel, Outgoing, Sent
from core import scopes
from core.ports import OutboundMessage
from tests.unit.delivery_fakes import MemoryRedis
from tests.unit.fakes import FixedClock, MemoryStore
from workers import context
from workers.messaging import _send
from workers.outbox import RqOutbox

PHONE = "+2348031110001"


class RecordingChannel(Channel):
    def __init__(self, name: str, refuse: bool = False):
        self.name, self.refuse, self.sent = name, refuse, []

    def send(self, message: Outgoing) -> Sent:
        if self.refuse:
            raise BadRecipient("Twilio could not find a Channel with the specified From address", 63003)
        self.sent.append(message)
        return Sent(provider_id=f"SM{len(self.sent)}", status="queued")


class NoQueue:
    def enqueue(self, *args, **kwargs):
        pass


def job_context(store: MemoryStore, channels: dict[str, Channel], redis: MemoryRedis | None = None) -> context.JobContext:
    @asynccontextmanager
    async def open_session():
        yield context.Session(store, None, None, FixedClock())

    return context.JobContext(open_session, lambda name: channels[name], redis or MemoryRedis(), "https://example.test/status")


def wrote_on_whatsapp(phone: str = PHONE) -> MemoryRedis:
    """A Redis that remembers the person wrote on WhatsApp just now: the 24-hour window is open."""
    redis = MemoryRedis()
    inbound_guard.note_inbound(redis, "whatsapp", phone, FixedClock().now())
    return redis


async def queued_code(store: MemoryStore, person_id: str = "", to: str = PHONE) -> str:
    outbox = RqOutbox(store, NoQueue(), FixedClock())
    message = OutboundMessage("sign_in_code:abc", person_id, "sign_in_code", {"code": "123456", "minutes": 10},
                              sensitive=True, to=to)
    await outbox.queue(message)
    return "message:sign_in_code:abc"


@pytest.fixture
def store() -> MemoryStore:
    return MemoryStore()


async def test_a_sign_up_code_goes_to_the_number_and_the_record_forgets_it(store):
    whatsapp = RecordingChannel("whatsapp")
    doc_id = await queued_code(store)

    assert await _send(job_context(store, {"whatsapp": whatsapp}, wrote_on_whatsapp()), doc_id) == "sent"

    assert whatsapp.sent[0].to == PHONE and "123456" in whatsapp.sent[0].text
    record = await store.get(scopes.OPS, doc_id)
    assert "123456" not in str(record)
    assert record["params"] == {} and "text" not in record and record["channel"] == "whatsapp"


async def test_a_number_without_whatsapp_gets_the_code_by_sms_once(store):
    whatsapp, sms = RecordingChannel("whatsapp", refuse=True), RecordingChannel("sms")
    doc_id = await queued_code(store)

    assert await _send(job_context(store, {"whatsapp": whatsapp, "sms": sms}), doc_id) == "sent"

    assert len(sms.sent) == 1 and "123456" in sms.sent[0].text
    record = await store.get(scopes.OPS, doc_id)
    assert record["channel"] == "sms" and "123456" not in str(record)


async def test_when_sms_fails_too_the_code_is_failed_and_forgotten(store):
    refusing = {"whatsapp": RecordingChannel("whatsapp", refuse=True), "sms": RecordingChannel("sms", refuse=True)}
    doc_id = await queued_code(store)

    assert await _send(job_context(store, refusing), doc_id) == "failed"
    assert (await store.get(scopes.OPS, doc_id))["params"] == {}


async def test_ordinary_messages_fall_back_to_sms_too(store):
    whatsapp, sms = RecordingChannel("whatsapp", refuse=True), RecordingChannel("sms")
    person_id = "abcdef123456"
    await store.create(scopes.user_db(person_id), {"_id": "profile", "type": "profile", "phone": PHONE})
    await RqOutbox(store, NoQueue(), FixedClock()).queue(OutboundMessage("welcome.1", person_id, "welcome"))

    channels = {"whatsapp": whatsapp, "sms": sms}
    assert await _send(job_context(store, channels, wrote_on_whatsapp()), "message:welcome.1") == "sent"
    assert len(sms.sent) == 1
    record = await store.get(scopes.OPS, "message:welcome.1")
    assert record["channel"] == "sms" and [e["state"] for e in record["history"]] == ["queued", "failed", "fallback", "sent"]
