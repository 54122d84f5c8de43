"""Check-in statuses: on time at the grace boundary, late just after it, no-show, out, expected."""
from datetime import datetime, timedelta

import pytest

from core.call_sheets.call_sheet import call_sheet
from core.call_sheets.check_in_log import LATE_GRACE_MIN, NO_SHOW_AFTER_CALL_MIN, check_in_log
from core.errors import Rejected
from tests.unit.core.call_sheets import shoot_fixtures as fixtures


def sheet(day_number: int = 1) -> dict:
    return call_sheet(fixtures.schedule(), day_number, fixtures.scenes_by_id(), fixtures.production())


def call_of(a_sheet: dict, person_id: str) -> datetime:
    rows = a_sheet["cast"] + [p for d in a_sheet["crew"] for p in d["people"]]
    return datetime.fromisoformat(next(r["call_at"] for r in rows if r["person_id"] == person_id))


def check_in(person_id: str, moment: datetime) -> dict:
    return {"type": "check_in_record", "booking_id": f"b-{person_id}", "person_id": person_id,
            "day": moment.date().isoformat(), "at": moment.isoformat(), "method": "set_code", "set_code": "4821"}


def check_out(person_id: str, moment: datetime) -> dict:
    return {"type": "check_out_record", "person_id": person_id, "day": moment.date().isoformat(),
            "at": moment.isoformat()}


def status(rows: list[dict], person_id: str) -> str:
    return next(row["status"] for row in rows if row["person_id"] == person_id)


def test_arriving_at_the_end_of_the_grace_is_on_time_and_a_minute_after_is_late():
    s = sheet()
    ada_call, obi_call = call_of(s, "p-ada"), call_of(s, "p-obi")
    rows = check_in_log(s, [check_in("p-ada", ada_call + timedelta(minutes=LATE_GRACE_MIN)),
                            check_in("p-obi", obi_call + timedelta(minutes=LATE_GRACE_MIN + 1))],
                        [], obi_call + timedelta(hours=1))
    assert status(rows, "p-ada") == "in" and status(rows, "p-obi") == "late"
    obi = next(row for row in rows if row["person_id"] == "p-obi")
    assert obi["minutes_late"] == LATE_GRACE_MIN + 1 and obi["was_late"]


def test_no_check_in_is_expected_until_the_cut_off_then_a_no_show():
    s = sheet()
    call = call_of(s, "p-dop")
    cut_off = call + timedelta(minutes=NO_SHOW_AFTER_CALL_MIN)
    assert status(check_in_log(s, [], [], cut_off - timedelta(minutes=1)), "p-dop") == "expected"
    assert status(check_in_log(s, [], [], cut_off), "p-dop") == "no_show"


def test_nobody_checked_in_by_wrap_is_a_no_show_even_before_the_cut_off():
    s = sheet()
    wrap = datetime.fromisoformat(s["wrap_at"])
    rows = check_in_log(s, [], [], wrap)
    assert {row["status"] for row in rows} == {"no_show"}


def test_checked_out_is_out_and_keeps_the_lateness():
    s = sheet()
    call = call_of(s, "p-obi")
    rows = check_in_log(s, [check_in("p-obi", call + timedelta(minutes=40))],
                        [check_out("p-obi", call + timedelta(hours=10))], call + timedelta(hours=11))
    obi = next(row for row in rows if row["person_id"] == "p-obi")
    assert obi["status"] == "out" and obi["was_late"] and obi["checked_out_at"]


def test_a_repeated_check_in_keeps_the_first_and_other_days_are_ignored():
    s = sheet()
    call = call_of(s, "p-ada")
    rows = check_in_log(s, [check_in("p-ada", call + timedelta(minutes=30)), check_in("p-ada", call),
                            check_in("p-obi", call + timedelta(days=1))], [], call + timedelta(hours=3))
    assert status(rows, "p-ada") == "in"
    assert status(rows, "p-obi") == "no_show"


def test_a_night_shoot_check_out_after_midnight_counts_for_the_day():
    s = sheet(3)
    call = call_of(s, "p-mama")
    wrap = datetime.fromisoformat(s["wrap_at"])
    rows = check_in_log(s, [check_in("p-mama", call)], [check_out("p-mama", wrap)], wrap + timedelta(minutes=5))
    assert wrap.date() != call.date() and status(rows, "p-mama") == "out"


def test_a_time_without_its_zone_is_refused():
    with pytest.raises(Rejected, match="time zone"):
        check_in_log(sheet(), [], [], datetime(2026, 12, 1, 9, 0))
