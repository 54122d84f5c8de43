"""Telegram updates read into channel-neutral shapes: a table of the Bot API's real payloads."""
import pytest

from bots.channels.base import Incoming, Media
from bots.telegram_updates import (
    SharedContact, TelegramFile, blocked_change, contact_phone, looks_like_code, looks_like_phone, read_message,
    to_incoming, typed_phone,
)
from core.errors import Rejected

USER = {"id": 5550001, "is_bot": False, "first_name": "Adaeze", "language_code": "yo"}
CHAT = {"id": 5550001, "type": "private", "first_name": "Adaeze"}


def update(**message) -> dict:
    return {"update_id": 812345670, "message": {"message_id": 9, "from": USER, "chat": CHAT, "date": 1764300000,
                                                **message}}


@pytest.mark.parametrize("fields, expected", [
    ({"text": "YES 4821"}, {"text": "YES 4821"}),
    ({"location": {"latitude": 6.4281, "longitude": 3.4219}}, {"text": "", "position": (6.4281, 3.4219)}),
    ({"voice": {"file_id": "AwACAgQ", "file_unique_id": "u1", "duration": 7, "mime_type": "audio/ogg"}},
     {"files": (TelegramFile("AwACAgQ", "audio/ogg"),)}),
    ({"photo": [{"file_id": "small", "file_unique_id": "a", "width": 90, "height": 60},
                {"file_id": "large", "file_unique_id": "b", "width": 1280, "height": 853}],
      "caption": "my self-tape still"},
     {"text": "my self-tape still", "files": (TelegramFile("large", "image/jpeg"),)}),
    ({"video": {"file_id": "BAACAgQ", "file_unique_id": "v", "width": 720, "height": 1280, "duration": 40}},
     {"files": (TelegramFile("BAACAgQ", "video/mp4"),)}),
    ({"contact": {"phone_number": "2348031234567", "first_name": "Adaeze", "user_id": 5550001}},
     {"contact": SharedContact("2348031234567", 5550001)}),
    ({"contact": {"phone_number": "+2348030000009", "first_name": "Obi"}},
     {"contact": SharedContact("+2348030000009", None)}),
])
def test_a_private_message_is_read_field_by_field(fields, expected):
    message = read_message(update(**fields))
    assert message.update_id == 812345670 and message.user_id == 5550001 and message.chat_id == 5550001
    assert message.language == "yo"
    for name, value in expected.items():
        assert getattr(message, name) == value


@pytest.mark.parametrize("payload", [
    {"update_id": 1, "edited_message": {"message_id": 1, "from": USER, "chat": CHAT, "date": 1, "text": "x"}},
    {"update_id": 2, "message": {"message_id": 1, "from": USER, "date": 1, "text": "hi all",
                                 "chat": {"id": -100200, "type": "group", "title": "Unit"}}},
    {"update_id": 3, "message": {"message_id": 1, "from": {**USER, "is_bot": True}, "chat": CHAT, "date": 1}},
    {"update_id": 4, "callback_query": {"id": "1", "from": USER, "chat_instance": "c", "data": "x"}},
])
def test_what_is_not_a_persons_private_message_is_left_alone(payload):
    assert read_message(payload) is None


def test_an_unknown_language_falls_back_to_english():
    assert read_message(update(text="hi", **{"from": {**USER, "language_code": "pt-br"}})).language == "en"


def test_a_linked_message_becomes_an_incoming_from_the_phone():
    message = read_message(update(text="", location={"latitude": 6.5, "longitude": 3.3}))
    media = (Media("https://api.telegram.org/file/bot{token}/voice/file_1.oga", "audio/ogg"),)
    assert to_incoming(message, "+2348031234567", media) == Incoming(
        channel="telegram", provider_id="tg-812345670", sender="+2348031234567", text="", media=media,
        position=(6.5, 3.3),
    )


@pytest.mark.parametrize("status, blocked", [("kicked", True), ("member", False)])
def test_blocking_and_unblocking_the_bot_are_seen(status, blocked):
    change = {"update_id": 7, "my_chat_member": {
        "chat": CHAT, "from": USER, "date": 1,
        "old_chat_member": {"user": {"id": 1, "is_bot": True, "first_name": "bot"}, "status": "member"},
        "new_chat_member": {"user": {"id": 1, "is_bot": True, "first_name": "bot"}, "status": status}}}
    assert blocked_change(change) == (5550001, blocked)
    assert blocked_change(update(text="hi")) is None


@pytest.mark.parametrize("raw, e164", [
    ("2348031234567", "+2348031234567"), ("+2348031234567", "+2348031234567"), ("08031234567", "+2348031234567"),
])
def test_telegrams_contact_numbers_read_as_e164(raw, e164):
    assert contact_phone(raw) == e164


@pytest.mark.parametrize("typed", [
    "0803 123 4567", "803 123 4567", "(0803) 123-4567", "234 803 123 4567", "+234 803 123 4567", "2348031234567",
])
def test_typed_numbers_read_as_e164(typed):
    assert typed_phone(typed) == "+2348031234567"


def test_a_number_that_is_no_number_is_refused_in_words():
    with pytest.raises(Rejected):
        contact_phone("12")


@pytest.mark.parametrize("text, code, phone", [
    ("042917", True, False), (" 042917 ", True, False), ("0803 123 4567", False, True),
    ("+234 803 123 4567", False, True), ("08031234567", False, True), ("JOBS", False, False),
    ("12345", False, False), ("😀", False, False), ("", False, False),
])
def test_codes_and_numbers_are_told_apart(text, code, phone):
    assert looks_like_code(text) is code and looks_like_phone(text) is phone
