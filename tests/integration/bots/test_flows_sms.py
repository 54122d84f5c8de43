"""Every cast-and-crew flow by SMS from a feature phone, end to end through Twilio's signed webhook
and the real twilio client to the fake Twilio: keyword commands with the booking's 4-digit code
(YES 4821, LATE 4821 20), check-in by the day's set code (IN <set code>), no buttons, no media.
Each reply must fit two SMS parts (bots/sms.py counts GSM-7 and UCS-2 as a phone does)."""

from bots import replies
from bots.sms import segments
from core import scopes
from tests.integration.bots.chat_stack import (  # noqa: F401 (fixtures)
    SET_CODE, Person, booked_and_confirmed, booking_code, booking_of, english, fake_telegram, fake_twilio,
    lagos_today, opening, pay_waiting, phone_texts, production, sign_up, stack,
)


async def test_onboarding_to_consent_in_replies_of_at_most_two_parts(stack):
    crew = Person.new("sms")
    said = await sign_up(stack, crew)

    assert said[-1] == english("onboarding_done")
    assert (await stack.profile(crew))["consent"]["version"] == "consent-2026-11"
    assert {text.split("\n")[0]: segments(text) for text in said if segments(text) > 2} == {}


async def test_the_first_question_by_sms_fits_two_parts(stack):
    crew = Person.new("sms")

    [question] = await stack.say(crew, "HI")

    assert question.startswith(opening("onboarding_language"))
    assert segments(question) <= 2


async def test_jobs_short_list_details_and_apply_by_code(stack):
    prod, crew = await production(stack), Person.new("sms")
    job = await prod.job(stack)
    await sign_up(stack, crew)

    listing = await stack.say(crew, "JOBS")
    details = await stack.say(crew, f"JOB {job['code']}")
    applied = await stack.say(crew, f"APPLY {job['code'].lower()}")

    assert listing[0].startswith(opening("jobs_page")) and len(listing[0].split("\n")) <= 1 + 3  # 3 a page on SMS
    assert details[0].startswith(f"{job['title']} ({job['code']})")
    assert applied == [english("application_queued", job_title=job["title"]),
                       english("application_received", job_title=job["title"], project_title=prod.title)]
    assert all(segments(text) <= 2 for text in listing + details + applied)


async def test_status_yes_late_set_code_check_in_out_and_pay_by_keyword(stack):
    prod, crew = await production(stack), Person.new("sms")
    await prod.call_sheet(stack)
    booking_id, said = await booked_and_confirmed(stack, prod, crew)
    code = booking_code((await stack.say(crew, "SCHEDULE"))[0])

    status = await stack.say(crew, "STATUS")
    late = await stack.say(crew, f"LATE {code} 20")
    wrong = await stack.say(crew, "IN 9999")
    checked_in = await stack.say(crew, f"IN {SET_CODE}")
    out = await stack.say(crew, "OUT")
    await prod.deposit(stack, crew)
    pay = await stack.say(crew, "PAY")

    assert said[0].startswith("Booked:") and said[-1].startswith(opening("call_time_confirmed"))
    assert status[0].startswith(opening("status_line_booked")) and f"Gaffer, {prod.title}" in status[0]
    assert late == [english("late_sent", minutes=20)]
    assert [t for t in await phone_texts(stack, prod.producer_id) if "20 min" in t and prod.title in t]
    assert wrong[0].startswith(opening("intent_rejected")) and "set code" in wrong[0]
    assert checked_in[0].startswith(opening("checked_in")) and lagos_today().isoformat() in checked_in[0]
    assert out[0].startswith(opening("checked_out"))
    record = await stack.store.get(scopes.project_db(prod.project_id), f"check_in:{booking_id}:{lagos_today()}")
    assert (record["method"], record["set_code"]) == ("set_code", SET_CODE)
    assert pay == [pay_waiting(prod)]
    assert {t: segments(t) for t in said + status + late + wrong + checked_in + out + pay if segments(t) > 2} == {}


async def test_in_with_the_booking_code_before_the_set_code_asks_again_then_checks_in(stack):
    """YES 4821 and LATE 4821 20 lead with the booking's code, IN takes the set code alone; a person
    who writes "IN <booking code> <set code>" is asked for the set code, and the next answer works."""
    prod, crew = await production(stack), Person.new("sms")
    await prod.call_sheet(stack)
    booking_id, _ = await booked_and_confirmed(stack, prod, crew)
    code = booking_code((await stack.say(crew, "SCHEDULE"))[0])

    asked = await stack.say(crew, f"IN {code} {SET_CODE}")
    checked_in = await stack.say(crew, SET_CODE)

    assert asked == [english("check_in_code")]
    assert checked_in[0].startswith(opening("checked_in"))
    assert await stack.store.get(scopes.project_db(prod.project_id), f"check_in:{booking_id}:{lagos_today()}")


async def test_language_change_and_stop_by_sms(stack):
    crew = Person.new("sms")
    await sign_up(stack, crew)

    chosen = await stack.say(crew, "LANGUAGE yoruba")
    help_ = await stack.say(crew, "HELP")
    stopped = await stack.say(crew, "STOP")
    after = await stack.say(crew, "JOBS")

    assert chosen == [replies.render("language_set", {"language": "Yorùbá"}, language="yo", channel="sms")]
    assert help_ == [replies.render("flow_help", {}, language="yo", channel="sms")] and segments(help_[0]) <= 2
    assert stopped == [replies.render("stopped", {}, language="yo", channel="sms")]
    assert after == [] and (await stack.profile(crew))["opted_out"] is True


async def test_offer_accepted_then_declined_with_a_reason_by_keyword(stack):
    prod, crew = await production(stack), Person.new("sms")
    job = await prod.job(stack)
    await sign_up(stack, crew)
    await stack.say(crew, f"APPLY {job['code']}")
    await prod.offer(stack, crew, job)

    shown = await stack.say(crew, "OFFERS")
    accepted = await stack.say(crew, "1")
    code = booking_code((await stack.say(crew, "SCHEDULE"))[0])
    declined = await stack.say(crew, f"NO {code} sick, malaria")

    assert shown[0].startswith(opening("offer_details")) and segments(shown[0]) <= 2
    assert accepted[0] == english("offer_accept_sent", job_title=job["title"])
    assert accepted[1].startswith("Booked:") and segments(accepted[1]) <= 2  # booking_made's SMS short form
    assert declined[0].startswith(opening("call_time_declined"))
    booking = await booking_of(stack, crew)
    assert (booking["status"], booking["decline_reason"]) == ("declined", "sick, malaria")
