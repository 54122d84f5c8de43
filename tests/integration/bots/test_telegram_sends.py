"""TelegramChannel through python-telegram-bot against the fake Bot API, over real HTTP."""
import asyncio

import aiohttp
import pytest

from bots.channels.base import BadConfig, BadRecipient, ContactStopped, Outgoing, Retryable, Throttled
from bots.channels.telegram import TelegramChannel
from tests.fakes.telegram_server import FakeTelegram

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

TOKEN = "7001002003:AAH-integration-test-token"
CHAT = 5550101
CALL_SHEET = "https://nollycrew.test/call-sheets/day-4.pdf"
COSTUME_PHOTO = "https://nollycrew.test/media/look-3.jpg"


@pytest.fixture
async def fake():
    async with FakeTelegram(TOKEN) as fake:
        yield fake


async def send(channel: TelegramChannel, message: Outgoing):
    # send() is synchronous, as messaging calls it: from a worker thread.
    return await asyncio.to_thread(channel.send, message)


async def test_a_call_message_goes_as_text_buttons_sheet_photo_and_pin(fake):
    channel = TelegramChannel(TOKEN, fake.base_url)
    sent = await send(channel, Outgoing(
        to=str(CHAT), text="Call 06:30 tomorrow. Reply YES or NO.", media_urls=(CALL_SHEET, COSTUME_PHOTO),
        extra={"buttons": [["YES", "NO"]], "location": [6.4281, 3.4219]},
    ))
    methods = [entry["method"] for entry in fake.sent]
    assert methods == ["sendMessage", "sendDocument", "sendPhoto", "sendLocation"]
    text, sheet, photo, pin = (entry["params"] for entry in fake.sent)
    assert text["text"].startswith("Call 06:30")
    assert [[button["text"] for button in row] for row in text["reply_markup"]["keyboard"]] == [["YES", "NO"]]
    assert sheet["document"] == CALL_SHEET and photo["photo"] == COSTUME_PHOTO
    assert (float(pin["latitude"]), float(pin["longitude"])) == (6.4281, 3.4219)
    assert sent.status == "sent"
    assert sent.provider_id.startswith(f"tg-{CHAT}-")
    assert int(sent.provider_id.rsplit("-", 1)[1]) >= 1


@pytest.mark.parametrize("switch, expected", [
    ("blocked", ContactStopped), ("deactivated", ContactStopped), ("missing", BadRecipient),
    ("throttled", Throttled), ("failing", Retryable),
])
async def test_each_refusal_on_the_wire_is_typed(fake, switch, expected):
    if switch == "throttled":
        fake.retry_after_s = 23
    elif switch == "failing":
        fake.fail_next = 1
    else:
        getattr(fake, switch).add(CHAT)
    with pytest.raises(expected) as raised:
        await send(TelegramChannel(TOKEN, fake.base_url), Outgoing(to=str(CHAT), text="Call 06:30"))
    if expected is Throttled:
        assert raised.value.retry_after_s == 23
    assert fake.sent == []


async def test_what_was_sent_can_be_read_from_another_process(fake):
    await send(TelegramChannel(TOKEN, fake.base_url), Outgoing(to=str(CHAT), text="Wrap at 18:30"))
    async with aiohttp.ClientSession() as session, session.get(f"{fake.root_url}/_fake/sent") as answer:
        assert [entry["params"]["text"] for entry in await answer.json()] == ["Wrap at 18:30"]


async def test_a_wrong_token_is_bad_config_and_never_shows_the_token(fake):
    wrong = "7001002003:AAH-not-the-token"
    with pytest.raises(BadConfig) as raised:
        await send(TelegramChannel(wrong, fake.base_url), Outgoing(to=str(CHAT), text="hi"))
    assert wrong not in str(raised.value)


async def test_nobody_listening_is_retryable(fake):
    await fake.stop()
    with pytest.raises(Retryable):
        await send(TelegramChannel(TOKEN, fake.base_url), Outgoing(to=str(CHAT), text="hi"))


async def test_a_voice_note_url_keeps_the_token_out_until_it_is_fetched(fake):
    fake.add_file("AwACAgQ-voice", "voice/file_7.oga", b"OggS\x00fake-opus")
    channel = TelegramChannel(TOKEN, fake.base_url)
    stored = await channel.media_url("AwACAgQ-voice")
    assert TOKEN not in stored and stored.endswith("/file/bot{token}/voice/file_7.oga")
    async with aiohttp.ClientSession() as session, session.get(channel.file_url(stored)) as answer:
        assert answer.status == 200 and (await answer.read()).startswith(b"OggS")
