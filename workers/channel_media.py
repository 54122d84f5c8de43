"""Self-tape files fetched from the chat that carried them.

Twilio's media URLs need the account's HTTP basic auth; Telegram's carry "{token}" where the bot
token goes (bots/channels/telegram.py keeps it out of every document). No other link is
fetched: a link from anywhere else could point the worker at our own network. Credentials go
with the first request only, never along a redirect: Twilio redirects to a signed link in its
file store, which needs none.
"""
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import aiohttp

from core.transcripts import Untranscribable, check_size, max_bytes

TWILIO_API = "https://api.twilio.com"
FETCH_TIMEOUT_S = 300  # 16 MB over a slow link; the job's own timeout is longer
CONNECT_TIMEOUT_S = 15
MAX_REDIRECTS = 3
CHUNK_BYTES = 64 * 1024
REDIRECTS = {301, 302, 303, 307, 308}
GONE = {404, 410}  # the chat deleted the file: asking again will not bring it back


class ChatMediaUnavailable(Exception):
    """The chat could not hand the file over just now (an outage, a limit, our credentials):
    RQ tries the job again later."""


@dataclass(frozen=True)
class ChatAccounts:
    twilio_api_base: str
    twilio_account_sid: str
    twilio_auth_token: str
    telegram_api_base: str
    telegram_bot_token: str

    @classmethod
    def from_settings(cls, settings) -> "ChatAccounts":
        return cls(settings.twilio_api_base.rstrip("/"), settings.twilio_account_sid,
                   settings.twilio_auth_token.get_secret_value(), settings.telegram_api_base,
                   settings.telegram_bot_token.get_secret_value())


def chat_address(url: str, accounts: ChatAccounts) -> tuple[str, aiohttp.BasicAuth | None]:
    """Where to fetch a stored media link from, and with which credentials."""
    for base in (accounts.twilio_api_base, TWILIO_API):
        if url.startswith(base + "/"):
            # Fetched through the configured API base: the fake Twilio in tests, Twilio itself live.
            target = accounts.twilio_api_base + url[len(base):]
            return target, aiohttp.BasicAuth(accounts.twilio_account_sid, accounts.twilio_auth_token)
    if "{token}" in url and _origin(url) == _origin(accounts.telegram_api_base):
        if not accounts.telegram_bot_token:
            raise ChatMediaUnavailable("a Telegram file, but NOLLYCREW_TELEGRAM_BOT_TOKEN is not set")
        return url.replace("{token}", accounts.telegram_bot_token), None
    raise Untranscribable("Only voice notes and videos sent in the chat are transcribed; this link is from elsewhere.")


async def fetch_chat_media(url: str, content_type: str, accounts: ChatAccounts) -> bytes:
    """The file's bytes, refused (Untranscribable) when gone or over its kind's size limit."""
    target, auth = chat_address(url, accounts)
    limit = max_bytes(content_type)
    timeout = aiohttp.ClientTimeout(total=FETCH_TIMEOUT_S, connect=CONNECT_TIMEOUT_S)
    try:
        async with aiohttp.ClientSession(timeout=timeout) as session:
            for hop in range(MAX_REDIRECTS + 1):
                async with session.get(target, auth=auth if hop == 0 else None, allow_redirects=False) as answer:
                    if answer.status in REDIRECTS and "Location" in answer.headers:
                        target = urljoin(target, answer.headers["Location"])
                        continue
                    if answer.status in GONE:
                        raise Untranscribable("The chat no longer has this file (it answered HTTP {status}).",
                                              status=answer.status)
                    if answer.status != 200:
                        raise ChatMediaUnavailable(f"the chat answered HTTP {answer.status} for a media file")
                    if answer.content_length is not None:
                        check_size(content_type, answer.content_length)
                    data = bytearray()
                    async for chunk in answer.content.iter_chunked(CHUNK_BYTES):
                        data += chunk
                        if len(data) > limit:  # a missing or false Content-Length: stop reading at the limit
                            check_size(content_type, len(data), whole=False)
                    check_size(content_type, len(data))
                    return bytes(data)
    except (aiohttp.ClientError, TimeoutError) as error:
        # The URL may hold the Telegram token: name only the error's kind.
        raise ChatMediaUnavailable(f"the chat could not be reached: {type(error).__name__}") from None
    raise Untranscribable("The chat's link to this file led through too many redirects.")


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme, parts.netloc
