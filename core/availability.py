"""A person's calendar, day by day: the rules, with no I/O.

The calendar is the document "availability" in the person's own database:
    {"days": {"2026-12-03": {"status": "booked", "booking_id": ..., "project_title": ..., ...}}}
A day with no entry is available, so marking a day available removes its entry.
"""
from datetime import date, timedelta

AVAILABLE = "available"
HOLD_FIRST = "hold_first"  # first refusal: a production asked first and must be offered the day first
HOLD_SECOND = "hold_second"
BOOKED = "booked"
UNAVAILABLE = "unavailable"
STATUSES = (AVAILABLE, HOLD_FIRST, HOLD_SECOND, BOOKED, UNAVAILABLE)
BUSY = (BOOKED, UNAVAILABLE)  # what the directory's busy_days shows, without the reasons
ACTIVE_BOOKING = ("awaiting_confirmation", "confirmed")
CALENDAR_DOC_ID = "availability"
MAX_DAYS_PER_CHANGE = 366
MAX_DAYS_AHEAD = 2 * 366
MAX_NOTE_CHARS = 200


def empty_calendar(person_id: str, now: str) -> dict:
    return {"_id": CALENDAR_DOC_ID, "type": "availability", "person_id": person_id, "days": {}, "created_at": now}


def days_of(start: date, end: date) -> list[date]:
    return [start + timedelta(days=offset) for offset in range((end - start).days + 1)]


def busy_days(days: dict, today: date) -> list[str]:
    """The days from today on that the person cannot work, for the directory's search."""
    return sorted(day for day, entry in days.items() if entry["status"] in BUSY and day >= today.isoformat())


def clashes(days: dict, wanted: list[date], booking_id: str) -> list[dict]:
    """The days of `wanted` that are booked elsewhere or unavailable, each with what fills it.

    A day booked by `booking_id` itself is a retried hire: what it replaced, if anything, is the
    clash, so the retry records the same override."""
    found = []
    for day in wanted:
        entry = days.get(day.isoformat())
        if entry is not None and entry.get("booking_id") == booking_id:
            entry = entry.get("replaced")
        if entry is None or entry["status"] not in BUSY:
            continue
        found.append({"day": day.isoformat(), **_what(entry)})
    return found


def _what(entry: dict) -> dict:
    what = {"status": entry["status"]}
    for name in ("booking_id", "project_title", "note"):
        if entry.get(name):
            what[name] = entry[name]
    return what


def describe(clashing: list[dict]) -> str:
    """'booked on Ojuelegba Nights on 2026-12-03 and 2026-12-04; unavailable on 2026-12-05'."""
    groups: dict[str, list[str]] = {}
    for clash in clashing:
        if clash["status"] == BOOKED:
            label = f"booked on {clash.get('project_title') or clash.get('note') or 'another job'}"
        else:
            label = "unavailable"
        groups.setdefault(label, []).append(clash["day"])
    return "; ".join(f"{label} on {_listed(days)}" for label, days in groups.items())


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def booked_entry(booking: dict, at: str) -> dict:
    return {
        "status": BOOKED,
        "booking_id": booking["booking_id"],
        "project_id": booking["project_id"],
        "project_title": booking["project_title"],
        "role": booking["role"],
        "by": booking["hired_by"],
        "at": at,
    }
