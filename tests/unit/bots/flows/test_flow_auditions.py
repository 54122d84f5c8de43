"""Book an audition slot: the open windows of a part I am shortlisted for, picked by number."""
from datetime import datetime

from core.casting_commands import BookAuditionSlot, RescheduleAudition
from core.intents import to_command
from tests.unit.bots.flows.chat_fakes import PERSON, Conversation, FakeChatReads

LAGOS = "+01:00"


def window(day: int, hour: int, capacity: int = 2, booked=()) -> dict:
    start = f"2026-12-{day:02d}T{hour:02d}:00:00{LAGOS}"
    return {"start": start, "end": start.replace(f"T{hour:02d}:00", f"T{hour:02d}:30"), "capacity": capacity,
            "booked": [{"person_id": p} for p in booked]}


def application(call: str, status: str = "shortlisted") -> dict:
    return {"casting_call_id": call, "project_id": "proj01", "job_title": f"Part {call}", "status": status}


def slots(*windows) -> dict:
    return {"where": "Yaba studio", "windows": list(windows)}


async def test_the_open_windows_are_listed_and_a_number_books_one():
    reads = FakeChatReads(applications=[application("c1")], slots={("proj01", "c1"): slots(
        window(1, 5), window(3, 10), window(3, 11, capacity=1, booked=["someone"]), window(4, 9))})
    chat = Conversation(reads)

    listed = await chat.say("AUDITION")
    booked = await chat.say("2")

    # Past (1 Dec 05:00 is before now) and full windows are left out.
    assert listed.choices == ("Thu 03 Dec 10:00 (2 left)", "Fri 04 Dec 09:00 (2 left)")
    assert booked.template == "audition_requested"
    assert to_command("user", PERSON, booked.intent) == BookAuditionSlot(
        booked.intent["_id"], PERSON, "c1", datetime.fromisoformat(window(4, 9)["start"]))


async def test_a_place_already_held_is_moved_not_doubled():
    reads = FakeChatReads(applications=[application("c1", "auditioning")],
                          slots={("proj01", "c1"): slots(window(3, 10, booked=[PERSON]), window(4, 9))})
    chat = Conversation(reads)
    await chat.say("AUDITION")

    turn = await chat.say("2")

    assert isinstance(to_command("user", PERSON, turn.intent), RescheduleAudition)
    assert turn.intent["new_window_start"] == window(4, 9)["start"]


async def test_with_two_parts_the_part_is_picked_first():
    reads = FakeChatReads(applications=[application("c1"), application("c2"), application("c3", "received")],
                          slots={("proj01", "c2"): slots(window(5, 10))})
    chat = Conversation(reads)

    parts = await chat.say("AUDITION")
    windows = await chat.say("2")

    assert (parts.template, parts.choices) == ("audition_pick_call", ("Part c1", "Part c2"))
    assert (windows.template, windows.params["where"], chat.place) == ("audition_pick_window", "Yaba studio", ("audition", "window"))


async def test_nothing_to_book_says_why():
    assert (await Conversation(FakeChatReads()).say("AUDITION")).template == "audition_none"
    no_windows = FakeChatReads(applications=[application("c1")])
    assert (await Conversation(no_windows).say("AUDITION")).template == "audition_no_windows"
    full = FakeChatReads(applications=[application("c1")], slots={("proj01", "c1"): slots(window(3, 10, 1, ["x"]))})
    assert (await Conversation(full).say("AUDITION")).template == "audition_full"
