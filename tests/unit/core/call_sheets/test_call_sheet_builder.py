"""Call sheet fields derived from the schedule, breakdown and production sheet."""
from datetime import date, datetime, timedelta

import pytest

from core.call_sheets.call_sheet import call_sheet, personal_call_sheet
from core.call_sheets.production_sheet import DEFAULT_PICKUP_LEAD_MIN
from core.errors import Rejected
from core.scheduling.daylight import daylight
from tests.unit.core.call_sheets import shoot_fixtures as fixtures


def sheet_for(day_number: int = 1, **schedule_changes) -> dict:
    schedule = {**fixtures.schedule(), **schedule_changes}
    return call_sheet(schedule, day_number, fixtures.scenes_by_id(), fixtures.production())


def day(number: int) -> dict:
    return next(d for d in fixtures.schedule()["days"] if d["day"] == number)


def member(person_id: str) -> dict:
    production = fixtures.production()
    return next(m for m in production["cast"] + production["crew"] if m["person_id"] == person_id)


def hhmm(moment: datetime) -> str:
    return f"{moment:%H:%M}"


def test_general_call_shooting_call_and_wrap_come_from_the_schedule_day():
    sheet = sheet_for(1)
    assert sheet["crew_call"] == day(1)["call"] and sheet["wrap"] == day(1)["wrap"]
    assert sheet["shooting_call"] == min(slot["start"] for slot in day(1)["scenes"])
    assert sheet["schedule_version"] == fixtures.schedule()["version"]
    assert sheet["crew_call_at"].endswith("+01:00")


def test_scenes_carry_heading_synopsis_cast_and_pages_in_shooting_order():
    sheet, scenes = sheet_for(1), fixtures.scenes_by_id()
    assert [row["scene_id"] for row in sheet["scenes"]] == [slot["scene_id"] for slot in day(1)["scenes"]]
    first = sheet["scenes"][0]
    assert first["heading"] == scenes["1"]["heading"] and first["synopsis"] == scenes["1"]["synopsis"]
    assert first["pages"] == "1 3/8" and scenes["1"]["eighths"] == 11
    assert [part["character"] for part in first["cast"]] == scenes["1"]["characters"]
    assert sheet["total_eighths"] == sum(scenes[s["scene_id"]]["eighths"] for s in day(1)["scenes"])


def test_cast_is_on_set_at_first_scene_in_makeup_before_and_picked_up_before_makeup():
    sheet = sheet_for(1)
    ada = next(row for row in sheet["cast"] if row["person_id"] == "p-ada")
    first_scene_start = next(s["start"] for s in day(1)["scenes"]
                             if "ADA" in fixtures.scenes_by_id()[s["scene_id"]]["characters"])
    on_set = datetime.fromisoformat(ada["on_set_at"])
    assert ada["on_set"] == first_scene_start
    makeup = on_set - timedelta(minutes=member("p-ada")["makeup_minutes"])
    assert ada["makeup"] == hhmm(makeup) and ada["call"] == hhmm(makeup)
    pickup = makeup - timedelta(minutes=member("p-ada")["pickup"]["minutes_before_call"])
    assert ada["pickup"]["time"] == hhmm(pickup) and ada["pickup"]["place"] == member("p-ada")["pickup"]["place"]


def test_a_pickup_without_its_lead_time_uses_the_default_and_no_pickup_means_none():
    cast = {row["person_id"]: row for row in sheet_for(1)["cast"]}
    obi_call = datetime.fromisoformat(cast["p-obi"]["call_at"])
    assert cast["p-obi"]["pickup"]["time"] == hhmm(obi_call - timedelta(minutes=DEFAULT_PICKUP_LEAD_MIN))
    assert cast["p-chief"]["pickup"] is None


def test_only_cast_in_the_days_scenes_are_called():
    scenes = fixtures.scenes_by_id()
    in_day_1 = {name for s in day(1)["scenes"]
                for name in scenes[s["scene_id"]]["characters"] + scenes[s["scene_id"]]["introduced"]}
    called = {row["person_id"] for row in sheet_for(1)["cast"]}
    assert called == {m["person_id"] for m in fixtures.production()["cast"] if m["character"] in in_day_1}
    assert "p-mama" not in called  # MAMA T is only introduced in scene 2, on day 3
    assert "p-mama" in {row["person_id"] for row in sheet_for(3)["cast"]}


def test_crew_calls_follow_their_offsets_and_are_grouped_by_department():
    sheet = sheet_for(1)
    crew_call = datetime.fromisoformat(sheet["crew_call_at"])
    people = {p["person_id"]: (d["department"], p) for d in sheet["crew"] for p in d["people"]}
    for person_id, (department, row) in people.items():
        offset = member(person_id)["call_offset_minutes"]
        assert row["call"] == hhmm(crew_call + timedelta(minutes=offset))
        assert department == member(person_id)["department"]
    assert len({d["department"] for d in sheet["crew"]}) == len(sheet["crew"])


def test_sunrise_and_sunset_match_daylight_at_the_first_location():
    sheet = sheet_for(1)
    marina = fixtures.production()["locations"][0]
    sun = daylight(marina["latitude"], marina["longitude"], date(2026, 12, 1), "Africa/Lagos")
    assert sheet["sunrise"] == hhmm(sun.sunrise) and sheet["sunset"] == hhmm(sun.sunset)


def test_locations_have_a_map_link_and_the_nearest_hospital():
    place = sheet_for(1)["locations"][0]
    marina = fixtures.production()["locations"][0]
    assert place["map_link"] == (f"https://www.google.com/maps/search/?api=1&query="
                                 f"{marina['latitude']},{marina['longitude']}")
    assert place["nearest_hospital"]["name"] == marina["nearest_hospital"]["name"]
    assert [p["id"] for p in sheet_for(1)["locations"]] == ["loc-marina", "loc-office"]


def test_notes_set_code_and_advance_schedule_for_the_next_shoot_day():
    sheet = sheet_for(1)
    assert sheet["notes"] == fixtures.production()["notes"]["2026-12-01"]
    assert sheet["set_code"] == fixtures.production()["set_codes"]["2026-12-01"]
    assert sheet["advance"]["day_number"] == 2
    assert [row["scene_id"] for row in sheet["advance"]["scenes"]] == [s["scene_id"] for s in day(2)["scenes"]]
    assert sheet_for(4)["advance"] is None


def test_a_night_shoot_runs_past_midnight_into_the_next_date():
    sheet = sheet_for(3)
    assert datetime.fromisoformat(sheet["wrap_at"]).date() == date(2026, 12, 5)
    late_scene = next(row for row in sheet["scenes"] if row["scene_id"] == "2")
    assert late_scene["end_min"] > late_scene["start_min"]


def test_personal_sheet_shows_own_call_and_no_other_phone_numbers():
    sheet = sheet_for(1)
    mine = personal_call_sheet(sheet, "p-obi")
    text = repr(mine)
    assert mine["person"]["phone"] in text and mine["person"]["call"] == "07:00"
    others = [m["phone"] for m in fixtures.production()["cast"] + fixtures.production()["crew"]
              if m["person_id"] != "p-obi"]
    assert not [phone for phone in others if phone in text]
    office = [fixtures.production()[key]["phone"] for key in ("producer", "director", "first_ad")]
    assert all(phone in text for phone in office)
    assert [row["yours"] for row in mine["scenes"]] == ["OBI" in fixtures.scenes_by_id()[row["scene_id"]]["characters"]
                                                        for row in mine["scenes"]]


def test_personal_sheet_for_crew_marks_every_scene_and_rejects_strangers():
    mine = personal_call_sheet(sheet_for(1), "p-focus")
    assert mine["person"]["kind"] == "crew" and all(row["yours"] for row in mine["scenes"])
    with pytest.raises(Rejected, match="p-nobody"):
        personal_call_sheet(sheet_for(1), "p-nobody")


def test_a_draft_schedule_or_a_missing_day_gets_a_clear_reason():
    with pytest.raises(Rejected, match="draft"):
        sheet_for(1, status="draft")
    with pytest.raises(Rejected, match="no shoot day 9"):
        sheet_for(9)
    preview = call_sheet({**fixtures.schedule(), "status": "draft"}, 1, fixtures.scenes_by_id(),
                         fixtures.production(), draft_ok=True)
    assert preview["day_number"] == 1


@pytest.mark.parametrize("breakage, words", [
    (lambda s, p: s["days"][0]["scenes"][0].update(scene_id="99"), "scene 99"),
    (lambda s, p: s["days"][0]["scenes"][0].update(location_id="loc-moon"), "loc-moon"),
    (lambda s, p: s["days"][0].update(call="6.30am"), "HH:MM"),
    (lambda s, p: p["cast"][0].pop("character"), "character"),
    (lambda s, p: p["locations"][0].update(latitude=123), "not on Earth"),
    (lambda s, p: s["days"][0].pop("wrap"), "no wrap"),
    (lambda s, p: p["crew"][0].update(call_offset_minutes="early"), "whole number of minutes"),
    (lambda s, p: p["cast"][0].update(makeup_minutes=-5), "0 or more"),
])
def test_bad_input_is_rejected_in_words(breakage, words):
    schedule, production = fixtures.schedule(), fixtures.production()
    breakage(schedule, production)
    with pytest.raises(Rejected, match=words):
        call_sheet(schedule, 1, fixtures.scenes_by_id(), production)
