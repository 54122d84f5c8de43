"""The Eko Nights example solves, and every rule of its file holds in the schedule, checked here
straight from the JSON (not through the optimiser's own reader), against astral's sun times."""
import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from core.scheduling.daylight import daylight
from core.scheduling.shoot import plan_shoot

EXAMPLE = Path(__file__).resolve().parents[4] / "examples" / "shoot" / "eko-nights.json"
EXAMPLE_LIMIT_S = 1.5  # enough for a good schedule, not for the proof (bench/shoot.py times that)


def clock_min(text: str, call: str = "00:00") -> int:
    """Minutes after the shoot date's midnight; a time before the day's call is the next morning."""
    def parse(clock: str) -> int:
        hours, minutes = clock.split(":")
        return int(hours) * 60 + int(minutes)
    return parse(text) + (24 * 60 if parse(text) < parse(call) else 0)


@pytest.fixture(scope="module")
def example():
    data = json.loads(EXAMPLE.read_text())
    return data, plan_shoot(data, EXAMPLE_LIMIT_S).schedule


def test_every_scene_is_scheduled_once_on_a_shoot_date(example):
    data, schedule = example
    shot = [entry["scene_id"] for day in schedule["days"] for entry in day["scenes"]]
    first = date.fromisoformat(data["production"]["start_date"])
    allowed = {(first + timedelta(days=n)).isoformat() for n in range(9)} - set(data["production"]["days_off"])

    assert sorted(shot) == sorted(scene["id"] for scene in data["scenes"])
    assert {day["date"] for day in schedule["days"]} <= allowed
    assert schedule["status"] == "draft" and schedule["timezone"] == "Africa/Lagos" and schedule["boneyard"] == []


def test_nobody_works_a_day_they_are_not_free(example):
    data, schedule = example
    by_character = {name: member for member in data["cast"] for name in member["characters"]}
    scenes = {scene["id"]: scene for scene in data["scenes"]}
    for day in schedule["days"]:
        for entry in day["scenes"]:
            scene = scenes[entry["scene_id"]]
            for name in scene["characters"] + scene["introduced"]:
                member = by_character[name]
                assert day["date"] not in member.get("unavailable", [])
                assert member.get("available_from", "0000") <= day["date"] <= member.get("available_until", "9999")


def test_locations_are_open_and_the_sun_is_where_each_scene_needs_it(example):
    data, schedule = example
    scenes = {scene["id"]: scene for scene in data["scenes"]}
    places = {place["id"]: place for place in data["locations"]}
    for day in schedule["days"]:
        for entry in day["scenes"]:
            scene, place = scenes[entry["scene_id"]], places[entry["location_id"]]
            assert entry["location_id"] == scene["location_id"]
            assert day["date"] not in place.get("closed_dates", [])
            assert all(span["from"] <= day["date"] <= span["until"] for span in place.get("available", []))
            start, end = clock_min(entry["start"], day["call"]), clock_min(entry["end"], day["call"])
            if "hours" in place:
                assert clock_min(place["hours"]["open"]) <= start and end <= clock_min(place["hours"]["close"])
            sun = daylight(place["latitude"], place["longitude"], date.fromisoformat(day["date"])).minutes()
            if scene["int_ext"] != "INT" and scene["day_night"] == "DAY":
                assert sun["sunrise"] <= start and end <= sun["sunset"], entry
            if scene["int_ext"] != "INT" and scene["day_night"] == "NIGHT":
                assert start >= sun["dusk"], entry


def test_days_respect_hours_turnaround_travel_and_the_fixed_finale(example):
    data, schedule = example
    days = schedule["days"]
    for day in days:
        assert clock_min(day["wrap"], day["call"]) - clock_min(day["call"]) <= 14 * 60
        assert clock_min(day["call"]) >= 6 * 60 and clock_min(day["wrap"], day["call"]) <= 26 * 60
        for before, after in zip(day["scenes"], day["scenes"][1:]):
            gap = clock_min(after["start"], day["call"]) - clock_min(before["end"], day["call"])
            assert gap >= (0 if before["location_id"] == after["location_id"] else 30)
    for earlier, later in zip(days, days[1:]):
        apart = (date.fromisoformat(later["date"]) - date.fromisoformat(earlier["date"])).days
        assert clock_min(later["call"]) + apart * 24 * 60 - clock_min(earlier["wrap"], earlier["call"]) >= 10 * 60
    finale = next(day for day in days if any(entry["scene_id"] == "37" for entry in day["scenes"]))
    assert finale["date"] == "2026-12-09"


def test_story_order_holds_where_the_file_asks(example):
    data, schedule = example
    position = {entry["scene_id"]: (day["date"], clock_min(entry["start"], day["call"]))
                for day in schedule["days"] for entry in day["scenes"]}
    for rule in data["precedences"]:
        assert position[rule["before"]] < position[rule["after"]]


def test_the_cost_block_counts_what_the_schedule_shows(example):
    _, schedule = example
    cost = schedule["cost"]

    assert cost["company_moves"] == sum(len(day["moves"]) for day in schedule["days"])
    lengths = [clock_min(day["wrap"], day["call"]) - clock_min(day["call"]) for day in schedule["days"]]
    assert cost["overtime_minutes"] == sum(max(0, length - 12 * 60) for length in lengths)
    assert cost["objective"] >= 150_000 * cost["company_moves"] + 2_500 * cost["overtime_minutes"]
