"""Escrowed pay that does not go out on the producer's word alone: a dispute freezes the hold
until an admin resolves it; a cancellation settles it under the cancellation policy.

The ledger is the race guard: a freeze is refused on a hold already frozen, so two parties
disputing at once make one dispute, and a frozen hold refuses every release. Each decision is
written on its document (the dispute's ruling, the deposit's cancellation) before the ledger
batch is sent, with what was held then, so a retry rebuilds the very same batch (ids from the
dispute or the intent) and the ledger takes it as done. The automatic release is in
core/handlers/escrow_auto_release.py."""
from datetime import date

from core import scopes
from core.bus import Result, Services
from core.errors import Rejected
from core.escrow_dispute_commands import (
    CancelBookingEscrow, DisputeEscrow, EscrowCancelled, EscrowDisputed, EscrowDisputeResolved,
    ResolveEscrowDispute,
)
from core.escrow_ids import booking_of as booking_of_escrow
from core.handlers.escrow import (
    HELD, PLATFORM_FEE_BPS, RELEASED, deposit_doc_id, escrow_of, escrows_of_booking, share_deposit,
)
from core.handlers.ledger_refusals import batch_refused, ledger_refused
from core.handlers.moderation import ADMIN_ROLE
from core.handlers.people import person_card
from core.handlers.reputation import booking_of
from core.handlers.team import project_roles_of
from core.ids import derived_id
from core.ledger.cancellation import refund_percent, refund_share
from core.ledger.disputes import REFUND, RELEASE, SPLIT, freeze, resolve_dispute
from core.ledger.escrow import cancel_booking
from core.ledger.fees import split_release
from core.ledger.holds import HELD as HOLD_HELD
from core.ledger.holds import Hold
from core.ledger.state import CREATED, REFUSED
from core.money import Money
from core.ports import OutboundMessage
from core.project_roles import APPROVE_PAYMENTS, may, require
from core.reputation import PRODUCTION_TIME_ZONE, check_dispute_reason

# Deposit statuses beyond core/handlers/escrow.py's: the hold is frozen, or it ended another way.
DISPUTED, CANCELLING, CANCELLED = "disputed", "cancelling", "cancelled"
REFUNDED, SETTLED = "refunded", "settled"  # all back to the producer; split between both
OPEN, RESOLVING, RESOLVED = "open", "resolving", "resolved"  # an escrow dispute's
ALREADY_DISPUTED = "This payment is already under dispute; an admin will decide. Nothing moves until then."
NOTHING_LEFT = "Nothing is left in escrow for this booking: it was all paid out or refunded."


def escrow_dispute_doc_id(escrow_id: str) -> str:
    return f"escrow_dispute:{escrow_id}"


async def dispute_escrow(cmd: DisputeEscrow, services: Services) -> Result:
    booking = await booking_of(services, booking_of_escrow(cmd.escrow_id), cmd.by, cmd.project_id)
    office = scopes.office_db(booking["project_id"])
    deposit = await services.store.get(office, deposit_doc_id(cmd.escrow_id))
    if deposit is None or deposit["status"] not in (HELD, RELEASED, DISPUTED):
        raise Rejected("Nothing is held in escrow for this booking, so there is no payment to dispute.")
    if cmd.by != deposit["person_id"] and not may(await project_roles_of(services, booking["project_id"], cmd.by),
                                                  APPROVE_PAYMENTS):
        raise Rejected("Only the crew member paid, or the production that pays, can dispute this payment.")
    reason = check_dispute_reason(cmd.reason)
    doc_id = escrow_dispute_doc_id(cmd.escrow_id)
    dispute = await services.store.get(scopes.OPS, doc_id)
    if dispute is not None and dispute["source_intent"] != cmd.intent_id:
        if dispute["status"] != RESOLVED:
            raise Rejected(ALREADY_DISPUTED)
        raise Rejected("This payment's dispute was settled already ({decision}). Nothing is left in escrow for "
                       "this booking: it was all paid out or refunded.", decision=dispute["ruling"]["decision"])
    created = dispute is None
    if created:
        hold = await services.ledger.hold(deposit["hold_id"])
        if hold is None or hold.status != HOLD_HELD or hold.remaining_minor <= 0:
            raise Rejected(NOTHING_LEFT)
        dispute_id = "dispute-" + derived_id(cmd.intent_id)
        (result,) = await services.ledger.submit([freeze(hold, dispute_id)])
        if result.status == REFUSED:
            raise Rejected(ALREADY_DISPUTED) if result.code == "hold_already_frozen" else ledger_refused(result.code)
        dispute = await services.store.create(scopes.OPS, {
            "_id": doc_id, "type": "escrow_dispute", "dispute_id": dispute_id, "booking_id": booking["booking_id"],
            "escrow_id": cmd.escrow_id, "milestone": deposit.get("milestone", ""),
            "project_id": booking["project_id"], "project_title": deposit["project_title"], "role": deposit["role"],
            "hold_id": deposit["hold_id"], "person_id": deposit["person_id"], "producer_id": deposit["producer_id"],
            "by": cmd.by, "reason": reason, "held": Money(hold.remaining_minor, hold.currency).to_doc(),
            "status": OPEN, "ruling": None, "source_intent": cmd.intent_id,
            "created_at": services.clock.now().isoformat(),
        })
    await _copy_dispute(services, dispute)

    def disputed(doc: dict) -> dict | None:
        return None if doc["status"] != HELD else {**doc, "status": DISPUTED, "dispute_id": dispute["dispute_id"]}

    deposit = await services.store.update(office, deposit["_id"], disputed)
    await share_deposit(services, deposit)
    held = str(Money.from_doc(dispute["held"]))
    events = [EscrowDisputed(deposit["booking_id"], deposit["person_id"], deposit["producer_id"], deposit["role"],
                             deposit["project_title"], held, cmd.escrow_id)] if created else []
    return Result(ref=dispute["dispute_id"], events=events)


async def resolve_escrow_dispute(cmd: ResolveEscrowDispute, services: Services) -> Result:
    admin = await person_card(services, cmd.admin_id)
    if ADMIN_ROLE not in admin.get("roles", ()) or admin.get("suspended"):
        raise Rejected("Only an admin can settle a payment dispute.")
    doc_id = escrow_dispute_doc_id(cmd.escrow_id)
    dispute = await services.store.get(scopes.OPS, doc_id)
    if dispute is None or dispute["project_id"] != cmd.project_id:
        raise Rejected("There is no payment dispute on this booking.")
    if cmd.admin_id in (dispute["person_id"], dispute["producer_id"], dispute["by"]):
        raise Rejected("Ask another admin: nobody settles a dispute over their own booking's pay.")
    held = Money.from_doc(dispute["held"])
    payee_minor = {RELEASE: held.amount_minor, REFUND: 0}.get(cmd.decision, cmd.payee_minor)
    if cmd.decision not in (RELEASE, REFUND, SPLIT):
        raise Rejected("Settle a dispute by release (all to the crew member), refund (all back to the producer) "
                       "or split (say the crew member's share).")
    if type(payee_minor) is not int or not 0 <= payee_minor <= held.amount_minor:
        raise Rejected("The crew member's share must be a whole amount in kobo or cents between nothing and the "
                       "{held} held.", held=str(held))
    ruling = {"intent_id": cmd.intent_id, "decision": cmd.decision, "payee_minor": payee_minor, "by": cmd.admin_id,
              "note": cmd.note.strip(), "at": services.clock.now().isoformat()}

    def decide(doc: dict) -> dict | None:
        return None if doc.get("ruling") else {**doc, "status": RESOLVING, "ruling": ruling}

    dispute = await services.store.update(scopes.OPS, doc_id, decide)
    ruling = dispute["ruling"]  # the stored one: on a retry, the first attempt's
    if ruling["intent_id"] != cmd.intent_id:
        raise Rejected("This dispute was already settled ({decision}) by another admin.", decision=ruling["decision"])
    hold = await services.ledger.hold(dispute["hold_id"])
    as_frozen = Hold(hold.transfer, held.amount_minor, HOLD_HELD, frozen=True, disputed=True)
    batch = resolve_dispute(as_frozen, dispute["dispute_id"], ruling["decision"], PLATFORM_FEE_BPS,
                            payee_minor=ruling["payee_minor"])
    try:
        results = await submit_whole(services, batch)
    except Rejected:
        # Nothing moved: take the ruling back so an admin can decide again.
        await services.store.update(scopes.OPS, doc_id, _unruled(cmd.intent_id))
        raise
    paid, refunded = ruling["payee_minor"], held.amount_minor - ruling["payee_minor"]
    status = RELEASED if not refunded else REFUNDED if not paid else SETTLED
    office = scopes.office_db(dispute["project_id"])
    deposit = await services.store.update(office, deposit_doc_id(cmd.escrow_id),
                                          settled(dispute["dispute_id"], paid, refunded, status))
    await share_deposit(services, deposit)
    dispute = await services.store.update(scopes.OPS, doc_id, lambda doc: None if doc["status"] == RESOLVED else {
        **doc, "status": RESOLVED, "resolved_at": services.clock.now().isoformat()})
    await _copy_dispute(services, dispute)
    events = []
    if any(r.status == CREATED for r in results):
        events.append(EscrowDisputeResolved(
            dispute["booking_id"], dispute["person_id"], dispute["producer_id"], dispute["role"],
            dispute["project_title"], ruling["decision"], net_of(paid, held.currency),
            str(Money(refunded, held.currency)), dispute["project_id"], f"{dispute['dispute_id']}/resolution", paid,
            held.currency, cmd.escrow_id))
    return Result(ref=dispute["dispute_id"], events=events)


async def cancel_booking_escrow(cmd: CancelBookingEscrow, services: Services) -> Result:
    require(await project_roles_of(services, cmd.project_id, cmd.by), APPROVE_PAYMENTS, "cancel a booking's pay")
    booking = await services.store.get(scopes.project_db(cmd.project_id), f"booking:{cmd.booking_id}")
    deposits = await escrows_of_booking(services, cmd.project_id, cmd.booking_id) if booking else []
    if any(d["status"] == DISPUTED for d in deposits):
        raise Rejected("This payment is under dispute; an admin decides where it goes, so it cannot be cancelled now.")
    live = [d for d in deposits if d["status"] in (HELD, CANCELLING, CANCELLED)]
    if not live:
        raise Rejected("Nothing is held in escrow for this booking, so there is no payment to refund.")
    # Each deposit still held is settled under the policy; a milestone already paid out is left be.
    events, outcomes = [], []
    for deposit in live:
        outcome, event = await _cancel_deposit(services, cmd, booking, deposit)
        outcomes.append(outcome)
        events += [event] if event else []
    if not any(outcomes):
        raise Rejected(NOTHING_LEFT)
    await _cancel_booking(services, cmd, booking["person_id"])
    return Result(ref=deposit_doc_id(escrow_of(live[0])), events=events)


async def _cancel_deposit(services: Services, cmd: CancelBookingEscrow, booking: dict, deposit: dict
                          ) -> tuple[bool, EscrowCancelled | None]:
    """Settle one deposit on cancellation: (whether this cancellation settled it, the event if it
    moved money now). The decision is written on the deposit first, so a retry rebuilds the batch."""
    office = scopes.office_db(cmd.project_id)
    mine = (deposit.get("cancellation") or {}).get("intent_id") == cmd.intent_id
    if deposit["status"] == CANCELLED and not mine:
        raise Rejected("This booking's pay was already settled on cancellation on {day}.",
                       day=deposit["cancellation"]["on"])
    if deposit["status"] == CANCELLING and not mine:
        raise Rejected("A cancellation of this booking's pay is already under way; look at it again in a minute.")
    first_day = date.fromisoformat(booking["start_date"])
    if not mine:
        hold = await services.ledger.hold(deposit["hold_id"])
        if hold is None or hold.status != HOLD_HELD or hold.remaining_minor <= 0:
            return False, None
        today = lagos_today(services)
        cancellation = {"intent_id": cmd.intent_id, "by": cmd.by, "on": today.isoformat(),
                        "held_minor": hold.remaining_minor, "refund_percent": refund_percent(first_day, today)}

        def mark(doc: dict) -> dict | None:
            return None if doc["status"] != HELD else {**doc, "status": CANCELLING, "cancellation": cancellation}

        deposit = await services.store.update(office, deposit["_id"], mark)
        if (deposit.get("cancellation") or {}).get("intent_id") != cmd.intent_id:
            raise Rejected("This payment changed while you were cancelling (it is now {status}); "
                           "look at it again before cancelling.", status=deposit["status"].replace("_", " "))
    cancellation = deposit["cancellation"]
    hold = await services.ledger.hold(deposit["hold_id"])
    as_held = Hold(hold.transfer, cancellation["held_minor"], HOLD_HELD)
    escrow = escrow_of(deposit)
    key = "cancel-" + (derived_id(cmd.intent_id) if escrow == cmd.booking_id else derived_id(cmd.intent_id, escrow))
    batch = cancel_booking(as_held, first_day, date.fromisoformat(cancellation["on"]), key, PLATFORM_FEE_BPS)
    try:
        results = await submit_whole(services, batch)
    except Rejected:
        await services.store.update(office, deposit["_id"], _uncancelled(cmd.intent_id))
        raise
    refunded = refund_share(cancellation["held_minor"], cancellation["refund_percent"])
    paid = cancellation["held_minor"] - refunded
    deposit = await services.store.update(office, deposit["_id"], settled(key, paid, refunded, CANCELLED))
    await share_deposit(services, deposit)
    if not any(r.status == CREATED for r in results):
        return True, None
    currency = hold.currency
    return True, EscrowCancelled(deposit["booking_id"], deposit["person_id"], deposit["producer_id"], deposit["role"],
                                 deposit["project_title"], cancellation["refund_percent"], net_of(paid, currency),
                                 str(Money(refunded, currency)), cmd.project_id, key, paid, currency, escrow)


async def _cancel_booking(services: Services, cmd: CancelBookingEscrow, person_id: str) -> None:
    """The booking itself ends too, in both copies: its days count as free again (core.handlers.calendar
    treats a booking no longer awaiting confirmation or confirmed as ended)."""
    now = services.clock.now().isoformat()

    def cancelled(doc: dict) -> dict | None:
        if doc["status"] == "cancelled":
            return None
        return {**doc, "status": "cancelled", "cancelled_at": now, "cancelled_by": cmd.by}

    for db in (scopes.project_db(cmd.project_id), scopes.user_db(person_id)):
        await services.store.update(db, f"booking:{cmd.booking_id}", cancelled)


def _unruled(intent_id: str):
    """The dispute open again, when the ledger refused this ruling (nothing moved)."""

    def undo(doc: dict) -> dict | None:
        if doc["status"] != RESOLVING or doc["ruling"]["intent_id"] != intent_id:
            return None
        return {**doc, "status": OPEN, "ruling": None}

    return undo


def _uncancelled(intent_id: str):
    """The deposit as it was, when the ledger refused the cancellation (nothing moved)."""

    def undo(doc: dict) -> dict | None:
        if doc["status"] != CANCELLING or doc["cancellation"]["intent_id"] != intent_id:
            return None
        return {**{k: v for k, v in doc.items() if k != "cancellation"}, "status": HELD}

    return undo


async def _copy_dispute(services: Services, dispute: dict) -> None:
    """Both parties see the dispute and its outcome: the office, and the crew member's own database."""
    copy = {k: v for k, v in dispute.items() if k != "_rev"}
    for db in (scopes.office_db(dispute["project_id"]), scopes.user_db(dispute["person_id"])):
        await services.store.create(db, copy)
        await services.store.update(db, dispute["_id"], lambda doc: None if all(
            doc.get(k) == v for k, v in copy.items()) else {**doc, **copy})


async def submit_whole(services: Services, batch: list) -> list:
    """Send a linked batch; a refusal becomes the Rejected its ledger code says (ledger_refusals.py)."""
    results = await services.ledger.submit(batch)
    refused = batch_refused(results)
    if refused:
        raise refused
    return results


def settled(key: str, paid_minor: int, refunded_minor: int, status: str):
    """A change for the deposit: money that left the hold under `key`, counted once however often
    retried; kept as release_escrow keeps its releases (released_minor is their sum)."""

    def change(doc: dict) -> dict | None:
        releases, refunds = doc.get("releases", {}), doc.get("refunds", {})
        if key in releases or key in refunds:
            return None
        releases = {**releases, key: paid_minor} if paid_minor else releases
        refunds = {**refunds, key: refunded_minor} if refunded_minor else refunds
        return {**doc, "status": status, "releases": releases, "released_minor": sum(releases.values()),
                "refunds": refunds, "refunded_minor": sum(refunds.values())}

    return change


def net_of(gross_minor: int, currency: str) -> str:
    """What reaches the crew member of a gross release, as people write it."""
    net = split_release(gross_minor, PLATFORM_FEE_BPS).net_minor if gross_minor else 0
    return str(Money(net, currency))


def lagos_today(services: Services) -> date:
    return services.clock.now().astimezone(PRODUCTION_TIME_ZONE).date()


async def tell_both_of_dispute(event: EscrowDisputed, services: Services) -> None:
    await _tell_both(event, "escrow_disputed", {"amount": event.amount}, services)


async def tell_both_of_resolution(event: EscrowDisputeResolved, services: Services) -> None:
    await _tell_both(event, "escrow_dispute_resolved", {"decision": event.decision, "net": event.net,
                                                        "refunded": event.refunded}, services)


async def tell_both_of_cancellation(event: EscrowCancelled, services: Services) -> None:
    await _tell_both(event, "escrow_cancelled", {"refund_percent": event.refund_percent, "net": event.net,
                                                 "refunded": event.refunded}, services)


async def _tell_both(event, template: str, params: dict, services: Services) -> None:
    """The crew member and the producer each get the message once (ids from the booking and the person)."""
    for person_id in dict.fromkeys((event.person_id, event.producer_id)):
        await services.outbox.queue(OutboundMessage(
            message_id=f"{template}.{event.escrow_id or event.booking_id}.{person_id}", person_id=person_id,
            template=template,
            params={"booking_id": event.booking_id, "role": event.role, "project_title": event.project_title,
                    **params},
        ))


ESCROW_DISPUTE_HANDLERS = {
    DisputeEscrow: dispute_escrow,
    ResolveEscrowDispute: resolve_escrow_dispute,
    CancelBookingEscrow: cancel_booking_escrow,
}
