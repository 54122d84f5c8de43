"""What the messaging tests share: channels that answer from a script, a recording scheduler,
and a job context over the in-memory store and Redis."""
from contextlib import asynccontextmanager
from datetime import datetime

from bots import inbound_guard
from bots.channels.base import Channel, Outgoing, Sent
from core import scopes
from core.ports import OutboundMessage
from tests.unit.delivery_fakes import MemoryRedis
from tests.unit.fakes import FixedClock, MemoryStore
from workers import context
from workers.messaging import _record_status, _send
from workers.outbox import RqOutbox

PERSON_ID = "abcdef123456"
PHONE = "+2348031110002"
CHAT_ID = "777000111"
STATUS_URL = "https://example.test/webhooks/twilio/status"


class ScriptedChannel(Channel):
    """Answers each send with the next scripted answer (an exception is raised); then accepts."""

    def __init__(self, name: str, *answers: Exception):
        self.name, self.answers, self.sent = name, list(answers), []

    def send(self, message: Outgoing) -> Sent:
        self.sent.append(message)
        if self.answers:
            raise self.answers.pop(0)
        return Sent(provider_id=f"{self.name}-{len(self.sent)}", status="queued")


class RecordingLater:
    def __init__(self):
        self.runs: list[tuple[datetime | None, str]] = []

    async def __call__(self, at: datetime | None, key: str) -> None:
        self.runs.append((at, key))


class NoQueue:
    def enqueue(self, *args, **kwargs):
        pass


class Post:
    """One person, their channels, and the send job run by hand at the clock's time."""

    def __init__(self, now: datetime | None = None, **channels: Channel):
        self.store, self.redis, self.later = MemoryStore(), MemoryRedis(), RecordingLater()
        self.clock = FixedClock(now) if now else FixedClock()
        self.channels = {"whatsapp": ScriptedChannel("whatsapp"), "sms": ScriptedChannel("sms"), **channels}
        self.ctx = context.JobContext(self._session, self.channels.__getitem__, self.redis, STATUS_URL)
        self._count = 0

    @asynccontextmanager
    async def _session(self):
        yield context.Session(self.store, None, None, self.clock)

    async def person(self, **profile) -> None:
        await self.store.create(
            scopes.user_db(PERSON_ID), {"_id": "profile", "type": "profile", "phone": PHONE, **profile}
        )

    def wrote(self, channel: str, at: datetime | None = None) -> None:
        inbound_guard.note_inbound(self.redis, channel, PHONE, at or self.clock.now())

    async def queue(self, template: str = "welcome", params: dict | None = None, message_id: str = "", **fields) -> str:
        self._count += 1
        message = OutboundMessage(message_id or f"{template}.{self._count}", PERSON_ID, template, params or {})
        await RqOutbox(self.store, NoQueue(), self.clock).queue(message)
        doc_id = f"message:{message.message_id}"
        if fields:  # what OutboundMessage cannot say yet (urgent) or a sign-in code's shape
            await self.store.update(scopes.OPS, doc_id, lambda doc: {**doc, **fields})
        return doc_id

    async def send(self, doc_id: str) -> str:
        return await _send(self.ctx, doc_id, self.later)

    async def status(self, provider_id: str, status: str, code: int | None = None) -> str:
        return await _record_status(self.ctx, provider_id, status, code, self.later)

    async def record(self, doc_id: str) -> dict:
        return await self.store.get(scopes.OPS, doc_id)

    async def profile(self) -> dict:
        return await self.store.get(scopes.user_db(PERSON_ID), "profile")


def states(record: dict) -> list[str]:
    return [entry["state"] for entry in record["history"]]
