"""Telegram's webhook: secret checked, deduplicated by update_id, fed to python-telegram-bot's
Application through its update_queue, and handed to an RQ job by the Application's one handler.

Our aiohttp server is the web server (the Application runs with updater=None). The answer waits
only for the job to be in Redis, never for CouchDB; if Redis fails we answer 503 and forget the
update_id, so Telegram's redelivery is taken rather than dropped as a duplicate.
"""
import asyncio
import hmac
from collections.abc import AsyncIterator
from datetime import datetime, timezone

from aiohttp import web
from prometheus_client import Counter
from redis import Redis
from rq import Queue, Retry
from telegram import Bot, Update
from telegram.error import InvalidToken
from telegram.ext import Application, ContextTypes, TypeHandler

from bots import inbound_guard
from bots.channels.telegram import file_base
from web.keys import REDIS, SETTINGS
from workers import queues
from workers.telegram_inbound import handle_telegram_update

routes = web.RouteTableDef()

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Stored ids, not a high-water mark: Telegram may redeliver an older update after a newer one.
SEEN_KEY = "telegram:seen:{update_id}"
SEEN_TTL_S = 7 * 24 * 3600
# Telegram gives up on a webhook after about a minute; Redis answers in milliseconds.
HANDOFF_WAIT_S = 10.0
# What the bot asks Telegram for: messages, and being blocked or unblocked (my_chat_member).
ALLOWED_UPDATES = ("message", "my_chat_member")

TELEGRAM = web.AppKey("telegram_application", Application)
PENDING = web.AppKey("telegram_pending", dict)  # update_id -> future the handler resolves

WEBHOOKS = Counter("nollycrew_telegram_updates_total", "Telegram updates received", ["result"])


class MalformedUpdate(ValueError):
    """The body is not a Telegram Update: answer 400."""


@routes.post("/webhooks/telegram")
async def telegram_update(request: web.Request) -> web.Response:
    application = request.app.get(TELEGRAM)
    if application is None:
        raise web.HTTPNotFound(text="Telegram is not configured on this server.")
    if not secret_matches(request.app[SETTINGS].telegram_webhook_secret.get_secret_value(),
                          request.headers.get(SECRET_HEADER)):
        WEBHOOKS.labels("bad_secret").inc()
        raise web.HTTPForbidden(text="invalid secret token")
    try:
        update = read_update(await request.json(), application.bot)
    except (ValueError, MalformedUpdate) as error:  # json.JSONDecodeError is a ValueError
        WEBHOOKS.labels("malformed").inc()
        raise web.HTTPBadRequest(text=f"Not a Telegram update: {error}")
    redis: Redis = request.app[REDIS]
    sender = update.effective_user.id if update.effective_user else None
    if sender is not None and not await asyncio.to_thread(
            inbound_guard.within_rate, redis, f"telegram:{sender}", str(update.update_id), datetime.now(timezone.utc)):
        WEBHOOKS.labels("rate_limited").inc()  # answered, so Telegram does not send it again; dropped
        return web.Response(status=200)
    seen_key = SEEN_KEY.format(update_id=update.update_id)
    if not await asyncio.to_thread(redis.set, seen_key, 1, nx=True, ex=SEEN_TTL_S):
        WEBHOOKS.labels("duplicate").inc()
        return web.Response(status=200)
    pending = request.app[PENDING]
    handed_off = pending[update.update_id] = asyncio.get_running_loop().create_future()
    try:
        await application.update_queue.put(update)
        await asyncio.wait_for(handed_off, HANDOFF_WAIT_S)
    except Exception as error:
        await asyncio.to_thread(redis.delete, seen_key)
        WEBHOOKS.labels("not_queued").inc()
        raise web.HTTPServiceUnavailable(text="The update could not be queued; send it again.") from error
    finally:
        pending.pop(update.update_id, None)
    WEBHOOKS.labels("queued").inc()
    return web.Response(status=200)


def secret_matches(configured: str, given: str | None) -> bool:
    """Constant-time; with no secret configured nothing matches, so updates are never unchecked."""
    return bool(configured) and given is not None and hmac.compare_digest(given.encode(), configured.encode())


def read_update(body, bot: Bot) -> Update:
    if not isinstance(body, dict) or not isinstance(body.get("update_id"), int):
        raise MalformedUpdate("an update is a JSON object with an integer update_id")
    try:
        return Update.de_json(body, bot)
    except (KeyError, TypeError, ValueError) as error:
        raise MalformedUpdate(f"its fields do not read as an Update ({error!r})") from error


def build_application(token: str, api_base: str, redis: Redis, pending: dict) -> Application:
    """The Application with no updater of its own: our route puts updates in its queue."""
    application = (
        Application.builder().token(token).base_url(api_base).base_file_url(file_base(api_base))
        .updater(None).build()
    )
    queue = Queue(queues.MESSAGES, connection=redis)

    async def queue_update(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        """Hand the update to the worker; resolve the webhook's wait either way."""
        handed_off = pending.get(update.update_id)
        try:
            await asyncio.to_thread(enqueue_update, queue, update.to_dict())
        except Exception as error:
            if handed_off is not None and not handed_off.done():
                handed_off.set_exception(error)
            return
        if handed_off is not None and not handed_off.done():
            handed_off.set_result(None)

    application.add_handler(TypeHandler(Update, queue_update))
    return application


def enqueue_update(queue: Queue, update: dict) -> None:
    intervals = queues.INBOUND_RETRY_INTERVALS_S
    queue.enqueue(
        handle_telegram_update, update,
        job_id=queues.job_id("telegram", str(update["update_id"])),
        retry=Retry(max=len(intervals), interval=intervals),
    )


async def telegram_application(app: web.Application) -> AsyncIterator[None]:
    """cleanup_ctx: the Application's life, after the shared clients (it needs app[REDIS])."""
    settings = app[SETTINGS]
    token = settings.telegram_bot_token.get_secret_value()
    if not token:  # no bot configured: the route answers 404
        yield
        return
    app[PENDING] = {}
    application = build_application(token, settings.telegram_api_base, app[REDIS], app[PENDING])
    try:
        await application.initialize()  # a getMe: a wrong token stops the start here
    except InvalidToken:
        # PTB's own message quotes the token; ours names the setting instead.
        raise RuntimeError("Telegram refused NOLLYCREW_TELEGRAM_BOT_TOKEN; check it with @BotFather.") from None
    await application.start()
    app[TELEGRAM] = application
    try:
        yield
    finally:
        await application.stop()
        await application.shutdown()


async def register_webhook(bot: Bot, public_url: str, secret: str) -> bool:
    """Tell Telegram where to post updates and which secret to send with each."""
    return await bot.set_webhook(
        url=public_url.rstrip("/") + "/webhooks/telegram", secret_token=secret,
        allowed_updates=list(ALLOWED_UPDATES),
    )


async def point_telegram_here(settings) -> str:
    """`nollycrew telegram-webhook`: register public_url's webhook and secret with Telegram."""
    secret = settings.telegram_webhook_secret.get_secret_value()
    if not secret:
        raise RuntimeError("Set NOLLYCREW_TELEGRAM_WEBHOOK_SECRET first: Telegram sends it with every update.")
    bot = Bot(settings.telegram_bot_token.get_secret_value(), base_url=settings.telegram_api_base)
    async with bot:
        await register_webhook(bot, settings.public_url, secret)
    return settings.public_url.rstrip("/") + "/webhooks/telegram"
