"""One-time sign-in codes: six digits, ten minutes, single use, kept only as a keyed hash."""
import hashlib
import hmac
import json
import secrets
from datetime import datetime, timedelta

from core.identity import attempts
from core.identity.errors import SignInRefused, TooManyTries
from core.identity.ports import CodeStore

CODE_DIGITS = 6
CODE_TTL_S = 10 * 60
# (window, most sends in it) per number: SMS costs money and floods annoy people.
SEND_LIMITS = ((10 * 60, 3), (24 * 3600, 10))

_CODE_KEY = "signin:code:{phone}"
_SENDS_KEY = "signin:sends:{window_s}:{phone}"


def new_code() -> str:
    return f"{secrets.randbelow(10 ** CODE_DIGITS):0{CODE_DIGITS}d}"


def code_digest(key: bytes, phone: str, code: str) -> str:
    """Salted by the number, so one leaked digest says nothing about another number's code."""
    return hmac.new(key, f"{phone}\x1f{code}".encode(), hashlib.sha256).hexdigest()


async def issue(store: CodeStore, key: bytes, phone: str, now: datetime, details: dict) -> str:
    """A fresh code for `phone` (replacing any earlier one), with `details` kept beside it."""
    await attempts.refuse_if_locked(store, phone, now)
    for window_s, most in SEND_LIMITS:
        sent = await store.count(_SENDS_KEY.format(window_s=window_s, phone=phone), window_s, now)
        if sent > most:
            raise TooManyTries("We sent this number too many codes. Wait a while and try again.", window_s)
    code = new_code()
    record = {
        **details,
        "digest": code_digest(key, phone, code),
        "expires_at": (now + timedelta(seconds=CODE_TTL_S)).isoformat(),
    }
    await store.put(_CODE_KEY.format(phone=phone), json.dumps(record), CODE_TTL_S, now)
    return code


async def check(store: CodeStore, key: bytes, phone: str, code: str, now: datetime) -> dict:
    """The code's details if `code` is the live one for `phone`; it stays unused until `consume`."""
    await attempts.refuse_if_locked(store, phone, now)
    raw = await store.get(_CODE_KEY.format(phone=phone), now)
    record = json.loads(raw) if raw else None
    if record is None or datetime.fromisoformat(record["expires_at"]) <= now:
        raise SignInRefused("That code has expired or was already used. Ask for a new one.")
    given = code_digest(key, phone, code.strip())
    if not hmac.compare_digest(record["digest"], given):
        await wrong_code(store, phone, now)
        raise SignInRefused("That code is not right. Check the message and try again.")
    return {name: value for name, value in record.items() if name not in ("digest", "expires_at")}


async def wrong_code(store: CodeStore, phone: str, now: datetime) -> None:
    """Count a wrong try (of the code or of the authenticator code that goes with it); the
    fifth burns the code and locks the number."""
    if await attempts.wrong_try(store, phone, now):
        await store.take(_CODE_KEY.format(phone=phone))
        raise TooManyTries("Too many wrong tries. Try again in {minutes} minutes.", attempts.LOCKOUT_S,
                           minutes=attempts.LOCKOUT_S // 60)


async def consume(store: CodeStore, phone: str) -> None:
    if not await store.take(_CODE_KEY.format(phone=phone)):
        raise SignInRefused("That code has expired or was already used. Ask for a new one.")
    await attempts.forget_wrong_tries(store, phone)
