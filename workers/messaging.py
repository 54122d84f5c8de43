"""Outbound messages: send one on the person's channel; record every state it goes through.

The rules (quiet hours, tries, the WhatsApp window, the SMS fallback, the state history) are
bots/delivery.py's; this module reads the record and the person, asks the channel, writes
what happened and schedules the next run of the send job when there is one.
"""
import asyncio
import hashlib
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import structlog
from redis import Redis
from rq import Queue, Retry

from bots import delivery, flow_texts, inbound_guard, replies
from bots.channels.base import (
    BadConfig, BadRecipient, Channel, ContactStopped, Outgoing, Retryable, Sent, Throttled,
)
from core import scopes
from core.money import Money
from core.ports import DocumentStore
from workers import context, queues, send_receipts

log = structlog.get_logger()

STATE_RANK = delivery.STATE_RANK  # also read from here by the state tests
OPTED_OUT_REASON = "the person opted out (STOP)"
# The answer to the person's own STOP or START goes whatever the opt-out says when it is sent:
# the core may record the STOP before this send, or the START after it.
OPT_OUT_ANSWERS = frozenset({"stopped", "restarted"})
NO_STATUS_CALLBACKS = frozenset({"console", "telegram"})  # only Twilio reports delivery later
IDENTICAL_KEY = "delivery:same:{digest}"

# Runs the send job for a message again at a time (None: now); the key names that run (one
# job per message and key).
Later = Callable[[datetime | None, str], Awaitable[None]]


def send_message(message_doc_id: str) -> str:
    """RQ job: send the queued message `message_doc_id` (in ops) and return its new state."""
    return asyncio.run(_send(context.current(), message_doc_id))


def record_status(provider_id: str, status: str, error_code: int | None) -> str:
    """RQ job: apply a provider's status callback to the message it is about."""
    return asyncio.run(_record_status(context.current(), provider_id, status, error_code))


def schedule_send(redis: Redis, message_doc_id: str, at: datetime | None, key: str) -> None:
    """Queue the send job now, or for `at` (RQ's scheduler runs it; the worker starts with it)."""
    queue = Queue(queues.MESSAGES, connection=redis)
    options = {
        "job_id": queues.job_id("send", f"{message_doc_id}#{key}"),
        "retry": Retry(max=len(queues.SEND_RETRY_INTERVALS_S), interval=queues.SEND_RETRY_INTERVALS_S),
    }
    if at is None:
        queue.enqueue(send_message, message_doc_id, **options)
    else:
        queue.enqueue_at(at, send_message, message_doc_id, **options)


def rq_later(redis: Redis, message_doc_id: str) -> Later:
    async def later(at: datetime | None, key: str) -> None:
        await asyncio.to_thread(schedule_send, redis, message_doc_id, at, key)

    return later


@dataclass(frozen=True)
class Recipient:
    person_db: str | None  # None for a number with no person yet (a sign-up code)
    profile: dict
    phone: str
    language: str


@dataclass(frozen=True)
class Refused:
    """Why a channel cannot carry the message; `failed` when the provider said no."""

    reason: str
    code: int | None = None
    failed: bool = True


async def _send(ctx: context.JobContext, doc_id: str, later: Later | None = None) -> str:
    async with ctx.open_session() as session:
        store = session.store
        message = await store.get(scopes.OPS, doc_id)
        if message is None:
            return "missing"
        if not delivery.sendable(message):
            return message["state"]  # a run after success, or a second run of a retry: no resend
        attempt = _Attempt(ctx, store, session.clock.now(), doc_id, later or rq_later(ctx.redis, doc_id))
        message = await attempt.run(message)
        if message.get("sensitive") and delivery.settled(message):
            # A sign-in code is in the params: once the send is over, nothing keeps it.
            message = await store.update(scopes.OPS, doc_id, lambda doc: {**doc, "params": {}} if doc["params"] else None)
        return message["state"]


class _Attempt:
    """One run of the send job for one message."""

    def __init__(self, ctx: context.JobContext, store: DocumentStore, now: datetime, doc_id: str, later: Later):
        self.ctx, self.store, self.now, self.doc_id, self.later = ctx, store, now, doc_id, later
        self.held: dict | None = None  # the record as last read or written: each write starts from it

    async def run(self, message: dict) -> dict:
        self.held = message
        recipient = await _recipient(self.store, message)
        if recipient is None:
            return await self._record([self._entry("failed", reason="the person has no profile to send to")])
        if recipient.profile.get("opted_out") and not (message.get("sensitive")
                                                       or message["template"] in OPT_OUT_ANSWERS):
            return await self._record([self._entry("failed", reason=OPTED_OUT_REASON)])
        wrote_at = await asyncio.to_thread(inbound_guard.last_inbound, self.ctx.redis, recipient.phone)
        until = None if delivery.may_disturb(message, wrote_at, self.now) else delivery.quiet_until(self.now)
        if until is not None:
            await self.later(until, "deferred")  # first: the job at 07:00 sends even if the write below fails
            return await self._record([self._entry("deferred", until=until.isoformat(), reason=delivery.QUIET_REASON)])
        pending = message.get("fallback") == "pending"
        name = delivery.FALLBACK_CHANNEL if pending else (
            message.get("channel") or recipient.profile.get("channel") or "whatsapp"
        )
        channel = self.ctx.channel_for(name)
        outcome = await self._try(message, recipient, channel)
        if not isinstance(outcome, Refused):
            return outcome
        if not delivery.may_fall_back(message, channel.name):
            fields = {"fallback": "done"} if pending else None
            return await self._record([self._failed(channel.name, outcome)], fields)
        log.warning("send_falls_back_to_sms", message=self.doc_id, reason=outcome.reason, code=outcome.code)
        why = [self._failed(channel.name, outcome)] if outcome.failed else []
        turn = self._entry("fallback", channel=channel.name, next_channel=delivery.FALLBACK_CHANNEL,
                           reason=outcome.reason, code=outcome.code)
        message = await self._record([*why, turn], {"fallback": "pending"})
        outcome = await self._try(message, recipient, self.ctx.channel_for(delivery.FALLBACK_CHANNEL))
        if isinstance(outcome, Refused):
            return await self._record([self._failed(delivery.FALLBACK_CHANNEL, outcome)], {"fallback": "done"})
        return outcome

    async def _try(self, message: dict, recipient: Recipient, channel: Channel) -> dict | Refused:
        """One try on `channel`: the record after it, or why the channel cannot carry the message."""
        try_number = delivery.next_try(message, channel.name)
        done = {"fallback": "done"} if message.get("fallback") == "pending" else None
        address = recipient.phone
        if channel.name == "telegram":
            address = recipient.profile.get("telegram_chat_id")
            if not address:
                return Refused("no Telegram chat is linked to this person", failed=False)
        booking = await _booking(self.store, recipient, message)
        text = self._render(message, booking, recipient.language, channel.name)
        if await self._too_many_identical(message, recipient, text):
            return await self._record([self._entry("failed", channel=channel.name, reason=delivery.IDENTICAL_REASON)], done)
        outgoing = await self._outgoing(message, recipient, channel, address, text, booking)
        if isinstance(outgoing, Refused):
            return outgoing
        try:
            sent = await self._send_once(channel, outgoing, try_number)
        except (Retryable, Throttled) as error:
            if delivery.last_try(try_number):
                return Refused(f"{error} (after {try_number} tries)", error.code)
            wait_s = delivery.retry_wait_s(self.doc_id, try_number, getattr(error, "retry_after_s", None))
            log.warning("send_retry", message=self.doc_id, channel=channel.name, error=str(error), wait_s=wait_s)
            await self.later(self.now + timedelta(seconds=wait_s), f"{channel.name}:{try_number + 1}")
            return await self._record([self._entry(
                "retrying", channel=channel.name, try_=try_number, reason=str(error), code=error.code, retry_in_s=wait_s,
            )])
        except ContactStopped as error:
            # STOP on one channel stops them all: the person said so, not the channel.
            await _opt_out(self.store, recipient.person_db, str(error), self.now)
            return await self._record([self._failed(channel.name, Refused(str(error), error.code))], done)
        except (BadRecipient, BadConfig) as error:
            log.error("send_refused", message=self.doc_id, channel=channel.name, error=str(error), code=error.code)
            return Refused(str(error), error.code)
        if channel.name not in NO_STATUS_CALLBACKS:  # the index only status callbacks look up
            await self.store.create(
                scopes.OPS,
                {"_id": f"provider_message:{sent.provider_id}", "type": "provider_message", "message_id": self.doc_id},
            )
        entry = self._entry(
            "sent", provider_id=sent.provider_id, channel=channel.name,
            text=None if message.get("sensitive") else text, content_sid=outgoing.extra.get("content_sid"),
        )
        return await self._record([entry], done, new_attempt=True)

    async def _send_once(self, channel: Channel, outgoing: Outgoing, try_number: int) -> Sent:
        """The provider's answer to this try: an earlier run's, when that run stopped after the
        provider took the message and before its record said so (workers/send_receipts.py)."""
        redis = self.ctx.redis
        earlier = await asyncio.to_thread(send_receipts.accepted_before, redis, self.doc_id, channel.name, try_number)
        if earlier is not None:
            log.warning("send_found_accepted", message=self.doc_id, channel=channel.name, provider_id=earlier)
            return Sent(provider_id=earlier, status="accepted")
        sent = await asyncio.to_thread(channel.send, outgoing)
        await asyncio.to_thread(send_receipts.remember_accepted, redis, self.doc_id, channel.name, try_number,
                                sent.provider_id)
        return sent

    async def _outgoing(
        self, message: dict, recipient: Recipient, channel: Channel, address: str, text: str, booking: dict | None
    ) -> Outgoing | Refused:
        params = message["params"]
        callback = None if channel.name in NO_STATUS_CALLBACKS else self.ctx.status_callback_url
        if channel.name == "whatsapp":
            wrote_at = await asyncio.to_thread(inbound_guard.last_inbound, self.ctx.redis, recipient.phone, "whatsapp")
            if not (delivery.is_direct_reply(message) or delivery.whatsapp_window_open(wrote_at, self.now)):
                return self._approved_template(message, recipient, address, callback, booking)
        # Choice labels that name a template are shown in the person's language, then numbered.
        choices = flow_texts.shown_choices(params.get("choices") or [], recipient.language)
        text, extra = delivery.with_choices(text, choices, channel.name, whole=replies.never_cut(message["template"]))
        pin = params.get("location") or params.get("location_pin")  # the set, for tomorrow's call
        if channel.name == "telegram" and pin:
            extra["location"] = pin
        media = () if channel.name == "sms" else tuple(params.get("media_urls", ()))
        return Outgoing(to=address, text=text, media_urls=media, status_callback=callback, extra=extra)

    def _approved_template(
        self, message: dict, recipient: Recipient, address: str, callback: str | None, booking: dict | None
    ) -> Outgoing | Refused:
        """Outside the 24-hour window WhatsApp carries only an approved template (Content SID)."""
        template, language = message["template"], recipient.language
        sids = self.ctx.whatsapp_content_sids
        sid = sids.get(template, {}).get(language)
        if not sid:
            return Refused(
                f"outside the WhatsApp 24-hour window, and no approved template for {template} in {language}",
                failed=False,
            )
        variables = delivery.content_variables(replies.english(template), _fields(self.ctx, message, booking))
        extra = {"content_sid": sid, "content_variables": json.dumps(variables, ensure_ascii=False)}
        return Outgoing(to=address, text="", status_callback=callback, extra=extra)

    def _render(self, message: dict, booking: dict | None, language: str, channel: str) -> str:
        params = {"public_url": self.ctx.public_url, **message["params"]}
        return replies.render(message["template"], params, booking, language=language, channel=channel)

    async def _too_many_identical(self, message: dict, recipient: Recipient, text: str) -> bool:
        # A direct answer to what the person just sent is never held back: they asked, and a
        # person repeating themselves to a bot that answers is caught by the inbound loop guard.
        if delivery.is_direct_reply(message):
            return False
        who = message.get("person_id") or recipient.phone
        digest = hashlib.sha256(f"{who}\0{text}".encode()).hexdigest()[:32]
        count = await asyncio.to_thread(
            inbound_guard.sliding_count, self.ctx.redis, IDENTICAL_KEY.format(digest=digest), self.doc_id,
            self.now, delivery.IDENTICAL_WINDOW_S,
        )
        return count > delivery.IDENTICAL_LIMIT

    def _entry(self, state: str, **details) -> dict:
        return _entry(state, self.now, **details)

    def _failed(self, channel: str, refused: Refused) -> dict:
        return self._entry("failed", channel=channel, reason=refused.reason, code=refused.code)

    async def _record(self, entries: list[dict], fields: dict | None = None, new_attempt: bool = False) -> dict:
        self.held = await _record(self.store, self.doc_id, entries, fields, new_attempt, current=self.held)
        return self.held


async def _recipient(store: DocumentStore, message: dict) -> Recipient | None:
    direct = message.get("to")  # a sign-up code: no person, so no profile, yet
    if direct:
        return Recipient(None, {"phone": direct}, direct, "en")
    person_db = scopes.user_db(message["person_id"])
    profile = await store.get(person_db, "profile")
    if not profile or not profile.get("phone"):
        return None
    return Recipient(person_db, profile, profile["phone"], profile.get("chat_language") or "en")


async def _booking(store: DocumentStore, recipient: Recipient, message: dict) -> dict | None:
    booking_id = message["params"].get("booking_id")
    if not (booking_id and recipient.person_db):
        return None
    return await store.get(recipient.person_db, f"booking:{booking_id}")


def _fields(ctx: context.JobContext, message: dict, booking: dict | None) -> dict:
    """What a template's placeholders are filled from, as replies.render fills them."""
    fields = {"public_url": ctx.public_url, **message["params"]}
    if booking is not None:
        fields.update(booking=booking, rate=str(Money.from_doc(booking["rate"])))
    return fields


async def _opt_out(store: DocumentStore, person_db: str | None, reason: str, now: datetime) -> None:
    if person_db is None:
        return

    def change(profile: dict) -> dict | None:
        if profile.get("opted_out"):
            return None
        return {**profile, "opted_out": True, "opted_out_at": now.isoformat(), "opted_out_reason": reason}

    await store.update(person_db, "profile", change)


async def _record_status(
    ctx: context.JobContext, provider_id: str, status: str, error_code: int | None, later: Later | None = None
) -> str:
    async with ctx.open_session() as session:
        store, now = session.store, session.clock.now()
        link = await store.get(scopes.OPS, f"provider_message:{provider_id}")
        if link is None:
            return "unknown"
        doc_id = link["message_id"]
        entry = _entry(status, now, provider_id=provider_id, code=error_code)
        failing = status in delivery.FAILED_STATES

        def change(message: dict) -> dict | None:
            current = message.get("provider_id") == provider_id
            stopped = error_code in delivery.CONTACT_STOPPED_CODES
            if not (failing and current and not stopped and delivery.may_fall_back(message, message.get("channel"))):
                return delivery.advanced(message, [entry])
            turn = _entry("fallback", now, channel=message.get("channel"), next_channel=delivery.FALLBACK_CHANNEL,
                          reason=f"{message.get('channel')} reported {status}", code=error_code)
            return delivery.advanced(message, [entry, turn], {"fallback": "pending"})

        message = await store.update(scopes.OPS, doc_id, change)
        if failing and error_code is not None:
            await _after_failure(ctx, store, message, error_code, now)
        if failing and message.get("fallback") == "pending" and message.get("provider_id") == provider_id:
            # After the write, so the job finds the SMS owed; a second run schedules the same job id.
            await (later or rq_later(ctx.redis, doc_id))(None, "fallback")
        return message["state"]


async def _after_failure(ctx: context.JobContext, store: DocumentStore, message: dict, code: int, now: datetime) -> None:
    recipient = await _recipient(store, message)
    if recipient is None:
        return
    if code in delivery.CONTACT_STOPPED_CODES:
        await _opt_out(store, recipient.person_db, f"the provider refused: error {code}", now)
    elif code == delivery.OUTSIDE_WINDOW_CODE:
        await asyncio.to_thread(inbound_guard.forget_window, ctx.redis, "whatsapp", recipient.phone)


async def _record(
    store: DocumentStore, doc_id: str, entries: list[dict], fields: dict | None = None, new_attempt: bool = False,
    current: dict | None = None,
) -> dict:
    """`current`: the record the caller holds; if a status callback changed it since, the write
    conflicts and the stored one is read."""
    return await store.update(scopes.OPS, doc_id, lambda message: delivery.advanced(message, entries, fields, new_attempt),
                              current=current)


async def _advance(store: DocumentStore, doc_id: str, state: str, **details) -> str:
    """Add one state to the message's history; return the message's state after it."""
    return (await _record(store, doc_id, [_entry(state, datetime.now(timezone.utc), **details)]))["state"]


def _entry(state: str, at: datetime, **details) -> dict:
    # `try_` because `try` is a keyword; the record says "try".
    details = {("try" if key == "try_" else key): value for key, value in details.items() if value is not None}
    return {"state": state, "at": at.isoformat(), **details}
