"""Production report at wrap: scenes and pages shot against plan, first shot, wrap, late, absent."""
from datetime import datetime, timedelta

import pytest

from core.call_sheets.call_sheet import call_sheet
from core.call_sheets.production_report import production_report
from core.call_sheets.shoot_clock import pages
from core.errors import Rejected
from tests.unit.core.call_sheets import shoot_fixtures as fixtures


def sheet() -> dict:
    return call_sheet(fixtures.schedule(), 1, fixtures.scenes_by_id(), fixtures.production())


def at(a_sheet: dict, key: str, minutes: int = 0) -> str:
    return (datetime.fromisoformat(a_sheet[key]) + timedelta(minutes=minutes)).isoformat()


def test_pages_are_summed_in_eighths_and_unfinished_scenes_go_back_to_the_boneyard():
    s, scenes = sheet(), fixtures.scenes_by_id()
    done, undone = s["scenes"][0]["scene_id"], s["scenes"][1]["scene_id"]
    report = production_report(s, [{"scene_id": done, "completed": True}, {"scene_id": undone, "completed": False}],
                               [], [], at(s, "shooting_call_at", 20), at(s, "wrap_at", 45))
    assert report["shot_eighths"] == scenes[done]["eighths"]
    assert report["shot_pages"] == pages(scenes[done]["eighths"])
    assert report["planned_eighths"] == sum(scenes[r["scene_id"]]["eighths"] for r in s["scenes"])
    assert report["to_boneyard"] == [undone] and report["scenes_part_shot"] == [scenes[undone]["number"]]
    assert report["first_shot_late_minutes"] == 20 and report["overtime_minutes"] == 45


def test_a_scene_picked_up_from_another_day_adds_its_pages():
    s, scenes = sheet(), fixtures.scenes_by_id()
    extra = fixtures.schedule()["days"][1]["scenes"][0]["scene_id"]
    shot = [{"scene_id": r["scene_id"], "completed": True} for r in s["scenes"]]
    shot.append({"scene_id": extra, "completed": True})
    report = production_report(s, shot, [], [], at(s, "shooting_call_at"), at(s, "wrap_at"), scenes)
    assert report["shot_eighths"] == report["planned_eighths"] + scenes[extra]["eighths"]
    assert report["scenes_added"] == [scenes[extra]["number"]] and report["to_boneyard"] == []
    with pytest.raises(Rejected, match=f"Scene {extra}"):
        production_report(s, shot, [], [], at(s, "shooting_call_at"), at(s, "wrap_at"))


def test_late_and_absent_people_come_from_the_check_in_log():
    s = sheet()
    everyone = s["cast"] + [p for d in s["crew"] for p in d["people"]]
    late_one, on_time = everyone[0], everyone[1:]
    check_ins = [{"type": "check_in_record", "person_id": p["person_id"], "day": s["date"], "method": "set_code",
                  "at": (datetime.fromisoformat(p["call_at"]) + timedelta(minutes=m)).isoformat()}
                 for p, m in [(late_one, 50)] + [(p, 0) for p in on_time[:-1]]]
    report = production_report(s, [], check_ins, [], at(s, "shooting_call_at"), at(s, "wrap_at"))
    assert [p["person_id"] for p in report["late"]] == [late_one["person_id"]]
    assert report["late"][0]["minutes_late"] == 50
    assert [p["person_id"] for p in report["absent"]] == [on_time[-1]["person_id"]]


def test_wrap_before_first_shot_is_refused():
    s = sheet()
    with pytest.raises(Rejected, match="before the first shot"):
        production_report(s, [], [], [], at(s, "wrap_at"), at(s, "shooting_call_at"))
