"""Which links the media worker fetches, from where, and with which credentials (no network here;
tests/integration/workers/test_transcription_queue.py fetches for real from the fake Twilio)."""
import pytest

from core.transcripts import Untranscribable
from workers.channel_media import ChatAccounts, ChatMediaUnavailable, chat_address

SID, TOKEN, BOT_TOKEN = "AC" + "1" * 32, "twilio-token", "123456:bot-token"
LIVE = ChatAccounts("https://api.twilio.com", SID, TOKEN, "https://api.telegram.org/bot", BOT_TOKEN)
TESTING = ChatAccounts("http://127.0.0.1:8799", SID, TOKEN, "http://127.0.0.1:8800/bot", "")
MEDIA_PATH = f"/2010-04-01/Accounts/{SID}/Messages/MM1/Media/ME1"


def test_a_twilio_media_url_is_fetched_with_the_accounts_basic_auth():
    target, auth = chat_address("https://api.twilio.com" + MEDIA_PATH, LIVE)

    assert target == "https://api.twilio.com" + MEDIA_PATH
    assert (auth.login, auth.password) == (SID, TOKEN)


def test_a_twilio_media_url_goes_through_the_configured_api_base():
    assert chat_address("https://api.twilio.com" + MEDIA_PATH, TESTING)[0] == "http://127.0.0.1:8799" + MEDIA_PATH
    assert chat_address("http://127.0.0.1:8799" + MEDIA_PATH, TESTING)[0] == "http://127.0.0.1:8799" + MEDIA_PATH


def test_a_telegram_file_gets_the_bot_token_and_no_basic_auth():
    target, auth = chat_address("https://api.telegram.org/file/bot{token}/voice/file_9.oga", LIVE)

    assert target == f"https://api.telegram.org/file/bot{BOT_TOKEN}/voice/file_9.oga" and auth is None


def test_a_telegram_file_without_a_configured_bot_is_retried_later_not_refused():
    with pytest.raises(ChatMediaUnavailable, match="TELEGRAM_BOT_TOKEN"):
        chat_address("http://127.0.0.1:8800/file/bot{token}/voice/file_9.oga", TESTING)


@pytest.mark.parametrize("url", [
    "https://example.com/tape.mp4",
    "https://api.twilio.com.evil.example/2010-04-01/x",  # a look-alike host gets no credentials
    "https://evil.example/file/bot{token}/voice.oga",  # nor does a look-alike Telegram link
])
def test_links_from_anywhere_else_are_refused(url):
    with pytest.raises(Untranscribable, match="sent in the chat"):
        chat_address(url, LIVE)
