"""The calendar document and its mirror on the directory, shared by the person's own changes
(core/handlers/availability.py) and hiring (core/handlers/booked_days.py)."""
from datetime import date, datetime, timedelta

from core import scopes
from core.availability import ACTIVE_BOOKING, BUSY, busy_days, empty_calendar
from core.bus import Services


async def calendar(services: Services, person_id: str) -> dict:
    """The person's calendar, made empty the first time it is needed."""
    now = services.clock.now().isoformat()
    return await services.store.create(scopes.user_db(person_id), empty_calendar(person_id, now))


# A hire marks the days before it makes the booking, so that two hires at once cannot both have
# them. A booking still missing this long after is a hire that stopped halfway for good (the feed
# runner gives up on an intent within a minute or two).
UNFINISHED_HIRE_S = 15 * 60


async def ended_bookings(services: Services, person_id: str, days: dict, wanted) -> set[str]:
    """Ids of the bookings on the wanted busy days that no longer hold them: declined, cancelled,
    or never made. Their days count as free."""
    entries = {}
    for day in wanted:
        entry = days.get(day.isoformat(), {})
        if entry.get("booking_id") and entry["status"] in BUSY:
            entries[entry["booking_id"]] = entry
    now = services.clock.now()
    return {booking_id for booking_id, entry in entries.items() if await _has_ended(services, person_id, entry, now)}


async def _has_ended(services: Services, person_id: str, entry: dict, now: datetime) -> bool:
    booking = await services.store.get(scopes.user_db(person_id), f"booking:{entry['booking_id']}")
    if booking is not None:
        return booking["status"] not in ACTIVE_BOOKING
    marked = datetime.fromisoformat(entry.get("at") or "1970-01-01T00:00:00+00:00")
    return now - marked > timedelta(seconds=UNFINISHED_HIRE_S)


async def mirror_busy_days(services: Services, person_id: str, days: dict, today: date) -> None:
    busy = busy_days(days, today)

    def change(card: dict) -> dict | None:
        if card.get("busy_days") == busy:
            return None
        return {**card, "busy_days": busy, "updated_at": services.clock.now().isoformat()}

    await services.store.update(scopes.DIRECTORY, f"person:{person_id}", change)


def changed_days(stored: dict, days: dict, now: str) -> dict | None:
    """The calendar with `days`, or None when nothing changed (a retry writes nothing)."""
    if days == stored["days"]:
        return None
    return {**stored, "days": days, "updated_at": now}
