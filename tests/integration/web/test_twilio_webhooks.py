"""Twilio's webhooks at our door: signatures checked, duplicates dropped, nothing lost."""
import uuid

import pytest
from rq import Queue
from twilio.request_validator import RequestValidator

from tests.conftest import TWILIO_TOKEN
from tests.fakes.twilio_server import inbound_form
from workers import queues

PHONE = "+2348037770001"


def signed(url: str, form: dict, token: str = TWILIO_TOKEN) -> dict:
    return {"X-Twilio-Signature": RequestValidator(token).compute_signature(url, form)}


def whatsapp_form(body: str = "JOBS", sid: str | None = None) -> dict:
    return inbound_form(f"whatsapp:{PHONE}", body, sid or "SM" + uuid.uuid4().hex, None, "AC" + "1" * 32)


def queued(redis) -> list:
    return Queue(queues.MESSAGES, connection=redis).get_jobs()


@pytest.mark.parametrize("signature", ["missing", "wrong token", "tampered body"])
async def test_an_unsigned_or_badly_signed_webhook_gets_403_and_changes_nothing(api, settings, redis, signature):
    url = settings.public_url + "/webhooks/twilio/whatsapp"
    form = whatsapp_form()
    headers = {
        "missing": {},
        "wrong token": signed(url, form, "not-the-token"),
        "tampered body": signed(url, {**form, "Body": "something else"}),
    }[signature]
    answer = await api.post("/webhooks/twilio/whatsapp", data=form, headers=headers)
    assert answer.status == 403
    assert queued(redis) == []
    assert redis.keys("twilio:seen:*") == []


async def test_the_same_message_delivered_twice_is_queued_once(api, settings, redis):
    url = settings.public_url + "/webhooks/twilio/whatsapp"
    form = whatsapp_form("APPLY ABCDE")
    for _ in range(2):
        answer = await api.post("/webhooks/twilio/whatsapp", data=form, headers=signed(url, form))
        assert answer.status == 200
        assert "<Response>" in await answer.text()
    jobs = queued(redis)
    assert len(jobs) == 1
    assert jobs[0].args[0]["text"] == "APPLY ABCDE"
    assert jobs[0].args[0]["sender"] == PHONE


async def test_a_malformed_webhook_is_refused_with_the_reason(api, settings, redis):
    url = settings.public_url + "/webhooks/twilio/sms"
    form = {"AccountSid": "AC" + "1" * 32, "Body": "hi"}  # no sender, no message id
    answer = await api.post("/webhooks/twilio/sms", data=form, headers=signed(url, form))
    assert answer.status == 400
    assert await answer.text()
    assert queued(redis) == []


async def test_status_callbacks_are_verified_and_queued_once(api, settings, redis):
    url = settings.public_url + "/webhooks/twilio/status"
    form = {"MessageSid": "SM" + uuid.uuid4().hex, "MessageStatus": "delivered", "AccountSid": "AC" + "1" * 32}
    assert (await api.post("/webhooks/twilio/status", data=form)).status == 403
    for _ in range(2):
        assert (await api.post("/webhooks/twilio/status", data=form, headers=signed(url, form))).status == 204
    assert [job.args[:2] for job in queued(redis)] == [(form["MessageSid"], "delivered")]
