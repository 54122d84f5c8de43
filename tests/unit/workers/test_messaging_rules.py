"""Quiet hours, the WhatsApp 24-hour window, choices and the identical-message limit."""
import json
from datetime import datetime, timedelta

import pytest

from bots import delivery, replies
from bots.channels.base import Retryable
from tests.unit.fakes import LAGOS
from tests.unit.workers.messaging_harness import CHAT_ID, Post, ScriptedChannel, states

NIGHT = datetime(2026, 11, 20, 23, 0, tzinfo=LAGOS)
BEFORE_DAWN = datetime(2026, 11, 21, 5, 30, tzinfo=LAGOS)
NEXT_MORNING = datetime(2026, 11, 21, 7, 0, tzinfo=LAGOS)


@pytest.mark.parametrize("now", [NIGHT, BEFORE_DAWN])
async def test_an_ordinary_message_in_quiet_hours_waits_until_seven(now):
    post = Post(now)
    await post.person(channel="sms")
    doc_id = await post.queue()

    assert await post.send(doc_id) == "deferred"

    assert post.channels["sms"].sent == []
    assert post.later.runs == [(NEXT_MORNING, "deferred")]
    entry = (await post.record(doc_id))["history"][-1]
    assert entry["until"] == NEXT_MORNING.isoformat() and entry["reason"] == delivery.QUIET_REASON

    post.clock.at = NEXT_MORNING
    assert await post.send(doc_id) == "sent"
    assert states(await post.record(doc_id)) == ["queued", "deferred", "sent"]


@pytest.mark.parametrize("fields", [{"urgent": True}, {"sensitive": True}], ids=["same-day call change", "sign-in code"])
async def test_urgent_messages_and_sign_in_codes_go_in_quiet_hours(fields):
    post = Post(NIGHT)
    await post.person(channel="sms")
    doc_id = await post.queue("sign_in_code", {"code": "123456", "minutes": 10}, **fields)

    assert await post.send(doc_id) == "sent"


@pytest.mark.parametrize("minutes_ago, expected", [(5, "sent"), (delivery.REPLY_GRACE_S // 60 + 1, "deferred")])
async def test_an_answer_to_someone_who_just_wrote_goes_in_quiet_hours(minutes_ago, expected):
    post = Post(NIGHT)
    await post.person(channel="sms")
    post.wrote("sms", NIGHT - timedelta(minutes=minutes_ago))

    assert await post.send(await post.queue()) == expected


async def test_the_answer_to_a_message_goes_at_night_as_free_whatsapp_text():
    post = Post(NIGHT)
    await post.person()  # no record of their message: the reply itself says they just wrote

    assert await post.send(await post.queue("help", message_id="reply.0123456789abcdef")) == "sent"

    assert post.channels["whatsapp"].sent[0].text == replies.TEMPLATES["help"]


async def test_inside_the_window_whatsapp_gets_the_text_with_numbered_choices():
    post = Post()
    await post.person()
    post.wrote("whatsapp", post.clock.now() - timedelta(hours=23))

    await post.send(await post.queue("help", {"choices": ["YES", "NO"]}))

    outgoing = post.channels["whatsapp"].sent[0]
    assert outgoing.text.endswith("\n1. YES\n2. NO") and outgoing.extra == {}
    assert outgoing.status_callback


async def test_telegram_gets_buttons_and_the_chat_id():
    post = Post(telegram=ScriptedChannel("telegram"))
    await post.person(channel="telegram", telegram_chat_id=CHAT_ID)

    await post.send(await post.queue("help", {"choices": ["YES", "NO"]}))

    outgoing = post.channels["telegram"].sent[0]
    assert outgoing.to == CHAT_ID and outgoing.text == replies.TEMPLATES["help"]
    assert outgoing.extra == {"buttons": [["1. YES"], ["2. NO"]]} and outgoing.status_callback is None


async def test_outside_the_window_whatsapp_sends_the_approved_template_of_the_persons_language():
    post = Post()
    post.ctx.whatsapp_content_sids = {"application_received": {"en": "HX" + "e" * 32, "yo": "HX" + "1" * 32}}
    await post.person(chat_language="yo")
    post.wrote("whatsapp", post.clock.now() - timedelta(hours=25))
    params = {"job_title": "Gaffer", "project_title": "Ìfẹ́ Mi\n(part 2)"}

    assert await post.send(await post.queue("application_received", params)) == "sent"

    outgoing = post.channels["whatsapp"].sent[0]
    assert outgoing.text == "" and outgoing.extra["content_sid"] == "HX" + "1" * 32
    assert json.loads(outgoing.extra["content_variables"]) == {"1": "Gaffer", "2": "Ìfẹ́ Mi (part 2)"}


async def test_outside_the_window_with_no_approved_template_the_message_goes_by_sms():
    post = Post()
    post.ctx.whatsapp_content_sids = {"application_received": {"en": "HX" + "e" * 32}}
    await post.person(chat_language="ha")
    doc_id = await post.queue("application_received", {"job_title": "Gaffer", "project_title": "Gida"})

    assert await post.send(doc_id) == "sent"

    record = await post.record(doc_id)
    assert post.channels["whatsapp"].sent == [] and len(post.channels["sms"].sent) == 1
    assert states(record) == ["queued", "fallback", "sent"] and record["channel"] == "sms"
    assert "24-hour window" in record["history"][1]["reason"]


async def test_the_same_text_more_than_three_times_an_hour_is_not_sent():
    post = Post()
    await post.person(channel="sms")
    doc_ids = [await post.queue("help") for _ in range(delivery.IDENTICAL_LIMIT + 1)]

    results = [await post.send(doc_id) for doc_id in doc_ids]

    assert results == ["sent"] * delivery.IDENTICAL_LIMIT + ["failed"]
    assert (await post.record(doc_ids[-1]))["history"][-1]["reason"] == delivery.IDENTICAL_REASON
    assert len(post.channels["sms"].sent) == delivery.IDENTICAL_LIMIT


async def test_answers_to_what_the_person_asked_are_never_held_back_as_identical():
    post = Post()
    await post.person(channel="sms")
    post.wrote("sms")
    doc_ids = [await post.queue("help", message_id=f"reply.{n:016x}") for n in range(delivery.IDENTICAL_LIMIT + 2)]

    assert [await post.send(doc_id) for doc_id in doc_ids] == ["sent"] * len(doc_ids)


async def test_tries_of_one_message_count_once_towards_the_identical_limit():
    outages = [Retryable("Twilio could not be reached") for _ in range(2)]
    post = Post(sms=ScriptedChannel("sms", *outages))
    await post.person(channel="sms")
    retried = await post.queue("help")
    for _ in range(3):
        await post.send(retried)
    others = [await post.queue("help") for _ in range(delivery.IDENTICAL_LIMIT - 1)]

    assert [await post.send(doc_id) for doc_id in others] == ["sent"] * len(others)
