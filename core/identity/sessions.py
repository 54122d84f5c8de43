"""Sessions: a random token the device keeps; the server keeps only its SHA-256.

The token starts with the person's id so the session document (ops, `session:<person>:<hash>`)
is found with one read.
"""
import hashlib
import hmac
import re
import secrets
from datetime import datetime

SESSION_TOUCH_INTERVAL_S = 60  # last_seen_at is written at most this often
DEVICE_LABEL_MAX_CHARS = 80
_TOKEN = re.compile(r"^([a-z0-9]{6,40})\.([A-Za-z0-9_-]{32,})$")


def new_token(person_id: str) -> str:
    return f"{person_id}.{secrets.token_urlsafe(32)}"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def doc_id(person_id: str, session_hash: str) -> str:
    return f"session:{person_id}:{session_hash}"


def index_id(person_id: str) -> str:
    return f"session_index:{person_id}"


def doc_id_for_token(token: str) -> str | None:
    """The session document a token names, or None for something that is not a token."""
    match = _TOKEN.match(token or "")
    return doc_id(match.group(1), token_hash(token)) if match else None


def person_of(token: str) -> str | None:
    match = _TOKEN.match(token or "")
    return match.group(1) if match else None


def new_session(person_id: str, token: str, device: str, now: datetime) -> dict:
    return {
        "_id": doc_id(person_id, token_hash(token)),
        "type": "session",
        "person_id": person_id,
        "device": device.strip()[:DEVICE_LABEL_MAX_CHARS] or "unnamed device",
        "created_at": now.isoformat(),
        "last_seen_at": now.isoformat(),
        "revoked_at": None,
    }


def is_live(session: dict | None) -> bool:
    return session is not None and session.get("type") == "session" and not session.get("revoked_at")


def needs_touch(session: dict, now: datetime) -> bool:
    last = datetime.fromisoformat(session["last_seen_at"])
    return (now - last).total_seconds() >= SESSION_TOUCH_INTERVAL_S


def couch_password(account_secret: str, person_id: str) -> str:
    """The person's CouchDB password, known only to the server: the api signs in as them."""
    return hmac.new(account_secret.encode(), person_id.encode(), hashlib.sha256).hexdigest()
