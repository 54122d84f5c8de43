"""What we remember about people writing to us, in Redis: when they last wrote (the WhatsApp
24-hour window, answers in quiet hours), a rate limit per sender, and loop detection.

Synchronous functions over a redis-py client, for the inbound worker and (through
asyncio.to_thread) the webhooks. Counts are sliding windows of sorted sets keyed by the
provider's message id, so a message the provider or RQ delivers twice counts once, and
`now` is passed in, so a test can say what time it is.

Loss of Redis loses little: no known window means an approved template or SMS, no known
last message means a night-time reply waits until 07:00, and the counts start again.
"""
import hashlib
import json
import unicodedata
from datetime import datetime

from redis import Redis

from bots.channels.base import Incoming

LAST_INBOUND_KEY = "guard:last_inbound:{channel}:{sender}"
ANY_CHANNEL = "any"
# Longer than the WhatsApp window: after that, knowing the time changes nothing.
LAST_INBOUND_TTL_S = 24 * 3600
RATE_KEY = "guard:rate:{sender}"
RATE_LIMIT = 20  # messages a sender may send a minute; a person typing fast sends a few
RATE_WINDOW_S = 60
SAME_TEXT_KEY = "guard:same:{person_id}:{digest}"
LOOP_LIMIT = 3  # the 4th identical message within the hour is a loop (another bot answering ours)
LOOP_WINDOW_S = 3600
# People answer "1", "MENU" or "YES 4821" many times an hour, and a person on one bar of signal
# sends the same short command again; an auto-reply that loops is a sentence ("I am away...").
LOOP_MIN_CHARS = 20
# Auto-replies to a looping conversation stop for a day, or until an admin clears the flag.
MUTED_KEY = "guard:muted:{person_id}"
MUTE_S = 24 * 3600
FLAGS_KEY = "guard:flags"  # a hash, person id -> the flag as JSON: what an admin lists
FLAG_TEXT_CHARS = 160


def note_inbound(redis: Redis, channel: str, sender: str, at: datetime) -> None:
    """Remember that `sender` wrote to us on `channel` at `at` (the inbound worker calls this)."""
    pipe = redis.pipeline()
    for key_channel in (channel, ANY_CHANNEL):
        pipe.set(LAST_INBOUND_KEY.format(channel=key_channel, sender=sender), at.isoformat(), ex=LAST_INBOUND_TTL_S)
    pipe.execute()


def last_inbound(redis: Redis, sender: str, channel: str = ANY_CHANNEL) -> datetime | None:
    """When `sender` last wrote to us on `channel` (any channel by default), within a day."""
    stored = redis.get(LAST_INBOUND_KEY.format(channel=channel, sender=sender))
    return datetime.fromisoformat(stored.decode() if isinstance(stored, bytes) else stored) if stored else None


def forget_window(redis: Redis, channel: str, sender: str) -> None:
    """The provider said the window is closed (Twilio 63016): our record was wrong, drop it."""
    redis.delete(LAST_INBOUND_KEY.format(channel=channel, sender=sender))


def within_rate(redis: Redis, sender: str, message_id: str, now: datetime) -> bool:
    """False once `sender` has sent more than RATE_LIMIT messages in the last minute."""
    return sliding_count(redis, RATE_KEY.format(sender=sender), message_id, now, RATE_WINDOW_S) <= RATE_LIMIT


def is_looping(redis: Redis, person_id: str, incoming: Incoming, now: datetime) -> bool:
    """True when auto-replies to this person must stop: this message is the 4th identical one
    within the hour (the conversation is flagged for an admin), or an earlier loop muted them."""
    text = _normalised(incoming.text)
    # A photo or a location pin carries no text, and a short answer is a person: never a loop by itself.
    if len(text) >= LOOP_MIN_CHARS:
        digest = hashlib.sha256(text.encode()).hexdigest()[:24]
        key = SAME_TEXT_KEY.format(person_id=person_id, digest=digest)
        count = sliding_count(redis, key, incoming.provider_id, now, LOOP_WINDOW_S)
        if count > LOOP_LIMIT:
            _flag(redis, person_id, incoming, count, now)
            return True
    return bool(redis.exists(MUTED_KEY.format(person_id=person_id)))


def flagged_conversations(redis: Redis) -> list[dict]:
    """Every conversation flagged as a loop, oldest first: person_id, channel, sender, text,
    count, flagged_at."""
    flags = [json.loads(value) for value in redis.hgetall(FLAGS_KEY).values()]
    return sorted(flags, key=lambda flag: flag["flagged_at"])


def clear_flag(redis: Redis, person_id: str) -> bool:
    """An admin has looked: auto-replies resume and the counts start again. False if not flagged."""
    counters = list(redis.scan_iter(match=SAME_TEXT_KEY.format(person_id=person_id, digest="*")))
    pipe = redis.pipeline()
    pipe.hdel(FLAGS_KEY, person_id)
    pipe.delete(MUTED_KEY.format(person_id=person_id), *counters)
    removed, _ = pipe.execute()
    return bool(removed)


def _flag(redis: Redis, person_id: str, incoming: Incoming, count: int, now: datetime) -> None:
    flag = {
        "person_id": person_id, "channel": incoming.channel, "sender": incoming.sender,
        "text": incoming.text[:FLAG_TEXT_CHARS], "count": count, "flagged_at": now.isoformat(),
    }
    pipe = redis.pipeline()
    pipe.set(MUTED_KEY.format(person_id=person_id), now.isoformat(), ex=MUTE_S)
    # The first flag's time stays: an admin sees since when the loop runs.
    pipe.hsetnx(FLAGS_KEY, person_id, json.dumps(flag))
    pipe.execute()


def sliding_count(redis: Redis, key: str, member: str, now: datetime, window_s: int) -> int:
    """Add `member` at `now` to the sliding window of `window_s` seconds at `key`; return how
    many members it holds. Adding the same member again counts it once."""
    now_s = now.timestamp()
    pipe = redis.pipeline()
    pipe.zremrangebyscore(key, "-inf", now_s - window_s)
    pipe.zadd(key, {member: now_s})
    pipe.zcard(key)
    pipe.expire(key, window_s)
    return pipe.execute()[2]


def _normalised(text: str) -> str:
    """The same words whatever the case, spacing or Unicode form."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())
