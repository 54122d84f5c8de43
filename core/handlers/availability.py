"""A person sets their own availability, day by day.

The calendar lives in the person's own database; the directory sees only `busy_days`, the days
booked or unavailable, without the reasons. Days a live booking holds are the booking's: the
person declines the booking to free them.
"""
from datetime import date

from core import scopes
from core.availability import AVAILABLE, CALENDAR_DOC_ID, MAX_DAYS_AHEAD, MAX_DAYS_PER_CHANGE, MAX_NOTE_CHARS, STATUSES
from core.bus import Result, Services
from core.errors import Rejected
from core.handlers.calendar import calendar, changed_days, ended_bookings, mirror_busy_days
from core.handlers.people import person_card
from core.profile_commands import SetAvailability


async def set_availability(cmd: SetAvailability, services: Services) -> Result:
    await person_card(services, cmd.person_id)
    today = services.clock.now().date()
    _check(cmd, today)
    held = await calendar(services, cmd.person_id)
    ended = await ended_bookings(services, cmd.person_id, held["days"], cmd.days)
    entry = {"by": cmd.person_id, "note": cmd.note.strip()}

    def change(stored: dict) -> dict | None:
        days = dict(stored["days"])
        for day, status in sorted(cmd.days.items()):
            booked = days.get(day.isoformat(), {})
            # Checked here, in the conditional write, so a hire that booked the day since wins.
            if booked.get("booking_id") and booked["booking_id"] not in ended:
                raise _held(day, booked)
            if status == AVAILABLE:
                days.pop(day.isoformat(), None)
            else:
                days[day.isoformat()] = {"status": status, **entry}
        return changed_days(stored, days, services.clock.now().isoformat())

    stored = await services.store.update(scopes.user_db(cmd.person_id), CALENDAR_DOC_ID, change, current=held)
    await mirror_busy_days(services, cmd.person_id, stored["days"], today)
    return Result(ref=CALENDAR_DOC_ID)


def _check(cmd: SetAvailability, today: date) -> None:
    if not cmd.days:
        raise Rejected("Say which days: days is empty.")
    if len(cmd.days) > MAX_DAYS_PER_CHANGE:
        raise Rejected("days: at most {limit} days in one change.", limit=MAX_DAYS_PER_CHANGE)
    for day, status in cmd.days.items():
        if status not in STATUSES:
            raise Rejected("days.{day}: the status is one of {statuses}.", day=day.isoformat(),
                           statuses=", ".join(STATUSES))
        if day < today:
            raise Rejected("days.{day}: that day has passed.", day=day.isoformat())
        if (day - today).days > MAX_DAYS_AHEAD:
            raise Rejected("days.{day}: we keep the calendar up to two years ahead.", day=day.isoformat())
    if len(cmd.note) > MAX_NOTE_CHARS:
        raise Rejected("note: at most {limit} characters.", limit=MAX_NOTE_CHARS)


def _held(day: date, booked: dict) -> Rejected:
    return Rejected("days.{day}: you are booked on {project} as {role} that day (booking {booking}). "
                    "Decline the booking first if you cannot make it.", day=day.isoformat(),
                    project=booked.get("project_title", "a job"), role=booked.get("role", "crew"),
                    booking=booked["booking_id"])
