"""Re-optimising after a change keeps what still works and says in words what moved and why."""
import pytest

from core.scheduling.shoot import schedule_shoot
from core.scheduling.shoot_errors import BadShootFile
from core.scheduling.shoot_reschedule import reschedule
from tests.unit.core.scheduling.test_shoot_builders import LIMIT_S, placed, production, scene


def published_for(data: dict) -> dict:
    return {**schedule_shoot(data, LIMIT_S), "status": "published"}


def three_days() -> dict:
    # Each day is full (13 h of shooting per day), so every scene has exactly one day's worth of room.
    scenes = [scene(f"{n}{part}", minutes=260, characters=("ADA",) if n == 2 else ("OBI",))
              for n in (1, 2, 3) for part in "abc"]
    return production(scenes, days=3, weights={"overtime_minute_naira": 0})


def test_when_an_actor_loses_a_day_only_her_scenes_move_and_the_reason_names_her():
    data = production([scene("1", characters=("OBI",)), scene("2"), scene("3", characters=("OBI",))], days=3)
    published = published_for(data)
    ada_day = placed(published)["2"]["date"]

    out = reschedule(data, published, {"kind": "cast_unavailable", "cast_id": "ada", "dates": [ada_day]}, LIMIT_S)

    before, after = placed(published), placed(out["schedule"])
    assert after["2"]["date"] != ada_day
    assert all(after[scene_id]["date"] == before[scene_id]["date"] for scene_id in ("1", "3"))
    day = {"2026-12-01": "1 Dec", "2026-12-02": "2 Dec", "2026-12-03": "3 Dec"}[ada_day]
    assert out["moved"] == [{"scene_id": "2", "from_date": ada_day, "to_date": after["2"]["date"],
                             "reason": f"Ada is no longer free on {day}."}]
    assert (out["schedule"]["version"], out["schedule"]["status"]) == (published["version"] + 1, "draft")


def test_the_published_day_is_kept_even_where_a_fresh_solve_would_differ():
    data = three_days()
    published = published_for(data)
    fresh_cost = published["cost"]["objective"]
    # Swap one of Ada's scenes with one of Obi's on another day: still valid, but Ada now waits about.
    ada_day = next(day for day in published["days"] if day["scenes"][0]["scene_id"].startswith("2"))
    obi_day = next(day for day in published["days"] if day is not ada_day)
    ada_day["scenes"][0], obi_day["scenes"][0] = obi_day["scenes"][0], ada_day["scenes"][0]

    out = reschedule(data, published, None, LIMIT_S)

    assert {k: v["date"] for k, v in placed(out["schedule"]).items()} == {
        k: v["date"] for k, v in placed(published).items()}
    assert out["moved"] == []
    assert out["schedule"]["cost"]["objective"] > fresh_cost  # kept although a fresh plan is cheaper


def test_when_a_location_falls_through_its_scenes_move_with_that_reason():
    data = production([scene("1", "beach", characters=("OBI",), date="2026-12-01"), scene("2", "flat")], days=2)
    published = published_for(data)

    data["scenes"][0].pop("date")
    out = reschedule(data, published, {"kind": "location_unavailable", "location_id": "beach",
                                       "dates": ["2026-12-01"]}, LIMIT_S)

    assert placed(out["schedule"])["1"]["date"] == "2026-12-02"
    assert out["moved"][0]["scene_id"] == "1"
    assert out["moved"][0]["reason"] == "Bar Beach is no longer available on 1 Dec."


def test_a_lost_shoot_date_moves_its_scenes_and_says_so():
    data = production([scene("1", characters=("OBI",)), scene("2")], days=3)
    published = published_for(data)
    lost = published["days"][0]["date"]

    out = reschedule(data, published, [{"kind": "shoot_date_lost", "dates": [lost]}], LIMIT_S)

    assert all(entry["date"] != lost for entry in placed(out["schedule"]).values())
    assert {move["reason"] for move in out["moved"]} == {f"{int(lost[-2:])} Dec is no longer a shoot day."}


def test_an_unknown_change_is_refused_in_words():
    data = production([scene("1")])
    with pytest.raises(BadShootFile, match="A change must have kind"):
        reschedule(data, published_for(data), {"kind": "rain"}, LIMIT_S)


def test_a_previous_schedule_that_is_not_one_is_refused():
    with pytest.raises(BadShootFile, match="not a published schedule"):
        reschedule(production([scene("1")]), {"days": [{"scenes": []}]}, None, LIMIT_S)


def test_the_published_order_within_a_day_is_kept():
    data = production([scene(str(n), minutes=60) for n in range(1, 5)], days=1)
    published = published_for(data)
    published["days"][0]["scenes"].reverse()  # the AD reordered the day by hand before publishing

    out = reschedule(data, published, None, LIMIT_S)

    order = [entry["scene_id"] for entry in out["schedule"]["days"][0]["scenes"]]
    assert order == [entry["scene_id"] for entry in published["days"][0]["scenes"]]
