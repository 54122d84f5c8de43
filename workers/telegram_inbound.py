"""Telegram updates: the webhook answers Telegram at once and queues each update here.

A linked person's message becomes an Incoming with their phone as sender and takes the very
path a WhatsApp message takes (workers.inbound); anyone else is walked through linking.
"""
import asyncio

import structlog

from bots.channels.base import Media
from bots.telegram_updates import TelegramFile, blocked_change, read_message, to_incoming
from core import scopes
from workers import context, inbound
from workers.telegram_linking import LINK_ID, answer_unlinked

log = structlog.get_logger()


def handle_telegram_update(update: dict) -> str:
    """RQ job: one Telegram Update as the Bot API's JSON dict; returns what was done."""
    return asyncio.run(_handle_update(context.current(), update))


async def _handle_update(ctx: context.JobContext, update: dict) -> str:
    membership = blocked_change(update)
    if membership is not None:
        return await _blocked_or_back(ctx, *membership)
    message = read_message(update)
    if message is None:
        return "ignored"
    async with ctx.open_session() as session:
        link = await session.store.get(scopes.OPS, LINK_ID.format(user_id=message.user_id))
    if link is None:
        return await answer_unlinked(ctx, message)
    media = tuple([await _media(ctx, file) for file in message.files])
    return await inbound.handle_incoming(ctx, to_incoming(message, link["phone"], tuple(m for m in media if m)))


async def _media(ctx: context.JobContext, file: TelegramFile) -> Media | None:
    """A voice note, photo or video as a Bot API download URL that keeps "{token}" in place
    of the token (TelegramChannel.file_url fills it in when the file is fetched)."""
    channel = ctx.channel_for("telegram")
    media_url = getattr(channel, "media_url", None)
    if media_url is None:  # the console channel stands in for every channel in development
        log.warning("telegram_media_unreadable", file_id=file.file_id, channel=channel.name)
        return None
    return Media(url=await media_url(file.file_id), content_type=file.content_type)


async def _blocked_or_back(ctx: context.JobContext, user_id: int, blocked: bool) -> str:
    """Blocking the bot is Telegram's STOP: no channel writes to them until they are back.
    Unblocking only says so; START (the delivery helper's) is what lifts an opt-out."""
    if not blocked:
        return "unblocked"
    async with ctx.open_session() as session:
        link = await session.store.get(scopes.OPS, LINK_ID.format(user_id=user_id))
        if link is None:
            return "blocked_unlinked"
        await session.store.update(
            scopes.user_db(link["person_id"]), "profile",
            lambda profile: None if profile.get("opted_out") else {**profile, "opted_out": True},
        )
    return "blocked"
