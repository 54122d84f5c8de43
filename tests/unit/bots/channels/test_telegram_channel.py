"""The Telegram channel's error typing and message shaping, with no network: a table of the
refusals the Bot API gives, as python-telegram-bot raises them."""
from datetime import timedelta

import pytest
from telegram import ReplyKeyboardMarkup, ReplyKeyboardRemove
from telegram.error import (
    BadRequest, ChatMigrated, Forbidden, InvalidToken, NetworkError, RetryAfter, TelegramError, TimedOut,
)

from bots.channels.base import BadConfig, BadRecipient, ContactStopped, Outgoing, Retryable, Throttled
from bots.channels.telegram import TelegramChannel, chat_id_of, file_base, is_photo, keyboard, typed_error

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
TOKEN = "123456:unit-test-token"


@pytest.mark.parametrize("error, expected", [
    (Forbidden("Forbidden: bot was blocked by the user"), ContactStopped),
    (Forbidden("Forbidden: user is deactivated"), ContactStopped),
    (Forbidden("Forbidden: bot was kicked from the group chat"), ContactStopped),
    (Forbidden("Forbidden: bot can't initiate conversation with a user"), BadRecipient),
    (BadRequest("Bad Request: chat not found"), BadRecipient),
    (BadRequest("Bad Request: message is too long"), BadRecipient),
    (ChatMigrated(-1001234), BadRecipient),
    (InvalidToken("Unauthorized"), BadConfig),
    (17, Throttled),  # RetryAfter(17), built in the test: PTB warns about its int on creation
    (TimedOut(), Retryable),
    (NetworkError("httpx.ConnectError: All connection attempts failed"), Retryable),
    (NetworkError("Internal Server Error"), Retryable),
    (TelegramError("Invalid server response"), Retryable),
])
def test_each_refusal_is_typed_by_what_to_do_next(error, expected):
    error = RetryAfter(error) if isinstance(error, int) else error
    typed = typed_error(error)
    assert type(typed) is expected
    assert str(error) in str(typed)


@pytest.mark.parametrize("retry_after", [17, timedelta(seconds=17)])
def test_flood_control_carries_telegrams_wait(retry_after):
    typed = typed_error(RetryAfter(retry_after))
    assert isinstance(typed, Throttled) and typed.retry_after_s == 17.0 and typed.code == 429


def test_the_token_never_appears_in_an_error_text():
    channel = TelegramChannel(TOKEN, "http://127.0.0.1:1/bot")
    typed = channel.typed_error(InvalidToken(f"The token `{TOKEN}` was rejected by the server."))
    assert TOKEN not in str(typed) and "<token>" in str(typed)
    assert isinstance(typed, BadConfig)


@pytest.mark.parametrize("to", ["+2348031234567", "08031234567x", "", " 42"])
def test_a_phone_number_is_not_a_chat_id(to):
    with pytest.raises(BadRecipient, match="chat id"):
        chat_id_of(to)


def test_chat_ids_are_read_as_numbers():
    assert chat_id_of("987654321") == 987654321 and chat_id_of("-1001234") == -1001234


def test_yes_no_buttons_become_a_one_time_reply_keyboard():
    markup = keyboard({"buttons": [["YES", "NO"]]})
    assert isinstance(markup, ReplyKeyboardMarkup)
    assert [[button.text for button in row] for row in markup.keyboard] == [["YES", "NO"]]
    assert markup.one_time_keyboard


def test_the_share_button_asks_for_the_persons_own_number():
    markup = keyboard({"share_contact": "Share my phone number"})
    assert markup.keyboard[0][0].request_contact is True
    assert isinstance(keyboard({"remove_keyboard": True}), ReplyKeyboardRemove)
    assert keyboard({}) is None


@pytest.mark.parametrize("url, photo", [
    ("https://nollycrew.test/media/look-3.jpg", True),
    ("https://nollycrew.test/media/look-3.PNG?v=2", True),
    ("https://nollycrew.test/call-sheets/day-4.pdf", False),
    ("https://nollycrew.test/media/8f2c", False),
])
def test_images_go_as_photos_and_the_rest_as_documents(url, photo):
    assert is_photo(url) is photo


def test_file_downloads_live_beside_the_methods():
    assert file_base("https://api.telegram.org/bot") == "https://api.telegram.org/file/bot"
    assert file_base("http://127.0.0.1:8797/bot/") == "http://127.0.0.1:8797/file/bot"


def test_a_stored_media_url_gets_the_token_only_when_fetched():
    channel = TelegramChannel(TOKEN)
    stored = "https://api.telegram.org/file/bot{token}/voice/file_3.oga"
    assert channel.file_url(stored) == f"https://api.telegram.org/file/bot{TOKEN}/voice/file_3.oga"


def test_a_channel_without_a_token_is_refused_at_once():
    with pytest.raises(ValueError, match="token"):
        TelegramChannel("")


def test_an_empty_message_is_refused_without_calling_telegram():
    channel = TelegramChannel(TOKEN, "http://127.0.0.1:1/bot")
    with pytest.raises(BadRecipient, match="Nothing to send"):
        channel.send(Outgoing(to="42", text=""))
