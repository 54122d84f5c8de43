"""A person's ICS feed parses back with icalendar and keeps stable UIDs, Lagos times and versions."""
from datetime import datetime

import pytest
from icalendar import Calendar

from core.call_sheets.calendar_feed import event_uid, person_calendar
from core.call_sheets.call_sheet import call_sheet
from core.errors import Rejected
from tests.unit.core.call_sheets import shoot_fixtures as fixtures


def feed(person_id: str, schedule: dict | None = None) -> Calendar:
    raw = person_calendar(person_id, schedule or fixtures.schedule(), fixtures.production(), fixtures.scenes_by_id())
    return Calendar.from_ical(raw)


def events(calendar: Calendar) -> list:
    return list(calendar.walk("VEVENT"))


def days_worked(person_id: str) -> list[dict]:
    schedule = fixtures.schedule()
    sheets = [call_sheet(schedule, d["day"], fixtures.scenes_by_id(), fixtures.production()) for d in schedule["days"]]
    return [s for s in sheets if any(r["person_id"] == person_id for r in s["cast"])
            or any(p["person_id"] == person_id for d in s["crew"] for p in d["people"])]


def test_one_event_per_day_worked_with_the_cast_members_call_and_the_wrap():
    worked = days_worked("p-ada")
    found = events(feed("p-ada"))
    assert len(found) == len(worked) and len(worked) < len(fixtures.schedule()["days"])
    for event, sheet in zip(found, worked):
        ada = next(r for r in sheet["cast"] if r["person_id"] == "p-ada")
        assert event.decoded("dtstart") == datetime.fromisoformat(ada["call_at"])
        assert event.decoded("dtend") == datetime.fromisoformat(sheet["wrap_at"])
        assert str(event["dtstart"].dt.tzinfo) == "Africa/Lagos"
        assert event["dtstart"].params["TZID"] == "Africa/Lagos"


def test_uid_is_stable_per_person_and_date_and_sequence_is_the_schedule_version():
    first = events(feed("p-ada"))
    republished = events(feed("p-ada", {**fixtures.schedule(), "version": 7}))
    assert [str(e["uid"]) for e in first] == [str(e["uid"]) for e in republished]
    assert str(first[0]["uid"]) == event_uid(fixtures.production(), "p-ada", days_worked("p-ada")[0]["date"])
    assert {int(e["sequence"]) for e in first} == {fixtures.schedule()["version"]}
    assert {int(e["sequence"]) for e in republished} == {7}
    assert len({str(e["uid"]) for e in events(feed("p-obi"))} & {str(e["uid"]) for e in first}) == 0


def test_calendar_is_published_named_and_carries_the_lagos_timezone():
    calendar = feed("p-focus")
    assert str(calendar["method"]) == "PUBLISH"
    assert "Ifeoma Eze" in str(calendar["x-wr-calname"])
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Africa/Lagos"]
    assert len(events(calendar)) == len(fixtures.schedule()["days"])  # crew work every shoot day


def test_location_and_geo_point_to_the_persons_first_set():
    event = events(feed("p-ada"))[0]
    marina = fixtures.production()["locations"][0]
    assert marina["address"] in str(event["location"])
    assert (event["geo"].latitude, event["geo"].longitude) == (marina["latitude"], marina["longitude"])


def test_the_same_schedule_gives_the_same_bytes_and_strangers_are_rejected():
    args = (fixtures.schedule(), fixtures.production(), fixtures.scenes_by_id())
    assert person_calendar("p-obi", *args) == person_calendar("p-obi", *args)
    with pytest.raises(Rejected, match="p-nobody"):
        person_calendar("p-nobody", *args)
