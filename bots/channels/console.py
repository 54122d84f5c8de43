"""The console channel: messages for `nollycrew chat`, through a Redis list per phone number.

It lets a newcomer talk to the bots from a terminal with no Twilio or Telegram account.
"""
import json
import uuid

from redis import Redis

from bots.channels.base import Channel, Outgoing, Sent

OUTBOX_KEY = "console:outbox:{phone}"
OUTBOX_TTL_S = 7 * 24 * 3600


class ConsoleChannel(Channel):
    name = "console"

    def __init__(self, redis: Redis):
        self._redis = redis

    def send(self, message: Outgoing) -> Sent:
        key = OUTBOX_KEY.format(phone=message.to)
        provider_id = "CM" + uuid.uuid4().hex
        body = {"id": provider_id, "text": message.text, "media_urls": list(message.media_urls)}
        self._redis.rpush(key, json.dumps(body))
        self._redis.expire(key, OUTBOX_TTL_S)
        return Sent(provider_id=provider_id, status="delivered")
