"""The Telegram channel: python-telegram-bot's Bot behind the synchronous Channel interface.

`Outgoing.to` is the person's Telegram chat id (messaging reads it from the profile field
`telegram_chat_id`): Telegram has no phone numbers to write to. Telegram sends no delivery
callbacks, so the Bot API's answer is the message's status.
"""
import asyncio
import mimetypes
import re
import warnings
from datetime import timedelta

from telegram import Bot, KeyboardButton, ReplyKeyboardMarkup, ReplyKeyboardRemove
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.request import HTTPXRequest
from telegram.warnings import PTBDeprecationWarning

from bots.channels.base import (
    BadConfig,
    BadRecipient,
    Channel,
    ContactStopped,
    Outgoing,
    Retryable,
    SendError,
    Sent,
    Throttled,
)

TELEGRAM_API_BASE = "https://api.telegram.org/bot"
# httpx's own default is 5 s; a call-sheet PDF fetched by Telegram from our URL takes longer.
CONNECT_TIMEOUT_S = 10.0
READ_TIMEOUT_S = 30.0
# PTB raises by HTTP status but keeps no code; these are the Bot API's error_code values.
CODE_BAD_REQUEST, CODE_UNAUTHORIZED, CODE_FORBIDDEN, CODE_TOO_MANY = 400, 401, 403, 429
# Forbidden texts that mean the person shut the door on us (not "never opened it").
STOPPED_PHRASES = ("blocked by the user", "user is deactivated", "kicked")
# Telegram takes photos by URL as photos; anything else goes as a document (PDF, ZIP by URL).
PHOTO_TYPES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp"})
CHAT_ID_PATTERN = re.compile(r"-?\d{1,20}")  # private chats are positive, groups negative
# extra keys this channel reads (see send).
BUTTONS, LOCATION, SHARE_CONTACT, REMOVE_KEYBOARD = "buttons", "location", "share_contact", "remove_keyboard"


class TelegramChannel(Channel):
    """Sends as the bot whose `token` is given, through the Bot API at `api_base`."""

    name = "telegram"

    def __init__(self, token: str, api_base: str = TELEGRAM_API_BASE):
        if not token:
            raise ValueError("Telegram needs the bot's token (from @BotFather).")
        self._token, self._api_base = token, api_base.rstrip("/")

    def send(self, message: Outgoing) -> Sent:
        # Called from a worker thread (asyncio.to_thread), so no loop runs here: each send gets
        # its own loop and its own HTTP client. RQ forks a work horse per job, and neither a
        # loop thread nor httpx's connection pool survives a fork or moves between loops; a
        # fresh client per message costs one TCP/TLS connect, which our volumes allow.
        try:
            return asyncio.run(self._send(message))
        except TelegramError as error:
            raise self.typed_error(error) from error

    async def media_url(self, file_id: str) -> str:
        """getFile's download URL with the token left as "{token}": a Media.url goes into job
        arguments, CouchDB and logs, and the token must be in none of them."""
        bot = self.bot()
        try:
            found = await bot.get_file(file_id)
        except TelegramError as error:
            raise self.typed_error(error) from error
        finally:
            await bot.request.shutdown()
        return found.file_path.replace(self._token, "{token}")

    def file_url(self, media_url: str) -> str:
        """The downloadable address of a Media.url this channel's inbound side produced:
        those keep a `{token}` placeholder so no stored document or log carries the token."""
        return media_url.replace("{token}", self._token)

    def typed_error(self, error: TelegramError) -> SendError:
        """What the caller should do about `error`, with the token never in the text."""
        typed = typed_error(error)
        typed.args = (str(typed).replace(self._token, "<token>"),)
        return typed

    def bot(self) -> Bot:
        """A Bot with its own HTTP client; the caller shuts its request down when done."""
        request = HTTPXRequest(connect_timeout=CONNECT_TIMEOUT_S, read_timeout=READ_TIMEOUT_S)
        return Bot(self._token, base_url=self._api_base, base_file_url=file_base(self._api_base),
                   request=request, get_updates_request=request)

    async def _send(self, message: Outgoing) -> Sent:
        bot = self.bot()
        # No bot.initialize(): it costs a getMe per message and puts the token in its error text.
        try:
            return await deliver(bot, message)
        finally:
            await bot.request.shutdown()


async def deliver(bot: Bot, message: Outgoing) -> Sent:
    """Text (with its keyboard), then each media, then the pin; the first message names the send.

    A failure after the first part raises, and messaging's retry sends the whole again: a
    repeated line beats a call sheet that never arrives."""
    chat_id = chat_id_of(message.to)
    first = None
    if message.text:
        first = await bot.send_message(chat_id, message.text, reply_markup=keyboard(message.extra))
    for url in message.media_urls:
        sent = await (bot.send_photo(chat_id, url) if is_photo(url) else bot.send_document(chat_id, url))
        first = first or sent
    if message.extra.get(LOCATION):
        latitude, longitude = message.extra[LOCATION]
        sent = await bot.send_location(chat_id, latitude=float(latitude), longitude=float(longitude))
        first = first or sent
    if first is None:
        raise BadRecipient("Nothing to send: the message has no text, media or location.", CODE_BAD_REQUEST)
    return Sent(provider_id=f"tg-{chat_id}-{first.message_id}", status="sent")


def chat_id_of(to: str) -> int:
    # int() would take "+2348031234567" as a number: a phone number must never pass for a chat.
    if not CHAT_ID_PATTERN.fullmatch(to):
        raise BadRecipient(f"Telegram writes to a chat id, not {to!r}: the person has no linked chat.")
    return int(to)


def keyboard(extra: dict):
    """A reply keyboard, not an inline one: a tapped button arrives as an ordinary text message
    ("YES"), so it takes the same path as a typed answer on WhatsApp or SMS, and only a reply
    keyboard can ask for the person's own phone number (request_contact)."""
    if extra.get(SHARE_CONTACT):
        button = KeyboardButton(extra[SHARE_CONTACT], request_contact=True)
        return ReplyKeyboardMarkup([[button]], resize_keyboard=True, one_time_keyboard=True)
    if extra.get(BUTTONS):
        rows = [[str(label) for label in row] for row in extra[BUTTONS]]
        return ReplyKeyboardMarkup(rows, resize_keyboard=True, one_time_keyboard=True)
    if extra.get(REMOVE_KEYBOARD):
        return ReplyKeyboardRemove()
    return None


def is_photo(url: str) -> bool:
    content_type, _ = mimetypes.guess_type(url.split("?", 1)[0])
    return content_type in PHOTO_TYPES


def file_base(api_base: str) -> str:
    """Bot API file downloads live beside the methods: .../bot<token> -> .../file/bot<token>."""
    root, _, tail = api_base.rstrip("/").rpartition("/")
    return f"{root}/file/{tail}"


def typed_error(error: TelegramError) -> SendError:
    """One refused Bot API call, typed by what to do next. BadRequest and TimedOut are kinds of
    NetworkError in PTB, so the specific kinds are tested first."""
    text = f"Telegram refused the message: {error}"
    lowered = str(error).lower()
    if isinstance(error, RetryAfter):
        return Throttled(text, CODE_TOO_MANY, retry_after_s=retry_after_s(error))
    if isinstance(error, Forbidden):
        if any(phrase in lowered for phrase in STOPPED_PHRASES):
            return ContactStopped(text, CODE_FORBIDDEN)
        # "bot can't initiate conversation with a user": they never pressed Start.
        return BadRecipient(text, CODE_FORBIDDEN)
    if isinstance(error, InvalidToken):
        return BadConfig(text, CODE_UNAUTHORIZED)
    if isinstance(error, (BadRequest, ChatMigrated)):
        # "chat not found" and every other 400 refuse this message as it stands (too long, a
        # media URL Telegram cannot fetch); BadConfig would halt the whole channel over one.
        return BadRecipient(text, CODE_BAD_REQUEST)
    if isinstance(error, NetworkError):  # TimedOut, connection errors, Telegram's 5xx
        return Retryable(text)
    return Retryable(text)  # an unreadable answer: the next try may read a good one


def retry_after_s(error: RetryAfter) -> float:
    # PTB 22.2+ may give an int (deprecated) or a timedelta; either way, seconds.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = error.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)
