"""What Telegram posts to us (Update objects as JSON dicts), read into channel-neutral shapes.

Pure functions, so the worker only has to look things up and act. Only private chats with
people count: the bot is not made for groups, and other bots' messages are not a person's.
"""
import re
from dataclasses import dataclass

from bots.channels.base import Incoming, Media
from core.phones import to_e164

LANGUAGES = frozenset({"en", "pcm", "yo", "ig", "ha"})
CODE_PATTERN = re.compile(r"^\d{6}$")
# A typed phone number: digits with the usual separators, 7 to 15 digits in all (E.164's most).
PHONE_PATTERN = re.compile(r"^\+?[\d\s().-]{7,20}$")
# Voice notes are Opus in Ogg; Telegram leaves out a mime_type now and then.
DEFAULT_TYPES = {"voice": "audio/ogg", "audio": "audio/mpeg", "video": "video/mp4", "video_note": "video/mp4",
                 "document": "application/octet-stream", "photo": "image/jpeg"}


@dataclass(frozen=True)
class SharedContact:
    phone: str  # as Telegram gives it: often digits without the "+"
    user_id: int | None  # the Telegram user the card belongs to, when it is one


@dataclass(frozen=True)
class TelegramFile:
    file_id: str
    content_type: str


@dataclass(frozen=True)
class TelegramMessage:
    update_id: int
    user_id: int
    chat_id: int
    text: str
    language: str  # one of LANGUAGES, from the person's Telegram app; "en" otherwise
    contact: SharedContact | None = None
    position: tuple[float, float] | None = None
    files: tuple[TelegramFile, ...] = ()


def read_message(update: dict) -> TelegramMessage | None:
    """The private message a person sent, or None for anything else (edits, groups, bots)."""
    message = update.get("message")
    if not isinstance(message, dict):
        return None
    sender, chat = message.get("from") or {}, message.get("chat") or {}
    if chat.get("type") != "private" or sender.get("is_bot") or "id" not in sender:
        return None
    language = (sender.get("language_code") or "en").split("-")[0]
    return TelegramMessage(
        update_id=update["update_id"],
        user_id=sender["id"],
        chat_id=chat["id"],
        # A photo or voice note carries its words as a caption.
        text=message.get("text") or message.get("caption") or "",
        language=language if language in LANGUAGES else "en",
        contact=_contact(message.get("contact")),
        position=_position(message.get("location")),
        files=_files(message),
    )


def blocked_change(update: dict) -> tuple[int, bool] | None:
    """(user id, True if they blocked the bot / False if they let it back) for my_chat_member."""
    change = update.get("my_chat_member")
    if not isinstance(change, dict) or (change.get("chat") or {}).get("type") != "private":
        return None
    status = (change.get("new_chat_member") or {}).get("status")
    if status not in ("kicked", "member"):
        return None
    return change["from"]["id"], status == "kicked"


def to_incoming(message: TelegramMessage, phone: str, media: tuple[Media, ...]) -> Incoming:
    """A linked person's message, on the same path as WhatsApp's: their phone is who they are."""
    return Incoming(
        channel="telegram",
        provider_id=f"tg-{message.update_id}",
        sender=phone,
        text=message.text,
        media=media,
        position=message.position,
    )


def contact_phone(raw: str) -> str:
    """Telegram gives a contact's number in international form, usually without the "+";
    read as it is, "2348031234567" would be taken for a Nigerian national number."""
    digits = raw.strip()
    if digits.isdigit() and not digits.startswith("0"):
        digits = "+" + digits
    return to_e164(digits)


def typed_phone(text: str) -> str:
    """A number the person typed: Nigerian national forms ("0803 123 4567", "803 123 4567")
    or international ones with or without the "+" ("234 803 123 4567")."""
    digits = re.sub(r"[\s().-]", "", text)
    if digits.isdigit() and digits.startswith("234") and len(digits) > 10:
        digits = "+" + digits
    return to_e164(digits)


def looks_like_code(text: str) -> bool:
    return bool(CODE_PATTERN.match(text.strip()))


def looks_like_phone(text: str) -> bool:
    text = text.strip()
    return bool(PHONE_PATTERN.match(text)) and 7 <= sum(ch.isdigit() for ch in text) <= 15


def _contact(contact) -> SharedContact | None:
    if not isinstance(contact, dict) or not contact.get("phone_number"):
        return None
    return SharedContact(phone=str(contact["phone_number"]), user_id=contact.get("user_id"))


def _position(location) -> tuple[float, float] | None:
    if not isinstance(location, dict):
        return None
    return float(location["latitude"]), float(location["longitude"])


def _files(message: dict) -> tuple[TelegramFile, ...]:
    files = []
    for kind in ("voice", "audio", "video", "video_note", "document"):
        item = message.get(kind)
        if isinstance(item, dict) and item.get("file_id"):
            files.append(TelegramFile(item["file_id"], item.get("mime_type") or DEFAULT_TYPES[kind]))
    photos = message.get("photo")
    if isinstance(photos, list) and photos:
        # Telegram sends each photo in several sizes; the last is the largest.
        largest = max(photos, key=lambda size: size.get("width", 0) * size.get("height", 0))
        files.append(TelegramFile(largest["file_id"], DEFAULT_TYPES["photo"]))
    return tuple(files)
