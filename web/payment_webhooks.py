"""POST /webhooks/payments/{gateway}: Paystack, Flutterwave and Stripe tell us a payment moved.

The signature is checked over the raw bytes before anything else (unsigned, wrong or stale: 403,
nothing changes); each event is taken once (its id kept in Redis, so a retried or duplicated
delivery changes nothing); the payment itself is confirmed by a worker asking the gateway's
API, and only then credited. The answer is quick, or the gateways retry."""
import asyncio
import time

import structlog
from aiohttp import web

from web.keys import REDIS
from web.payments.signatures import UnreadableEvent, read_event, verify_flutterwave, verify_paystack, verify_stripe
from workers.gateways.flutterwave import FlutterwaveSettings
from workers.gateways.paystack import PaystackSettings
from workers.gateways.stripe import StripeSettings
from workers.payment_jobs import queue_confirmation
from workers.payout_jobs import queue_payout_check

log = structlog.get_logger()
routes = web.RouteTableDef()
SEEN_EVENT_TTL_S = 60 * 24 * 3600  # longer than any gateway keeps retrying
PAID_KINDS = {"paystack": {"charge.success"}, "flutterwave": {"charge.completed"},
              "stripe": {"checkout.session.completed", "payment_intent.succeeded"}}
# A payout settled, failed or came back: checked with the gateway's API, like a payment.
PAYOUT_KINDS = {"paystack": {"transfer.success", "transfer.failed", "transfer.reversed"}}


def signature_problem(gateway: str, request: web.Request, body: bytes) -> str | None:
    if gateway == "paystack":
        key = PaystackSettings().secret_key.get_secret_value()
        return verify_paystack(key, body, request.headers.get("x-paystack-signature"))
    if gateway == "flutterwave":
        return verify_flutterwave(FlutterwaveSettings().secret_hash.get_secret_value(), request.headers.get("verif-hash"))
    secret = StripeSettings().webhook_secret.get_secret_value()
    return verify_stripe(secret, body, request.headers.get("Stripe-Signature"), int(time.time()))


@routes.post(r"/webhooks/payments/{gateway:paystack|flutterwave|stripe}")
async def payment_webhook(request: web.Request) -> web.Response:
    gateway, body = request.match_info["gateway"], await request.read()
    problem = signature_problem(gateway, request, body)
    if problem is not None:
        log.warning("payment_webhook_refused", gateway=gateway, problem=problem)
        return web.json_response({"error": "forbidden", "reason": problem}, status=403)
    try:
        event = read_event(gateway, body)
    except UnreadableEvent as unreadable:
        return web.json_response({"error": "bad_request", "reason": str(unreadable)}, status=400)
    is_payout = event.kind in PAYOUT_KINDS.get(gateway, ())
    if event.kind not in PAID_KINDS[gateway] and not is_payout:
        return web.json_response({"status": "ignored", "kind": event.kind})
    redis, seen_key = request.app[REDIS], f"payment_event:{event.event_id}"
    if not await asyncio.to_thread(redis.set, seen_key, "1", nx=True, ex=SEEN_EVENT_TTL_S):
        return web.json_response({"status": "duplicate"})
    try:
        if is_payout:
            await asyncio.to_thread(queue_payout_check, redis, event.reference, event.event_id)
        else:
            await asyncio.to_thread(queue_confirmation, redis, gateway, event.reference, event.gateway_id or "",
                                    event.event_id)
    except Exception:
        await asyncio.to_thread(redis.delete, seen_key)  # not taken after all: the gateway's retry may try again
        raise
    return web.json_response({"status": "queued"})
