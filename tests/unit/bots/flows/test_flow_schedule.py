"""My schedule with each booking's code, and tomorrow's call from the published call sheet."""
from bots.flows.short_codes import booking_codes
from tests.unit.bots.flows.chat_fakes import PERSON, Conversation, FakeChatReads, booking

TOMORROW = "2026-12-02"


def sheet(person_id: str = PERSON, withdrawn: bool = False) -> dict:
    """A published call sheet as core/schedule_publication.py stores it (phones removed)."""
    return {
        "type": "call_sheet", "date": TOMORROW, "withdrawn": withdrawn, "cast": [],
        "crew": [{"department": "lighting", "people": [
            {"person_id": "other", "name": "Ada", "role": "Spark", "phone": "", "call": "06:00"},
            {"person_id": person_id, "name": "Obi", "role": "Gaffer", "phone": "", "call": "05:45"}]}],
        "locations": [{"id": "loc1", "name": "Marina house", "address": "12 Marina Rd, Lagos", "latitude": 6.45,
                       "longitude": 3.39, "map_link": "https://www.google.com/maps/search/?api=1&query=6.45,3.39"}],
    }


BOOKINGS = [booking("b1", "confirmed", "2026-11-28", "2026-12-05"), booking("b2", "awaiting_confirmation", "2026-12-20", "2026-12-22"),
            booking("old", "confirmed", "2026-10-01", "2026-10-03"), booking("no", "declined", "2026-12-10")]


async def test_schedule_lists_coming_bookings_with_their_codes():
    turn = await Conversation(FakeChatReads(bookings=BOOKINGS)).say("SCHEDULE")

    codes = {b["booking_id"]: code for code, b in booking_codes(BOOKINGS).items()}
    assert turn.params["lines"].splitlines() == [
        f"{codes['b1']}: Gaffer, Eko Nights, 2026-11-28 to 2026-12-05",
        f"{codes['b2']}: Gaffer, Eko Nights, 2026-12-20 to 2026-12-22 (reply YES {codes['b2']})",
    ]


async def test_tomorrow_gives_my_own_call_the_pin_and_the_call_sheet_link():
    reads = FakeChatReads(bookings=BOOKINGS, sheets={("proj01", TOMORROW): sheet()})

    turn = await Conversation(reads).say("TOMORROW")

    params = turn.params
    assert turn.template == "tomorrow_call"
    assert (params["call"], params["place"], params["location_pin"]) == ("05:45", "Marina house", [6.45, 3.39])
    assert params["sheet_path"] == f"/projects/proj01/call-sheets/{TOMORROW}.pdf"
    assert params["code"] == next(c for c, b in booking_codes(BOOKINGS).items() if b["booking_id"] == "b1")


async def test_without_a_sheet_tomorrow_shows_the_booking_call_time():
    for sheets in ({}, {("proj01", TOMORROW): sheet(withdrawn=True)}, {("proj01", TOMORROW): sheet("someone")}):
        turn = await Conversation(FakeChatReads(bookings=BOOKINGS, sheets=sheets)).say("call")

        assert (turn.template, turn.params["call"], turn.params["place"]) == ("tomorrow_no_sheet", "06:30", "Lekki")


async def test_nothing_tomorrow_says_so():
    assert (await Conversation(FakeChatReads(bookings=BOOKINGS[2:])).say("TOMORROW")).template == "tomorrow_none"
    assert (await Conversation(FakeChatReads()).say("SCHEDULE")).template == "schedule_empty"
