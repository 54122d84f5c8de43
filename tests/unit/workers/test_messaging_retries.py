"""Tries, the SMS fallback, status callbacks and opt-outs, with channels that answer from a script."""
from datetime import timedelta

import pytest

from bots import delivery, inbound_guard, replies
from bots.channels.base import BadRecipient, ContactStopped, Retryable, Throttled
from tests.unit.workers.messaging_harness import CHAT_ID, PHONE, Post, ScriptedChannel, states
from workers import queues


def outage() -> Retryable:
    return Retryable("Twilio refused the message (HTTP 503, code 20500): Service Unavailable", 20500)


def wait_bounds(try_number: int) -> tuple[timedelta, timedelta]:
    base_s = queues.SEND_TRY_WAITS_S[try_number - 1]
    spread = queues.SEND_JITTER_FRACTION * base_s
    return timedelta(seconds=base_s - spread), timedelta(seconds=base_s + spread + 1)


async def test_a_passing_failure_is_tried_again_with_backoff_then_failed_after_the_last_try():
    post = Post(sms=ScriptedChannel("sms", *[outage() for _ in range(queues.SEND_TRIES)]))
    await post.person(channel="sms")
    doc_id = await post.queue()

    for try_number in range(1, queues.SEND_TRIES):
        assert await post.send(doc_id) == "queued"
        at, key = post.later.runs[-1]
        low, high = wait_bounds(try_number)
        assert low <= at - post.clock.now() <= high
        assert key == f"sms:{try_number + 1}"
    assert await post.send(doc_id) == "failed"

    record = await post.record(doc_id)
    assert len(post.channels["sms"].sent) == queues.SEND_TRIES
    assert len(post.later.runs) == queues.SEND_TRIES - 1
    assert states(record) == ["queued", *["retrying"] * (queues.SEND_TRIES - 1), "failed"]
    last = record["history"][-1]
    assert last["code"] == 20500 and "Service Unavailable" in last["reason"] and f"{queues.SEND_TRIES} tries" in last["reason"]


async def test_a_throttled_send_waits_at_least_what_the_provider_asked():
    asked_s = 10 * max(queues.SEND_TRY_WAITS_S)
    post = Post(sms=ScriptedChannel("sms", Throttled("Too Many Requests", 20429, retry_after_s=asked_s)))
    await post.person(channel="sms")
    doc_id = await post.queue()

    assert await post.send(doc_id) == "queued"

    at, _ = post.later.runs[0]
    assert at - post.clock.now() >= timedelta(seconds=asked_s)
    assert (await post.record(doc_id))["history"][-1]["retry_in_s"] >= asked_s


async def test_a_second_run_after_success_sends_nothing():
    post = Post()
    await post.person(channel="sms")
    doc_id = await post.queue()

    assert await post.send(doc_id) == "sent"
    assert await post.send(doc_id) == "sent"
    assert len(post.channels["sms"].sent) == 1


async def test_whatsapp_after_its_last_try_goes_once_by_sms_and_the_history_shows_both():
    post = Post(whatsapp=ScriptedChannel("whatsapp", *[outage() for _ in range(queues.SEND_TRIES)]))
    await post.person(channel="whatsapp")
    post.wrote("whatsapp")
    doc_id = await post.queue()

    for _ in range(queues.SEND_TRIES):
        state = await post.send(doc_id)

    record = await post.record(doc_id)
    assert state == "sent" and record["channel"] == "sms" and record["fallback"] == "done"
    assert states(record)[-3:] == ["failed", "fallback", "sent"]
    assert len(post.channels["sms"].sent) == 1
    assert await post.send(doc_id) == "sent" and len(post.channels["sms"].sent) == 1


async def test_a_number_without_whatsapp_gets_the_sms_form_of_the_text():
    post = Post(whatsapp=ScriptedChannel("whatsapp", BadRecipient("no WhatsApp account", 63003)))
    await post.person()
    post.wrote("whatsapp")
    doc_id = await post.queue("help")

    assert await post.send(doc_id) == "sent"

    failed = next(e for e in (await post.record(doc_id))["history"] if e["state"] == "failed")
    assert (failed["channel"], failed["code"]) == ("whatsapp", 63003)
    assert post.channels["sms"].sent[0].to == PHONE


@pytest.mark.parametrize("status, code", [("undelivered", 63016), ("failed", 63024), ("failed", 63003)])
async def test_a_failed_whatsapp_status_sends_the_sms_copy_once(status, code):
    post = Post()
    await post.person()
    post.wrote("whatsapp")
    doc_id = await post.queue()
    assert await post.send(doc_id) == "sent"
    whatsapp_id = (await post.record(doc_id))["provider_id"]

    await post.status(whatsapp_id, "sent")
    for _ in range(2):  # Twilio may report the same failure twice
        assert await post.status(whatsapp_id, status, code) == status
    assert {key for _, key in post.later.runs} == {"fallback"}

    assert await post.send(doc_id) == "sent"
    assert await post.send(doc_id) == "sent"
    await post.status(whatsapp_id, status, code)  # late, about the WhatsApp attempt: history only

    record = await post.record(doc_id)
    assert len(post.channels["sms"].sent) == 1
    assert record["state"] == "sent" and record["channel"] == "sms"
    assert states(record) == ["queued", "sent", status, "fallback", "sent"]  # Twilio's "sent" is ours once
    assert (inbound_guard.last_inbound(post.redis, PHONE, "whatsapp") is None) == (code == delivery.OUTSIDE_WINDOW_CODE)


async def test_a_late_status_for_the_first_attempt_does_not_move_the_sms_copy():
    post = Post()
    await post.person()
    post.wrote("whatsapp")
    doc_id = await post.queue()
    await post.send(doc_id)
    whatsapp_id = (await post.record(doc_id))["provider_id"]
    await post.status(whatsapp_id, "failed", 63024)
    await post.send(doc_id)
    sms_id = (await post.record(doc_id))["provider_id"]

    assert await post.status(whatsapp_id, "read") == "sent"
    assert await post.status(sms_id, "delivered") == "delivered"


async def test_a_failed_sms_status_is_final():
    post = Post()
    await post.person(channel="sms")
    doc_id = await post.queue()
    await post.send(doc_id)

    assert await post.status((await post.record(doc_id))["provider_id"], "undelivered", 30003) == "undelivered"

    assert post.later.runs == [] and "fallback" not in await post.record(doc_id)


@pytest.mark.parametrize("channel, address", [("whatsapp", PHONE), ("telegram", CHAT_ID), ("sms", PHONE)])
async def test_a_stop_on_any_channel_stops_every_channel_but_sign_in_codes(channel, address):
    stopped = ContactStopped("the person opted out or blocked the bot", 21610 if channel != "telegram" else 403)
    post = Post(**{channel: ScriptedChannel(channel, stopped)})
    await post.person(channel=channel, telegram_chat_id=CHAT_ID)
    post.wrote("whatsapp")
    first = await post.queue()

    assert await post.send(first) == "failed"
    assert (await post.profile())["opted_out"] is True
    assert post.channels[channel].sent[0].to == address

    later = await post.queue("help")
    assert await post.send(later) == "failed"
    assert (await post.record(later))["history"][-1]["reason"] == "the person opted out (STOP)"
    assert sum(len(c.sent) for c in post.channels.values()) == 1

    code = await post.queue("sign_in_code", {"code": "123456", "minutes": 10}, sensitive=True)
    assert await post.send(code) == "sent"


async def test_a_stop_reported_by_status_callback_opts_the_person_out_without_fallback():
    post = Post()
    await post.person()
    post.wrote("whatsapp")
    doc_id = await post.queue()
    await post.send(doc_id)

    await post.status((await post.record(doc_id))["provider_id"], "failed", 21610)

    assert (await post.profile())["opted_out"] is True and post.later.runs == []


async def test_the_sms_copy_is_the_sms_form_of_the_text_in_the_persons_language():
    params = {"amount": "₦90,000.00", "role": "Gaffer", "project_title": "Ọjọ́ Ìbí"}
    post = Post(whatsapp=ScriptedChannel("whatsapp", BadRecipient("no WhatsApp account", 63003)))
    await post.person(chat_language="yo")
    post.wrote("whatsapp")

    assert await post.send(await post.queue("escrow_disputed", params)) == "sent"

    whatsapp_text, sms_text = post.channels["whatsapp"].sent[0].text, post.channels["sms"].sent[0].text
    assert whatsapp_text == replies.render("escrow_disputed", params, language="yo", channel="whatsapp")
    assert sms_text == replies.render("escrow_disputed", params, language="yo", channel="sms")
    assert sms_text != whatsapp_text


async def test_a_sign_in_code_reported_failed_later_is_not_sent_again_having_forgotten_the_code():
    post = Post()
    await post.person()
    post.wrote("whatsapp")
    doc_id = await post.queue("sign_in_code", {"code": "975310", "minutes": 10}, sensitive=True)
    await post.send(doc_id)

    assert await post.status((await post.record(doc_id))["provider_id"], "failed", 63016) == "failed"

    record = await post.record(doc_id)
    assert post.later.runs == [] and "fallback" not in record and "975310" not in str(record)


@pytest.mark.parametrize("template", ["stopped", "restarted"])
async def test_the_answer_to_the_persons_own_stop_or_start_goes_across_the_opt_out(template):
    post = Post()
    await post.person(opted_out=True)
    post.wrote("whatsapp")

    assert await post.send(await post.queue(template, {})) == "sent"
    assert await post.send(await post.queue("help", {})) == "failed"  # anything else still waits for START
