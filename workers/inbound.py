"""Inbound messages: the webhook answers the provider at once and queues the message here."""
import asyncio
from zoneinfo import ZoneInfo

from bots import conversation
from bots.channels.base import Incoming, Media
from core import scopes
from core.commands import RegisterPerson
from core.ids import derived_id
from core.ports import OutboundMessage
from workers import context

PRODUCTION_TIME_ZONE = ZoneInfo("Africa/Lagos")


def handle_inbound(message: dict) -> str:
    """RQ job: one message from a person, as a plain dict of bots.channels.base.Incoming."""
    incoming = Incoming(
        **{**message, "media": tuple(Media(**m) for m in message.get("media", ())),
           "position": tuple(message["position"]) if message.get("position") else None}
    )
    return asyncio.run(_handle(context.current(), incoming))


async def _handle(ctx: context.JobContext, incoming: Incoming) -> str:
    async with ctx.open_session() as session:
        person_id = await session.bus.handle(RegisterPerson(phone=incoming.sender), channel="chat")
        person_db = scopes.user_db(person_id)
        await session.store.update(person_db, "profile", _reply_on(incoming.channel))
        # "Today" on set is the day in Nigeria: a night shoot's 00:30 is not yesterday.
        local_now = session.clock.now().astimezone(PRODUCTION_TIME_ZONE).isoformat()
        turn = await conversation.respond(incoming, person_id, session.reads, local_now)
        if turn.intent is not None:
            await session.store.create(person_db, turn.intent)
        if turn.template:
            await session.bus.services.outbox.queue(
                OutboundMessage(
                    message_id=f"reply.{derived_id(incoming.channel, incoming.provider_id)}",
                    person_id=person_id,
                    template=turn.template,
                    params=turn.params,
                )
            )
        return turn.template or (turn.intent or {}).get("type", "")


def _reply_on(channel: str):
    """People are answered on the channel they last wrote from."""

    def change(profile: dict) -> dict | None:
        return None if profile.get("channel") == channel else {**profile, "channel": channel}

    return change
