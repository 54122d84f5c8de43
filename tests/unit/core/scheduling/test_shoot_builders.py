"""Small made-up productions for the shoot optimiser's tests (Lagos, December 2026)."""
from copy import deepcopy

from core.scheduling.shoot_input import read_problem

BAR_BEACH = {"id": "beach", "name": "Bar Beach", "address": "Ahmadu Bello Way, Victoria Island",
             "latitude": 6.4215, "longitude": 3.4246}
IKOYI_FLAT = {"id": "flat", "name": "Ikoyi flat", "address": "Bourdillon Road, Ikoyi",
              "latitude": 6.4474, "longitude": 3.4363}
LIMIT_S = 2.0  # every problem here is tiny and is proved optimal in well under a tenth of that


def scene(scene_id: str, where: str = "flat", int_ext: str = "INT", day_night: str = "DAY", minutes: int = 60,
          characters: tuple[str, ...] = ("ADA",), **extra) -> dict:
    place = "BAR BEACH" if where == "beach" else "IKOYI FLAT"
    return {"id": scene_id, "number": scene_id, "heading": f"{int_ext}. {place} - {day_night}", "int_ext": int_ext,
            "set": place, "time_of_day": day_night, "day_night": day_night, "eighths": max(1, minutes // 6),
            "minutes": minutes, "characters": list(characters), "introduced": [], "elements": {},
            "synopsis": "", "location_id": where, **extra}


def production(scenes: list[dict], days: int = 3, **sections) -> dict:
    """A production starting 1 Dec 2026 with Ada and Obi, Bar Beach and an Ikoyi flat."""
    data = {
        "production": {"title": "Test Shoot", "start_date": "2026-12-01", "shoot_days": days},
        "working_day": {"standard_hours": 12, "max_hours": 14, "default_call": "06:00", "latest_wrap": "02:00",
                        "first_shot_after_call_minutes": 45, "turnaround_hours": 10,
                        "company_move_overhead_minutes": 30},
        "cast": [
            {"id": "ada", "name": "Ada", "characters": ["ADA"], "daily_rate_minor": 30_000_000},
            {"id": "obi", "name": "Obi", "characters": ["OBI"], "daily_rate_minor": 20_000_000},
        ],
        "locations": [deepcopy(BAR_BEACH), deepcopy(IKOYI_FLAT)],
        "travel": {"minutes": [{"from": "beach", "to": "flat", "minutes": 60}]},
        "scenes": scenes,
    }
    for name, value in sections.items():
        data[name] = value if not isinstance(value, dict) else {**data.get(name, {}), **value}
    return data


def cast_member(data: dict, cast_id: str) -> dict:
    return next(member for member in data["cast"] if member["id"] == cast_id)


def location(data: dict, location_id: str) -> dict:
    return next(place for place in data["locations"] if place["id"] == location_id)


def placed(schedule: dict) -> dict[str, dict]:
    """Each scheduled scene with its date and times, by scene id."""
    return {entry["scene_id"]: {**entry, "date": day["date"], "call": day["call"], "wrap": day["wrap"]}
            for day in schedule["days"] for entry in day["scenes"]}


def minutes(text: str, call: str = "00:00") -> int:
    """Minutes after the shoot date's midnight; a time before the day's call is the next morning."""
    def parse(clock: str) -> int:
        hours, mins = clock.split(":")
        return int(hours) * 60 + int(mins)
    return parse(text) + (24 * 60 if parse(text) < parse(call) else 0)


def test_the_builder_makes_a_file_the_reader_accepts():
    problem = read_problem(production([scene("1"), scene("2", "beach", "EXT", characters=("OBI",))]))

    assert [s.cast_ids for s in problem.scenes] == [("ada",), ("obi",)]
    assert problem.travel_min[("flat", "beach")] == 60
