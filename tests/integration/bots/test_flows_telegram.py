"""Every cast-and-crew flow on Telegram, end to end: the fake Bot API posts updates to our webhook
(secret token checked), the worker links the chat to a phone by a shared contact, then the same
engine and core answer through python-telegram-bot against the fake. Choices come as keyboard
buttons, a location share as a Location, a voice note as a Voice file fetched by its file id."""
import time

from bots import replies
from core import scopes
from tests.integration.bots.chat_stack import (  # noqa: F401 (fixtures)
    AT_THE_GATE, Person, booked_and_confirmed, booking_code, booking_of, english,
    fake_telegram, fake_twilio, lagos_today, opening, pay_waiting, production, sign_up, stack,
)
from tests.integration.bots.telegram_stack import SECRET, TOKEN


def buttons(stack, person: Person) -> list[str]:
    """The keyboard of the last message to the person."""
    last = [e for e in stack.telegram.sent if e["chat_id"] == person.telegram_user and e["method"] == "sendMessage"][-1]
    return [b["text"] for row in (last["params"].get("reply_markup") or {}).get("keyboard", []) for b in row]


async def test_a_shared_contact_links_the_chat_then_onboarding_runs_to_consent(stack):
    crew = Person.new("telegram")
    said = await sign_up(stack, crew)

    assert said[0] == english("telegram_linked", phone=crew.phone)
    assert said[1:] == [opening(t).split("\n")[0] if t != "consent_2026_11" else english(t) for t in (
        "onboarding_language", "onboarding_role", "onboarding_department", "onboarding_crew_roles",
        "onboarding_rate", "onboarding_location", "consent_2026_11")] + [english("onboarding_done")]
    profile = await stack.profile(crew)
    assert profile["telegram_chat_id"] == str(crew.telegram_user) and profile["consent"]["version"] == "consent-2026-11"


async def test_choices_come_as_numbered_buttons_and_a_tap_answers(stack):
    prod, crew = await production(stack), Person.new("telegram")
    job = await prod.job(stack)
    await sign_up(stack, crew)

    # The job by the code a producer shares: the JOBS list is shared with other tests' jobs.
    details = await stack.say(crew, f"JOB {job['code']}")
    apply_button = buttons(stack, crew)[0]
    sent = await stack.say(crew, apply_button)

    assert details[0].startswith(f"{job['title']} ({job['code']})") and apply_button.startswith("1. ")
    assert sent == [english("application_queued", job_title=job["title"]),
                    english("application_received", job_title=job["title"], project_title=prod.title)]


async def test_a_voice_note_is_the_self_tape_and_its_url_keeps_the_token_out(stack):
    prod, actor = await production(stack), Person.new("telegram")
    part = await prod.casting_call(stack)
    await sign_up(stack, actor)

    asked = await stack.say(actor, f"APPLY {part['code']}")
    sent = await stack.say(actor, media=(("", "audio/ogg"),))

    assert asked[0].startswith(opening("apply_tape"))
    assert sent[0] == english("application_queued_tape", job_title=part["title"])
    person_db = scopes.user_db(await stack.person_id(actor))
    [intent] = [d.data async for d in stack.couch.database(person_db).docs(prefix="casting_application:")]
    [tape] = intent["media"]
    assert tape["content_type"] == "audio/ogg" and tape["url"].endswith(".oga") and TOKEN not in tape["url"]


async def test_yes_late_location_check_in_out_and_pay(stack):
    prod, crew = await production(stack), Person.new("telegram")
    await prod.call_sheet(stack)
    booking_id, said = await booked_and_confirmed(stack, prod, crew)
    code = booking_code((await stack.say(crew, "SCHEDULE"))[0])

    late = await stack.say(crew, f"LATE {code} 20")
    there = await stack.say(crew, position=AT_THE_GATE)
    out = await stack.say(crew, "OUT")
    await prod.deposit(stack, crew)
    pay = await stack.say(crew, "PAY")

    assert said[0].startswith(opening("booking_made")) and said[-1].startswith(opening("call_time_confirmed"))
    assert late == [english("late_sent", minutes=20)]
    assert there[0].startswith(opening("checked_in"))
    record = await stack.store.get(scopes.project_db(prod.project_id), f"check_in:{booking_id}:{lagos_today()}")
    assert (record["method"], record["position"]) == ("location", list(AT_THE_GATE))
    assert out[0].startswith(opening("checked_out"))
    assert pay == [pay_waiting(prod)]


async def test_language_change_stop_and_blocking_the_bot(stack):
    crew = Person.new("telegram")
    await sign_up(stack, crew)

    chosen = await stack.say(crew, "LANGUAGE igbo")
    stopped = await stack.say(crew, "STOP")

    assert chosen == [replies.render("language_set", {"language": "Igbo"}, language="ig")]
    assert stopped == [replies.render("stopped", {}, language="ig")]
    other = Person.new("telegram")
    await sign_up(stack, other)
    status = await stack.telegram.deliver(_kicked(stack, other), url=stack.api_url + "/webhooks/telegram",
                                         secret=SECRET)
    await stack.drain()
    assert status == 200 and (await stack.profile(other))["opted_out"] is True
    assert await stack.say(other, "JOBS") == []


def _kicked(stack, person: Person) -> dict:
    """Telegram's my_chat_member update when a person blocks the bot."""
    user = {"id": person.telegram_user, "is_bot": False, "first_name": "Adaeze"}
    return {"update_id": stack.telegram.next_update_id(), "my_chat_member": {
        "chat": {"id": person.telegram_user, "type": "private", "first_name": "Adaeze"}, "from": user,
        "date": int(time.time()), "old_chat_member": {"user": stack.telegram.bot_user, "status": "member"},
        "new_chat_member": {"user": stack.telegram.bot_user, "status": "kicked", "until_date": 0}}}


async def test_status_and_an_offer_accepted_with_a_button(stack):
    prod, crew = await production(stack), Person.new("telegram")
    job = await prod.job(stack)
    await sign_up(stack, crew)
    await stack.say(crew, f"APPLY {job['code']}")
    applied_status = await stack.say(crew, "STATUS")
    await prod.offer(stack, crew, job)

    shown = await stack.say(crew, "OFFERS")
    accept = buttons(stack, crew)[0]
    accepted = await stack.say(crew, accept)

    assert applied_status[0].startswith(opening("status_line_applied")) and job["title"] in applied_status[0]
    assert shown[0].startswith(opening("offer_details")) and accept == "1. " + english("label_accept")
    assert accepted[0] == english("offer_accept_sent", job_title=job["title"])
    assert accepted[1].startswith(opening("booking_made"))
    assert (await booking_of(stack, crew))["status"] == "awaiting_confirmation"
