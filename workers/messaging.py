"""Outbound messages: send one on the person's channel; record every state it goes through."""
import asyncio
from datetime import datetime, timezone

import structlog
from rq import get_current_job

from bots import replies
from bots.channels.base import (
    BadConfig, BadRecipient, ContactStopped, Outgoing, Retryable, SendError, Throttled,
)
from core import scopes
from core.ports import DocumentStore
from workers import context

log = structlog.get_logger()

# Later states win; a late "sent" callback never undoes "delivered".
STATE_RANK = {"queued": 0, "sent": 1, "delivered": 2, "read": 3, "undelivered": 4, "failed": 4}


def send_message(message_doc_id: str) -> str:
    """RQ job: send the queued message `message_doc_id` (in ops) and return its new state."""
    return asyncio.run(_send(context.current(), message_doc_id))


def record_status(provider_id: str, status: str, error_code: int | None) -> str:
    """RQ job: apply a provider's status callback to the message it is about."""
    return asyncio.run(_record_status(context.current(), provider_id, status, error_code))


async def _send(ctx: context.JobContext, doc_id: str) -> str:
    async with ctx.open_session() as session:
        store = session.store
        message = await store.get(scopes.OPS, doc_id)
        if message is None or message["state"] != "queued":
            return message["state"] if message else "missing"  # a retry after success: no resend
        state = await _send_queued(ctx, store, doc_id, message)
        if message.get("sensitive"):
            # A sign-in code is in the params: once the send is over, nothing keeps it.
            await store.update(scopes.OPS, doc_id, lambda doc: {**doc, "params": {}})
        return state


async def _send_queued(ctx: context.JobContext, store: DocumentStore, doc_id: str, message: dict) -> str:
    direct = message.get("to")  # a sign-up code: no person, so no profile, yet
    person_db = None if direct else scopes.user_db(message["person_id"])
    profile = {"phone": direct} if direct else await store.get(person_db, "profile")
    if profile.get("opted_out"):
        return await _advance(store, doc_id, "failed", reason="the person opted out (STOP)")
    booking_id = message["params"].get("booking_id")
    booking = await store.get(person_db, f"booking:{booking_id}") if booking_id else None
    # A forced channel wins: a second-factor code goes by SMS, whatever the person chose.
    channel = ctx.channel_for(message.get("channel") or profile.get("channel", "whatsapp"))
    outgoing = Outgoing(
        to=profile["phone"],
        text=replies.render(message["template"], {"public_url": ctx.public_url, **message["params"]}, booking),
        status_callback=ctx.status_callback_url if channel.name != "console" else None,
    )
    try:
        sent = await asyncio.to_thread(channel.send, outgoing)
    except (Retryable, Throttled) as error:
        job = get_current_job()
        if job is None or not job.retries_left:
            return await _advance(store, doc_id, "failed", reason=str(error), code=error.code)
        log.warning("send_retry", message=doc_id, error=str(error))
        raise
    except ContactStopped as error:
        if person_db is not None:
            await store.update(person_db, "profile", lambda p: {**p, "opted_out": True})
        return await _advance(store, doc_id, "failed", reason=str(error), code=error.code)
    except (BadRecipient, BadConfig) as error:
        fallback = _sms_fallback(ctx, message, channel, error)
        if fallback is None:
            log.error("send_failed", message=doc_id, error=str(error), code=error.code)
            return await _advance(store, doc_id, "failed", reason=str(error), code=error.code)
        log.warning("send_falls_back_to_sms", message=doc_id, error=str(error), code=error.code)
        try:
            channel, sent = fallback, await asyncio.to_thread(fallback.send, outgoing)
        except SendError as second:
            return await _advance(store, doc_id, "failed", reason=str(second), code=second.code)
    await store.create(
        scopes.OPS,
        {"_id": f"provider_message:{sent.provider_id}", "type": "provider_message", "message_id": doc_id},
    )
    text = None if message.get("sensitive") else outgoing.text
    return await _advance(store, doc_id, "sent", provider_id=sent.provider_id, channel=channel.name, text=text)


def _sms_fallback(ctx: context.JobContext, message: dict, channel, error: SendError):
    """A sign-in code to a number with no WhatsApp (Twilio 63003) goes once more, by SMS:
    the person is waiting at the sign-in screen."""
    if isinstance(error, BadRecipient) and message.get("sensitive") and channel.name == "whatsapp":
        return ctx.channel_for("sms")
    return None


async def _record_status(ctx: context.JobContext, provider_id: str, status: str, error_code: int | None) -> str:
    async with ctx.open_session() as session:
        link = await session.store.get(scopes.OPS, f"provider_message:{provider_id}")
        if link is None:
            return "unknown"
        return await _advance(session.store, link["message_id"], status, code=error_code)


async def _advance(store: DocumentStore, doc_id: str, state: str, **details) -> str:
    details = {key: value for key, value in details.items() if value is not None}
    entry = {"state": state, "at": datetime.now(timezone.utc).isoformat(), **details}

    def change(message: dict) -> dict | None:
        if entry_seen(message, state):
            return None  # the same callback twice changes nothing
        updated = {**message, "history": [*message["history"], entry]}
        if STATE_RANK.get(state, 0) >= STATE_RANK.get(message["state"], 0):
            kept = {key: details[key] for key in ("provider_id", "channel", "text") if key in details}
            updated.update(state=state, **kept)
        return updated

    updated = await store.update(scopes.OPS, doc_id, change)
    return updated["state"]


def entry_seen(message: dict, state: str) -> bool:
    return state != "queued" and any(entry["state"] == state for entry in message["history"])
