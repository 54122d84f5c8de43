"""The send job against the fake Twilio through the real twilio client, with CouchDB and Redis:
retries land in RQ's schedule, a WhatsApp failure reported by callback brings one SMS copy,
STOP opts the person out, a closed window takes the approved template."""
import asyncio
import json
import uuid
from contextlib import asynccontextmanager
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from aiohttp import web
from rq import Queue

from bots import inbound_guard
from bots.channels.twilio import THROTTLED_WAIT_S, TwilioChannel
from bots.twilio_webhook import StatusUpdate, parse_status_callback, verify_signature
from core import scopes
from core.commands import RegisterPerson
from core.ports import OutboundMessage
from sync.store import CouchStore
from tests.fakes.twilio_server import SMS_NUMBER, WHATSAPP_SANDBOX, FakeTwilio
from tests.unit.fakes import FixedClock
from workers import context, queues
from workers.messaging import _record_status, _send
from workers.outbox import RqOutbox

ACCOUNT_SID = "AC5e7f9a1b3c5d7e9f1a3b5c7d9e1f3a5b"
AUTH_TOKEN = "delivery-auth-token"
CONTENT_SID = "HX" + "4" * 32


def midday_tomorrow() -> datetime:
    """Outside quiet hours, and in the future, so RQ schedules the retries rather than running them."""
    lagos = datetime.now(timezone.utc).astimezone(ZoneInfo("Africa/Lagos")) + timedelta(days=1)
    return lagos.replace(hour=12, minute=0, second=0, microsecond=0)


class StatusInbox:
    """Our status webhook, reduced to checking the signature and keeping what came."""

    def __init__(self):
        self.updates: list[StatusUpdate] = []
        self.url = ""

    async def receive(self, request: web.Request) -> web.Response:
        form = await request.post()
        if not verify_signature(AUTH_TOKEN, str(request.url), form, request.headers.get("X-Twilio-Signature")):
            return web.Response(status=403)
        self.updates.append(parse_status_callback(form))
        return web.Response(status=204)


@pytest.fixture
async def fake():
    async with FakeTwilio(ACCOUNT_SID, AUTH_TOKEN) as fake:
        yield fake


@pytest.fixture
async def inbox():
    inbox = StatusInbox()
    app = web.Application()
    app.router.add_post("/status", inbox.receive)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    inbox.url = f"http://127.0.0.1:{runner.addresses[0][1]}/status"
    yield inbox
    await runner.cleanup()


class Office:
    def __init__(self, couch, bus, redis, fake: FakeTwilio, inbox: StatusInbox):
        self.store, self.bus, self.redis, self.fake = CouchStore(couch), bus, redis, fake
        self.clock = FixedClock(midday_tomorrow())
        twilio = {
            name: TwilioChannel(name, ACCOUNT_SID, AUTH_TOKEN, sender, api_base=fake.base_url)
            for name, sender in (("whatsapp", WHATSAPP_SANDBOX), ("sms", SMS_NUMBER))
        }
        self.ctx = context.JobContext(self._session, twilio.__getitem__, redis, inbox.url)
        self.inbox, self.reported = inbox, 0

    @asynccontextmanager
    async def _session(self):
        yield context.Session(self.store, self.bus, None, self.clock)

    async def person(self, phone: str, **profile) -> str:
        person_id = await self.bus.handle(RegisterPerson(phone, "Ngozi Test", ("crew",)))
        await self.store.update(scopes.user_db(person_id), "profile", lambda doc: {**doc, **profile})
        return person_id

    async def queue(self, person_id: str, key: str, template: str = "welcome") -> str:
        outbox = RqOutbox(self.store, Queue(queues.MESSAGES, connection=self.redis), self.clock)
        await outbox.queue(OutboundMessage(f"{template}.{key}", person_id, template))
        return f"message:{template}.{key}"

    async def send(self, doc_id: str) -> str:
        return await _send(self.ctx, doc_id)

    async def report(self, count: int) -> list[str]:
        """Wait for `count` callbacks more, and hand each to the status job, as the webhook would."""
        start, self.reported = self.reported, self.reported + count
        for _ in range(200):
            if len(self.inbox.updates) >= start + count:
                break
            await asyncio.sleep(0.05)
        updates = self.inbox.updates[start:start + count]
        assert len(updates) == count, f"{len(updates)} of {count} callbacks came"
        return [await _record_status(self.ctx, u.provider_id, u.status, u.error_code) for u in updates]

    async def record(self, doc_id: str) -> dict:
        return await self.store.get(scopes.OPS, doc_id)


@pytest.fixture
async def office(couch, bus, redis, fake, inbox):
    return Office(couch, bus, redis, fake, inbox)


def phone(n: int) -> str:
    """A fresh Nigerian mobile number: the databases outlive each test."""
    return "+23480" + str(uuid.uuid4().int)[:8]


async def test_a_whatsapp_number_with_no_account_gets_one_sms_copy(office, fake, redis):
    number = phone(1)
    fake.no_whatsapp.add(number)
    person_id = await office.person(number, channel="whatsapp")
    inbound_guard.note_inbound(redis, "whatsapp", number, office.clock.now())
    doc_id = await office.queue(person_id, "no-whatsapp")

    assert await office.send(doc_id) == "sent"
    assert await office.report(1) == ["failed"]
    queued_ids = Queue(queues.MESSAGES, connection=redis).get_job_ids()
    assert queues.job_id("send", f"{doc_id}#fallback") in queued_ids
    assert await office.send(doc_id) == "sent"
    assert await office.report(2) == ["sent", "delivered"]

    record = await office.record(doc_id)
    assert [m["to"] for m in fake.messages] == [f"whatsapp:{number}", number]
    assert [e["state"] for e in record["history"]] == ["queued", "sent", "failed", "fallback", "sent", "delivered"]
    assert record["history"][2]["code"] == 63003 and record["channel"] == "sms"


async def test_a_burst_of_server_errors_is_tried_again_at_the_scheduled_time(office, fake, redis):
    number = phone(2)
    fake.fail_next = 1
    person_id = await office.person(number, channel="sms")
    doc_id = await office.queue(person_id, "burst")

    assert await office.send(doc_id) == "queued"

    registry = Queue(queues.MESSAGES, connection=redis).scheduled_job_registry
    [job_id] = registry.get_job_ids()
    assert job_id == queues.job_id("send", f"{doc_id}#sms:2")
    wait = registry.get_scheduled_time(job_id) - office.clock.now()
    first_wait_s = queues.SEND_TRY_WAITS_S[0]
    assert abs(wait.total_seconds() - first_wait_s) <= first_wait_s * queues.SEND_JITTER_FRACTION + 1
    assert await office.send(doc_id) == "sent"
    assert [e.get("code") for e in (await office.record(doc_id))["history"] if e["state"] == "retrying"] == [20500]


async def test_a_stopped_number_opts_the_person_out_of_every_channel(office, fake, redis):
    number = phone(3)
    fake.opted_out.add(number)
    person_id = await office.person(number, channel="sms")

    assert await office.send(await office.queue(person_id, "stopped")) == "failed"

    profile = await office.store.get(scopes.user_db(person_id), "profile")
    assert profile["opted_out"] is True
    await office.store.update(scopes.user_db(person_id), "profile", lambda doc: {**doc, "channel": "whatsapp"})
    assert await office.send(await office.queue(person_id, "after-stop", "help")) == "failed"
    assert len(fake.messages) == 0


async def test_outside_the_window_the_approved_template_goes_and_duplicate_callbacks_count_once(office, fake):
    number = phone(4)
    fake.outside_window.add(number)
    fake.duplicate_callbacks = True
    office.ctx.whatsapp_content_sids = {"welcome": {"en": CONTENT_SID}}
    person_id = await office.person(number, channel="whatsapp")
    doc_id = await office.queue(person_id, "template")

    assert await office.send(doc_id) == "sent"
    assert await office.report(4) == ["sent", "sent", "delivered", "delivered"]

    [sent] = fake.messages
    assert (sent["content_sid"], json.loads(sent["content_variables"])) == (CONTENT_SID, {})
    assert [e["state"] for e in (await office.record(doc_id))["history"]] == ["queued", "sent", "delivered"]


async def test_free_text_refused_outside_the_window_falls_back_and_forgets_the_window(office, fake, redis):
    number = phone(5)
    fake.outside_window.add(number)  # our record says the window is open; WhatsApp knows better
    inbound_guard.note_inbound(redis, "whatsapp", number, office.clock.now() - timedelta(hours=2))
    person_id = await office.person(number, channel="whatsapp")
    doc_id = await office.queue(person_id, "window")

    await office.send(doc_id)
    assert await office.report(1) == ["failed"]
    assert inbound_guard.last_inbound(redis, number, "whatsapp") is None
    assert await office.send(doc_id) == "sent"

    record = await office.record(doc_id)
    assert [m["to"] for m in fake.messages] == [f"whatsapp:{number}", number]
    assert record["history"][2]["code"] == 63016


@pytest.mark.parametrize("code", [30003, 30005, 21610])
async def test_a_failure_twilio_reports_later_is_kept_with_its_code(office, fake, redis, code):
    number = phone(6)
    fake.failing[number] = code
    person_id = await office.person(number, channel="sms")
    doc_id = await office.queue(person_id, f"failing-{code}")

    await office.send(doc_id)
    assert await office.report(1) == ["failed"]

    record = await office.record(doc_id)
    assert (record["history"][-1]["code"], record.get("fallback")) == (code, None)
    profile = await office.store.get(scopes.user_db(person_id), "profile")
    assert bool(profile.get("opted_out")) == (code == 21610)


async def test_a_429_burst_waits_at_least_what_twilio_asks_then_sends(office, fake, redis):
    number = phone(7)
    fake.throttle_next = 1
    person_id = await office.person(number, channel="sms")
    doc_id = await office.queue(person_id, "throttled")

    assert await office.send(doc_id) == "queued"

    registry = Queue(queues.MESSAGES, connection=redis).scheduled_job_registry
    [job_id] = registry.get_job_ids()
    assert (registry.get_scheduled_time(job_id) - office.clock.now()).total_seconds() >= THROTTLED_WAIT_S
    assert await office.send(doc_id) == "sent" and len(fake.messages) == 1


async def test_a_whatsapp_message_read_ends_read(office, fake, redis):
    number = phone(8)
    fake.read_receipts = True
    person_id = await office.person(number, channel="whatsapp")
    inbound_guard.note_inbound(redis, "whatsapp", number, office.clock.now())
    doc_id = await office.queue(person_id, "read")

    await office.send(doc_id)

    assert await office.report(3) == ["sent", "delivered", "read"]
    assert [e["state"] for e in (await office.record(doc_id))["history"]] == ["queued", "sent", "delivered", "read"]


async def test_a_message_queued_at_night_is_scheduled_for_seven_in_the_morning(office, fake, redis):
    office.clock.at = office.clock.now().replace(hour=23)
    person_id = await office.person(phone(9), channel="sms")
    doc_id = await office.queue(person_id, "night")

    assert await office.send(doc_id) == "deferred"

    registry = Queue(queues.MESSAGES, connection=redis).scheduled_job_registry
    [job_id] = registry.get_job_ids()
    seven = (office.clock.now() + timedelta(days=1)).replace(hour=7)
    assert registry.get_scheduled_time(job_id) == seven.astimezone(timezone.utc)
    assert fake.messages == []
