"""What the provider accepted, kept in Redis the moment it answers, before any CouchDB write.

A send job stopped after the provider took a message but before the message record says so (a
worker killed, a container restarted, CouchDB down for the write) runs again from the record,
which still says "queued". Twilio's Messages API has no idempotency key, so the new run would
send a second copy. The run asks here first: a try already accepted is recorded, not sent again.

Keyed by message, channel and try number, as bots/delivery.next_try counts tries: a retry after
a refusal or the SMS copy is another try and sends. Not covered: a kill after Twilio accepted but
before its answer reached us (nothing of ours knows the message went).

Wiring (workers/messaging.py, _Attempt._try): `sent = await self._send_once(channel, outgoing,
try_number)` in place of the direct channel.send, with _send_once calling accepted_before, then
channel.send, then remember_accepted."""
from redis import Redis

ACCEPTED_KEY = "delivery:accepted:{doc_id}:{channel}:{try_number}"
# Longer than the send job's retries (about 1.5 h) and a weekend of an outage of our own.
ACCEPTED_TTL_S = 7 * 86400


def accepted_key(doc_id: str, channel: str, try_number: int) -> str:
    return ACCEPTED_KEY.format(doc_id=doc_id, channel=channel, try_number=try_number)


def remember_accepted(redis: Redis, doc_id: str, channel: str, try_number: int, provider_id: str) -> None:
    redis.set(accepted_key(doc_id, channel, try_number), provider_id, ex=ACCEPTED_TTL_S)


def accepted_before(redis: Redis, doc_id: str, channel: str, try_number: int) -> str | None:
    """The provider's id for this try when an earlier run of the job had it accepted."""
    found = redis.get(accepted_key(doc_id, channel, try_number))
    return found.decode() if isinstance(found, bytes) else found
