"""The composition root: the one place that chooses real adapters and wires them together."""
import hashlib
import hmac
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime, timezone

from redis import Redis
from rq import Queue

from bots.channels.base import Channel
from bots.channels.console import ConsoleChannel
from config.settings import Settings
from core import scopes
from core.bus import MessageBus, Services
from core.handlers import COMMAND_HANDLERS, EVENT_HANDLERS
from core.identity.ports import IdentityPorts
from core.ports import Clock
from sync.chat_reads import CouchChatReads
from sync.staff_reads import CouchStaffReads, RqBroadcastBatches
from sync.checkpoints import Checkpoints
from sync.couch import Couch
from sync.feed import FeedLimits, FeedRunner
from sync.provisioning import CouchSpaces
from sync.rules import IntentRule
from sync.store import CouchStore
from web.auth.code_store import RedisCodeStore
from web.auth.passwords import Argon2Hasher
from workers import context, queues
from core.media import MediaStore
from sync.audited_bus import AuditedBus
from sync.media_files import LocalMediaStore
from sync.ledger_store import CouchLedger, process_memory
from sync.personal_data import CouchPersonalData
from workers.kyc_smile import RqIdentityChecks
from workers.office_work import RqOfficeWork
from workers.transcription import RqMediaWork
from workers.payout_jobs import RqPayoutJobs
from workers.outbox import RqOutbox
from workers.failed_jobs import RqFailedJobs
from workers.reminders import CallReminderRule, OfferReminderRule

FOLLOWED_KINDS = ("user", "office", "project")


class SystemClock(Clock):
    def now(self) -> datetime:
        return datetime.now(timezone.utc)


def open_couch(settings: Settings) -> Couch:
    return Couch(
        settings.couch_url, settings.couch_admin_user, settings.couch_admin_password.get_secret_value()
    )


def open_redis(settings: Settings) -> Redis:
    return Redis.from_url(settings.redis_url, socket_timeout=10, socket_connect_timeout=5)


def build_bus(
    couch: Couch,
    redis: Redis,
    on_database: Callable[[str], None] | None = None,
    settings: Settings | None = None,
) -> AuditedBus:
    from web.call_sheet_links import SignedCallSheetLinks  # web's routes import this module

    settings = settings or Settings()
    account_secret = settings.account_secret.get_secret_value()
    store, clock = CouchStore(couch), SystemClock()
    outbox = RqOutbox(store, Queue(queues.MESSAGES, connection=redis), clock)
    services = Services(
        store=store,
        spaces=CouchSpaces(couch, on_database, account_secret),
        outbox=outbox,
        clock=clock,
        identity=IdentityPorts(RedisCodeStore(redis), Argon2Hasher(), code_key(account_secret)),
        checks=RqIdentityChecks(redis),
        personal_data=CouchPersonalData(couch, _derived_key(account_secret, b"erasure-pseudonyms")),
        media=media_store(settings),
        office_work=RqOfficeWork(redis),
        media_work=RqMediaWork(redis, settings.transcription_limit_s),
        ledger=CouchLedger(couch, redis, clock, process_memory(settings.couch_url)),
        payment_jobs=RqPayoutJobs(redis, settings.public_url),
        staff_reads=CouchStaffReads(couch),
        broadcast_batches=RqBroadcastBatches(redis),
        call_sheet_links=SignedCallSheetLinks(settings.public_url, account_secret),
        failed_jobs=RqFailedJobs(redis),
    )
    # Every command carried out leaves an audit entry: who, what, when, through which channel.
    return AuditedBus(MessageBus(services, COMMAND_HANDLERS, EVENT_HANDLERS))


def code_key(account_secret: str) -> bytes:
    """Its own key for one-time codes, derived so one setting serves every use."""
    return _derived_key(account_secret, b"one-time-codes")


def _derived_key(account_secret: str, purpose: bytes) -> bytes:
    return hmac.new(account_secret.encode(), purpose, hashlib.sha256).digest()


@asynccontextmanager
async def session(settings: Settings, redis: Redis) -> AsyncIterator[context.Session]:
    couch = open_couch(settings)
    try:
        bus = build_bus(couch, redis, settings=settings)
        yield context.Session(bus.services.store, bus, CouchChatReads(couch), bus.services.clock)
    finally:
        await couch.close()


def build_feed_runner(settings: Settings, couch: Couch, redis: Redis) -> FeedRunner:
    """The rules engine. Its rule registry is this explicit list."""
    runner: FeedRunner | None = None

    def follow_now(db: str) -> None:
        if runner is not None:
            runner.follow(db)

    bus = build_bus(couch, redis, on_database=follow_now, settings=settings)
    rules = [IntentRule(bus), CallReminderRule(redis, bus.services.clock),
             OfferReminderRule(redis, bus.services.clock)]
    runner = FeedRunner(
        couch,
        Checkpoints(bus.services.store),
        rules,
        follows=lambda db: scopes.kind_of(db)[0] in FOLLOWED_KINDS,
        limits=FeedLimits(discovery_interval_s=settings.feed_discovery_interval_s),
    )
    return runner


def channels(settings: Settings, redis: Redis) -> Callable[[str], Channel]:
    console = ConsoleChannel(redis)
    if settings.outbound_channel == "console":
        return lambda name: console
    from bots.channels.twilio import TwilioChannel

    token = settings.twilio_auth_token.get_secret_value()
    by_name: dict[str, Channel] = {
        "whatsapp": TwilioChannel("whatsapp", settings.twilio_account_sid, token,
                                  settings.twilio_whatsapp_from, settings.twilio_api_base),
        "sms": TwilioChannel("sms", settings.twilio_account_sid, token,
                             settings.twilio_sms_from, settings.twilio_api_base),
        "console": console,
    }
    telegram_token = settings.telegram_bot_token.get_secret_value()
    if telegram_token:
        from bots.channels.telegram import TelegramChannel

        by_name["telegram"] = TelegramChannel(telegram_token, settings.telegram_api_base)
    return lambda name: by_name.get(name, by_name["whatsapp"])


def install_job_context(settings: Settings) -> Redis:
    redis = open_redis(settings)
    context.install(
        context.JobContext(
            open_session=lambda: session(settings, redis),
            channel_for=channels(settings, redis),
            redis=redis,
            status_callback_url=settings.public_url.rstrip("/") + "/webhooks/twilio/status",
            public_url=settings.public_url.rstrip("/"),
            whatsapp_content_sids=settings.whatsapp_content_sids,
        )
    )
    return redis


def media_store(settings: Settings) -> MediaStore:
    """Uploads on local files under var/ (the embedded default) or in an S3 bucket."""
    if settings.media_backend == "s3":
        from sync.s3_media import S3MediaStore  # boto3 loads only where S3 is used
        return S3MediaStore(settings.s3_bucket, settings.s3_endpoint_url, settings.s3_region,
                            settings.s3_access_key_id, settings.s3_secret_access_key.get_secret_value())
    return LocalMediaStore(settings.var_dir / "media", link_secret=media_link_secret(settings),
                           public_url=settings.public_url.rstrip("/"))


def media_link_secret(settings: Settings) -> str:
    """The key local files' expiring links are signed with, derived from the account secret."""
    return hmac.new(settings.account_secret.get_secret_value().encode(), b"media-links", hashlib.sha256).hexdigest()
