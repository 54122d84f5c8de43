"""Moments as documents and intents write them (ISO 8601 with an offset), read with a refusal
that names what was wrong; and the Lagos day or year a moment falls in."""
from datetime import date, datetime, timedelta, timezone
from typing import NoReturn

from core.errors import Rejected

LAGOS = timezone(timedelta(hours=1))  # productions keep Lagos time: UTC+1 all year, no DST

# What a moment belongs to, so its refusal is one whole sentence a catalog can translate.
SPEND_ENTRY = "spend entry"
REVENUE_ENTRY = "revenue entry"
ISSUE_TIME = "issue time"


def aware_moment(text, what: str, entry: str = "") -> datetime:
    """`text` as an aware datetime; `what` (SPEND_ENTRY, ...) and `entry` (its id) say whose it is
    in the refusal ("Spend entry 12: ...")."""
    try:
        moment = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        _refuse(what, entry, repr(text), zone_only=False)
    if moment.tzinfo is None:
        _refuse(what, entry, repr(text), zone_only=True)
    return moment


def lagos_day(text, what: str, entry: str = "") -> date:
    return aware_moment(text, what, entry).astimezone(LAGOS).date()


def _refuse(what: str, entry: str, said: str, zone_only: bool) -> NoReturn:
    if what == SPEND_ENTRY and zone_only:
        raise Rejected("Spend entry {entry}: {moment} has no time zone (Lagos is +01:00).", entry=entry, moment=said)
    if what == SPEND_ENTRY:
        raise Rejected("Spend entry {entry}: {moment} is not a date and time (like 2026-12-01T09:30:00+01:00).",
                       entry=entry, moment=said) from None
    if what == REVENUE_ENTRY and zone_only:
        raise Rejected("Revenue entry {entry}: {moment} has no time zone (Lagos is +01:00).", entry=entry, moment=said)
    if what == REVENUE_ENTRY:
        raise Rejected("Revenue entry {entry}: {moment} is not a date and time (like 2026-12-01T09:30:00+01:00).",
                       entry=entry, moment=said) from None
    if zone_only:
        raise Rejected("The issue time: {moment} has no time zone (Lagos is +01:00).", moment=said)
    raise Rejected("The issue time: {moment} is not a date and time (like 2026-12-01T09:30:00+01:00).",
                   moment=said) from None
