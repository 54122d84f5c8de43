"""Every cast-and-crew flow on WhatsApp, end to end: Twilio's signed webhook, the inbound job, the
conversation engine, the feed's intent rule and the core, the send job through the real twilio
client to the fake Twilio. Location shares arrive as Latitude/Longitude form fields; a voice note
as MediaUrl0 with an audio type and an empty Body."""
import json

import pytest

from bots import replies
from core import scopes
from core.transcripts import word_error_rate
from workers.channel_media import TWILIO_API
from tests.integration.bots.chat_stack import (  # noqa: F401 (fixtures)
    AT_THE_GATE, VOICE_NOTE, Person, applied, booked_and_confirmed, booking_code, booking_of, english,
    fake_telegram, fake_twilio, lagos_today, opening, pay_waiting, phone_texts, production, sign_up, stack,
)
from tests.unit.workers.speech_samples import CASTING_READ, spoken_wav, voice_note
from tests.unit.workers.test_whisper_speech import MAX_WORD_ERROR_RATE


async def test_onboarding_asks_each_step_and_keeps_the_consent(stack):
    crew = Person.new("whatsapp")
    said = await sign_up(stack, crew)

    assert [text.split("\n")[0] for text in said] == [opening(t).split("\n")[0] for t in (
        "onboarding_language", "onboarding_role", "onboarding_department", "onboarding_crew_roles",
        "onboarding_rate", "onboarding_location", "consent_2026_11")] + [english("onboarding_done")]
    profile = await stack.profile(crew)
    assert profile["consent"]["version"] == "consent-2026-11" and profile["rates"] == {"day": 2_500_000}
    card = await stack.store.get(scopes.DIRECTORY, f"person:{profile['person_id']}")
    assert (card["department"], card["state"]) == ("lighting", "Lagos")
    assert card["crew_roles"] == ["gaffer", "best_boy_electric"]


async def test_jobs_details_and_apply_reach_the_production(stack):
    prod, crew = await production(stack), Person.new("whatsapp")
    job = await prod.job(stack)
    await sign_up(stack, crew)

    listing = await stack.say(crew, "JOBS")  # other tests' jobs share the page: all Gaffer in Lekki
    said = await applied(stack, crew, job)

    assert listing[0].startswith(opening("jobs_page")) and "Gaffer" in listing[0]
    assert said[0].startswith(f"{job['title']} ({job['code']}), {prod.title}")
    assert said[1:] == [english("application_queued", job_title=job["title"]),
                        english("application_received", job_title=job["title"], project_title=prod.title)]
    application = await stack.store.get(scopes.office_db(prod.project_id),
                                        f"application:{job['job_post_id']}.{await stack.person_id(crew)}")
    assert application["status"] == "received"


async def test_a_voice_note_is_the_self_tape_of_a_casting_application(stack):
    prod, actor = await production(stack), Person.new("whatsapp")
    part = await prod.casting_call(stack)
    await sign_up(stack, actor)

    asked = await stack.say(actor, f"APPLY {part['code']}")
    sent = await stack.say(actor, media=(VOICE_NOTE,))

    assert asked[0].startswith(opening("apply_tape"))
    assert sent[0] == english("application_queued_tape", job_title=part["title"])
    person_db = scopes.user_db(await stack.person_id(actor))
    [intent] = [d.data async for d in stack.couch.database(person_db).docs(prefix="casting_application:")]
    assert intent["media"] == [{"url": VOICE_NOTE[0], "content_type": VOICE_NOTE[1]}]
    assert intent["outcome"]["status"] == "accepted", intent["outcome"]


async def test_the_voice_note_reaches_the_application_the_production_reads(stack):
    prod, actor = await production(stack), Person.new("whatsapp")
    part = await prod.casting_call(stack)
    await sign_up(stack, actor)
    await stack.say(actor, f"APPLY {part['code']}")
    await stack.say(actor, media=(VOICE_NOTE,))

    person_id = await stack.person_id(actor)
    office = stack.couch.database(scopes.office_db(prod.project_id))
    [application] = [d.data async for d in office.docs(prefix="application:") if d.data.get("person_id") == person_id]
    assert VOICE_NOTE[0] in json.dumps(application)


async def test_offer_accept_status_yes_late_and_payments(stack):
    prod, crew = await production(stack), Person.new("whatsapp")
    job = await prod.job(stack)
    await sign_up(stack, crew)
    await stack.say(crew, f"APPLY {job['code']}")
    await prod.offer(stack, crew, job)

    shown = await stack.say(crew, "OFFERS")
    accepted = await stack.say(crew, "ACCEPT")
    status = await stack.say(crew, "STATUS")
    schedule = await stack.say(crew, "SCHEDULE")
    code = booking_code(schedule[0])
    confirmed = await stack.say(crew, f"YES {code}")
    late = await stack.say(crew, f"LATE {code} 20")
    await prod.deposit(stack, crew)
    pay = await stack.say(crew, "PAY")

    assert shown[0].startswith(opening("offer_details")) and job["title"] in shown[0]
    assert accepted[0] == english("offer_accept_sent", job_title=job["title"])
    assert accepted[1].startswith(opening("booking_made")) and f"YES" in accepted[1]
    assert status[0].startswith(opening("status_line_booked")) and f"{job['title']}, {prod.title}" in status[0]
    assert confirmed[0].startswith(opening("call_time_confirmed")) and prod.title in confirmed[0]
    assert (await booking_of(stack, crew))["status"] == "confirmed"
    assert late == [english("late_sent", minutes=20)]
    assert [t for t in await phone_texts(stack, prod.producer_id) if "20 min" in t and prod.title in t]
    assert pay == [pay_waiting(prod)]


async def test_check_in_by_a_location_share_on_set_and_out_at_wrap(stack):
    prod, crew = await production(stack), Person.new("whatsapp")
    await prod.call_sheet(stack)
    await booked_and_confirmed(stack, prod, crew)

    far = await stack.say(crew, position=(6.5244, 3.3792))  # Yaba, about 11 km from the set
    there = await stack.say(crew, position=AT_THE_GATE)
    out = await stack.say(crew, "OUT")

    assert far[0].startswith(opening("intent_rejected")) and "km from Lekki unit base" in far[0]
    assert there[0].startswith(opening("checked_in")) and lagos_today().isoformat() in there[0]
    assert out[0].startswith(opening("checked_out"))
    booking_id = (await booking_of(stack, crew))["booking_id"]
    record = await stack.store.get(scopes.project_db(prod.project_id), f"check_in:{booking_id}:{lagos_today()}")
    assert (record["method"], record["position"]) == ("location", list(AT_THE_GATE))


async def test_language_change_then_stop(stack):
    crew = Person.new("whatsapp")
    await sign_up(stack, crew)

    asked = await stack.say(crew, "LANGUAGE")
    chosen = await stack.say(crew, "Hausa")
    menu = await stack.say(crew, "MENU")
    stopped = await stack.say(crew, "STOP")
    silent = await stack.say(crew, "JOBS")
    opted_out = (await stack.profile(crew))["opted_out"]

    assert asked[0].startswith(opening("language_pick")) and "Yorùbá" in asked[0]
    assert chosen == [replies.render("language_set", {"language": "Hausa"}, language="ha")]
    assert menu[0].startswith(opening("menu", "ha")) and opening("menu", "ha") != opening("menu")
    assert stopped == [replies.render("stopped", {}, language="ha")]
    assert silent == [] and opted_out is True


async def test_start_is_answered_welcome_back(stack):
    crew = Person.new("whatsapp")
    await sign_up(stack, crew)
    await stack.say(crew, "STOP")

    back = await stack.say(crew, "START")

    assert (await stack.profile(crew))["opted_out"] is False
    assert back == [english("restarted")]


async def test_stop_is_confirmed_even_when_the_feed_records_it_first(stack):
    crew = Person.new("whatsapp")
    await sign_up(stack, crew)

    stopped = await stack.say(crew, "STOP", feed_first=True)

    assert (await stack.profile(crew))["opted_out"] is True
    assert stopped == [english("stopped")]


# What Twilio does; the reply's states after "queued"; callbacks made; where the words went; all sends stop.
CALLBACK_CASES = {
    # Twilio says 429: the send waits (RQ's schedule) and goes on the next try.
    "429 throttled": (lambda fake, phone: setattr(fake, "throttle_next", 1),
                      ["retrying", "sent", "delivered"], 2, ["whatsapp"], False),
    # The number sent STOP to the carrier: reported later as 21610; nothing more goes to them.
    "21610 stopped": (lambda fake, phone: fake.failing.update({phone: 21610}), ["sent", "failed"], 1, ["whatsapp"], True),
    # Outside WhatsApp's 24-hour window: reported as 63016; the same words go once by SMS.
    "63016 window": (lambda fake, phone: fake.outside_window.add(phone),
                     ["sent", "failed", "fallback", "sent", "delivered"], 3, ["whatsapp", "sms"], False),
}


@pytest.mark.parametrize("misbehave, states, callbacks, channels, stops", CALLBACK_CASES.values(),
                         ids=CALLBACK_CASES.keys())
async def test_status_callbacks_on_a_whatsapp_reply(stack, misbehave, states, callbacks, channels, stops):
    stack.want_status_callbacks()
    crew = Person.new("whatsapp")
    misbehave(stack.twilio, crew.phone)

    await stack.say(crew, "HI")
    if states[0] == "retrying":
        assert await stack.run_scheduled() == ["sent"]
    await stack.settle_callbacks(callbacks)
    opted_out = (await stack.profile(crew)).get("opted_out", False)
    later = await stack.say(crew, "JOBS")

    [record, *_] = await stack.messages_to(crew)
    assert [e["state"] for e in record["history"]][1:] == states
    sends = stack.sends_to(crew)[:len(channels)]
    assert [m["to"] for m in sends] == [{"whatsapp": f"whatsapp:{crew.phone}", "sms": crew.phone}[c] for c in channels]
    assert {m["body"] for m in sends} == {english("onboarding_language") + _numbered_languages()}
    # 21610 stops every send, on every channel; the others go on answering.
    assert (opted_out, later == []) == (stops, stops)


def _numbered_languages() -> str:
    return "".join(f"\n{n}. {name}" for n, name in enumerate(("English", "Pidgin", "Yorùbá", "Igbo", "Hausa"), 1))


OUT_OF_TURN = {  # WhatsApp payloads nobody asked for, as Twilio posts them
    "photo, no caption": {"media": (("https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM2/Media/ME2",
                                     "image/jpeg"),)},
    "contact card": {"media": (("https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM3/Media/ME3",
                                "text/vcard"),)},
    "location pin, no booking today": {"position": AT_THE_GATE},
    "voice note, no application open": {"media": (VOICE_NOTE,)},
}


async def test_media_and_pins_out_of_turn_each_get_one_reply(stack):
    crew = Person.new("whatsapp")
    await sign_up(stack, crew)
    answers = {name: await stack.say(crew, **payload) for name, payload in OUT_OF_TURN.items()}

    assert {name: len(answer) for name, answer in answers.items()} == {name: 1 for name in OUT_OF_TURN}
    assert answers["location pin, no booking today"] == [english("no_booking_today")]
    assert all(answer[0].startswith((opening("not_understood_menu"), opening("menu_help"))) for name, answer in
               answers.items() if name != "location pin, no booking today"), answers


async def test_a_voice_note_sent_with_an_application_is_transcribed_onto_it(stack, tmp_path):
    prod, actor = await production(stack), Person.new("whatsapp")
    part = await prod.casting_call(stack)
    await sign_up(stack, actor)
    spoken = " ".join(CASTING_READ[:2])
    kept = stack.twilio.add_media(voice_note(spoken_wav(spoken, tmp_path)), "audio/ogg")
    note = TWILIO_API + kept.removeprefix(stack.twilio.base_url)  # the link as Twilio gives it
    await stack.say(actor, f"APPLY {part['code']}")
    await stack.say(actor, media=((note, "audio/ogg"),))

    # The transcription, then the copy it queues once the file is kept (the voice note evened out).
    assert await stack.run_media_jobs() == ["transcribed", "derived"]

    person_id = await stack.person_id(actor)
    office = stack.couch.database(scopes.office_db(prod.project_id))
    [application] = [d.data async for d in office.docs(prefix="application:") if d.data.get("person_id") == person_id]
    [transcript] = application["transcripts"]
    assert transcript["status"] == "done" and word_error_rate(spoken, transcript["text"]) < MAX_WORD_ERROR_RATE
    [copies] = application["derived_media"]
    assert copies["status"] == "done" and copies["source_media_id"] == transcript["media_id"]
    assert set(copies["media"]) == {"voice_normalised"}
    assert stack.twilio.media_fetches[-1]["authorised"]
