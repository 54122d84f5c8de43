"""A deposit's refunded part back to the producer's card, through the gateway it came in by.

The ledger moves in two phases, as a payout does (core/handlers/payouts.py): asking reserves the
amount (a hold from the producer's wallet to clearing:<gateway>:<ccy>), so the same money cannot
pay a new deposit and go back to the card; the gateway's success posts the hold, a failure voids
it and the money stays in the wallet. The office database keeps "card_refund:<reference>", one
per deposit, so the producer follows it; ops maps the reference to the project."""
from core import scopes
from core.bus import Result, Services
from core.errors import Rejected
from core.handlers.escrow import deposit_doc_id
from core.handlers.ledger_refusals import ledger_refused
from core.handlers.payouts import answered
from core.handlers.team import project_roles_of
from core.ids import derived_id
from core.ledger import accounts
from core.ledger.state import CREATED, REFUSED
from core.ledger.transfers import PENDING, POST_PENDING, VOID_PENDING, Transfer
from core.money import Money
from core.payments import FAILED, SUCCESS
from core.ports import OutboundMessage
from core.project_roles import APPROVE_PAYMENTS, require
from core.refund_commands import RecordCardRefund, RefundToCard

SENDING, REFUNDED, REFUND_FAILED = "sending", "refunded", "failed"
RESERVE_CODE, REFUND_CODE, VOID_CODE = "card_refund_reserve", "card_refund", "card_refund_void"
# A deposit's hold has ended in one of these, with a part refunded to the producer's wallet.
SETTLED_WITH_REFUND = ("refunded", "settled", "cancelled")


def card_refund_reference(escrow_id: str) -> str:
    """Ours at the gateway, reused on every retry: one card refund per deposit."""
    return "rf" + derived_id("card-refund", escrow_id)


def card_refund_doc_id(reference: str) -> str:
    return f"card_refund:{reference}"


async def refund_to_card(cmd: RefundToCard, services: Services) -> Result:
    require(await project_roles_of(services, cmd.project_id, cmd.by), APPROVE_PAYMENTS, "refund to a card")
    office = scopes.office_db(cmd.project_id)
    reference = card_refund_reference(cmd.escrow_id)
    earlier = await services.store.get(office, card_refund_doc_id(reference))
    if earlier is not None:
        if earlier["source_intent"] != cmd.intent_id:
            raise Rejected("This deposit's refund was already sent back to the card ({status}).",
                           status=earlier["status"])
        if earlier["status"] == SENDING:  # a retry: make sure the worker has it
            await services.payment_jobs.send_card_refund(cmd.project_id, reference)
        return Result(ref=earlier["_id"])
    deposit = await services.store.get(office, deposit_doc_id(cmd.escrow_id))
    if deposit is None or deposit["status"] not in SETTLED_WITH_REFUND or not deposit.get("refunded_minor"):
        raise Rejected("Nothing was refunded on this deposit, so there is nothing to send back to the card.")
    amount = Money(deposit["refunded_minor"], deposit["amount"]["currency"])
    wallet = accounts.wallet(deposit["producer_id"])
    data = {"reference": reference, "gateway": deposit["gateway"], "project_id": cmd.project_id}
    (reserved,) = await services.ledger.submit([Transfer(
        f"{reference}/reserve", wallet, accounts.clearing(deposit["gateway"], amount.currency), amount,
        RESERVE_CODE, kind=PENDING, user_data=data)])
    if reserved.status == REFUSED:
        if reserved.code == "below_floor":
            have = Money((await services.ledger.balance(wallet, amount.currency)).available, amount.currency)
            raise Rejected("The {amount} refunded is no longer all in the wallet (it has {available}): part of it "
                           "paid another deposit, so it cannot go back to the card.", amount=str(amount),
                           available=str(have))
        raise ledger_refused(reserved.code)
    await services.store.create(scopes.OPS, {"_id": f"card_refund_ref:{reference}", "type": "card_refund_reference",
                                             "project_id": cmd.project_id})
    doc = await services.store.create(office, {
        "_id": card_refund_doc_id(reference), "type": "card_refund", "reference": reference,
        "escrow_id": cmd.escrow_id, "payment_reference": deposit["reference"], "gateway": deposit["gateway"],
        "producer_id": deposit["producer_id"], "amount": amount.to_doc(), "status": SENDING, "gateway_id": "",
        "reason": "", "source_intent": cmd.intent_id, "requested_at": services.clock.now().isoformat(),
    })
    await services.payment_jobs.send_card_refund(cmd.project_id, reference)
    return Result(ref=doc["_id"])


async def record_card_refund(cmd: RecordCardRefund, services: Services) -> Result:
    office, doc_id = scopes.office_db(cmd.project_id), card_refund_doc_id(cmd.refund_reference)
    unknown = Rejected("No card refund has the reference {reference}.", reference=cmd.refund_reference)
    refund, asked = await answered(services, office, doc_id, unknown, cmd.refund_reference, cmd.amount)
    if refund["status"] != SENDING or cmd.status not in (SUCCESS, FAILED):
        return Result(ref=doc_id)  # still on its way, or a repeat of what is recorded
    done = cmd.status == SUCCESS
    kind, transfer_id, code = ((POST_PENDING, cmd.refund_reference, REFUND_CODE) if done
                               else (VOID_PENDING, f"{cmd.refund_reference}/void", VOID_CODE))
    (result,) = await services.ledger.submit([Transfer(
        transfer_id, accounts.wallet(refund["producer_id"]), accounts.clearing(refund["gateway"], asked.currency),
        asked, code, kind=kind, pending_id=f"{cmd.refund_reference}/reserve",
        user_data={"reference": cmd.refund_reference, "gateway": refund["gateway"], "project_id": cmd.project_id})])
    if result.status == REFUSED:
        raise ledger_refused(result.code)
    new = REFUNDED if done else REFUND_FAILED
    await services.store.update(office, doc_id, lambda doc: None if doc["status"] != SENDING else {
        **doc, "status": new, "gateway_id": cmd.gateway_id, "reason": cmd.reason,
        "updated_at": services.clock.now().isoformat()})
    if result.status == CREATED:
        template = "card_refund_done" if done else "card_refund_failed"
        await services.outbox.queue(OutboundMessage(
            message_id=f"{template}.{cmd.refund_reference}", person_id=refund["producer_id"], template=template,
            params={"amount": str(asked), "reason": cmd.reason}))
    return Result(ref=doc_id)


CARD_REFUND_HANDLERS = {RefundToCard: refund_to_card, RecordCardRefund: record_card_refund}
