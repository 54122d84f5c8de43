"""The shoot day: answer a booking, running late, check in and out; SMS short codes."""
from bots.flows.short_codes import booking_codes
from core import chat_commands
from core.commands import CheckIn
from core.intents import _Fields, to_command
from tests.unit.bots.flows.chat_fakes import NOW, PERSON, Conversation, FakeChatReads, booking

TODAY = booking("today", "confirmed", "2026-11-28", "2026-12-05")
WAITING = booking("waiting", "awaiting_confirmation", "2026-12-08")
LATER = booking("later", "awaiting_confirmation", "2026-12-20", "2026-12-22")
BOOKINGS = [TODAY, WAITING, LATER]
CODES = {b["booking_id"]: code for code, b in booking_codes(BOOKINGS).items()}


def chat(channel: str = "sms") -> Conversation:
    return Conversation(FakeChatReads(bookings=BOOKINGS), channel=channel)


async def test_yes_with_a_code_answers_that_booking_not_the_soonest():
    turn = await chat().say(f"YES {CODES['later']}")

    assert (turn.intent["type"], turn.intent["booking_id"], turn.intent["answer"]) == ("call_confirmation", "later", "yes")


async def test_no_with_a_code_and_reason_declines_at_once():
    turn = await chat().say(f"NO {CODES['later']} my mother is ill")

    assert (turn.intent["booking_id"], turn.intent["answer"], turn.intent["reason"]) == ("later", "no", "my mother is ill")


async def test_no_without_a_reason_asks_for_one():
    talk = chat()
    asked = await talk.say("no")
    assert (asked.template, asked.intent, talk.place) == ("decline_reason", None, ("decline", "reason"))

    turn = await talk.say("Sick with malaria")

    assert (turn.intent["booking_id"], turn.intent["reason"]) == ("waiting", "Sick with malaria")
    assert to_command("user", PERSON, turn.intent).confirmed is False


async def test_a_code_that_is_not_mine_is_said_so():
    wrong = next(f"{n:04d}" for n in range(10_000) if f"{n:04d}" not in CODES.values())

    turn = await chat().say(f"YES {wrong}")

    assert (turn.template, turn.params["code"], turn.intent) == ("booking_code_unknown", wrong, None)


async def test_late_with_code_and_minutes_is_one_sms():
    turn = await chat().say(f"LATE {CODES['today']} 20")

    intent = turn.intent
    assert (turn.template, intent["type"], intent["booking_id"], intent["eta_minutes"], intent["at"]) == (
        "late_sent", "running_late", "today", 20, NOW)
    command = chat_commands.INTENT_PARSERS["running_late"][1](intent["_id"], PERSON, _Fields(intent))
    assert command == chat_commands.ReportRunningLate(intent["_id"], PERSON, "today", 20, command.at)
    assert command.at.isoformat() == NOW


async def test_late_asks_how_late_and_takes_a_choice_or_minutes():
    talk = chat("whatsapp")
    asked = await talk.say("LATE")
    picked = await talk.say("3")
    await talk.say("late")
    typed = await talk.say("1h30")

    assert (asked.template, picked.intent["eta_minutes"], typed.intent["eta_minutes"]) == ("late_eta", 60, 90)


async def test_late_with_no_booking_today_is_said_so():
    turn = await Conversation(FakeChatReads(bookings=[WAITING])).say("LATE 20")

    assert (turn.template, turn.intent) == ("no_booking_today", None)


async def test_in_with_the_set_code_checks_in():
    turn = await chat().say("IN 4821")

    assert (turn.intent["type"], turn.intent["method"], turn.intent["set_code"], turn.intent["booking_id"]) == (
        "check_in", "set_code", "4821", "today")


async def test_a_location_share_checks_in_by_place_with_or_without_a_word():
    for text in ("", "checkin"):
        turn = await chat("whatsapp").say(text, position=(6.45, 3.39))

        command = to_command("user", PERSON, turn.intent)
        assert isinstance(command, CheckIn) and (command.method, command.position) == ("location", (6.45, 3.39))


async def test_checkin_without_a_code_asks_for_the_code_or_a_pin():
    talk = chat("whatsapp")
    asked = await talk.say("CHECK-IN")
    assert (asked.template, talk.place) == ("check_in_code", ("check_in", "code"))

    pinned = await talk.say("here", position=(6.45, 3.39))

    assert (pinned.intent["method"], pinned.intent["latitude"]) == ("location", 6.45)


async def test_checkout_the_morning_after_a_night_shoot_counts_for_yesterdays_booking():
    ended_yesterday = booking("night", "confirmed", "2026-11-29", "2026-11-30")

    turn = await Conversation(FakeChatReads(bookings=[ended_yesterday]), now="2026-12-01T00:40:00+01:00").say("OUT")

    assert (turn.intent["type"], turn.intent["booking_id"]) == ("check_out", "night")
