"""Moments as documents and intents write them (ISO 8601 with an offset), read with a refusal
that names what was wrong; and the Lagos day or year a moment falls in."""
from datetime import date, datetime, timedelta, timezone

from core.errors import Rejected

LAGOS = timezone(timedelta(hours=1))  # productions keep Lagos time: UTC+1 all year, no DST


def aware_moment(text, label: str) -> datetime:
    """`text` as an aware datetime; `label` says what it is in the refusal ("Spend entry 12")."""
    try:
        moment = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        raise Rejected(f"{label}: {text!r} is not a date and time (like 2026-12-01T09:30:00+01:00).") from None
    if moment.tzinfo is None:
        raise Rejected(f"{label}: {text!r} has no time zone (Lagos is +01:00).")
    return moment


def lagos_day(text, label: str) -> date:
    return aware_moment(text, label).astimezone(LAGOS).date()
