"""Inbound messages: the webhook answers the provider at once and queues the message here.

The job registers the sender, runs the conversation engine, writes the intents it built into
the person's own database, keeps their place in the conversation ("chat_state") and their chat
language on their profile, and queues the reply. A retry of the same message writes the same
intent ids (from the provider's message id) and the same state, so nothing is done twice."""
import asyncio
from zoneinfo import ZoneInfo

from bots import conversation, inbound_guard
from bots.conversation import ChatReads
from bots.channels.base import Incoming, Media
from bots.flows.engine import STATE_DOC_ID
from core import scopes
from core.commands import RegisterPerson
from core.handlers.people import REGISTERED
from core.ids import derived_id
from core.ports import DocumentStore, OutboundMessage
from workers import context

PRODUCTION_TIME_ZONE = ZoneInfo("Africa/Lagos")


def handle_inbound(message: dict) -> str:
    """RQ job: one message from a person, as a plain dict of bots.channels.base.Incoming."""
    incoming = Incoming(
        **{**message, "media": tuple(Media(**m) for m in message.get("media", ())),
           "position": tuple(message["position"]) if message.get("position") else None}
    )
    return asyncio.run(handle_incoming(context.current(), incoming))


async def handle_incoming(ctx: context.JobContext, incoming: Incoming) -> str:
    async with ctx.open_session() as session:
        known = await _known(session.store, session.reads, incoming.sender)
        if known is None:
            person_id = await session.bus.handle(RegisterPerson(phone=incoming.sender), channel="chat")
            known = person_id, *await session.reads.profile_and_place(person_id)
        person_id, profile, stored_place = known
        person_db = scopes.user_db(person_id)
        # The profile just read is the one changed: no second read for it.
        profile = await session.store.update(person_db, "profile", _reply_on(incoming.channel), current=profile)
        # The WhatsApp window opens, and a person repeating themselves to an auto-reply (two
        # bots answering each other, say) is caught: intents still count, replies stop.
        now = session.clock.now()
        await asyncio.to_thread(inbound_guard.note_inbound, ctx.redis, incoming.channel, incoming.sender, now)
        looping = await asyncio.to_thread(inbound_guard.is_looping, ctx.redis, person_id, incoming, now)
        # "Today" on set is the day in Nigeria: a night shoot's 00:30 is not yesterday.
        local_now = session.clock.now().astimezone(PRODUCTION_TIME_ZONE).isoformat()
        turn = await conversation.respond(incoming, person_id, session.reads, local_now, (profile, stored_place))
        for intent in ([turn.intent] if turn.intent else []) + list(turn.more_intents):
            await session.store.create(person_db, intent)
        if turn.chat_state is not None:
            await keep_chat_state(session.store, person_db, turn.chat_state, stored_place)
        if turn.language:
            await session.store.update(person_db, "profile", _speaks(turn.language), current=profile)
        if turn.template and not looping:
            params = {**turn.params, "choices": list(turn.choices)} if turn.choices else turn.params
            await session.bus.services.outbox.queue(
                OutboundMessage(
                    message_id=f"reply.{derived_id(incoming.channel, incoming.provider_id)}",
                    person_id=person_id,
                    template=turn.template,
                    params=params,
                )
            )
        return turn.template or (turn.intent or {}).get("type", "")


async def _known(store: DocumentStore, reads: ChatReads, phone: str) -> tuple[str, dict, dict | None] | None:
    """The person behind a number registered whole before, their profile and their place in the
    conversation: two requests, where registering again (which changes nothing) costs a dozen
    and an audit entry. The phone index is marked registered by registration's last write and
    the profile lives in their own database, so a registration cut short (or from before the
    mark), or a database gone, is made whole again by registering."""
    index = await store.get(scopes.OPS, f"phone:{phone}")
    if index is None or not index.get(REGISTERED):
        return None
    person_id = index["person_id"]
    profile, place = await reads.profile_and_place(person_id)
    return (person_id, profile, place) if profile else None


async def keep_chat_state(store: DocumentStore, person_db: str, state: dict, stored: dict | None) -> None:
    """The person's place in the conversation (`stored`: as read with their message). The bot's
    own document, written with the server's account: the person's devices may read it but
    validate_doc_update refuses them writing it (its type is no intent), and no rule of the core
    reads it."""
    body = {"_id": STATE_DOC_ID, **state}
    if stored is None:
        stored = await store.create(person_db, body)  # an older place, if one raced in, comes back

    def replace(current: dict) -> dict | None:
        wanted = {**body, "_rev": current["_rev"]}
        return None if wanted == current else wanted

    if {key: value for key, value in stored.items() if key != "_rev"} != body:
        await store.update(person_db, STATE_DOC_ID, replace, current=stored)


def _reply_on(channel: str):
    """People are answered on the channel they last wrote from."""

    def change(profile: dict) -> dict | None:
        return None if profile.get("channel") == channel else {**profile, "channel": channel}

    return change


def _speaks(language: str):
    """The chat language the person picked: a delivery preference like the channel, so the bot
    keeps it at once (the reply confirming it is already in the new language)."""

    def change(profile: dict) -> dict | None:
        return None if profile.get("chat_language") == language else {**profile, "chat_language": language}

    return change
