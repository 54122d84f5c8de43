"""A person's shoot days as an iCalendar feed (RFC 5545), one event per day they are called.

Each event's UID is fixed by production, person and date, and its SEQUENCE is the schedule version,
so a calendar app that re-reads the feed after a republish updates the day instead of adding a
second one. A day the person no longer works simply drops out of the feed."""
from datetime import datetime, timezone as dt_timezone

from icalendar import Calendar, Event, vGeo

from core.call_sheets import call_sheet as sheets, production_sheet, shoot_clock as clock
from core.errors import Rejected

PRODUCT_ID = "-//NollyCrew//Call sheets//EN"
UID_DOMAIN = "nollycrew"
EPOCH = datetime(1970, 1, 1, tzinfo=dt_timezone.utc)


def person_calendar(person_id: str, schedule: dict, production: dict, scenes_by_id: dict[str, dict],
                    *, stamped_at: datetime | None = None) -> bytes:
    """The person's feed for the whole published schedule. DTSTAMP is `stamped_at`, else the
    schedule's "published_at", else the Unix epoch, so the same schedule gives the same bytes."""
    production_sheet.check(production)
    member = _member(production, person_id)
    timezone = schedule.get("timezone") or production.get("timezone") or "Africa/Lagos"
    feed = Calendar()
    feed.add("prodid", PRODUCT_ID)
    feed.add("version", "2.0")
    feed.add("method", "PUBLISH")
    feed.add("x-wr-calname", f"{production['title']} - {member['name']}")
    feed.add("x-wr-timezone", timezone)
    stamp = stamped_at or _published_at(schedule)
    for day in clock.shoot_days(schedule):
        sheet = sheets.call_sheet(schedule, int(day["day"]), scenes_by_id, production)
        mine = sheets.called(sheet, person_id)
        if mine is not None:
            feed.add_component(_event(sheet, mine, production, stamp))
    feed.add_missing_timezones()
    return feed.to_ical()


def event_uid(production: dict, person_id: str, shoot_date: str) -> str:
    return f"call-{production.get('id', 'production')}-{person_id}-{shoot_date}@{UID_DOMAIN}"


def _event(sheet: dict, mine: dict, production: dict, stamp: datetime) -> Event:
    place = _where(sheet, mine)
    event = Event()
    event.add("uid", event_uid(production, mine["person_id"], sheet["date"]))
    event.add("sequence", int(sheet["schedule_version"] or 0))
    event.add("dtstamp", stamp)
    local = clock.zone(sheet["timezone"])
    event.add("dtstart", datetime.fromisoformat(mine["call_at"]).astimezone(local))
    event.add("dtend", datetime.fromisoformat(sheet["wrap_at"]).astimezone(local))
    event.add("summary", f"{sheet['title']}: day {sheet['day_number']} call {mine['call']}")
    if place:
        event.add("location", f"{place['name']}, {place['address']}")
        event.add("geo", vGeo((place["latitude"], place["longitude"])))
    part = f"You play {mine['character']}." if mine["kind"] == "cast" else f"{mine['role']} ({mine['department']})."
    lines = [f"Call {mine['call']}, wrap {sheet['wrap']}. {part}"]
    if mine.get("pickup"):
        lines.append(f"Pickup {mine['pickup']['time']} at {mine['pickup']['place']}.")
    if mine["kind"] == "cast":
        lines.append(f"Makeup {mine['makeup']}, on set {mine['on_set']}, scenes {', '.join(mine['scenes'])}.")
    if place:
        lines.append(f"Map: {place['map_link']}")
    lines += [f"{contact['role']}: {contact['name']} {contact['phone']}" for contact in sheet["contacts"]]
    event.add("description", "\n".join(lines))
    return event


def _where(sheet: dict, mine: dict) -> dict | None:
    """Where the person reports: the location of their first scene, or the unit's first location."""
    first_scene = next((row for row in sheet["scenes"] if row["number"] in mine.get("scenes", [])), None)
    wanted = first_scene["location_id"] if first_scene else None
    return next((place for place in sheet["locations"] if place["id"] == wanted),
                sheet["locations"][0] if sheet["locations"] else None)


def _member(production: dict, person_id: str) -> dict:
    for member in [*production["cast"], *production["crew"]]:
        if member["person_id"] == person_id:
            return member
    raise Rejected("Nobody with id {person} is in this production's cast or crew.", person=person_id)


def _published_at(schedule: dict) -> datetime:
    try:
        return datetime.fromisoformat(schedule["published_at"])
    except (KeyError, TypeError, ValueError):
        return EPOCH
