"""Wrong tries: five in a row lock the number (or email) for a quarter of an hour."""
from datetime import datetime, timedelta

from core.identity.errors import TooManyTries
from core.identity.ports import CodeStore

MAX_WRONG_TRIES = 5
LOCKOUT_S = 15 * 60

_LOCK_KEY = "signin:lock:{subject}"
_WRONG_KEY = "signin:wrong:{subject}"


async def refuse_if_locked(store: CodeStore, subject: str, now: datetime) -> None:
    locked_until = await store.get(_LOCK_KEY.format(subject=subject), now)
    if locked_until is None:
        return
    left_s = int((datetime.fromisoformat(locked_until) - now).total_seconds())
    if left_s > 0:
        minutes = -(-left_s // 60)
        raise TooManyTries("Too many wrong tries. Try again in {minutes} minute." if minutes == 1 else
                           "Too many wrong tries. Try again in {minutes} minutes.", left_s, minutes=minutes)


async def wrong_try(store: CodeStore, subject: str, now: datetime) -> bool:
    """Count one wrong try; True when it locked the subject."""
    wrong = await store.count(_WRONG_KEY.format(subject=subject), LOCKOUT_S, now)
    if wrong < MAX_WRONG_TRIES:
        return False
    until = now + timedelta(seconds=LOCKOUT_S)
    await store.put(_LOCK_KEY.format(subject=subject), until.isoformat(), LOCKOUT_S, now)
    await store.take(_WRONG_KEY.format(subject=subject))  # after the lock, five fresh tries
    return True


async def forget_wrong_tries(store: CodeStore, subject: str) -> None:
    await store.take(_WRONG_KEY.format(subject=subject))
