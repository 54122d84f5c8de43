"""Day out of days codes on a made-up schedule: SW, W, H, WF, SWF and blanks outside the span."""
from core.call_sheets.day_out_of_days import codes_for, day_out_of_days, day_out_of_days_csv
from tests.unit.core.call_sheets import shoot_fixtures as fixtures


def test_codes_for_a_span_with_a_hold_in_it():
    assert codes_for([False, True, False, True, True, False]) == ["", "SW", "H", "W", "WF", ""]


def test_a_single_day_is_start_work_finish_and_no_work_is_all_blank():
    assert codes_for([False, True, False]) == ["", "SWF", ""]
    assert codes_for([False, False]) == ["", ""]
    assert codes_for([True, True]) == ["SW", "WF"]


def test_report_rows_and_totals_follow_the_schedule():
    schedule, scenes = fixtures.schedule(), fixtures.scenes_by_id()
    report = day_out_of_days(schedule, scenes, fixtures.production()["cast"])
    for row in report["rows"]:
        works = [any(row["character"] in scenes[s["scene_id"]]["characters"] + scenes[s["scene_id"]]["introduced"]
                     for s in day["scenes"]) for day in schedule["days"]]
        assert row["codes"] == codes_for(works)
        assert row["work_days"] == sum(works) and row["hold_days"] == row["codes"].count("H")
        if any(works):
            assert row["start"] == schedule["days"][works.index(True)]["date"]
    ada = next(row for row in report["rows"] if row["character"] == "ADA")
    assert ada["codes"] == ["SW", "H", "W", "WF"]  # ADA is idle on day 2: a paid hold
    assert report["totals"]["hold_days"] == sum(row["hold_days"] for row in report["rows"])
    for i, counts in enumerate(report["per_day"]):
        column = [row["codes"][i] for row in report["rows"]]
        assert counts["holding"] == column.count("H")
        assert counts["working"] + counts["holding"] == sum(code != "" for code in column)


def test_csv_has_a_header_with_each_day_and_one_line_per_cast_member():
    report = day_out_of_days(fixtures.schedule(), fixtures.scenes_by_id(), fixtures.production()["cast"])
    lines = day_out_of_days_csv(report).splitlines()
    assert len(lines) == 1 + len(fixtures.production()["cast"])
    assert all(day["label"] in lines[0] for day in report["days"])
    ada = next(line for line in lines if ",ADA," in line)
    assert ",SW,H,W,WF," in ada
