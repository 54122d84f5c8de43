"""Payment webhooks: is this body really from the gateway, and which event is it?

Pure functions over the raw body bytes (a signature is over the bytes as sent, never over
re-encoded JSON). Each check returns None when the webhook is genuine, else what is wrong,
so the route answers 403 and changes nothing.

- Paystack: x-paystack-signature = hex(HMAC-SHA512(secret key, body)).
- Flutterwave: verif-hash equals the secret hash set on the dashboard. It is a shared secret,
  not a signature over the body, so the payment must then be re-verified through the API.
- Stripe: Stripe-Signature "t=<unix>,v1=<hex>[,v1=...]", v1 = hex(HMAC-SHA256(whsec, "<t>.<body>")),
  refused when t is more than STRIPE_TOLERANCE_S away from now (a replayed capture).
"""
import hashlib
import hmac
import json
from dataclasses import dataclass

STRIPE_TOLERANCE_S = 300


def paystack_signature(secret_key: str, body: bytes) -> str:
    return hmac.new(secret_key.encode(), body, hashlib.sha512).hexdigest()


def verify_paystack(secret_key: str, body: bytes, header: str | None) -> str | None:
    if not header:
        return "missing signature"
    if not hmac.compare_digest(paystack_signature(secret_key, body), header.strip().lower()):
        return "invalid signature"
    return None


def verify_flutterwave(secret_hash: str, header: str | None) -> str | None:
    if not header:
        return "missing signature"
    if not hmac.compare_digest(secret_hash.encode(), header.encode()):
        return "invalid signature"
    return None


def stripe_signature(secret: str, body: bytes, timestamp: int) -> str:
    return hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def stripe_header(secret: str, body: bytes, timestamp: int) -> str:
    """The Stripe-Signature header Stripe would send (used by the fake and the tests)."""
    return f"t={timestamp},v1={stripe_signature(secret, body, timestamp)}"


def verify_stripe(secret: str, body: bytes, header: str | None, now_s: int) -> str | None:
    if not header:
        return "missing signature"
    pairs = [part.split("=", 1) for part in header.split(",") if "=" in part]
    timestamps = [value for key, value in pairs if key.strip() == "t"]
    candidates = [value.strip() for key, value in pairs if key.strip() == "v1"]
    if len(timestamps) != 1 or not timestamps[0].strip().isdigit() or not candidates:
        return "invalid signature"
    timestamp = int(timestamps[0])
    expected = stripe_signature(secret, body, timestamp)
    # Several v1 values come while a secret is being rolled: any one of them may match.
    if not any(hmac.compare_digest(expected, candidate) for candidate in candidates):
        return "invalid signature"
    if abs(now_s - timestamp) > STRIPE_TOLERANCE_S:
        return "stale timestamp"
    return None


@dataclass(frozen=True)
class WebhookEvent:
    """What a payment route needs from a genuine webhook before it asks the API."""

    event_id: str  # the deduplication key: the same delivery again gives the same id
    kind: str  # the provider's event name: "charge.success", "checkout.session.completed", ...
    reference: str | None  # ours: the payment's or transfer's reference, when the event has one
    gateway_id: str | None  # the provider's id to pass to PaymentGateway.verify


class UnreadableEvent(ValueError):
    """Genuine by signature but not JSON of the expected shape: answer 400, log it, change nothing."""


def read_event(gateway: str, body: bytes) -> WebhookEvent:
    try:
        event = json.loads(body)
        return READERS[gateway](event)
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise UnreadableEvent(f"{gateway} webhook we cannot read: {error!r}") from error


def _paystack(event: dict) -> WebhookEvent:
    # Paystack events carry no event id: the event name, the object's id and its status are one.
    kind, data = event["event"], event["data"]
    object_id = data.get("id") or data.get("transfer_code") or data["reference"]
    reference = data.get("reference") or data.get("transaction_reference")
    status = data.get("status", "")
    return WebhookEvent(f"paystack:{kind}:{object_id}:{status}", kind, reference, str(object_id))


def _flutterwave(event: dict) -> WebhookEvent:
    kind, data = event["event"], event["data"]
    reference = data.get("tx_ref") or data.get("reference")
    return WebhookEvent(f"flutterwave:{kind}:{data['id']}:{data.get('status', '')}", kind, reference,
                        str(data["id"]))


def _stripe(event: dict) -> WebhookEvent:
    if not str(event["id"]).startswith("evt_"):
        raise ValueError("a Stripe event id starts with evt_")
    thing = event["data"]["object"]
    reference = thing.get("client_reference_id") or (thing.get("metadata") or {}).get("reference")
    if thing.get("object") == "transfer":
        reference = thing.get("transfer_group") or reference
    return WebhookEvent(f"stripe:{event['id']}", event["type"], reference, thing.get("id"))


READERS = {"paystack": _paystack, "flutterwave": _flutterwave, "stripe": _stripe}
