"""Each rule of the shoot optimiser binds: a small production where it decides the answer, and the
same production with the way out removed, which must then be refused in words."""
from datetime import date

import pytest

from core.scheduling.daylight import daylight
from core.scheduling.shoot import schedule_shoot
from core.scheduling.shoot_errors import ScheduleInfeasible
from tests.unit.core.scheduling.test_shoot_builders import (
    BAR_BEACH, LIMIT_S, cast_member, location, minutes, placed, production, scene,
)


def test_a_scene_goes_to_the_only_day_its_actor_is_free():
    data = production([scene("1")])
    cast_member(data, "ada")["unavailable"] = ["2026-12-01", "2026-12-02"]

    assert placed(schedule_shoot(data, LIMIT_S))["1"]["date"] == "2026-12-03"

    cast_member(data, "ada")["unavailable"].append("2026-12-03")
    with pytest.raises(ScheduleInfeasible, match="Ada is not free on any shoot day"):
        schedule_shoot(data, LIMIT_S)


def test_available_until_is_a_stop_date():
    data = production([scene("1"), scene("2", characters=("OBI",))])
    cast_member(data, "ada")["available_from"] = "2026-12-02"
    cast_member(data, "ada")["available_until"] = "2026-12-02"

    assert placed(schedule_shoot(data, LIMIT_S))["1"]["date"] == "2026-12-02"


def test_a_location_is_used_only_inside_its_available_dates():
    data = production([scene("1", "beach", characters=("OBI",))])
    location(data, "beach")["available"] = [{"from": "2026-12-02", "until": "2026-12-02"}]

    assert placed(schedule_shoot(data, LIMIT_S))["1"]["date"] == "2026-12-02"

    location(data, "beach")["closed_dates"] = ["2026-12-02"]
    with pytest.raises(ScheduleInfeasible, match="Bar Beach is closed"):
        schedule_shoot(data, LIMIT_S)


def test_location_hours_bound_the_scene_times():
    data = production([scene("1", minutes=90), scene("2", minutes=90)], days=1)
    location(data, "flat")["hours"] = {"open": "10:00", "close": "13:00"}

    for entry in placed(schedule_shoot(data, LIMIT_S)).values():
        assert minutes(entry["start"], entry["call"]) >= 10 * 60 and minutes(entry["end"], entry["call"]) <= 13 * 60

    data["scenes"].append(scene("3", minutes=30))
    with pytest.raises(ScheduleInfeasible):
        schedule_shoot(data, LIMIT_S)


def test_exterior_day_scenes_sit_between_sunrise_and_sunset():
    # Five hours of beach daylight work on one day: the sun, not the crew's call, decides when.
    data = production([scene(str(n), "beach", "EXT", minutes=100) for n in range(1, 4)], days=1)
    sun = daylight(BAR_BEACH["latitude"], BAR_BEACH["longitude"], date(2026, 12, 1)).minutes()

    entries = placed(schedule_shoot(data, LIMIT_S)).values()

    assert min(minutes(e["start"], e["call"]) for e in entries) >= sun["sunrise"]
    assert max(minutes(e["end"], e["call"]) for e in entries) <= sun["sunset"]


def test_a_day_scene_longer_than_the_daylight_is_refused_with_the_sun_times():
    data = production([scene("1", "beach", "EXT", minutes=12 * 60)], days=1)

    with pytest.raises(ScheduleInfeasible, match="min of daylight \\(sunrise 06:[0-9]{2}, sunset 18:[0-9]{2}\\)"):
        schedule_shoot(data, LIMIT_S)


def test_night_exteriors_start_after_dusk_and_may_run_past_midnight_up_to_the_latest_wrap():
    data = production([scene("1", "beach", "EXT", "NIGHT", 240), scene("2", "beach", "EXT", "NIGHT", 150)], days=1)
    sun = daylight(BAR_BEACH["latitude"], BAR_BEACH["longitude"], date(2026, 12, 1)).minutes()

    schedule = schedule_shoot(data, LIMIT_S)
    entries = placed(schedule).values()

    assert min(minutes(e["start"], e["call"]) for e in entries) >= sun["dusk"]
    assert 24 * 60 < max(minutes(e["end"], e["call"]) for e in entries) <= 26 * 60  # 02:00 the next morning
    assert schedule["days"][0]["wrap"] < schedule["days"][0]["call"]  # written as the small hours

    data["scenes"].append(scene("3", "beach", "EXT", "NIGHT", 60))
    with pytest.raises(ScheduleInfeasible):
        schedule_shoot(data, LIMIT_S)


def test_interior_scenes_may_be_shot_at_any_time_of_the_working_day():
    # A night interior next to day exteriors on a one-day shoot: it is lit, so it need not wait for dusk.
    data = production([scene("1", "flat", "INT", "NIGHT", 120), scene("2", "flat", "INT", "DAY", 120)], days=1)

    day = schedule_shoot(data, LIMIT_S)["days"][0]

    assert minutes(day["wrap"], day["call"]) - minutes(day["call"]) == 45 + 240


def test_a_long_day_pays_overtime_and_never_passes_the_maximum():
    data = production([scene(str(n), minutes=130) for n in range(1, 7)], days=1)  # 13 h of shooting

    schedule = schedule_shoot(data, LIMIT_S)
    day = schedule["days"][0]
    length = minutes(day["wrap"], day["call"]) - minutes(day["call"])

    assert 12 * 60 < length <= 14 * 60
    assert schedule["cost"]["overtime_minutes"] == length - 12 * 60

    data["scenes"].append(scene("7", minutes=80))  # 14 h 20 of shooting cannot fit a 14 h day
    with pytest.raises(ScheduleInfeasible, match="at most 14 h from call to wrap"):
        schedule_shoot(data, LIMIT_S)


def test_turnaround_holds_between_a_late_wrap_and_the_next_call():
    late = scene("1", "beach", "EXT", "NIGHT", 300, date="2026-12-01")
    early = scene("2", "beach", "EXT", "DAY", 240, date="2026-12-02")
    data = production([late, early], days=2)

    days = schedule_shoot(data, LIMIT_S)["days"]

    assert minutes(days[1]["call"]) + 24 * 60 - minutes(days[0]["wrap"], days[0]["call"]) >= 10 * 60

    data["working_day"]["turnaround_hours"] = 20  # no daylight left for day 2 after 20 h off
    with pytest.raises(ScheduleInfeasible, match="between wrap and the next call"):
        schedule_shoot(data, LIMIT_S)


def test_a_company_move_takes_the_drive_and_the_rigging_time():
    data = production([scene("1", "beach", characters=("OBI",)), scene("2", "flat")], days=1)

    day = schedule_shoot(data, LIMIT_S)["days"][0]
    first, second = day["scenes"]

    assert day["moves"] == [{"from": first["location_id"], "to": second["location_id"], "travel_minutes": 60,
                             "at": first["end"]}]
    assert minutes(second["start"], day["call"]) - minutes(first["end"], day["call"]) >= 60 + 30


def test_travel_time_can_make_a_day_impossible():
    data = production([scene("1", "beach", minutes=400, characters=("OBI",)),
                       scene("2", "flat", minutes=400)], days=1)
    data["working_day"]["max_hours"] = 15

    with pytest.raises(ScheduleInfeasible, match="company move takes the drive"):
        schedule_shoot(data, LIMIT_S)


def test_precedence_keeps_scenes_in_story_order_across_days_and_within_a_day():
    data = production([scene("1"), scene("2", characters=("OBI",))], days=2,
                      precedences=[{"before": "2", "after": "1"}])
    cast_member(data, "obi")["unavailable"] = ["2026-12-01"]

    where = placed(schedule_shoot(data, LIMIT_S))
    assert (where["2"]["date"], where["1"]["date"]) == ("2026-12-02", "2026-12-02")
    assert minutes(where["2"]["end"], where["2"]["call"]) <= minutes(where["1"]["start"], where["1"]["call"])

    cast_member(data, "ada")["unavailable"] = ["2026-12-02"]
    with pytest.raises(ScheduleInfeasible, match="Scene 2 must be shot before scene 1"):
        schedule_shoot(data, LIMIT_S)


def test_a_fixed_date_is_kept():
    data = production([scene("1", date="2026-12-03"), scene("2", date="2026-12-01")])

    where = placed(schedule_shoot(data, LIMIT_S))

    assert (where["1"]["date"], where["2"]["date"]) == ("2026-12-03", "2026-12-01")
    cast_member(data, "ada")["unavailable"] = ["2026-12-03"]
    with pytest.raises(ScheduleInfeasible, match="fixed to 3 Dec, but that day Ada is not free"):
        schedule_shoot(data, LIMIT_S)


def test_a_scene_parked_in_the_boneyard_is_not_scheduled():
    data = production([scene("1"), scene("2", boneyard=True)])

    schedule = schedule_shoot(data, LIMIT_S)

    assert schedule["boneyard"] == ["2"] and set(placed(schedule)) == {"1"}
