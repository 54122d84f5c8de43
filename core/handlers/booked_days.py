"""Hiring and the person's calendar: the job's days are taken on the calendar in one conditional
write before the place is taken, so two hires at once cannot both book the same person on the
same day; a clash is refused unless the producer overrides it.
"""
from datetime import date

from core import scopes
from core.availability import BOOKED, CALENDAR_DOC_ID, booked_entry, clashes, days_of
from core.bus import Services
from core.errors import Rejected
from core.handlers.calendar import calendar, changed_days, ended_bookings, mirror_busy_days


async def take_days(services: Services, booking: dict, override: bool, name: str) -> list[dict]:
    """Mark the booking's days booked; the clashes it overrode (empty if none).

    Refused, naming the days, if any is booked elsewhere or unavailable and `override` is false.
    Days this booking already holds are no clash, so a retry passes."""
    person_id, now = booking["person_id"], services.clock.now().isoformat()
    held = await calendar(services, person_id)
    wanted = _days(booking)
    ended = await ended_bookings(services, person_id, held["days"], wanted)
    found: list[dict] = []

    def change(stored: dict) -> dict | None:
        clashing = clashes(stored["days"], wanted, booking["booking_id"])
        found[:] = [clash for clash in clashing if clash.get("booking_id") not in ended]
        if found and not override:
            raise _clash_refusal(name, found)
        return changed_days(stored, _booked(stored["days"], booking, wanted, now), now)

    await services.store.update(scopes.user_db(person_id), CALENDAR_DOC_ID, change, current=held)
    return found


async def free_days(services: Services, booking: dict) -> None:
    """Undo take_days for a hire refused after it (the job filled): what the days held comes back."""
    def change(stored: dict) -> dict | None:
        days = dict(stored["days"])
        for day in _days(booking):
            entry = days.get(day.isoformat())
            if entry is None or entry.get("booking_id") != booking["booking_id"]:
                continue
            if entry.get("replaced"):
                days[day.isoformat()] = entry["replaced"]
            else:
                del days[day.isoformat()]
        return changed_days(stored, days, services.clock.now().isoformat())

    await services.store.update(scopes.user_db(booking["person_id"]), CALENDAR_DOC_ID, change)


async def show_booked_days(services: Services, booking: dict) -> None:
    """Once the booking is made: its days stay booked (even if the person changed one in
    between) and the directory's busy_days follow. A retry changes nothing."""
    person_id, now = booking["person_id"], services.clock.now().isoformat()

    def change(stored: dict) -> dict | None:
        return changed_days(stored, _booked(stored["days"], booking, _days(booking), now), now)

    stored = await services.store.update(scopes.user_db(person_id), CALENDAR_DOC_ID, change)
    await mirror_busy_days(services, person_id, stored["days"], services.clock.now().date())


def _clash_refusal(name: str, found: list[dict]) -> Rejected:
    """The clashes as one whole sentence per case, so a translator never joins fragments."""
    days = ", ".join(sorted(clash["day"] for clash in found))
    jobs = {clash.get("project_title") or clash.get("note") or "" for clash in found if clash["status"] == BOOKED}
    if not jobs:
        return Rejected("{name} is unavailable on {days}. Hire with override_availability to book anyway.",
                        name=name, days=days)
    if all(clash["status"] == BOOKED for clash in found):
        if len(jobs) == 1 and "" not in jobs:
            return Rejected("{name} is booked on {job} on {days}. Hire with override_availability to book anyway.",
                            name=name, job=next(iter(jobs)), days=days)
        return Rejected("{name} is booked on other jobs on {days}. Hire with override_availability to book anyway.",
                        name=name, days=days)
    return Rejected("{name} is booked on other jobs or unavailable on {days}. "
                    "Hire with override_availability to book anyway.", name=name, days=days)


def _booked(days: dict, booking: dict, wanted: list[date], now: str) -> dict:
    days, entry = dict(days), booked_entry(booking, now)
    for day in wanted:
        earlier = days.get(day.isoformat())
        if earlier is not None and earlier.get("booking_id") == entry["booking_id"]:
            continue
        # An overridden clash keeps what it replaced, so the calendar still shows it.
        replaced = {key: value for key, value in (earlier or {}).items() if key != "replaced"}
        days[day.isoformat()] = {**entry, "replaced": replaced} if replaced else entry
    return days


def _days(booking: dict) -> list[date]:
    return days_of(date.fromisoformat(booking["start_date"]), date.fromisoformat(booking["end_date"]))
