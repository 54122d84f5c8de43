"""Reminders the system sends by itself at a set time: the night before a shoot day, everyone
on its call sheet is told their call and where to report; hours before an offer's deadline, an
applicant who has not answered is told it is about to expire.

A scheduled job (workers/reminders.py) hands RemindCallSheet to the bus at REMIND_AT the evening
before; the handler reads the call sheet as it is then, so a call time changed since the job was
scheduled is the one told. Each person is told once per day and schedule version (the message id).
RemindOfferExpiring likewise reads the offer when it runs: an offer answered meanwhile reminds nobody.
Wiring: core/handlers/__init__.py ({**REMINDER_HANDLERS}), core/audit.py ACTOR_FIELDS
(**REMINDER_ACTOR_FIELDS: None, the system acts)."""
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from core.call_sheet_send import details_of
from core.call_sheets.call_sheet import everyone_called
from core.commands import Command

PRODUCTION_TIME_ZONE = ZoneInfo("Africa/Lagos")
# The evening before: after the day's wrap for most units, before quiet hours (21:00), early
# enough to arrange transport to a 05:30 call.
REMIND_AT = time(19, 0)
# A reminder whose job runs this late (a worker down all evening) is not sent: it would reach
# people in quiet hours, or be held to 07:00 on the day itself, after most calls.
STALE_AFTER = timedelta(hours=2)
TEMPLATE = "call_sheet_reminder"
OFFER_TEMPLATE = "offer_expiring"
# Half a working day before the deadline: time to ask a question, or to say no so the production
# can offer the part to someone else.
OFFER_WARN_BEFORE = timedelta(hours=6)
# Quiet hours as bots/delivery.py keeps them (21:00 to 07:00 Lagos): a reminder due inside them
# goes at LAST_EVENING before, not at 07:00 when the deadline may have gone.
QUIET_FROM, QUIET_UNTIL, LAST_EVENING = time(21, 0), time(7, 0), time(20, 30)
# An offer made this close to its reminder moment is fresh in the applicant's chat: no reminder.
OFFER_QUIET_AFTER = timedelta(hours=1)


@dataclass(frozen=True)
class RemindCallSheet(Command):
    project_id: str
    day: str  # ISO date of the shoot day


@dataclass(frozen=True)
class Reminder:
    person_id: str
    params: dict


def remind_at(day: str) -> datetime:
    """When the reminder for shoot day `day` goes: REMIND_AT in Lagos on the day before (aware)."""
    eve = date.fromisoformat(day) - timedelta(days=1)
    return datetime.combine(eve, REMIND_AT, tzinfo=PRODUCTION_TIME_ZONE)


def too_late(day: str, now: datetime) -> bool:
    return now >= remind_at(day) + STALE_AFTER


def reminders(sheet: dict, project_title: str) -> list[Reminder]:
    """One reminder per person called on `sheet` (a person with two rows is told once)."""
    out = []
    for person_id in dict.fromkeys(row["person_id"] for row in everyone_called(sheet)):
        details = details_of(sheet, person_id)
        out.append(Reminder(person_id, {
            "project_title": project_title, "day": sheet["date"], "role": details["role"], "call": details["call"],
            "place": details["place"], "address": details["address"], "map_link": details["map_link"],
            "location_pin": details["pin"]}))
    return out


def is_live(sheet: dict | None) -> bool:
    """A call sheet that still shoots: present, not withdrawn, not deleted."""
    return bool(sheet) and not sheet.get("withdrawn") and not sheet.get("_deleted")


@dataclass(frozen=True)
class RemindOfferExpiring(Command):
    project_id: str
    offer_id: str


def offer_reminder_at(expires_at: datetime, made_at: datetime) -> datetime | None:
    """When an applicant is reminded of an open offer: OFFER_WARN_BEFORE its deadline, brought
    forward out of quiet hours to LAST_EVENING; None when that is too soon after the offer itself."""
    local = (expires_at - OFFER_WARN_BEFORE).astimezone(PRODUCTION_TIME_ZONE)
    if local.time() >= QUIET_FROM:
        local = datetime.combine(local.date(), LAST_EVENING, tzinfo=PRODUCTION_TIME_ZONE)
    elif local.time() < QUIET_UNTIL:
        local = datetime.combine(local.date() - timedelta(days=1), LAST_EVENING, tzinfo=PRODUCTION_TIME_ZONE)
    return local if local >= made_at + OFFER_QUIET_AFTER else None


def deadline_said(moment: str) -> str:
    """As the offer itself said it (core/handlers/offers.py): "4 December 2026 at 18:00", in its own zone."""
    at = datetime.fromisoformat(moment)
    return f"{at.day} {at:%B %Y at %H:%M}"


def offer_is_open(offer: dict | None, now: datetime) -> bool:
    return bool(offer) and offer.get("status") == "open" and datetime.fromisoformat(offer["expires_at"]) > now


# For core/audit.py ACTOR_FIELDS: the system acts, nobody asked.
REMINDER_ACTOR_FIELDS = {RemindCallSheet: None, RemindOfferExpiring: None}
