"""The crew view's reads and requests (web/app/src/crew.js), run in node: the person's next calls
come from the published sheets of the projects they are booked on, in the core's shapes; their
answers and check-ins are intents the core's parsers read as the bots' own."""
import json
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from core import commands
from core.intents import INTENT_TYPES, to_command

NODE = shutil.which("node")
MODULE = Path(__file__).resolve().parents[4] / "web" / "app" / "src" / "crew.js"
ME, TODAY = "pgaf01", "2026-12-01"
HARNESS = """
import { readFileSync } from "node:fs";
const crew = await import(process.argv[1]);
const { bookings, sheets, today, roles } = JSON.parse(readFileSync(0, "utf8"));
const calls = crew.nextCalls("pgaf01", bookings, sheets, today);
const castBooking = { ...bookings[0], booking_id: "c1", role: "Ada" };
const noon = new Date("2026-12-01T11:30:00Z");
console.log(JSON.stringify({
  calls,
  castCalls: crew.nextCalls("pada01", [castBooking], sheets, today),
  current: crew.currentBookings(bookings, [{ booking_id: "b1", _id: "call_confirmation:x" }], today),
  crewOnly: roles.map((list) => crew.isCrewOnly(list)),
  yes: crew.callConfirmation("pgaf01", "b1", true),
  no: crew.callConfirmation("pgaf01", "b1", false, "  sick, malaria "),
  checkIn: crew.checkIn("pgaf01", "b1", " 4821 ", noon),
}));
"""


def sheet(date: str, **fields) -> dict:
    return {
        "_id": f"call_sheet:{date}", "date": date, "day_number": 1, "days_total": 3, "crew_call": "06:00",
        "title": "Eko Nights",
        "scenes": [{"number": "12"}, {"number": "14"}, {"number": "30"}],
        "locations": [
            {"id": "loc-marina", "name": "Marina jetty", "address": "Marina Rd, Lagos Island", "scenes": ["12", "14"],
             "map_link": "https://maps.google.com/?q=6.45,3.39"},
            {"id": "loc-office", "name": "Broad Street office", "address": "12 Broad St", "scenes": ["30"]},
        ],
        "cast": [{"person_id": "pada01", "name": "Funke", "character": "ADA", "call": "06:45", "scenes": ["12"]}],
        "crew": [{"department": "lighting/grip", "people": [{"person_id": ME, "name": "Bayo Ojo", "role": "Gaffer",
                                                             "call": "05:30"}]}],
        **fields,
    }


INPUT = {
    "today": TODAY,
    "bookings": [
        {"booking_id": "b1", "project_id": "p1", "project_title": "Eko Nights", "role": "Gaffer", "status": "confirmed",
         "start_date": "2026-12-01", "end_date": "2026-12-03"},
        {"booking_id": "b0", "project_id": "p2", "project_title": "Old Film", "role": "Spark", "status": "declined",
         "start_date": "2026-12-02", "end_date": "2026-12-02"},
        {"booking_id": "b9", "project_id": "p3", "project_title": "Wrapped", "role": "Spark", "status": "confirmed",
         "start_date": "2026-11-01", "end_date": "2026-11-03"},
    ],
    "sheets": {
        "p1": [sheet("2026-11-30"), sheet("2026-12-02", day_number=2), sheet(TODAY),
               sheet("2026-12-03", withdrawn=True), sheet("2026-12-05")],  # the 5th is after the booking
        "p2": [sheet("2026-12-02")],  # declined: not a call to go to
    },
    "roles": [["person", "crew", "project_p1:member"], ["person", "producer"], ["person", "crew", "project_p1:office"],
              []],
}


@pytest.fixture(scope="module")
def crew() -> dict:
    if NODE is None:
        pytest.skip("node is not installed: the web app's modules cannot be run here")
    done = subprocess.run([NODE, "--input-type=module", "-e", HARNESS, MODULE.as_uri()], input=json.dumps(INPUT),
                          capture_output=True, text=True, timeout=30, check=True)
    return json.loads(done.stdout)


def test_next_calls_are_the_booked_sheet_days_from_today(crew):
    assert [(call["date"], call["bookingId"]) for call in crew["calls"]] == [(TODAY, "b1"), ("2026-12-02", "b1")]
    first = crew["calls"][0]
    assert (first["today"], first["call"], first["part"], first["confirmed"]) == (True, "05:30", "Gaffer", True)
    assert [place["name"] for place in first["places"]] == ["Marina jetty", "Broad Street office"]
    assert first["places"][0]["mapLink"] == "https://maps.google.com/?q=6.45,3.39"
    assert first["scenes"] == ["12", "14", "30"]  # crew work every scene of the day
    assert crew["calls"][1]["dayNumber"] == 2


def test_an_actor_is_called_to_the_places_of_their_own_scenes(crew):
    first = crew["castCalls"][0]

    assert (first["call"], first["part"], first["scenes"]) == ("06:45", "ADA", ["12"])
    assert [place["name"] for place in first["places"]] == ["Marina jetty"]


def test_current_bookings_leave_out_those_already_over(crew):
    assert [booking["booking_id"] for booking in crew["current"]] == ["b1", "b0"]
    assert [request["_id"] for request in crew["current"][0]["requests"]] == ["call_confirmation:x"]
    assert crew["current"][1]["requests"] == []


def test_the_crew_view_is_home_only_for_cast_and_crew_without_an_office_role(crew):
    assert crew["crewOnly"] == [True, False, False, False]


@pytest.mark.parametrize("name", ["yes", "no", "checkIn"])
def test_each_request_is_an_intent_the_person_may_write_in_their_database(crew, name):
    doc = crew[name]
    assert doc["type"] in INTENT_TYPES["user"]
    assert doc["_id"].startswith(f"{doc['type']}:") and doc["author"] == ME


def test_the_core_reads_a_yes_and_a_no_with_why(crew):
    yes, no = (to_command("user", ME, crew[name]) for name in ("yes", "no"))

    assert isinstance(yes, commands.ConfirmCallTime) and (yes.booking_id, yes.confirmed) == ("b1", True)
    assert (no.confirmed, no.reason) == (False, "sick, malaria")


def test_the_core_reads_a_check_in_on_the_sets_clock(crew):
    command = to_command("user", ME, crew["checkIn"])

    assert isinstance(command, commands.CheckIn)
    assert (command.booking_id, command.method, command.set_code) == ("b1", "set_code", "4821")
    assert command.at == datetime.fromisoformat("2026-12-01T12:30:00+01:00")  # 11:30 UTC is 12:30 in Lagos
