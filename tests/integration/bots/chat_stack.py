"""The chat stack in one process, for the flow tests: our web app on a loopback port (Twilio and
Telegram webhooks, signatures and secret checked), the fake Twilio and fake Telegram Bot API
answering the real `twilio` and `python-telegram-bot` clients, PouchDB Server and Redis.

`await stack.say(person, "JOBS")` delivers one message as the provider would, then runs what
a worker would: every job on the messages queue (inbound, send, status), and the feed's intent
rule on the intents the chat wrote, until nothing is left; it returns the texts the fakes were
asked to deliver to that person meanwhile. A job that raises is kept in `stack.failures` with
its traceback, as RQ's failed registry would keep it, and `say` fails the test at once.
"""
import asyncio
import dataclasses
import random
import traceback
import unicodedata
import uuid
from contextlib import asynccontextmanager
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from aiohttp.test_utils import TestServer
from rq import Queue
from rq.job import Job

from bots import replies
from config import bootstrap
from config.embedded import free_port
from core import scopes
from core.commands import CreateProject, Hire, PostJob, RegisterPerson
from core.escrow_commands import RequestDeposit
from core.money import Money
from core.casting_commands import PostCastingCall
from core.offer_commands import MakeOffer, Shortlist
from sync.rules import IntentRule
from tests.conftest import TWILIO_SID, TWILIO_TOKEN
from tests.fakes.telegram_server import FakeTelegram, contact_update, text_update
from tests.fakes.twilio_server import FakeTwilio, deliver_inbound
from tests.integration.bots.telegram_stack import SECRET, TOKEN, MiddayInLagos
from web.app import create_app
from workers import context, queues

LAGOS = ZoneInfo("Africa/Lagos")
SET_CODE = "4821"
# The set of the day's call sheet, and a phone standing at its gate (about 60 m off).
SET_PIN = (6.4281, 3.4219)
AT_THE_GATE = (6.4286, 3.4221)
VOICE_NOTE = ("https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1", "audio/ogg")
DEPOSIT = Money(13_500_000, "NGN")  # a three-day booking at ₦45,000 a day
MAX_DRAIN_ROUNDS = 30  # a turn that still queues work after this many rounds is looping


@dataclasses.dataclass
class Person:
    """Someone writing in: their number, the channel they use, their Telegram user when they do."""

    phone: str
    channel: str  # whatsapp, sms or telegram
    telegram_user: int | None = None

    @classmethod
    def new(cls, channel: str) -> "Person":
        # The databases outlive each test: every person a number (and Telegram id) of their own.
        phone = "+234803" + str(uuid.uuid4().int)[:7]
        return cls(phone, channel, random.randrange(10**8, 10**9) if channel == "telegram" else None)


def lagos_today() -> date:
    return MiddayInLagos().now().astimezone(LAGOS).date()


class ChatStack:
    def __init__(self, settings, couch, redis, bus, twilio: FakeTwilio, telegram: FakeTelegram, api_url: str):
        self.settings, self.couch, self.redis, self.bus = settings, couch, redis, bus
        self.twilio, self.telegram, self.api_url = twilio, telegram, api_url
        self.store = bus.services.store
        self.rule = IntentRule(bus)
        self.people: set[str] = set()  # ids of everyone who wrote in: their databases hold the intents
        self.failures: list[str] = []
        self.ran: list[tuple[str, object]] = []
        self.context = self._job_context()

    def _job_context(self) -> context.JobContext:
        """As `nollycrew worker` installs it, with a clock outside quiet hours. No status callbacks:
        each costs a webhook and a job, and only the delivery tests ask for them."""
        clock = MiddayInLagos()

        @asynccontextmanager
        async def session():
            async with bootstrap.session(self.settings, self.redis) as opened:
                yield dataclasses.replace(opened, clock=clock)

        return context.JobContext(session, bootstrap.channels(self.settings, self.redis), self.redis, "",
                                  public_url=self.settings.public_url)

    def want_status_callbacks(self) -> None:
        self.context = dataclasses.replace(self.context, status_callback_url=self.api_url + "/webhooks/twilio/status")
        context.install(self.context)

    # --- talking -----------------------------------------------------------------------------------
    async def say(self, person: Person, text: str = "", *, media: tuple[tuple[str, str], ...] = (),
                  position: tuple[float, float] | None = None, contact: bool = False,
                  feed_first: bool = False) -> list[str]:
        """Deliver one message from `person`; every text delivered to them while it was handled.
        `feed_first`: the feed decides the chat's intents before the reply's send job runs (the
        two race in production: a worker and the feed both wake on the same inbound job)."""
        before = len(self.texts_to(person))
        status = await self.deliver(person, text, media=media, position=position, contact=contact)
        assert status == 200, f"our webhook answered {status} to {text!r}"
        if feed_first:
            await self._run_queued(only=("handle_inbound", "handle_telegram_update"))
            await self._run_intent_rule()
        await self.drain()
        return self.texts_to(person)[before:]

    async def deliver(self, person: Person, text: str, *, media=(), position=None, contact=False) -> int:
        if person.channel == "telegram":
            return await self.telegram.deliver(self._update(person, text, media, position, contact),
                                               url=self.api_url + "/webhooks/telegram", secret=SECRET)
        extra: dict[str, str] = {"NumMedia": str(len(media))}
        for n, (url, content_type) in enumerate(media):
            extra |= {f"MediaUrl{n}": url, f"MediaContentType{n}": content_type}
        if media and person.channel == "whatsapp":
            extra["MessageType"] = "audio" if media[0][1].startswith("audio/") else "image"
        if position is not None:  # WhatsApp's location share: form fields, an empty Body
            extra |= {"Latitude": str(position[0]), "Longitude": str(position[1]), "MessageType": "location",
                      "Address": "Admiralty Way, Lekki", "Label": "Set"}
        sender = f"whatsapp:{person.phone}" if person.channel == "whatsapp" else person.phone
        return await deliver_inbound(f"{self.api_url}/webhooks/twilio/{person.channel}", TWILIO_TOKEN, sender, text,
                                     extra=extra, account_sid=TWILIO_SID)

    def _update(self, person: Person, text: str, media, position, contact: bool) -> dict:
        user = person.telegram_user
        if contact:
            return contact_update(self.telegram, user, person.phone.removeprefix("+"), user)
        fields: dict = {}
        if position is not None:
            fields["location"] = {"latitude": position[0], "longitude": position[1]}
        for n, (_, content_type) in enumerate(media):
            file_id = f"AwACAgQ-voice-{uuid.uuid4().hex[:8]}"
            self.telegram.add_file(file_id, f"voice/file_{n}.oga", b"OggS\x00fake-opus")
            fields["voice"] = {"file_id": file_id, "file_unique_id": file_id[-8:], "duration": 14,
                               "mime_type": content_type}
        if media and text:
            return text_update(self.telegram, user, caption=text, **fields)
        return text_update(self.telegram, user, text, **fields)

    def texts_to(self, person: Person) -> list[str]:
        if person.channel == "telegram":
            return [e["params"]["text"] for e in self.telegram.sent
                    if e["chat_id"] == person.telegram_user and e["method"] == "sendMessage"]
        return [m["body"] for m in self.twilio.messages if m["to"] in (person.phone, f"whatsapp:{person.phone}")]

    def sends_to(self, person: Person) -> list[dict]:
        """The fake Twilio's records of the messages to `person`, on either of its channels."""
        return [m for m in self.twilio.messages if m["to"] in (person.phone, f"whatsapp:{person.phone}")]

    # --- what a worker and the feed would do -------------------------------------------------------
    async def drain(self) -> None:
        for _ in range(MAX_DRAIN_ROUNDS):
            ran = await self._run_queued()
            decided = await self._run_intent_rule()
            if not ran and not decided:
                assert not self.failures, "a job failed:\n" + "\n".join(self.failures)
                return
        raise AssertionError(f"still busy after {MAX_DRAIN_ROUNDS} rounds: {self.ran[-10:]}")

    async def _run_queued(self, only: tuple[str, ...] = ()) -> int:
        """Run the queued jobs (only those whose function is named in `only`, when given)."""
        queue, count, later = Queue(queues.MESSAGES, connection=self.redis), 0, []
        while (popped := await asyncio.to_thread(self.redis.lpop, queue.key)) is not None:
            job = await asyncio.to_thread(Job.fetch, popped.decode(), connection=self.redis)
            if only and job.func_name.rsplit(".", 1)[-1] not in only:
                later.append(popped)
                continue
            count += 1
            try:
                result = await asyncio.to_thread(job.perform)
            except Exception:
                self.failures.append(f"{job.func_name}{job.args!r}\n{traceback.format_exc()}")
                continue
            self.ran.append((job.func_name, result))
            if job.func_name.endswith(("handle_inbound", "handle_telegram_update")):
                await self._know(job)
        if later:
            await asyncio.to_thread(self.redis.rpush, queue.key, *later)
        return count

    async def run_media_jobs(self) -> list[str]:
        """Run what `nollycrew worker --media` would: each queued transcription, then the rest."""
        queue, results = Queue(queues.MEDIA, connection=self.redis), []
        while (popped := await asyncio.to_thread(self.redis.lpop, queue.key)) is not None:
            job = await asyncio.to_thread(Job.fetch, popped.decode(), connection=self.redis)
            results.append(await asyncio.to_thread(job.perform))
        await self.drain()
        return results

    async def run_scheduled(self) -> list[str]:
        """Run the jobs RQ holds for later (retries after a 429) now, as their time had come."""
        registry = Queue(queues.MESSAGES, connection=self.redis).scheduled_job_registry
        results = []
        for job_id in await asyncio.to_thread(registry.get_job_ids):
            await asyncio.to_thread(registry.remove, job_id)
            job = await asyncio.to_thread(Job.fetch, job_id, connection=self.redis)
            results.append(await asyncio.to_thread(job.perform))
        await self.drain()
        return results

    async def _know(self, job: Job) -> None:
        message = job.args[0]
        if "sender" in message:
            phone = message["sender"]
        else:  # a Telegram update: its link says whose phone
            user = (message.get("message") or {}).get("from", {}).get("id")
            link = await self.store.get(scopes.OPS, f"telegram_link:{user}")
            if link is None:
                return
            phone = link["phone"]
        index = await self.store.get(scopes.OPS, f"phone:{phone}")
        if index is not None:
            self.people.add(index["person_id"])

    async def _run_intent_rule(self) -> int:
        """The feed's IntentRule, on every intent the chat wrote that has no outcome yet."""
        decided = 0
        for person_id in list(self.people):
            db = scopes.user_db(person_id)
            docs = [dict(doc.data) async for doc in self.couch.database(db).docs()]
            for doc in docs:
                if self.rule.filter(db, doc):
                    await self.rule.on_match(db, doc)
                    decided += 1
        return decided

    async def settle_callbacks(self, count: int) -> None:
        """Wait for the fake's status callbacks to reach our webhook one by one, running their jobs
        as they come (a failure's callback is what sends the SMS copy, which brings callbacks of its own)."""
        for made in range(1, count + 1):
            await self.twilio.wait_for_callbacks(made)
            await self.drain()

    async def messages_to(self, person: Person) -> list[dict]:
        """The person's message records in ops, oldest first."""
        person_id = await self.person_id(person)
        docs = [dict(d.data) async for d in self.couch.database(scopes.OPS).docs(prefix="message:")]
        return sorted((d for d in docs if d.get("person_id") == person_id), key=lambda d: d["created_at"])

    async def person_id(self, person: Person) -> str:
        index = await self.store.get(scopes.OPS, f"phone:{person.phone}")
        return index["person_id"] if index else ""

    async def profile(self, person: Person) -> dict:
        return await self.store.get(scopes.user_db(await self.person_id(person)), "profile") or {}


# --- people and a production, made through the core's commands -------------------------------------

# Languages by name and consent by word: four identical answers within an hour (four "1"s) make
# bots/inbound_guard.py take the person for a looping bot and mute them (see test_garbage_input.py).
LANGUAGE_NAME = {"en": "English", "pcm": "Pidgin", "yo": "Yorùbá", "ig": "Igbo", "ha": "Hausa"}


async def sign_up(stack: ChatStack, person: Person, language: str = "en") -> list[str]:
    """Onboarding as a crew member in lighting, from the first message to consent: every reply."""
    said = []
    if person.channel == "telegram":
        said += await stack.say(person, contact=True)  # the chat is linked to the phone first
    for text in ("HI", LANGUAGE_NAME[language], "2", "2", "1 2", "25000", "Surulere, Lagos", "YES"):
        said += await stack.say(person, text)
    return said


@dataclasses.dataclass
class Production:
    producer_id: str
    project_id: str
    title: str

    async def job(self, stack: ChatStack, title: str = "Gaffer", days: int = 3) -> dict:
        """A lighting job in Lagos from today: its directory card (with the code people type)."""
        today = lagos_today()
        job_post_id = await stack.bus.handle(PostJob(
            f"job_post_request:{uuid.uuid4().hex}", self.project_id, self.producer_id, title, "lighting", today,
            today + timedelta(days=days - 1), time(6, 30), Money(4_500_000, "NGN"), "day", "Lekki", "Lagos",
        ))
        return await stack.store.get(scopes.DIRECTORY, f"job_post:{job_post_id}")

    async def casting_call(self, stack: ChatStack, part: str = "Mama Tobi") -> dict:
        """An open part in the production: its directory card."""
        today = lagos_today()
        casting_call_id = await stack.bus.handle(PostCastingCall(
            f"casting_call_request:{uuid.uuid4().hex}", self.project_id, self.producer_id, part,
            "A market woman with a secret", 40, 60, ("yoruba", "english"), Money(9_000_000, "NGN"), "day",
            today + timedelta(days=10), today + timedelta(days=12), "Ikeja", "Lagos",
            "Read the market scene", datetime.now(LAGOS) + timedelta(days=5),
        ))
        return await stack.store.get(scopes.DIRECTORY, f"casting_call:{casting_call_id}")

    async def hire(self, stack: ChatStack, person: Person, job: dict) -> str:
        """The producer hires the person who applied for `job` (by chat): the booking id."""
        application_id = f"{job['job_post_id']}.{await stack.person_id(person)}"
        booking_id = await stack.bus.handle(Hire(f"hire_request:{uuid.uuid4().hex}", self.project_id,
                                                 self.producer_id, application_id))
        await stack.drain()  # the booking message goes out
        return booking_id

    async def offer(self, stack: ChatStack, person: Person, job: dict) -> str:
        application_id = f"{job['job_post_id']}.{await stack.person_id(person)}"
        expires = datetime.now(LAGOS) + timedelta(days=2)
        await stack.bus.handle(Shortlist(f"shortlist_request:{uuid.uuid4().hex}", self.project_id, self.producer_id,
                                         application_id))
        await stack.bus.handle(MakeOffer(f"offer_request:{uuid.uuid4().hex}", self.project_id, self.producer_id,
                                         application_id, expires))
        await stack.drain()
        return application_id

    async def call_sheet(self, stack: ChatStack) -> None:
        """Today's published call sheet as the project keeps it: the set code and the set's pin."""
        await stack.store.create(scopes.project_db(self.project_id), {
            "_id": f"call_sheet:{lagos_today().isoformat()}", "type": "call_sheet", "set_code": SET_CODE,
            "cast": [], "crew": [], "locations": [{"name": "Lekki unit base", "address": "Admiralty Way",
                                                   "latitude": SET_PIN[0], "longitude": SET_PIN[1]}],
        })

    async def deposit(self, stack: ChatStack, person: Person) -> None:
        """The producer asks to put the pay in escrow: the crew member's copy says it is not paid yet."""
        await stack.bus.handle(RequestDeposit(f"escrow_deposit_request:{uuid.uuid4().hex}", self.project_id,
                                              self.producer_id, (await booking_of(stack, person))["booking_id"],
                                              DEPOSIT, "paystack"))


async def production(stack: ChatStack, title: str = "Ojuelegba Nights") -> Production:
    producer = "+234805" + str(uuid.uuid4().int)[:7]
    producer_id = await stack.bus.handle(RegisterPerson(producer, "Kemi Adetiba", ("producer",), "production"))
    project_id = await stack.bus.handle(CreateProject(f"project_request:{uuid.uuid4().hex}", producer_id, title))
    return Production(producer_id, project_id, title)


def choice_number(reply: str, wanted: str) -> str:
    """The number a numbered list gives the line that holds `wanted` ("3. 7KQ2D Gaffer..." -> "3")."""
    for line in reply.splitlines():
        number, _, rest = line.partition(". ")
        if number.isdigit() and wanted in rest:
            return number
    raise AssertionError(f"{wanted!r} is not among the choices of {reply!r}")


def booking_code(reply: str) -> str:
    """The 4-digit code a SCHEDULE line shows first ("0412: Gaffer, ...")."""
    return reply.split("\n", 1)[1].split(":", 1)[0]


def english(template: str, **params) -> str:
    return replies.render(template, params)


def pay_waiting(prod: "Production", role: str = "Gaffer") -> str:
    """PAY's answer for one booking whose deposit the producer has asked for but not paid."""
    line = english("pay_line_waiting", amount=str(DEPOSIT), role=role, project_title=prod.title, milestone="")
    return english("payments", lines=line)


# --- fixtures ---------------------------------------------------------------------------------------

@pytest.fixture
async def fake_twilio():
    async with FakeTwilio(TWILIO_SID, TWILIO_TOKEN) as fake:
        yield fake


@pytest.fixture
async def fake_telegram():
    async with FakeTelegram(TOKEN) as fake:
        yield fake


@pytest.fixture
async def stack(stack_env, monkeypatch, couch, redis, fake_twilio, fake_telegram, tmp_path):
    """The whole chat stack; a job context installed as `nollycrew worker` installs its own."""
    from config.settings import Settings

    port = free_port()
    for key, value in {
        "NOLLYCREW_PUBLIC_URL": f"http://127.0.0.1:{port}", "NOLLYCREW_OUTBOUND_CHANNEL": "twilio",
        "NOLLYCREW_TWILIO_API_BASE": fake_twilio.base_url, "NOLLYCREW_TELEGRAM_BOT_TOKEN": TOKEN,
        "NOLLYCREW_TELEGRAM_WEBHOOK_SECRET": SECRET, "NOLLYCREW_TELEGRAM_API_BASE": fake_telegram.base_url,
        "NOLLYCREW_VAR_DIR": str(tmp_path),
    }.items():
        monkeypatch.setenv(key, value)
    settings = Settings()
    server = TestServer(create_app(settings), host="127.0.0.1", port=port)
    await server.start_server()
    try:
        bus = bootstrap.build_bus(couch, redis, settings=settings)
        chat = ChatStack(settings, couch, redis, bus, fake_twilio, fake_telegram, f"http://127.0.0.1:{port}")
        monkeypatch.setattr(context, "_installed", chat.context)
        yield chat
    finally:
        await server.close()


# --- steps the channel tests share ------------------------------------------------------------------

async def applied(stack: ChatStack, person: Person, job: dict) -> list[str]:
    """JOB <code> (the code a producer shares), then 1 (apply): every reply, the details included.
    Browsing JOBS page by page is the lists' own tests: other tests' jobs share the database."""
    said = await stack.say(person, f"JOB {job['code']}")
    return said + await stack.say(person, "1")


async def booked_and_confirmed(stack: ChatStack, prod: Production, person: Person) -> tuple[str, list[str]]:
    """Signed up, applied by chat, hired, YES <code>: the booking id and the replies after the hire."""
    job = await prod.job(stack)
    await sign_up(stack, person)
    await stack.say(person, f"APPLY {job['code']}")
    before = len(stack.texts_to(person))
    booking_id = await prod.hire(stack, person, job)
    schedule = await stack.say(person, "SCHEDULE")
    said = stack.texts_to(person)[before:] + await stack.say(person, f"YES {booking_code(schedule[-1])}")
    return booking_id, said


def opening(template: str, language: str = "en", channel: str | None = None) -> str:
    """The words a reply starts with, before its first placeholder, in `language` (the SMS short
    form on SMS when there is one): enough to tell which reply came, in which language."""
    from bots import i18n

    short = template + i18n.SMS_SUFFIX
    name = short if channel == "sms" and any(short in source for source in replies.SOURCES) else template
    text = i18n.translate(name, replies.english(name), language)
    return unicodedata.normalize("NFC", text.split("{", 1)[0]).strip()


async def booking_of(stack: ChatStack, person: Person) -> dict:
    """The person's copy of their one booking."""
    db = scopes.user_db(await stack.person_id(person))
    [booking] = [dict(d.data) async for d in stack.couch.database(db).docs(prefix="booking:")]
    return booking


async def phone_texts(stack: ChatStack, person_id: str) -> list[str]:
    """What the fake Twilio was asked to deliver to someone known by id (a producer, say)."""
    phone = (await stack.store.get(scopes.user_db(person_id), "profile"))["phone"]
    return [m["body"] for m in stack.twilio.messages if m["to"] in (phone, f"whatsapp:{phone}")]
