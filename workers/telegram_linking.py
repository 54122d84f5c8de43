"""Linking a Telegram chat to a phone number: Telegram tells us a user id, never a number.

Two ways in: the person shares their own contact card (Telegram vouches it is theirs), or they
type their number and then the 6-digit code we text to it. Codes are the sign-in codes of
core.identity.codes (ten minutes, single use, five wrong tries burn the code and lock), kept
under the Telegram user rather than the number, so a link code never signs anyone in on the web.
"""
import asyncio

import structlog

from bots.channels.base import ContactStopped, Outgoing, SendError
from bots.channels.telegram import REMOVE_KEYBOARD, SHARE_CONTACT
from bots import replies
from bots.telegram_texts import SHARE_BUTTON
from bots.telegram_updates import TelegramMessage, contact_phone, looks_like_code, looks_like_phone, typed_phone
from core import scopes
from core.commands import RegisterPerson
from core.errors import Rejected
from core.identity import codes
from core.identity.ports import ports_of
from core.ids import derived_id
from core.ports import OutboundMessage
from workers import context

log = structlog.get_logger()

LINK_ID = "telegram_link:{user_id}"
CODE_SUBJECT = "telegram:{user_id}"
# Anyone can type anyone's number: a cap per number, beside codes' own cap per Telegram user,
# keeps the bot from being used to flood a stranger with texts (and us with SMS bills).
CODES_PER_NUMBER_PER_DAY = 5
DAY_S = 24 * 3600


async def answer_unlinked(ctx: context.JobContext, message: TelegramMessage) -> str:
    """Move an unlinked person one step towards a link; what happened, as a short word."""
    if message.contact is not None:
        if message.contact.user_id != message.user_id:
            await say(ctx, message, "telegram_not_your_contact", share=True)
            return "not_own_contact"
        return await _link_shared(ctx, message)
    if looks_like_code(message.text):
        return await _check_code(ctx, message)
    if looks_like_phone(message.text):
        return await _send_code(ctx, message)
    await say(ctx, message, "telegram_link_needed", share=True)
    return "asked_to_link"


async def _link_shared(ctx: context.JobContext, message: TelegramMessage) -> str:
    try:
        phone = contact_phone(message.contact.phone)
    except Rejected:
        await say(ctx, message, "telegram_bad_number", {"number": message.contact.phone}, share=True)
        return "bad_number"
    await link(ctx, message, phone, "contact")
    return "linked"


async def _send_code(ctx: context.JobContext, message: TelegramMessage) -> str:
    try:
        phone = typed_phone(message.text)
    except Rejected:
        await say(ctx, message, "telegram_bad_number", {"number": message.text.strip()}, share=True)
        return "bad_number"
    async with ctx.open_session() as session:
        ports, now = ports_of(session.bus.services), session.clock.now()
        if await ports.codes.count(f"telegram:sends:{phone}", DAY_S, now) > CODES_PER_NUMBER_PER_DAY:
            await say(ctx, message, "telegram_too_many_codes", {"phone": phone}, share=True)
            return "too_many_codes"
        subject = CODE_SUBJECT.format(user_id=message.user_id)
        try:
            code = await codes.issue(ports.codes, ports.code_key, subject, now, {"phone": phone})
        except Rejected as refused:  # TooManyTries: this Telegram user asked too often
            await say(ctx, message, "telegram_code_refused", {"reason": str(refused)})
            return "code_refused"
        minutes = codes.CODE_TTL_S // 60
        await session.bus.services.outbox.queue(OutboundMessage(
            message_id=f"telegram_code.{derived_id('telegram', str(message.user_id), str(message.update_id))}",
            person_id="", template="sign_in_code", params={"code": code, "minutes": minutes},
            sensitive=True, to=phone, channel="sms",
        ))
    await say(ctx, message, "telegram_code_sent", {"phone": phone, "minutes": minutes})
    return "code_sent"


async def _check_code(ctx: context.JobContext, message: TelegramMessage) -> str:
    subject = CODE_SUBJECT.format(user_id=message.user_id)
    async with ctx.open_session() as session:
        ports = ports_of(session.bus.services)
        try:
            details = await codes.check(ports.codes, ports.code_key, subject, message.text, session.clock.now())
            await codes.consume(ports.codes, subject)
        except Rejected as refused:  # wrong, expired, used, or the fifth wrong try
            await say(ctx, message, "telegram_code_refused", {"reason": str(refused)})
            return "code_refused"
    await link(ctx, message, details["phone"], "code")
    return "linked"


async def link(ctx: context.JobContext, message: TelegramMessage, phone: str, method: str) -> str:
    """Record the link, point the person's messages at this chat, and tell them."""
    chat_id = str(message.chat_id)
    async with ctx.open_session() as session:
        person_id = await session.bus.handle(RegisterPerson(phone=phone), channel="chat")
        linked_at = session.clock.now().isoformat()

        def on_telegram(profile: dict) -> dict:
            chosen = {} if profile.get("chat_language") else {"chat_language": message.language}
            return {**profile, **chosen, "telegram_chat_id": chat_id, "channel": "telegram"}

        await session.store.update(scopes.user_db(person_id), "profile", on_telegram)
        record = {"type": "telegram_link", "user_id": message.user_id, "phone": phone, "chat_id": chat_id,
                  "method": method, "linked_at": linked_at, "person_id": person_id}
        link_id = LINK_ID.format(user_id=message.user_id)
        stored = await session.store.create(scopes.OPS, {"_id": link_id, **record})
        if stored.get("phone") != phone or stored.get("chat_id") != chat_id:  # linked again, elsewhere
            await session.store.update(scopes.OPS, link_id, lambda doc: {**doc, **record})
        if stored["person_id"] != person_id:  # a new number: the old one's messages leave this chat
            await session.store.update(scopes.user_db(stored["person_id"]), "profile", _off_telegram(chat_id))
    await say(ctx, message, "telegram_linked", {"phone": phone}, remove_keyboard=True)
    return person_id


def _off_telegram(chat_id: str):
    def change(profile: dict) -> dict | None:
        if profile.get("telegram_chat_id") != chat_id:
            return None
        kept = {key: value for key, value in profile.items() if key != "telegram_chat_id"}
        # WhatsApp is the default channel (workers/messaging.py) for a number with no chat.
        return {**kept, "channel": "whatsapp"} if kept.get("channel") == "telegram" else kept

    return change


async def say(ctx: context.JobContext, message, template: str, params: dict | None = None,
              share: bool = False, remove_keyboard: bool = False) -> bool:
    """Answer straight through the Telegram channel: an unlinked person has no profile, so the
    Outbox cannot address them. A failed answer is logged, not retried: retrying the job would
    issue a second code and void the one already texted. The person can simply write again."""
    # In the language Telegram says the person uses, when it is one of ours: they have no profile yet.
    chat_id, language = message.chat_id, message.language or "en"
    extra = {SHARE_CONTACT: replies.render(SHARE_BUTTON, {}, language=language)} if share else {}
    if remove_keyboard:
        extra[REMOVE_KEYBOARD] = True
    outgoing = Outgoing(to=str(chat_id), text=replies.render(template, params or {}, language=language), extra=extra)
    try:
        await asyncio.to_thread(ctx.channel_for("telegram").send, outgoing)
    except ContactStopped:
        log.info("telegram_reply_blocked", chat_id=chat_id, template=template)
        return False
    except SendError as error:
        log.warning("telegram_reply_failed", chat_id=chat_id, template=template, error=str(error), code=error.code)
        return False
    return True
