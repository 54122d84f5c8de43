"""The conversation engine: a message in, a reply and/or an intent out; the core decides."""
import pytest

from bots.channels.base import Incoming
from bots.conversation import MAX_JOBS_LISTED, ChatReads, respond
from core.intents import to_command
from core.commands import ApplyForJob, CheckIn, ConfirmCallTime
from core.shoot_commands import CheckOut

PERSON = "abcdef123456"
NOW = "2026-12-01T06:31:00+01:00"


def job(n: int) -> dict:
    return {
        "job_post_id": f"{n:020d}", "code": f"CODE{n}", "title": f"Job {n}", "project_title": "Eko Nights",
        "location": {"city": "Lekki"}, "start_date": "2026-12-01",
    }


def booking(booking_id: str, status: str, start: str, end: str = "2026-12-12") -> dict:
    return {
        "booking_id": booking_id, "status": status, "start_date": start, "end_date": end,
        "role": "Gaffer", "project_title": "Eko Nights",
    }


class FakeChatReads(ChatReads):
    def __init__(self, jobs=(), bookings=(), applications=(), escrows=()):
        self.jobs, self._bookings, self._applications = list(jobs), list(bookings), list(applications)
        self._escrows = list(escrows)
        self.limits: list[int] = []

    async def open_jobs(self, limit: int) -> list[dict]:
        self.limits.append(limit)
        return self.jobs[:limit]

    async def job_by_code(self, code: str) -> dict | None:
        return next((j for j in self.jobs if j["code"] == code), None)

    async def bookings(self, person_id: str) -> list[dict]:
        return self._bookings if person_id == PERSON else []

    async def applications(self, person_id: str) -> list[dict]:
        return self._applications if person_id == PERSON else []

    async def escrows(self, person_id: str) -> list[dict]:
        return self._escrows if person_id == PERSON else []


def message(text: str, provider_id: str = "SM0001") -> Incoming:
    return Incoming(channel="whatsapp", provider_id=provider_id, sender="+2348030000001", text=text)


async def say(text: str, reads: ChatReads | None = None, provider_id: str = "SM0001"):
    return await respond(message(text, provider_id), PERSON, reads or FakeChatReads(), NOW)


@pytest.mark.parametrize("text", ["HI", "hi", "Hello", "  start ", "MENU"])
async def test_a_greeting_gets_the_welcome(text):
    turn = await say(text)

    assert (turn.template, turn.intent) == ("welcome", None)


async def test_jobs_lists_at_most_five_with_their_codes():
    reads = FakeChatReads(jobs=[job(n) for n in range(7)])

    turn = await say("JOBS", reads)

    lines = turn.params["lines"].splitlines()
    assert turn.template == "jobs_list"
    assert reads.limits == [MAX_JOBS_LISTED] == [5]
    assert [line.split(":")[0] for line in lines] == ["CODE0", "CODE1", "CODE2", "CODE3", "CODE4"]
    assert lines[0] == "CODE0: Job 0, Eko Nights, Lekki, from 2026-12-01"


async def test_jobs_with_none_open_says_so():
    assert (await say("jobs")).template == "jobs_none"


@pytest.mark.parametrize("text", ["APPLY CODE3", "apply code3", "Apply code-3"])
async def test_apply_builds_an_application_request(text):
    turn = await say(text, FakeChatReads(jobs=[job(3)]))

    assert (turn.template, turn.params) == ("application_queued", {"job_title": "Job 3"})
    intent = turn.intent
    assert intent["_id"].startswith("application_request:")
    assert (intent["type"], intent["author"], intent["job_post_id"], intent["created_at"]) == (
        "application_request", PERSON, job(3)["job_post_id"], NOW,
    )
    assert intent["source"] == {"channel": "whatsapp", "message_id": "SM0001"}
    assert to_command("user", PERSON, intent) == ApplyForJob(intent["_id"], PERSON, job(3)["job_post_id"])


async def test_the_intent_id_comes_from_the_provider_message_id():
    reads = FakeChatReads(jobs=[job(3)])

    first = await say("APPLY CODE3", reads, "SM0001")
    redelivered = await say("APPLY CODE3", reads, "SM0001")
    another = await say("APPLY CODE3", reads, "SM0002")

    assert first.intent["_id"] == redelivered.intent["_id"] != another.intent["_id"]


async def test_apply_with_an_unknown_code_says_what_to_do():
    turn = await say("APPLY ZZZZZ", FakeChatReads(jobs=[job(3)]))

    assert turn.template == "intent_rejected"
    assert "ZZZZZ" in turn.params["reason"] and "JOBS" in turn.params["reason"]
    assert turn.intent is None


async def test_yes_answers_the_soonest_booking_waiting_for_an_answer():
    reads = FakeChatReads(bookings=[
        booking("later", "awaiting_confirmation", "2026-12-10"),
        booking("done", "confirmed", "2026-11-25"),
        booking("soonest", "awaiting_confirmation", "2026-12-03"),
    ])

    turn = await say("YES", reads)

    assert (turn.template, turn.intent["type"]) == ("", "call_confirmation")
    assert (turn.intent["booking_id"], turn.intent["answer"]) == ("soonest", "yes")
    assert to_command("user", PERSON, turn.intent) == ConfirmCallTime(turn.intent["_id"], PERSON, "soonest", True, "")


async def test_yes_with_nothing_waiting_says_so():
    reads = FakeChatReads(bookings=[booking("done", "confirmed", "2026-12-01")])

    turn = await say("yes", reads)

    assert (turn.template, turn.intent) == ("nothing_to_confirm", None)


async def test_no_carries_the_reason():
    reads = FakeChatReads(bookings=[booking("b1", "awaiting_confirmation", "2026-12-03")])

    turn = await say("NO sick", reads)

    assert (turn.intent["answer"], turn.intent["reason"]) == ("no", "sick")
    assert to_command("user", PERSON, turn.intent).confirmed is False


async def test_checkin_with_a_confirmed_booking_today_builds_a_check_in():
    reads = FakeChatReads(bookings=[
        booking("tomorrow", "confirmed", "2026-12-02"),
        booking("today", "confirmed", "2026-11-28", "2026-12-05"),
    ])

    turn = await say("CHECKIN 4821", reads)

    intent = turn.intent
    assert (intent["type"], intent["booking_id"], intent["set_code"], intent["method"], intent["at"]) == (
        "check_in", "today", "4821", "set_code", NOW,
    )
    command = to_command("user", PERSON, intent)
    assert isinstance(command, CheckIn) and command.at.isoformat() == NOW


@pytest.mark.parametrize(
    "bookings",
    [[], [booking("waiting", "awaiting_confirmation", "2026-12-01")], [booking("future", "confirmed", "2026-12-02")]],
    ids=["no booking", "not confirmed", "not today"],
)
async def test_checkin_without_a_confirmed_booking_today_is_refused(bookings):
    turn = await say("CHECKIN 4821", FakeChatReads(bookings=bookings))

    assert (turn.template, turn.intent) == ("intent_rejected", None)
    assert "no confirmed booking today" in turn.params["reason"]


async def test_checkout_at_wrap_builds_a_check_out_for_todays_booking():
    reads = FakeChatReads(bookings=[booking("today", "confirmed", "2026-11-28", "2026-12-05")])

    turn = await say("checkout", reads)

    assert (turn.intent["type"], turn.intent["booking_id"], turn.intent["at"]) == ("check_out", "today", NOW)
    command = to_command("user", PERSON, turn.intent)
    assert isinstance(command, CheckOut) and command.at.isoformat() == NOW


async def test_checkout_without_a_booking_today_is_refused():
    turn = await say("CHECKOUT", FakeChatReads(bookings=[booking("future", "confirmed", "2026-12-02")]))

    assert (turn.template, turn.intent) == ("intent_rejected", None)


@pytest.mark.parametrize("text", ["asdfgh", "", "   ", "APPLY", "CHECKIN", "👍"])
async def test_anything_else_is_not_understood(text):
    turn = await say(text)

    assert (turn.template, turn.intent) == ("not_understood", None)


async def test_status_lists_bookings_and_applications():
    reads = FakeChatReads(
        bookings=[booking("b1", "confirmed", "2026-12-01")],
        applications=[{"job_title": "Boom operator", "status": "received"}],
    )

    turn = await say("STATUS", reads)

    assert turn.params["lines"] == "Booked: Gaffer, Eko Nights (confirmed)\nApplied: Boom operator (received)"
    assert (await say("STATUS")).template == "status_empty"


async def test_status_shows_pay_held_in_escrow_and_what_was_released():
    held = {"role": "Gaffer", "project_title": "Eko Nights", "amount": {"amount_minor": 45_000_000, "currency": "NGN"},
            "status": "held", "released_minor": 15_000_000}
    waiting = {**held, "role": "Best boy", "status": "checkout_ready", "released_minor": 0}

    turn = await say("STATUS", FakeChatReads(escrows=[held, waiting]))

    assert turn.params["lines"].splitlines() == [
        "Pay: ₦450,000 for Gaffer, Eko Nights: held in escrow, ₦150,000 released",
        "Pay: ₦450,000 for Best boy, Eko Nights: not yet paid into escrow",
    ]


@pytest.mark.parametrize("text", ["Yes, I can do the Lekki location on Monday", "Yes.", "YES!"])
async def test_yes_with_punctuation_is_understood(text):
    reads = FakeChatReads(bookings=[booking("b1", "awaiting_confirmation", "2026-12-03")])

    turn = await say(text, reads)

    assert turn.intent is not None and turn.intent["answer"] == "yes"
