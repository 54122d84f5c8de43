"""Loop detection, the rate limit per sender and the last-message record, on an in-memory Redis."""
from datetime import datetime, timedelta, timezone

from bots import inbound_guard
from bots.channels.base import Incoming
from tests.unit.delivery_fakes import MemoryRedis

NOW = datetime(2026, 11, 20, 21, 30, tzinfo=timezone.utc)
PERSON_ID = "abcdef123456"
PHONE = "+2348031110003"
AWAY = "Thank you for your message, I am on set and will reply later."  # another bot's auto-reply


def message(text: str, number: int, channel: str = "whatsapp") -> Incoming:
    return Incoming(channel=channel, provider_id=f"SM{number:032d}", sender=PHONE, text=text)


def test_the_fourth_identical_message_in_an_hour_stops_auto_replies_and_flags_the_conversation():
    redis = MemoryRedis()
    looping = [
        inbound_guard.is_looping(redis, PERSON_ID, message(text, n), NOW + timedelta(minutes=n))
        for n, text in enumerate([AWAY, AWAY.lower(), AWAY.upper(), "  ".join(AWAY.split())], start=1)
    ]

    assert looping == [False] * inbound_guard.LOOP_LIMIT + [True]
    flags = inbound_guard.flagged_conversations(redis)
    assert [(f["person_id"], f["sender"], f["count"]) for f in flags] == [(PERSON_ID, PHONE, inbound_guard.LOOP_LIMIT + 1)]
    # While muted, other messages get no auto-reply either: it is the conversation that loops.
    assert inbound_guard.is_looping(redis, PERSON_ID, message("JOBS", 9), NOW + timedelta(minutes=9))


def test_identical_messages_spread_over_more_than_an_hour_are_no_loop():
    redis = MemoryRedis()
    spacing = timedelta(seconds=inbound_guard.LOOP_WINDOW_S // inbound_guard.LOOP_LIMIT + 60)

    looping = [inbound_guard.is_looping(redis, PERSON_ID, message("YES", n), NOW + n * spacing) for n in range(6)]

    assert not any(looping) and inbound_guard.flagged_conversations(redis) == []


def test_the_same_message_delivered_again_counts_once():
    redis = MemoryRedis()

    looping = [inbound_guard.is_looping(redis, PERSON_ID, message("YES", 1), NOW) for _ in range(6)]

    assert not any(looping)


def test_a_person_answering_1_or_menu_again_and_again_is_no_loop():
    redis = MemoryRedis()
    answers = ["MENU", "1", "YES 4821"] * 4

    looping = [inbound_guard.is_looping(redis, PERSON_ID, message(text, n), NOW) for n, text in enumerate(answers)]

    assert not any(looping) and inbound_guard.flagged_conversations(redis) == []


def test_media_without_text_is_never_a_loop():
    redis = MemoryRedis()

    assert not any(inbound_guard.is_looping(redis, PERSON_ID, message("", n), NOW) for n in range(6))


def test_an_admin_clearing_the_flag_lets_auto_replies_resume():
    redis = MemoryRedis()
    for n in range(inbound_guard.LOOP_LIMIT + 1):
        inbound_guard.is_looping(redis, PERSON_ID, message(AWAY, n), NOW)

    assert inbound_guard.clear_flag(redis, PERSON_ID)

    assert inbound_guard.flagged_conversations(redis) == []
    assert not inbound_guard.is_looping(redis, PERSON_ID, message("ok", 50), NOW)
    assert not inbound_guard.clear_flag(redis, PERSON_ID)


def test_a_sender_over_the_rate_limit_is_refused_until_the_minute_has_passed():
    redis = MemoryRedis()
    answers = [inbound_guard.within_rate(redis, PHONE, f"SM{n}", NOW) for n in range(inbound_guard.RATE_LIMIT + 1)]

    assert answers == [True] * inbound_guard.RATE_LIMIT + [False]
    assert inbound_guard.within_rate(redis, "+2348030000999", "SMother", NOW)
    later = NOW + timedelta(seconds=inbound_guard.RATE_WINDOW_S + 1)
    assert inbound_guard.within_rate(redis, PHONE, "SMlater", later)


def test_the_last_message_time_is_kept_per_channel_and_for_any_channel():
    redis = MemoryRedis()
    inbound_guard.note_inbound(redis, "whatsapp", PHONE, NOW)
    inbound_guard.note_inbound(redis, "sms", PHONE, NOW + timedelta(minutes=5))

    assert inbound_guard.last_inbound(redis, PHONE, "whatsapp") == NOW
    assert inbound_guard.last_inbound(redis, PHONE) == NOW + timedelta(minutes=5)
    assert inbound_guard.last_inbound(redis, PHONE, "telegram") is None
    assert all(ttl == inbound_guard.LAST_INBOUND_TTL_S for ttl in redis.ttls.values())

    inbound_guard.forget_window(redis, "whatsapp", PHONE)
    assert inbound_guard.last_inbound(redis, PHONE, "whatsapp") is None
