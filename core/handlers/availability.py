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
                raise Rejected(_held_reason(day, booked))
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
        raise Rejected(f"days: at most {MAX_DAYS_PER_CHANGE} days in one change.")
    for day, status in cmd.days.items():
        if status not in STATUSES:
            raise Rejected(f"days.{day.isoformat()}: the status is one of {', '.join(STATUSES)}.")
        if day < today:
            raise Rejected(f"days.{day.isoformat()}: that day has passed.")
        if (day - today).days > MAX_DAYS_AHEAD:
            raise Rejected(f"days.{day.isoformat()}: we keep the calendar up to two years ahead.")
    if len(cmd.note) > MAX_NOTE_CHARS:
        raise Rejected(f"note: at most {MAX_NOTE_CHARS} characters.")


def _held_reason(day: date, booked: dict) -> str:
    return (
        f"days.{day.isoformat()}: you are booked on {booked.get('project_title', 'a job')} as "
        f"{booked.get('role', 'crew')} that day (booking {booked['booking_id']}). "
        "Decline the booking first if you cannot make it."
    )
