"""A breakdown flows into the optimiser: sets become locations, characters become cast."""
import pytest

from core.scheduling.shoot import schedule_shoot
from core.scheduling.shoot_breakdown import problem_from_breakdown
from core.scheduling.shoot_errors import BadShootFile
from tests.unit.core.scheduling.test_shoot_builders import BAR_BEACH, IKOYI_FLAT, LIMIT_S


def breakdown_scene(number: str, heading: str, characters: list[str], introduced: list[str] = ()) -> dict:
    int_ext, rest = heading.split(". ", 1)
    set_name, time_of_day = rest.rsplit(" - ", 1)
    return {"id": number, "number": number, "heading": heading, "int_ext": int_ext, "set": set_name,
            "time_of_day": time_of_day, "day_night": time_of_day if time_of_day in ("DAY", "NIGHT") else "OTHER",
            "eighths": 6, "estimated_minutes": 36, "characters": characters, "introduced": list(introduced),
            "elements": {"props": []}, "synopsis": "Something happens."}


BREAKDOWN = [
    breakdown_scene("1", "EXT. BAR BEACH - DAY", ["ADA"], ["OBI"]),
    breakdown_scene("2", "INT. ADA'S FLAT - NIGHT", ["ADA", "WAITER"]),
    breakdown_scene("3", "EXT. bar beach - NIGHT", ["OBI"]),
]


def office(**extra) -> dict:
    return {
        "production": {"title": "From the script", "start_date": "2026-12-01", "shoot_days": 2},
        "cast": [{"id": "ada", "name": "Ada", "characters": ["Ada"], "daily_rate_minor": 30_000_000},
                 {"id": "obi", "name": "Obi", "characters": ["OBI"], "daily_rate_minor": 20_000_000}],
        "locations": [{**BAR_BEACH}, {**IKOYI_FLAT, "sets": ["ADA'S FLAT"]}],
        **extra,
    }


def test_sets_are_matched_to_locations_and_characters_to_cast():
    problem = problem_from_breakdown(BREAKDOWN, office())

    assert [scene["location_id"] for scene in problem["scenes"]] == ["beach", "flat", "beach"]
    assert problem["notes"] == ["Characters with no cast member, not scheduled around: WAITER."]
    schedule = schedule_shoot(problem, LIMIT_S)
    assert sorted(e["scene_id"] for day in schedule["days"] for e in day["scenes"]) == ["1", "2", "3"]


def test_an_actor_introduced_in_the_action_is_scheduled_around_too():
    data = office()
    data["cast"][1]["unavailable"] = ["2026-12-01"]

    schedule = schedule_shoot(problem_from_breakdown(BREAKDOWN, data), LIMIT_S)

    day_of = {e["scene_id"]: day["date"] for day in schedule["days"] for e in day["scenes"]}
    assert day_of["1"] == "2026-12-02"  # Obi is only introduced in scene 1, but he is in it


def test_scene_overrides_from_the_office_survive():
    problem = problem_from_breakdown(BREAKDOWN, office(scene_overrides={"2": {"date": "2026-12-02"}}))

    assert problem["scenes"][1]["date"] == "2026-12-02"
    assert "date" not in BREAKDOWN[1]  # the breakdown itself is not changed


def test_a_set_with_no_location_is_refused_with_its_scenes():
    data = office()
    data["locations"][1]["sets"] = []

    with pytest.raises(BadShootFile, match="These sets have no location yet.*ADA'S FLAT \\(scenes 2\\)"):
        problem_from_breakdown(BREAKDOWN, data)


def test_an_empty_breakdown_is_refused():
    with pytest.raises(BadShootFile, match="no scenes"):
        problem_from_breakdown([], office())
