"""The live board's rows (web/app/src/call_sheets.js), run in node: each person on the sheet gets
the answer of the booking that covers the day, the reason of a decline, the day's check-in, and
a running-late notice only until they check in."""
import json
import shutil
import subprocess
from pathlib import Path

import pytest

NODE = shutil.which("node")
MODULE = Path(__file__).resolve().parents[4] / "web" / "app" / "src" / "call_sheets.js"
DAY = "2026-12-01"
HARNESS = """
import { readFileSync } from "node:fs";
const { boardRows, boardTotals, clockOf, callSheetSendRequest } = await import(process.argv[1]);
const { sheet, records } = JSON.parse(readFileSync(0, "utf8"));
const rows = boardRows(sheet, records);
console.log(JSON.stringify({ rows, totals: boardTotals(rows), clock: clockOf("2026-12-01T06:05:00+00:00"),
  request: callSheetSendRequest("abcdef123456", "2026-12-01") }));
"""

SHEET = {
    "date": DAY,
    "cast": [{"person_id": "pada01", "name": "Funke Adeyemi", "character": "ADA", "call": "06:45"}],
    "crew": [{"department": "lighting/grip", "people": [
        {"person_id": "pgaf01", "name": "Bayo Ojo", "role": "Gaffer", "call": "06:00"},
        {"person_id": "pspk01", "name": "Chidi Nwosu", "role": "Spark", "call": "06:00"},
        {"person_id": "pdop01", "name": "Kunle Ade", "role": "DOP", "call": "06:30"},
    ]}],
}


def booking(booking_id, person_id, status, start=DAY, end=DAY, **fields):
    return {"_id": f"booking:{booking_id}", "booking_id": booking_id, "person_id": person_id, "status": status,
            "start_date": start, "end_date": end, **fields}


RECORDS = {
    "bookings": [
        booking("b1", "pgaf01", "confirmed", answered_at="2026-11-30T18:00:00+01:00"),
        booking("b2", "pspk01", "declined"),
        booking("b3", "pdop01", "awaiting_confirmation"),
        booking("b0", "pada01", "confirmed", start="2026-11-01", end="2026-11-03"),  # another week's booking
    ],
    "answers": [{"_id": "call_answer:b2", "booking_id": "b2", "status": "declined", "reason": "sick, malaria"}],
    "checkIns": [{"booking_id": "b1", "person_id": "pgaf01", "day": DAY, "at": "2026-12-01T06:55:00+01:00",
                  "method": "set_code"}],
    "lates": [
        {"booking_id": "b1", "person_id": "pgaf01", "day": DAY, "eta_minutes": 20, "expected_at": "2026-12-01T06:20:00+01:00"},
        {"booking_id": "b3", "person_id": "pdop01", "day": DAY, "eta_minutes": 15, "expected_at": "2026-12-01T06:45:00+01:00"},
    ],
    "sends": {"people": {"pgaf01": {"at": "2026-11-30T19:00:00+01:00"}}},
}


@pytest.fixture(scope="module")
def board() -> dict:
    if NODE is None:
        pytest.skip("node is not installed: the web app's modules cannot be run here")
    done = subprocess.run([NODE, "--input-type=module", "-e", HARNESS, MODULE.as_uri()],
                          input=json.dumps({"sheet": SHEET, "records": RECORDS}),
                          capture_output=True, text=True, timeout=30, check=True)
    return json.loads(done.stdout)


def by_name(board: dict) -> dict[str, dict]:
    return {row["name"]: row for row in board["rows"]}


def test_everyone_on_the_sheet_in_call_sheet_order(board):
    assert [row["name"] for row in board["rows"]] == ["Funke Adeyemi", "Bayo Ojo", "Chidi Nwosu", "Kunle Ade"]
    assert by_name(board)["Funke Adeyemi"]["role"] == "as ADA"
    assert by_name(board)["Bayo Ojo"]["department"] == "lighting/grip"


@pytest.mark.parametrize("name, answer, reason", [
    ("Bayo Ojo", "confirmed", ""),
    ("Chidi Nwosu", "declined", "sick, malaria"),
    ("Kunle Ade", "waiting", ""),
    ("Funke Adeyemi", "not_booked", ""),  # her only booking is for other days
])
def test_each_answer_comes_from_the_booking_covering_the_day(board, name, answer, reason):
    row = by_name(board)[name]
    assert (row["answer"], row["reason"]) == (answer, reason)


def test_a_check_in_replaces_the_late_notice_and_a_late_one_shows_until_then(board):
    gaffer, dop = by_name(board)["Bayo Ojo"], by_name(board)["Kunle Ade"]
    assert (gaffer["checkedInAt"], gaffer["checkInMethod"], gaffer["late"]) == ("2026-12-01T06:55:00+01:00", "set_code", None)
    assert dop["late"] == {"etaMinutes": 15, "expectedAt": "2026-12-01T06:45:00+01:00"}
    assert dop["checkedInAt"] is None


def test_totals_and_sends(board):
    assert board["totals"] == {"called": 4, "confirmed": 1, "declined": 1, "checkedIn": 1, "late": 1}
    assert by_name(board)["Bayo Ojo"]["sentAt"] == "2026-11-30T19:00:00+01:00"
    assert by_name(board)["Kunle Ade"]["sentAt"] is None


def test_times_read_in_lagos_and_the_send_request_shape(board):
    assert board["clock"] == "07:05"  # 06:05 UTC
    request = board["request"]
    assert request["_id"].startswith("call_sheet_send:") and len(request["_id"]) == len("call_sheet_send:") + 32
    assert (request["type"], request["author"], request["day"]) == ("call_sheet_send", "abcdef123456", DAY)
