"""Twilio's webhooks: verified, deduplicated by message id, queued, answered at once.

Twilio waits 15 s at most and does not retry a failed inbound webhook, so nothing here waits
on CouchDB: the message goes to Redis and the worker takes it from there, retrying as long
as it must. A message Twilio delivers twice is queued once.
"""
import asyncio
from dataclasses import asdict
from datetime import datetime, timezone

from aiohttp import web
from prometheus_client import Counter
from rq import Queue, Retry

from bots import inbound_guard
from bots.twilio_webhook import MalformedWebhook, parse_inbound, parse_status_callback, verify_signature
from web.keys import REDIS, SETTINGS
from workers import queues
from workers.inbound import handle_inbound
from workers.messaging import record_status

routes = web.RouteTableDef()

SEEN_KEY = "twilio:seen:{kind}:{sid}"
SEEN_TTL_S = 7 * 24 * 3600
EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>"

WEBHOOKS = Counter("nollycrew_webhooks_total", "Webhooks received", ["provider", "kind", "result"])


@routes.post("/webhooks/twilio/{channel:(whatsapp|sms)}")
async def inbound_message(request: web.Request) -> web.Response:
    incoming = _parsed(parse_inbound, await _verified_form(request, "message"), "message")
    within = await asyncio.to_thread(inbound_guard.within_rate, request.app[REDIS], incoming.sender,
                                     incoming.provider_id, datetime.now(timezone.utc))
    if not within:  # Twilio does not retry an inbound webhook: answered, and dropped
        WEBHOOKS.labels("twilio", "message", "rate_limited").inc()
        return web.Response(text=EMPTY_TWIML, content_type="text/xml")
    payload = asdict(incoming)
    await _queue_once(request, "message", incoming.provider_id, handle_inbound, payload, queues.INBOUND_RETRY_INTERVALS_S)
    return web.Response(text=EMPTY_TWIML, content_type="text/xml")


@routes.post("/webhooks/twilio/status")
async def status_callback(request: web.Request) -> web.Response:
    update = _parsed(parse_status_callback, await _verified_form(request, "status"), "status")
    key = f"{update.provider_id}:{update.status}"
    await _queue_once(
        request, "status", key, record_status,
        (update.provider_id, update.status, update.error_code), queues.SEND_RETRY_INTERVALS_S,
    )
    return web.Response(status=204)


async def _verified_form(request: web.Request, kind: str) -> dict:
    settings = request.app[SETTINGS]
    form = {key: value for key, value in (await request.post()).items() if isinstance(value, str)}
    # Twilio signs the URL it was given, which is ours as the public sees it.
    url = settings.public_url.rstrip("/") + request.path_qs
    token = settings.twilio_auth_token.get_secret_value()
    if not verify_signature(token, url, form, request.headers.get("X-Twilio-Signature")):
        WEBHOOKS.labels("twilio", kind, "bad_signature").inc()
        raise web.HTTPForbidden(text="invalid signature")
    return form


def _parsed(parse, form: dict, kind: str):
    """A signed webhook we cannot read gets 400 with the reason (Twilio shows it in its log)."""
    try:
        return parse(form)
    except MalformedWebhook as error:
        WEBHOOKS.labels("twilio", kind, "malformed").inc()
        raise web.HTTPBadRequest(text=str(error))


async def _queue_once(request: web.Request, kind: str, key: str, job, args, intervals: list[int]) -> None:
    redis = request.app[REDIS]
    seen_key = SEEN_KEY.format(kind=kind, sid=key)
    first = await asyncio.to_thread(redis.set, seen_key, 1, nx=True, ex=SEEN_TTL_S)
    if not first:
        WEBHOOKS.labels("twilio", kind, "duplicate").inc()
        return
    queue = Queue(queues.MESSAGES, connection=redis)
    job_args = args if isinstance(args, tuple) else (args,)
    try:
        await asyncio.to_thread(
            queue.enqueue, job, *job_args,
            job_id=queues.job_id(kind, key), retry=Retry(max=len(intervals), interval=intervals),
        )
    except Exception:
        # Not queued: forget we saw it, so Twilio's next try is not taken for a duplicate.
        await asyncio.to_thread(redis.delete, seen_key)
        raise
    WEBHOOKS.labels("twilio", kind, "queued").inc()
