"""What the Telegram integration tests share: settings with a bot, our webhook app on a loopback
port, a job context whose channels are the fake Telegram and a recording SMS channel."""
import asyncio
import dataclasses
from contextlib import asynccontextmanager
from datetime import datetime, timezone

from aiohttp import web
from pydantic import SecretStr
from rq import Queue
from rq.job import Job

from bots import telegram_routes
from bots.channels.base import Channel, Outgoing, Sent
from bots.channels.telegram import TelegramChannel
from config import bootstrap
from config.settings import Settings
from core.ports import Clock
from web.keys import REDIS, SETTINGS
from workers import context, queues

TOKEN = "7001002003:AAH-integration-test-token"
SECRET = "webhook-secret_0123456789abcdef"


class TelegramSettings(Settings):
    """The three settings the Telegram wiring adds to config/settings.py (see the report)."""

    telegram_bot_token: SecretStr = SecretStr("")
    telegram_webhook_secret: SecretStr = SecretStr("")
    telegram_api_base: str = "https://api.telegram.org/bot"


def telegram_settings(api_base: str) -> TelegramSettings:
    return TelegramSettings(telegram_bot_token=TOKEN, telegram_webhook_secret=SECRET, telegram_api_base=api_base)


def webhook_app(settings: Settings) -> web.Application:
    """Only what the Telegram webhook needs of web/app.py: settings, Redis, its routes and ctx."""
    app = web.Application()
    app[SETTINGS] = settings

    async def clients(app: web.Application):
        app[REDIS] = bootstrap.open_redis(settings)
        yield
        app[REDIS].close()

    app.cleanup_ctx.extend([clients, telegram_routes.telegram_application])
    app.add_routes(telegram_routes.routes)
    return app


class MiddayInLagos(Clock):
    """Today at noon in Lagos: replies are never held for quiet hours (21:00 to 07:00), whenever
    the tests run. The clock goes on ticking from there, so code expiry still reads true time."""

    def __init__(self):
        real = datetime.now(timezone.utc)
        self._offset = real.replace(hour=11, minute=0, second=0, microsecond=0) - real

    def now(self) -> datetime:
        return datetime.now(timezone.utc) + self._offset


class RecordingSms(Channel):
    name = "sms"

    def __init__(self):
        self.sent: list[Outgoing] = []

    def send(self, message: Outgoing) -> Sent:
        self.sent.append(message)
        return Sent(provider_id=f"SM{len(self.sent):032d}", status="queued")


def job_context(settings: Settings, redis, telegram: TelegramChannel, sms: RecordingSms) -> context.JobContext:
    by_name = {"telegram": telegram, "sms": sms}

    @asynccontextmanager
    async def session():
        async with bootstrap.session(settings, redis) as opened:
            yield dataclasses.replace(opened, clock=MiddayInLagos())

    return context.JobContext(session, lambda name: by_name[name], redis, "http://nollycrew.test/status")


async def run_queued(redis) -> list[tuple[str, object]]:
    """Every job on the messages queue, each in a thread as a worker runs it: (function, result)."""
    queue, ran = Queue(queues.MESSAGES, connection=redis), []
    while (popped := await asyncio.to_thread(redis.lpop, queue.key)) is not None:
        job = await asyncio.to_thread(Job.fetch, popped.decode(), connection=redis)
        ran.append((job.func_name, await asyncio.to_thread(job.perform)))
    return ran
