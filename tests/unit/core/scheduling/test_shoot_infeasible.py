"""A schedule that cannot be met is refused with the rule, the scene and the person, never a traceback."""
import pytest

from core.errors import Rejected
from core.scheduling.shoot import schedule_shoot
from core.scheduling.shoot_errors import BadShootFile, ScheduleInfeasible
from tests.unit.core.scheduling.test_shoot_builders import (
    LIMIT_S, cast_member, location, production, scene,
)


def test_a_scene_whose_people_and_place_never_meet_names_all_three():
    data = production([scene("14", "beach", "EXT", characters=("ADA", "OBI"))])
    cast_member(data, "ada")["unavailable"] = ["2026-12-01", "2026-12-03"]
    cast_member(data, "obi")["unavailable"] = ["2026-12-01"]
    location(data, "beach")["closed_dates"] = ["2026-12-02"]

    with pytest.raises(ScheduleInfeasible) as refused:
        schedule_shoot(data, LIMIT_S)

    assert refused.value.reasons == [
        "Scene 14 (EXT. BAR BEACH - DAY) needs Ada and Obi, but on the only days both are free (2 Dec) "
        "Bar Beach is closed."]
    assert isinstance(refused.value, Rejected)


def test_two_people_never_free_together():
    data = production([scene("5", characters=("ADA", "OBI"))], days=2)
    cast_member(data, "ada")["unavailable"] = ["2026-12-01"]
    cast_member(data, "obi")["unavailable"] = ["2026-12-02"]

    with pytest.raises(ScheduleInfeasible, match=r"no shoot day has both free \(Ada is free on 2 Dec; "
                                                 r"Obi is free on 1 Dec\)"):
        schedule_shoot(data, LIMIT_S)


def test_too_much_work_for_the_days_an_actor_is_free_names_her_and_her_scenes():
    # Each scene fits a day on its own; together Ada's 15 h cannot fit the one day she is free.
    data = production([scene(str(n), minutes=300) for n in (3, 7, 9)] + [scene("4", characters=("OBI",))])
    cast_member(data, "ada")["available_until"] = "2026-12-01"

    with pytest.raises(ScheduleInfeasible) as refused:
        schedule_shoot(data, LIMIT_S)

    text = " ".join(refused.value.reasons)
    assert "Ada is free on 1 of the 3 shoot days (1 Dec) and is in scenes 3, 7, 9 (15 h of shooting)" in text
    assert "at most 14 h from call to wrap" in text


def test_precedence_against_availability_names_both_scenes_and_the_dates():
    data = production([scene("1"), scene("2", characters=("OBI",))], days=3,
                      precedences=[{"before": "2", "after": "1"}])
    cast_member(data, "obi")["available_from"] = "2026-12-03"
    cast_member(data, "ada")["available_until"] = "2026-12-02"

    with pytest.raises(ScheduleInfeasible, match="Scene 2 must be shot before scene 1, but it can only be shot "
                                                 "from 3 Dec and scene 1 no later than 2 Dec"):
        schedule_shoot(data, LIMIT_S)


def test_a_scene_longer_than_any_working_day_is_named():
    with pytest.raises(ScheduleInfeasible, match="Scene 1 \\(INT. IKOYI FLAT - DAY\\) runs 15 h, longer than"):
        schedule_shoot(production([scene("1", minutes=15 * 60)]), LIMIT_S)


def test_a_fixed_date_off_the_calendar_is_named():
    with pytest.raises(ScheduleInfeasible, match="fixed to 25 Dec, which is not a shoot date"):
        schedule_shoot(production([scene("1", date="2026-12-25")]), LIMIT_S)


@pytest.mark.parametrize("breakage, words", [
    (lambda d: d["scenes"][0].update(location_id="lekki"), "location_id \"lekki\" is not one of the locations"),
    (lambda d: d["production"].update(start_date="1st Dec"), "not a date written as YYYY-MM-DD"),
    (lambda d: d["working_day"].update(default_call="6am"), "not a time written as HH:MM"),
    (lambda d: d["cast"][0].update(daily_rate_minor=2.5), "whole number of kobo"),
    (lambda d: d["locations"][0].pop("latitude"), "give latitude and longitude"),
    (lambda d: d.update(scenes=[]), "no scenes to schedule"),
    (lambda d: d.update(precedences=[{"before": "1", "after": "99"}]), "scene \"99\", which is not in the scene"),
    (lambda d: d.update(weights={"happiness": 3}), "weights.happiness is not a weight"),
    (lambda d: d["scenes"].append(dict(d["scenes"][0])), "Two scenes have the id \"1\""),
    (lambda d: d["working_day"].update(max_hours=10), "max_hours .* cannot be less than standard_hours"),
    (lambda d: d["production"].update(timezone="Lagos"), "not a time zone name"),
    (lambda d: d.update(travel={"minutes": [{"from": "beach", "to": "ajah", "minutes": 5}]}), "location \"ajah\""),
    (lambda d: d["scenes"][0].update(cast=["tunde"]), "cast \"tunde\" is not in the cast list"),
    (lambda d: d["scenes"][0].pop("location_id"), "Scene 1 has no location_id"),
    (lambda d: d["scenes"][0].update(characters="ADA"), "characters and introduced must be lists"),
])
def test_a_broken_file_is_refused_with_the_field_named(breakage, words):
    data = production([scene("1")])
    breakage(data)

    with pytest.raises(BadShootFile, match=words):
        schedule_shoot(data, LIMIT_S)


def test_a_file_that_is_not_an_object_is_refused():
    with pytest.raises(BadShootFile, match="must be a JSON object"):
        schedule_shoot([], LIMIT_S)
