"""TwilioChannel through the real twilio client against the fake Twilio, over real HTTP."""
import asyncio
import socket
import sys
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from bots.channels.base import (
    BadConfig,
    BadRecipient,
    ContactStopped,
    Incoming,
    Media,
    Outgoing,
    Retryable,
    Throttled,
)
from bots.channels.twilio import THROTTLED_WAIT_S, TwilioChannel
from bots.twilio_webhook import StatusUpdate, parse_inbound, parse_status_callback, verify_signature
from tests.fakes.twilio_server import FakeTwilio, deliver_inbound

pytestmark = pytest.mark.integration

REPO_ROOT = Path(__file__).resolve().parents[3]
ACCOUNT_SID = "AC7d2e4f6a8b0c1d3e5f7a9b1c3d5e7f9a"
AUTH_TOKEN = "integration-auth-token"
SENDERS = {"whatsapp": "whatsapp:+14155238886", "sms": "+15005550006"}
CREW_PHONE = "+2348030000001"
COSTUME_PHOTO = "https://files.nollycrew.test/wardrobe/look-3.jpg"
PROCESS_START_TIMEOUT_S = 10.0


@dataclass
class OurWebhooks:
    """Our side of Twilio's webhooks, as small as it can be: check the signature, parse, remember."""

    base_url: str = ""
    statuses: list[tuple[bool, StatusUpdate]] = field(default_factory=list)
    inbound: list[Incoming] = field(default_factory=list)

    async def status(self, request: web.Request) -> web.Response:
        form = await request.post()
        self.statuses.append((self._signed(request, form), parse_status_callback(form)))
        return web.Response(status=204)

    async def message(self, request: web.Request) -> web.Response:
        form = await request.post()
        if not self._signed(request, form):
            return web.Response(status=403)
        self.inbound.append(parse_inbound(form))
        return web.Response(text="<Response/>", content_type="text/xml")

    @staticmethod
    def _signed(request: web.Request, form) -> bool:
        # The URL Twilio signed is the one it called: here, exactly what aiohttp saw.
        signature = request.headers.get("X-Twilio-Signature")
        return verify_signature(AUTH_TOKEN, str(request.url), form, signature)


@pytest.fixture
async def fake():
    async with FakeTwilio(ACCOUNT_SID, AUTH_TOKEN) as fake:
        yield fake


@pytest.fixture
async def webhooks():
    hooks = OurWebhooks()
    app = web.Application()
    app.add_routes([web.post("/twilio/status", hooks.status), web.post("/twilio/message", hooks.message)])
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    hooks.base_url = f"http://127.0.0.1:{runner.addresses[0][1]}"
    yield hooks
    await runner.cleanup()


def channel(name: str, api_base: str, auth_token: str = AUTH_TOKEN) -> TwilioChannel:
    return TwilioChannel(name, ACCOUNT_SID, auth_token, SENDERS[name], api_base=api_base)


async def send(channel: TwilioChannel, message: Outgoing):
    # The twilio client blocks; the fake shares this event loop, so the send runs in a thread.
    return await asyncio.to_thread(channel.send, message)


ADDRESSES = {
    "whatsapp": ("whatsapp", "whatsapp:+2348030000001", "whatsapp:+14155238886"),
    "sms": ("sms", "+2348030000001", "+15005550006"),
}


@pytest.mark.parametrize("name, to, from_", ADDRESSES.values(), ids=ADDRESSES.keys())
async def test_sends_with_the_channel_prefix_and_the_fake_records_it(fake, name, to, from_):
    sent = await send(channel(name, fake.base_url), Outgoing(CREW_PHONE, "Call time 6am, Lekki unit base"))

    assert sent.status == "queued"
    assert sent.provider_id.startswith("SM") and len(sent.provider_id) == 34
    [recorded] = fake.messages
    assert (recorded["sid"], recorded["to"], recorded["from"]) == (sent.provider_id, to, from_)
    assert recorded["body"] == "Call time 6am, Lekki unit base"
    assert (recorded["media_urls"], recorded["status_callback"]) == ([], None)


async def test_media_and_status_callback_are_passed_on(fake, webhooks):
    callback = f"{webhooks.base_url}/twilio/status"
    message = Outgoing(
        CREW_PHONE, "Your look for scene 12", media_urls=(COSTUME_PHOTO,), status_callback=callback
    )

    sent = await send(channel("whatsapp", fake.base_url), message)

    [recorded] = fake.messages
    assert sent.provider_id.startswith("MM")
    assert (recorded["media_urls"], recorded["num_media"], recorded["status_callback"]) == (
        [COSTUME_PHOTO], "1", callback)


DELIVERY_OUTCOMES = {
    "delivered": ({}, [("sent", None), ("delivered", None)]),
    "undelivered": ({CREW_PHONE: 30008}, [("sent", None), ("undelivered", 30008)]),
}


@pytest.mark.parametrize(
    "undeliverable, expected", DELIVERY_OUTCOMES.values(), ids=DELIVERY_OUTCOMES.keys()
)
async def test_status_callbacks_arrive_signed_and_parse(fake, webhooks, undeliverable, expected):
    fake.undeliverable.update(undeliverable)
    message = Outgoing(CREW_PHONE, "Wrap at 9pm", status_callback=f"{webhooks.base_url}/twilio/status")

    sent = await send(channel("whatsapp", fake.base_url), message)
    callbacks = await fake.wait_for_callbacks(len(expected))

    assert [call["response_status"] for call in callbacks] == [204] * len(expected)
    assert [valid for valid, _ in webhooks.statuses] == [True] * len(expected)
    assert [(u.provider_id, u.status, u.error_code) for _, u in webhooks.statuses] == [
        (sent.provider_id, status, code) for status, code in expected]


ERROR_BEHAVIOURS = {
    "opted out": (lambda fake: fake.opted_out.add(CREW_PHONE), ContactStopped, 21610),
    "invalid number": (lambda fake: fake.invalid.add(CREW_PHONE), BadRecipient, 21211),
    "throttled": (lambda fake: setattr(fake, "throttled", True), Throttled, 20429),
    "server error": (lambda fake: setattr(fake, "fail_next", 1), Retryable, 20500),
}


@pytest.mark.parametrize("name", ["whatsapp", "sms"])
@pytest.mark.parametrize(
    "misbehave, error_type, code", ERROR_BEHAVIOURS.values(), ids=ERROR_BEHAVIOURS.keys()
)
async def test_twilio_refusals_become_typed_errors(fake, name, misbehave, error_type, code):
    misbehave(fake)

    with pytest.raises(error_type) as caught:
        await send(channel(name, fake.base_url), Outgoing(CREW_PHONE, "Call time 6am"))

    assert type(caught.value) is error_type
    assert caught.value.code == code
    assert fake.messages == []


async def test_throttling_asks_for_the_default_wait(fake):
    fake.throttled = True
    with pytest.raises(Throttled) as caught:
        await send(channel("sms", fake.base_url), Outgoing(CREW_PHONE, "Call time 6am"))
    assert caught.value.retry_after_s == THROTTLED_WAIT_S


async def test_a_send_after_passing_server_errors_goes_through(fake):
    fake.fail_next = 2
    sms = channel("sms", fake.base_url)
    for _ in range(2):
        with pytest.raises(Retryable):
            await send(sms, Outgoing(CREW_PHONE, "Call time 6am"))

    sent = await send(sms, Outgoing(CREW_PHONE, "Call time 6am"))

    assert [m["sid"] for m in fake.messages] == [sent.provider_id]


async def test_wrong_credentials_are_bad_config(fake):
    stale = channel("whatsapp", fake.base_url, auth_token="stale-token")
    with pytest.raises(BadConfig) as caught:
        await send(stale, Outgoing(CREW_PHONE, "Hi"))
    assert caught.value.code == 20003


async def test_twilio_unreachable_is_retryable():
    with socket.socket() as probe:  # a port that was free a moment ago and has no listener now
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    with pytest.raises(Retryable):
        await send(channel("sms", f"http://127.0.0.1:{closed_port}"), Outgoing(CREW_PHONE, "Hi"))


INBOUND_SIGNATURES = {  # how the fake signs: (our answer, how many messages we took in)
    "valid": ("valid", 200, 1),
    "wrong": ("wrong", 403, 0),
    "missing": ("missing", 403, 0),
}


@pytest.mark.parametrize(
    "signature, status, accepted", INBOUND_SIGNATURES.values(), ids=INBOUND_SIGNATURES.keys()
)
async def test_inbound_delivery_is_signed_like_twilio(webhooks, signature, status, accepted):
    answer = await deliver_inbound(
        f"{webhooks.base_url}/twilio/message", AUTH_TOKEN, "whatsapp:+2348030000001", "I'm on set",
        message_sid="SM00000000000000000000000000000001", account_sid=ACCOUNT_SID, signature=signature,
    )

    assert answer == status
    assert webhooks.inbound == [
        Incoming("whatsapp", "SM00000000000000000000000000000001", CREW_PHONE, "I'm on set")][:accepted]


async def test_inbound_sms_with_media_parses_from_the_wire(webhooks):
    media = {"NumMedia": "1", "MediaUrl0": COSTUME_PHOTO, "MediaContentType0": "image/jpeg"}

    answer = await deliver_inbound(f"{webhooks.base_url}/twilio/message", AUTH_TOKEN, "+2348051234567", "",
                                   account_sid=ACCOUNT_SID, extra=media)

    assert answer == 200
    [incoming] = webhooks.inbound
    assert (incoming.channel, incoming.sender, incoming.media) == (
        "sms", "+2348051234567", (Media(COSTUME_PHOTO, "image/jpeg"),))


async def test_fake_runs_as_its_own_process_and_reports_what_was_sent():
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.fakes.twilio_server", "--port", "0",
        "--account-sid", ACCOUNT_SID, "--auth-token", AUTH_TOKEN,
        cwd=REPO_ROOT, stdout=asyncio.subprocess.PIPE,
    )
    try:
        ready = await asyncio.wait_for(process.stdout.readline(), PROCESS_START_TIMEOUT_S)
        base_url = ready.decode().split()[-1]
        sms = channel("sms", base_url)
        sent = await send(sms, Outgoing(CREW_PHONE, "Call time 6am"))
        async with aiohttp.ClientSession(base_url) as http:
            async with http.get("/_fake/messages") as answer:
                assert [m["sid"] for m in await answer.json()] == [sent.provider_id]
            async with http.post("/_fake/behaviour", json={"opted_out": [CREW_PHONE]}):
                pass
            with pytest.raises(ContactStopped):
                await send(sms, Outgoing(CREW_PHONE, "Call time 7am"))
            async with http.post("/_fake/reset"):
                pass
            async with http.get("/_fake/messages") as answer:
                assert await answer.json() == []
    finally:
        process.terminate()
        assert await asyncio.wait_for(process.wait(), PROCESS_START_TIMEOUT_S) == 0
