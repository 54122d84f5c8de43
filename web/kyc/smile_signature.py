"""Smile Identity's request signature, the same scheme both ways: we sign job submissions with
it and Smile signs the callbacks it sends us with it.

    signature = base64(HMAC-SHA256(api_key, timestamp + partner_id + "sid_request"))

with the ISO 8601 timestamp sent beside it ("Using Signature", docs.usesmileid.com; the same
steps as `Signature.generate_signature` in smileidentity/smile-identity-core-python). The
timestamp is inside the HMAC, so a captured callback cannot be given a fresh one; we refuse
one older than STALE_AFTER_S so it cannot be replayed later either.
"""
import base64
import hashlib
import hmac
from datetime import datetime, timezone

STALE_AFTER_S = 300
# Clocks drift: a timestamp this far ahead of ours is as suspect as a stale one.
AHEAD_ALLOWED_S = 300
SIGNED_SUFFIX = b"sid_request"


def sign(api_key: str, partner_id: str, timestamp: str) -> str:
    digest = hmac.new(api_key.encode(), digestmod=hashlib.sha256)
    digest.update(timestamp.encode())
    digest.update(partner_id.encode())
    digest.update(SIGNED_SUFFIX)
    return base64.b64encode(digest.digest()).decode()


def signed_now(api_key: str, partner_id: str, now: datetime) -> dict[str, str]:
    """The `signature` and `timestamp` fields of a request made at `now`."""
    timestamp = now.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return {"signature": sign(api_key, partner_id, timestamp), "timestamp": timestamp}


def signature_is_valid(api_key: str, partner_id: str, timestamp: object, signature: object) -> bool:
    if not (isinstance(timestamp, str) and isinstance(signature, str) and timestamp and signature):
        return False
    expected = sign(api_key, partner_id, timestamp)
    return hmac.compare_digest(expected.encode(), signature.encode())


def is_fresh(timestamp: str, now: datetime) -> bool:
    """True when `timestamp` (ISO 8601; one without a zone is taken as UTC, as Smile's own
    libraries send naive ones) lies within STALE_AFTER_S before `now`."""
    try:
        at = datetime.fromisoformat(timestamp)
    except ValueError:
        return False
    if at.tzinfo is None:
        at = at.replace(tzinfo=timezone.utc)
    age_s = (now - at).total_seconds()
    return -AHEAD_ALLOWED_S <= age_s <= STALE_AFTER_S


def verify(api_key: str, partner_id: str, body: dict, now: datetime) -> str | None:
    """None when the callback is Smile's and fresh; else what is wrong with it."""
    timestamp, signature = body.get("timestamp"), body.get("signature")
    if not signature_is_valid(api_key, partner_id, timestamp, signature):
        return "invalid signature"
    if not is_fresh(timestamp, now):
        return "stale timestamp"
    return None
