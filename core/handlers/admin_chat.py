"""Admins from a chat: look a person up by phone, verify or unverify them, suspend or restore
them, the platform's figures, a broadcast to everyone (confirmed by a code, one an hour, spread
over minutes), and a ruling on a payment dispute named by its booking code.

Every command checks the platform role admin here; the bus's audit log (sync/audited_bus.py)
records each one carried out. Answers are short lines: admins read them on SMS too."""
from datetime import datetime, timedelta

from core import figures, scopes
from core.admin_commands import RestorePerson, SuspendPerson
from core.bus import Result, Services
from core.errors import Rejected
from core.failed_job_commands import failed_job_figures
from core.escrow_dispute_commands import DECISIONS, ResolveEscrowDispute
from core.handlers import escrow_disputes, kyc, moderation
from core.handlers.crew_calls import answer
from core.handlers.escrow_disputes import lagos_today
from core.handlers.people import person_card
from core.ids import derived_id, job_code
from core.kyc_commands import VerifyByHand
from core.money import Money
from core.phones import to_e164
from core.ports import OutboundMessage
from core.reputation import PRODUCTION_TIME_ZONE as LAGOS
from core.staff_chat_commands import (
    AskPlatformStats, ConfirmBroadcast, LookUpPerson, PrepareBroadcast, ResolveDisputeByCode, SendBroadcastBatch,
    SetSuspendedByPhone, SetVerifiedByPhone, broadcast_batches, staff_reads,
)

FAILED_STATES = ("failed", "undelivered")
STATS_WINDOW_H = 24


async def require_admin(services: Services, cmd, refusal: Rejected) -> dict:
    """The asker's card if they are an active admin, else `refusal` (a whole sentence per command,
    so a translator never joins fragments). A refusal is kept in `ops` too: the audit log holds
    only what was carried out, and an admin command tried by someone else is worth a look."""
    card = await person_card(services, cmd.admin_id)
    if moderation.ADMIN_ROLE not in card.get("roles", ()) or card.get("suspended"):
        await services.store.create(scopes.OPS, {
            "_id": f"refused_admin_command:{derived_id(cmd.intent_id)}", "type": "refused_admin_command",
            "who": cmd.admin_id, "command": type(cmd).__name__, "intent_id": cmd.intent_id,
            "at": services.clock.now().isoformat()})
        raise refusal
    return card


async def person_by_phone(services: Services, raw: str) -> tuple[str, str, dict]:
    """(phone in E.164, person id, directory card) of the person with that number."""
    phone = to_e164(raw)
    index = await services.store.get(scopes.OPS, f"phone:{phone}")
    card = await services.store.get(scopes.DIRECTORY, f"person:{index['person_id']}") if index else None
    if card is None:
        raise Rejected("Nobody on NollyCrew has the number {phone}.", phone=phone)
    return phone, index["person_id"], card


def _yes(flag) -> str:
    return "yes" if flag else "no"


async def look_up_person(cmd: LookUpPerson, services: Services) -> Result:
    await require_admin(services, cmd, Rejected("Only a NollyCrew admin can look people up."))
    phone, person_id, card = await person_by_phone(services, cmd.phone)
    profile = await services.store.get(scopes.user_db(person_id), "profile") or {}
    await services.outbox.queue(answer(cmd, cmd.admin_id, "admin_person", {
        "phone": phone, "name": card.get("name") or "no name", "roles": ", ".join(card.get("roles", [])) or "none",
        "verified": _yes(card.get("verified")), "suspended": _yes(card.get("suspended")),
        "opted_out": _yes(profile.get("opted_out")), "channel": profile.get("channel") or "none yet"}))
    return Result(ref=person_id)


async def set_verified(cmd: SetVerifiedByPhone, services: Services) -> Result:
    await require_admin(services, cmd, Rejected("Only a NollyCrew admin can verify people."))
    phone, person_id, card = await person_by_phone(services, cmd.phone)
    result = await kyc.verify_by_hand(VerifyByHand(cmd.intent_id, cmd.admin_id, person_id, cmd.verified, cmd.reason),
                                      services)
    await _done(cmd, services, "Verified" if cmd.verified else "Unverified", phone, card)
    return result


async def set_suspended(cmd: SetSuspendedByPhone, services: Services) -> Result:
    await require_admin(services, cmd, Rejected("Only a NollyCrew admin can suspend or restore people."))
    phone, person_id, card = await person_by_phone(services, cmd.phone)
    change = SuspendPerson if cmd.suspended else RestorePerson
    handler = moderation.suspend_person if cmd.suspended else moderation.restore_person
    result = await handler(change(cmd.intent_id, cmd.admin_id, person_id, cmd.reason), services)
    await _done(cmd, services, "Suspended" if cmd.suspended else "Restored", phone, card)
    return result


async def _done(cmd, services: Services, what: str, phone: str, card: dict) -> None:
    await services.outbox.queue(answer(cmd, cmd.admin_id, "admin_done",
                                       {"what": what, "phone": phone, "name": card.get("name") or "no name"}))


def platform_stats(cards: list[dict], job_posts: list[dict], messages: list[dict], today: str) -> dict:
    """People, projects with a job still to come, fill rate (figures.fill_rate), failed sends."""
    rate = figures.fill_rate(job_posts)
    return {
        "people": sum(1 for card in cards if card.get("type") == "person" and not card.get("erased")),
        "projects": len({post["project_id"] for post in job_posts if post.get("type") == "job_post"
                         and post.get("status") != "cancelled" and post.get("end_date", "") >= today}),
        "fill_rate": "none yet" if rate is None else f"{round(rate * 100)}%",
        "failed": sum(1 for message in messages if message.get("state") in FAILED_STATES),
    }


async def ask_platform_stats(cmd: AskPlatformStats, services: Services) -> Result:
    await require_admin(services, cmd, Rejected("Only a NollyCrew admin can see the platform's figures."))
    reads = staff_reads(services)
    since = (services.clock.now() - timedelta(hours=STATS_WINDOW_H)).isoformat()
    stats = platform_stats(await reads.person_cards(), await reads.job_posts(), await reads.messages_since(since),
                           lagos_today(services).isoformat())
    stats.update(await failed_job_figures(services))
    await services.outbox.queue(answer(cmd, cmd.admin_id, "admin_stats", stats))
    return Result(ref=None)


def booking_code(booking_id: str) -> str:
    """What an admin types for a booking: the short code of core/ids.py."""
    return job_code(booking_id)


async def resolve_by_code(cmd: ResolveDisputeByCode, services: Services) -> Result:
    await require_admin(services, cmd, Rejected("Only a NollyCrew admin can settle a payment dispute."))
    if cmd.decision not in DECISIONS:
        raise Rejected("Settle with RESOLVE <booking code> release, refund, or split <crew %>.")
    wanted = cmd.booking_code.strip()
    matches = [d for d in await staff_reads(services).disputes() if d.get("type") == "escrow_dispute"
               and wanted.upper() in (booking_code(d["booking_id"]), d["booking_id"].upper())]
    open_ones = [d for d in matches if d.get("status") != escrow_disputes.RESOLVED] or matches
    if not open_ones:
        raise Rejected("No payment dispute has the booking code {code}.", code=wanted)
    dispute = open_ones[0]
    payee_minor = None
    if cmd.decision == "split":
        if not 1 <= cmd.percent <= 99:
            raise Rejected("Give the crew member's share of a split in percent, from 1 to 99.")
        payee_minor = Money.from_doc(dispute["held"]).amount_minor * cmd.percent // 100
    ruling = ResolveEscrowDispute(cmd.intent_id, cmd.admin_id, dispute["project_id"], dispute["booking_id"],
                                  cmd.decision, payee_minor, "ruled from chat")
    result = await escrow_disputes.resolve_escrow_dispute(ruling, services)
    await services.outbox.queue(answer(cmd, cmd.admin_id, "admin_dispute_settled", {
        "code": booking_code(dispute["booking_id"]), "decision": cmd.decision,
        "share": f"{cmd.percent}% to the crew member" if payee_minor is not None else ""}))
    return result


# Broadcasts: BROADCAST <text> counts the audience and gives a code; CONFIRM <code> within
# BROADCAST_CONFIRM_S sends, BROADCAST_PER_MINUTE people a minute (the first batch at once, the
# others run by BroadcastBatches after k minutes), and only one broadcast goes out per hour.
BROADCAST_CONFIRM_S = 600
BROADCAST_PER_MINUTE = 60
BROADCAST_EVERY_S = 3600
MAX_BROADCAST_CHARS = 300
LAST_BROADCAST_ID = "broadcast_last"


def broadcast_doc_id(broadcast_id: str) -> str:
    return f"broadcast:{broadcast_id}"


def pending_doc_id(admin_id: str) -> str:
    return f"broadcast_pending:{admin_id}"


def confirm_code(intent_id: str) -> str:
    """Four digits, the same on a retry of the same request."""
    return f"{int(derived_id('broadcast-code', intent_id), 16) % 10_000:04d}"


async def _refuse_within_the_hour(services: Services) -> None:
    last = await services.store.get(scopes.OPS, LAST_BROADCAST_ID)
    _check_hour(last or {}, services.clock.now())


def _check_hour(last: dict, now: datetime) -> None:
    if last.get("sent_at"):
        next_at = datetime.fromisoformat(last["sent_at"]) + timedelta(seconds=BROADCAST_EVERY_S)
        if now < next_at:
            raise Rejected("One broadcast an hour: the next may go after {time} Lagos time.",
                           time=f"{next_at.astimezone(LAGOS):%H:%M}")


async def prepare_broadcast(cmd: PrepareBroadcast, services: Services) -> Result:
    await require_admin(services, cmd, Rejected("Only a NollyCrew admin can broadcast."))
    text = " ".join(cmd.text.split())
    if not 1 <= len(text) <= MAX_BROADCAST_CHARS:
        raise Rejected("Write the broadcast in 1 to {limit} characters.", limit=MAX_BROADCAST_CHARS)
    await _refuse_within_the_hour(services)
    audience = sorted(card["person_id"] for card in await staff_reads(services).person_cards()
                      if card.get("type") == "person" and not card.get("erased") and not card.get("suspended"))
    broadcast_id, now = derived_id("broadcast", cmd.intent_id), services.clock.now()
    stored = await services.store.create(scopes.OPS, {
        "_id": broadcast_doc_id(broadcast_id), "type": "broadcast", "broadcast_id": broadcast_id,
        "admin_id": cmd.admin_id, "text": text, "audience": audience, "code": confirm_code(cmd.intent_id),
        "status": "awaiting_confirmation", "batches_done": [], "created_at": now.isoformat(),
        "expires_at": (now + timedelta(seconds=BROADCAST_CONFIRM_S)).isoformat(), "source_intent": cmd.intent_id})
    await services.store.create(scopes.OPS, {"_id": pending_doc_id(cmd.admin_id), "type": "broadcast_pending",
                                             "broadcast_id": broadcast_id})
    await services.store.update(scopes.OPS, pending_doc_id(cmd.admin_id), lambda doc: None
                                if doc["broadcast_id"] == broadcast_id else {**doc, "broadcast_id": broadcast_id})
    await services.outbox.queue(answer(cmd, cmd.admin_id, "broadcast_confirm", {
        "audience": len(stored["audience"]), "code": stored["code"], "minutes": BROADCAST_CONFIRM_S // 60}))
    return Result(ref=broadcast_id)


async def confirm_broadcast(cmd: ConfirmBroadcast, services: Services) -> Result:
    await require_admin(services, cmd, Rejected("Only a NollyCrew admin can broadcast."))
    pending = await services.store.get(scopes.OPS, pending_doc_id(cmd.admin_id))
    broadcast = await services.store.get(scopes.OPS, broadcast_doc_id(pending["broadcast_id"])) if pending else None
    if broadcast is None:
        raise Rejected("You have no broadcast waiting: send BROADCAST and your text first.")
    retry = broadcast.get("confirm_intent") == cmd.intent_id
    if not retry:
        if broadcast["status"] != "awaiting_confirmation":
            raise Rejected("That broadcast was already sent. Send BROADCAST and your text for a new one.")
        if cmd.code.strip() != broadcast["code"]:
            raise Rejected("That is not the code we sent. Check the 4 digits and send CONFIRM again.")
        if services.clock.now() > datetime.fromisoformat(broadcast["expires_at"]):
            raise Rejected("The code has expired ({minutes} minutes). Send BROADCAST again.",
                           minutes=BROADCAST_CONFIRM_S // 60)
    now = services.clock.now()
    await services.store.create(scopes.OPS, {"_id": LAST_BROADCAST_ID, "type": "broadcast_last", "sent_at": ""})

    def take_the_hour(last: dict) -> dict | None:
        # Checked in the conditional write: two admins confirming at once send one broadcast.
        if last.get("broadcast_id") == broadcast["broadcast_id"]:
            return None
        _check_hour(last, now)
        return {**last, "broadcast_id": broadcast["broadcast_id"], "sent_at": now.isoformat()}

    await services.store.update(scopes.OPS, LAST_BROADCAST_ID, take_the_hour)
    broadcast = await services.store.update(scopes.OPS, broadcast["_id"], lambda doc: None
                                            if doc["status"] != "awaiting_confirmation" else
                                            {**doc, "status": "sending", "confirm_intent": cmd.intent_id,
                                             "confirmed_at": now.isoformat()})
    batches = max(1, -(-len(broadcast["audience"]) // BROADCAST_PER_MINUTE))
    await _send_batch(services, broadcast, 0)
    for batch in range(1, batches):
        await broadcast_batches(services).schedule(broadcast["broadcast_id"], batch, batch * 60)
    await services.outbox.queue(answer(cmd, cmd.admin_id, "broadcast_started", {
        "count": len(broadcast["audience"]), "per_minute": BROADCAST_PER_MINUTE, "minutes": batches}))
    return Result(ref=broadcast["broadcast_id"])


async def send_broadcast_batch(cmd: SendBroadcastBatch, services: Services) -> Result:
    broadcast = await services.store.get(scopes.OPS, broadcast_doc_id(cmd.broadcast_id))
    if broadcast is None or broadcast["status"] not in ("sending", "sent"):
        raise Rejected("There is no confirmed broadcast with that id.")
    await _send_batch(services, broadcast, cmd.batch)
    return Result(ref=cmd.broadcast_id)


async def _send_batch(services: Services, broadcast: dict, batch: int) -> None:
    people = broadcast["audience"][batch * BROADCAST_PER_MINUTE:(batch + 1) * BROADCAST_PER_MINUTE]
    for person_id in people:  # ids fixed by broadcast and person: a batch run twice sends once
        await services.outbox.queue(OutboundMessage(f"broadcast.{broadcast['broadcast_id']}.{person_id}", person_id,
                                                    "broadcast", {"text": broadcast["text"]}))
    last = -(-len(broadcast["audience"]) // BROADCAST_PER_MINUTE) - 1

    def done(doc: dict) -> dict | None:
        if batch in doc["batches_done"]:
            return None
        finished = sorted({*doc["batches_done"], batch})
        return {**doc, "batches_done": finished, "status": "sent" if len(finished) > last else doc["status"]}

    await services.store.update(scopes.OPS, broadcast["_id"], done)


ADMIN_CHAT_HANDLERS = {
    LookUpPerson: look_up_person,
    SetVerifiedByPhone: set_verified,
    SetSuspendedByPhone: set_suspended,
    AskPlatformStats: ask_platform_stats,
    ResolveDisputeByCode: resolve_by_code,
    PrepareBroadcast: prepare_broadcast,
    ConfirmBroadcast: confirm_broadcast,
    SendBroadcastBatch: send_broadcast_batch,
}
