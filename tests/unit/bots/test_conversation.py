"""The conversation engine: a message in, a reply, intents and the person's place out; the core decides."""
import pytest

from bots.conversation import respond
from bots.flows import FLOWS
from bots.flows.jobs import PAGE_SIZE
from bots.flows.short_codes import booking_codes
from core.commands import ApplyForJob, CheckIn, ConfirmCallTime
from core.intents import to_command
from core.shoot_commands import CheckOut
from tests.unit.bots.flows.chat_fakes import (
    NOW, PERSON, Conversation, FakeChatReads, booking, casting_call, job, message,
)


async def say(text: str, reads: FakeChatReads | None = None, provider_id: str = "SM0001"):
    return await respond(message(text, provider_id), PERSON, reads or FakeChatReads(), NOW)


@pytest.mark.parametrize("text", ["HI", "hi", "Hello", "  start ", "Bawo", "Kedu", "Sannu"])
async def test_a_greeting_gets_the_welcome_and_the_menu(text):
    turn = await say(text)

    assert (turn.template, turn.intent) == ("welcome", None)
    assert turn.choices[0] == "label_jobs" and len(turn.choices) == 11
    assert (turn.chat_state["flow"], turn.chat_state["state"]) == ("menu", "pick")


async def test_menu_then_a_number_starts_that_flow():
    chat = Conversation(FakeChatReads(jobs=[job(1), job(2)]))

    assert (await chat.say("MENU")).template == "menu"
    turn = await chat.say("1")

    assert turn.template == "jobs_page" and chat.place == ("jobs", "browsing")
    assert turn.choices == ("CODE1 Job 1, Eko Nights, Lekki, from 2026-12-01", "CODE2 Job 2, Eko Nights, Lekki, from 2026-12-01")


async def test_jobs_lists_one_page_with_codes():
    reads = FakeChatReads(jobs=[job(n) for n in range(7)])

    turn = await say("JOBS", reads)

    assert turn.template == "jobs_page"
    assert reads.limits == [PAGE_SIZE] == [5]
    assert [line.split()[0] for line in turn.choices] == ["CODE0", "CODE1", "CODE2", "CODE3", "CODE4"]
    assert turn.params == {"first": 1, "last": 5, "total": 7}


async def test_jobs_with_none_open_says_so():
    turn = await say("jobs")

    assert turn.template == "jobs_none" and turn.chat_state["flow"] == ""


@pytest.mark.parametrize("text", ["APPLY CODE3", "apply code3", "Apply code-3"])
async def test_apply_for_a_crew_job_builds_an_application_request_at_once(text):
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

    assert (turn.template, turn.params["code"], turn.intent) == ("job_unknown", "ZZZZZ", None)


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


@pytest.mark.parametrize("text", ["Yes, I can do the Lekki location on Monday", "Yes.", "YES!", "Bẹ́ẹ̀ni", "beeni", "No wahala"])
async def test_yes_in_many_forms_is_understood(text):
    reads = FakeChatReads(bookings=[booking("b1", "awaiting_confirmation", "2026-12-03")])

    turn = await say(text, reads)

    assert turn.intent is not None and turn.intent["answer"] == "yes"


async def test_yes_with_nothing_waiting_says_so():
    turn = await say("yes", FakeChatReads(bookings=[booking("done", "confirmed", "2026-12-01")]))

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

    assert (turn.template, turn.intent) == ("no_booking_today", None)


async def test_checkout_at_wrap_builds_a_check_out_for_todays_booking():
    reads = FakeChatReads(bookings=[booking("today", "confirmed", "2026-11-28", "2026-12-05")])

    turn = await say("checkout", reads)

    assert (turn.intent["type"], turn.intent["booking_id"], turn.intent["at"]) == ("check_out", "today", NOW)
    command = to_command("user", PERSON, turn.intent)
    assert isinstance(command, CheckOut) and command.at.isoformat() == NOW


async def test_checkout_without_a_booking_today_is_refused():
    turn = await say("CHECKOUT", FakeChatReads(bookings=[booking("future", "confirmed", "2026-12-02")]))

    assert (turn.template, turn.intent) == ("no_booking_today", None)


@pytest.mark.parametrize("text", ["asdfgh", "", "   ", "👍", "x" * 5000, "FROBNICATE 12"])
async def test_anything_else_gets_the_menu_never_a_dead_end(text):
    turn = await say(text)

    assert (turn.template, turn.intent) == ("not_understood_menu", None)
    assert turn.choices and turn.chat_state["flow"] == "menu"


async def test_status_lists_bookings_and_applications():
    reads = FakeChatReads(
        bookings=[booking("b1", "confirmed", "2026-12-01")],
        applications=[{"job_title": "Boom operator", "status": "received"}],
    )

    turn = await say("STATUS", reads)

    assert turn.params["lines"] == "Booked: Gaffer, Eko Nights (confirmed)\nApplied: Boom operator (applied)"
    assert (await say("STATUS")).template == "status_empty"


async def test_status_shows_pay_held_in_escrow_and_what_was_released():
    held = {"role": "Gaffer", "project_title": "Eko Nights", "amount": {"amount_minor": 45_000_000, "currency": "NGN"},
            "status": "held", "released_minor": 15_000_000}
    waiting = {**held, "role": "Best boy", "status": "checkout_ready", "released_minor": 0}

    turn = await say("STATUS", FakeChatReads(escrows=[held, waiting]))

    assert turn.params["lines"].splitlines() == [
        "Pay: ₦450,000 for Gaffer, Eko Nights: held for you, ₦150,000 released",
        "Pay: ₦450,000 for Best boy, Eko Nights: not yet paid into escrow",
    ]


async def test_pay_names_the_milestone_and_says_when_a_dispute_froze_it():
    frozen = {"role": "Gaffer", "project_title": "Eko Nights", "amount": {"amount_minor": 25_000_000, "currency": "NGN"},
              "status": "disputed", "released_minor": 0, "milestone": "wrap"}
    paid = {**frozen, "status": "released", "released_minor": 25_000_000, "milestone": "first-half"}

    turn = await say("PAY", FakeChatReads(escrows=[frozen, paid]))

    assert turn.params["lines"].splitlines() == [
        "Pay: ₦250,000 for Gaffer, Eko Nights (wrap): frozen by a dispute until an admin decides",
        "Pay: ₦250,000 for Gaffer, Eko Nights (first-half): settled, ₦250,000 to you",
    ]


# ---- The engine: every state has a way out, its own help, and resumes or times out. ----

BOOKINGS = [booking("b1", "confirmed", "2026-11-28", "2026-12-05"), booking("b2", "awaiting_confirmation", "2026-12-03")]
SLOTS = {("proj01", "call7"): {"where": "Yaba studio", "windows": [
    {"start": "2026-12-04T10:00:00+01:00", "end": "2026-12-04T10:30:00+01:00", "capacity": 2, "booked": []}]}}
OFFER = {"offer_id": "app1", "job_title": "Gaffer", "project_title": "Eko Nights", "start_date": "2026-12-10",
         "end_date": "2026-12-12", "rate": "₦25,000", "rate_per": "day", "expires_at": "2026-12-03 18:00"}
# Every state of every flow, with memory a real conversation would have left there.
STATE_DATA = {
    ("menu", "pick"): {},
    ("onboarding", "language"): {},
    ("onboarding", "role"): {"language": "en"},
    ("onboarding", "department"): {"roles": ["crew"]},
    ("onboarding", "skills"): {"roles": ["crew"], "department": "sound"},
    ("onboarding", "rate"): {"roles": ["actor"]},
    ("onboarding", "location"): {"roles": ["actor"]},
    ("onboarding", "consent"): {"roles": ["actor"], "city": "Yaba", "state": "Lagos"},
    ("jobs", "browsing"): {"offset": 0, "codes": ["CODE1"]},
    ("job", "details"): {"code": "CODE1"},
    ("apply", "code"): {},
    ("apply", "tape"): {"code": "CODE7", "title": "Part 7"},
    ("audition", "call"): {"calls": [{"casting_call_id": "call7", "project_id": "proj01", "job_title": "Part 7"}]},
    ("audition", "window"): {"casting_call_id": "call7", "job_title": "Part 7", "where": "Yaba studio",
                             "starts": ["2026-12-04T10:00:00+01:00"], "moving": False},
    ("offer", "pick"): {"offers": [OFFER]},
    ("offer", "answer"): {"offer": OFFER},
    ("offer", "reason"): {"offer": OFFER},
    ("decline", "reason"): {"booking_id": "b2", "role": "Gaffer", "project_title": "Eko Nights"},
    ("late", "eta"): {"booking_id": "b1", "project_title": "Eko Nights"},
    ("check_in", "code"): {"booking_id": "b1"},
    ("language", "pick"): {},
}
EVERY_STATE = sorted((flow.name, state) for flow in FLOWS.values() for state in flow.states)
# What a person could type that no state takes as an answer (free text is a fine answer to some).
NOT_AN_ANSWER = "🤷"


def reads_for_states() -> FakeChatReads:
    return FakeChatReads(jobs=[job(1), casting_call(7)], bookings=BOOKINGS, slots=SLOTS)


def test_the_table_covers_every_state_of_every_flow():
    assert sorted(STATE_DATA) == EVERY_STATE


@pytest.mark.parametrize("place", EVERY_STATE, ids="-".join)
async def test_cancel_in_every_state_leaves_the_flow_for_the_menu(place):
    chat = Conversation(reads_for_states())
    chat.put(*place, STATE_DATA[place])

    turn = await chat.say("cancel")

    assert (turn.template, turn.intent, chat.place) == ("cancelled", None, ("menu", "pick"))
    assert turn.choices[0] == "label_jobs"


@pytest.mark.parametrize("word", ["MENU", "Menu", "akojo"])
@pytest.mark.parametrize("place", EVERY_STATE, ids="-".join)
async def test_menu_in_every_state_shows_the_menu(place, word):
    chat = Conversation(reads_for_states())
    chat.put(*place, STATE_DATA[place])

    turn = await chat.say(word)

    assert (turn.template, chat.place) == ("menu", ("menu", "pick"))


@pytest.mark.parametrize("place", EVERY_STATE, ids="-".join)
async def test_a_wrong_answer_in_every_state_gets_that_states_help_and_stays(place):
    chat = Conversation(reads_for_states())
    chat.put(*place, STATE_DATA[place])

    turn = await chat.say(NOT_AN_ANSWER)

    assert turn.template == FLOWS[place[0]].states[place[1]].help
    assert (turn.intent, chat.place) == (None, place)


@pytest.mark.parametrize("word", ["STOP", "stop", "Dúró", "tsaya", "kwụsị", "UNSUBSCRIBE"])
@pytest.mark.parametrize("place", EVERY_STATE, ids="-".join)
async def test_stop_works_in_every_state_and_language(place, word):
    chat = Conversation(reads_for_states())
    chat.put(*place, STATE_DATA[place])

    turn = await chat.say(word)

    assert (turn.template, turn.intent["type"], turn.intent["opted_out"]) == ("stopped", "chat_opt_out", True)
    assert chat.place == ("", "")


async def test_a_stopped_person_is_only_told_how_to_start_again_and_start_restores():
    chat = Conversation(FakeChatReads(profile={**FakeChatReads().profile_doc, "opted_out": True}))

    assert ((await chat.say("JOBS")).template, chat.place) == ("opted_out_hint", ("", ""))
    turn = await chat.say("START")

    assert (turn.template, turn.intent["type"], turn.intent["opted_out"]) == ("restarted", "chat_opt_out", False)


async def test_a_flow_resumes_a_day_later_where_it_was():
    chat = Conversation(reads_for_states())
    await chat.say("LATE")
    assert chat.place == ("late", "eta")

    turn = await chat.say("2", now="2026-12-01T16:00:00+01:00")  # 9.5 hours later: within the 12 h

    assert (turn.template, turn.intent["type"], turn.intent["eta_minutes"]) == ("late_sent", "running_late", 30)


async def test_hi_in_the_middle_of_a_flow_asks_its_question_again():
    chat = Conversation(reads_for_states())
    await chat.say("APPLY CODE7")

    turn = await chat.say("Hello", now="2026-12-02T09:00:00+01:00")

    assert (turn.template, chat.place) == ("apply_tape", ("apply", "tape"))


async def test_a_flow_past_its_timeout_is_dropped_with_a_gentle_word():
    chat = Conversation(reads_for_states())
    await chat.say("LATE")

    turn = await chat.say("2", now="2026-12-02T07:00:00+01:00")  # a day later: past the 12 h

    assert (turn.template, turn.params, turn.intent) == ("flow_expired", {"flow": "Running late"}, None)
    assert chat.place == ("menu", "pick")


async def test_a_command_after_a_timeout_simply_runs():
    chat = Conversation(reads_for_states())
    await chat.say("LATE")

    turn = await chat.say("JOBS", now="2026-12-03T07:00:00+01:00")

    assert (turn.template, chat.place) == ("jobs_page", ("jobs", "browsing"))


async def test_a_command_inside_a_flow_switches_to_it():
    chat = Conversation(reads_for_states())
    await chat.say("LATE")

    turn = await chat.say("STATUS")

    assert turn.template == "status" and chat.place == ("", "")


async def test_a_bare_no_inside_a_flow_is_not_a_booking_answer_but_no_with_a_code_is():
    chat = Conversation(reads_for_states())
    chat.put("audition", "window", STATE_DATA[("audition", "window")])

    bare = await chat.say("no")
    assert (bare.template, bare.intent, chat.place) == ("pick_number_help", None, ("audition", "window"))
    code = next(c for c, b in booking_codes(BOOKINGS).items() if b["booking_id"] == "b2")
    coded = await chat.say(f"NO {code} sick")

    assert (coded.intent["type"], coded.intent["booking_id"], chat.place) == ("call_confirmation", "b2", ("", ""))


async def test_help_inside_a_flow_is_that_states_help_and_keeps_the_place():
    chat = Conversation(reads_for_states())
    await chat.say("LATE")

    turn = await chat.say("help")

    assert (turn.template, turn.choices, chat.place) == ("late_eta_help", ("label_eta_15", "label_eta_30",
                                                                            "label_eta_60", "label_eta_120"), ("late", "eta"))


async def test_help_outside_a_flow_lists_the_commands():
    turn = await say("HELP")

    assert (turn.template, turn.intent) == ("flow_help", None)


async def test_a_number_days_after_the_menu_still_picks_from_it():
    chat = Conversation(reads_for_states())
    await chat.say("MENU")

    turn = await chat.say("9", now="2026-12-05T10:00:00+01:00")

    assert turn.template == "payments_none"


async def test_a_place_whose_memory_cannot_be_read_is_dropped_not_a_dead_end():
    chat = Conversation(reads_for_states())
    chat.put("late", "eta", {"something": "from an older version"})

    turn = await chat.say("2")  # the eta state would look up its booking_id

    assert (turn.template, turn.intent, chat.place) == ("not_understood_menu", None, ("menu", "pick"))
