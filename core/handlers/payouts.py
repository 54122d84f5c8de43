"""Payouts to verified crew members: their bank account, then money from payee:<id> to the gateway.

The crew member's own database holds "payout_account" (what they named and what the bank says)
and "payout:<reference>" per payout, so they follow their money offline. The ledger moves in
two phases: asking reserves the amount (a hold from payee:<id> to clearing:<gateway>:<ccy>), so
two requests at once can never pay out more than is there; the gateway's success posts the hold
with the transfer reference as its id; a failure voids it, and a reversal after success is a new
transfer back. Every id derives from the intent, so a retry finds its own earlier work."""
import re

from core import kyc, scopes
from core.bus import Result, Services
from core.errors import Rejected
from core.handlers.ledger_refusals import ledger_refused
from core.handlers.people import person_card
from core.ids import derived_id
from core.ledger import accounts
from core.ledger.state import CREATED, REFUSED
from core.ledger.transfers import PENDING, POST_PENDING, VOID_PENDING, Transfer
from core.money import Money
from core.payments import FAILED, SUCCESS, check_payout_amount
from core.payout_commands import RecordPayout, RecordPayoutAccount, RequestPayout, SetPayoutAccount
from core.ports import OutboundMessage

ACCOUNT_DOC_ID = "payout_account"
RESOLVING, READY, ACCOUNT_REFUSED, NAME_MISMATCH = "resolving", "ready", "refused", "name_mismatch"
SENDING, PAID, PAYOUT_FAILED, REVERSED = "sending", "paid", "failed", "reversed"
# Ledger codes (core.reconciliation reads payouts back from them).
RESERVE_CODE, PAYOUT_CODE, VOID_CODE, REVERSAL_CODE = "payout_reserve", "payout", "payout_void", "payout_reversal"
NUBAN = re.compile(r"^\d{10}$")  # Nigerian account numbers are ten digits
BANK_CODE = re.compile(r"^\d{3,6}$")
NOT_VERIFIED = "Verify your identity before we can pay you out"


def payout_doc_id(reference: str) -> str:
    return f"payout:{reference}"


def payout_reference(person_id: str, intent_id: str) -> str:
    """Our transfer reference: letters and digits only (Paystack refuses ':'), reused on retry."""
    return "po" + derived_id("payout", person_id, intent_id)


def payout_index_id(reference: str) -> str:
    """The ops document that maps a transfer reference (all a webhook carries) to the payee."""
    return f"payout_ref:{reference}"


def reserve_id(reference: str) -> str:
    return f"{reference}/reserve"


async def set_payout_account(cmd: SetPayoutAccount, services: Services) -> Result:
    await _require_verified(services, cmd.person_id)
    if not BANK_CODE.match(cmd.bank_code):
        raise Rejected("The bank code is three to six digits (Zenith is 057, GTBank 058).")
    if not NUBAN.match(cmd.account_number):
        raise Rejected("A Nigerian account number (NUBAN) is ten digits. Check it and send it again.")
    Money(0, cmd.currency)  # an unknown currency is refused in words
    fields = {"gateway": cmd.gateway, "bank_code": cmd.bank_code, "account_number": cmd.account_number,
              "currency": cmd.currency}

    def named(doc: dict) -> dict | None:
        if doc.get("source_intent") == cmd.intent_id:
            return None  # a retry: the worker was asked already
        return {**doc, **fields, "status": RESOLVING, "account_name": "", "recipient_code": "", "reason": "",
                "source_intent": cmd.intent_id, "updated_at": services.clock.now().isoformat()}

    user_db = scopes.user_db(cmd.person_id)
    await services.store.create(user_db, {"_id": ACCOUNT_DOC_ID, "type": "payout_account"})
    doc = await services.store.update(user_db, ACCOUNT_DOC_ID, named)
    if doc["status"] == RESOLVING:
        await _jobs(services).resolve_payout_account(cmd.person_id, cmd.intent_id)
    return Result(ref=ACCOUNT_DOC_ID)


async def record_payout_account(cmd: RecordPayoutAccount, services: Services) -> Result:
    card = await person_card(services, cmd.person_id)
    status, reason = READY, ""
    if cmd.refused_reason:
        status, reason = ACCOUNT_REFUSED, cmd.refused_reason
    elif not _same_person(card.get("name", ""), cmd.account_name):
        status, reason = NAME_MISMATCH, (f"The bank says this account belongs to {cmd.account_name}, not to the "
                                         f"name on your verified ID. Use an account in your own name.")

    def answered(doc: dict) -> dict | None:
        if doc.get("source_intent") != cmd.intent_id or doc["status"] != RESOLVING:
            return None  # an answer for an account since replaced, or a repeat
        return {**doc, "status": status, "reason": reason, "account_name": cmd.account_name,
                "recipient_code": cmd.recipient_code if status == READY else "",
                "updated_at": services.clock.now().isoformat()}

    doc = await services.store.update(scopes.user_db(cmd.person_id), ACCOUNT_DOC_ID, answered)
    if doc.get("source_intent") == cmd.intent_id:
        template = "payout_account_ready" if doc["status"] == READY else "payout_account_refused"
        await _tell(services, cmd.person_id, f"{template}.{cmd.intent_id}", template,
                    {"account": _masked(doc), "reason": doc["reason"]})
    return Result(ref=ACCOUNT_DOC_ID)


async def request_payout(cmd: RequestPayout, services: Services) -> Result:
    await _require_verified(services, cmd.person_id)
    user_db, reference = scopes.user_db(cmd.person_id), payout_reference(cmd.person_id, cmd.intent_id)
    earlier = await services.store.get(user_db, payout_doc_id(reference))
    if earlier is not None:
        if earlier["status"] == SENDING:  # a retry: make sure the worker has it
            await _jobs(services).send_payout(cmd.person_id, reference)
        return Result(ref=earlier["_id"])
    check_payout_amount(cmd.amount)
    account = await services.store.get(user_db, ACCOUNT_DOC_ID)
    if account is None or account.get("status") != READY:
        raise Rejected("Add a bank account we could confirm before asking for a payout.")
    if cmd.amount.currency != account["currency"]:
        raise Rejected("Your bank account takes {currency}, not {given}.", currency=account["currency"],
                       given=cmd.amount.currency)
    payee = accounts.payee(cmd.person_id)
    clearing = accounts.clearing(account["gateway"], cmd.amount.currency)
    data = {"reference": reference, "gateway": account["gateway"], "person_id": cmd.person_id}
    (reserved,) = await services.ledger.submit([Transfer(reserve_id(reference), payee, clearing, cmd.amount,
                                                         RESERVE_CODE, kind=PENDING, user_data=data)])
    if reserved.status == REFUSED:
        have = Money((await services.ledger.balance(payee, cmd.amount.currency)).available, cmd.amount.currency)
        if reserved.code == "below_floor":
            raise Rejected("You have {available} available to pay out; {amount} is more than that.",
                           available=str(have), amount=str(cmd.amount))
        raise ledger_refused(reserved.code)
    # The index before the worker is asked: once the transfer can reach the gateway, its webhook
    # must find the person.
    await services.store.create(scopes.OPS, {"_id": payout_index_id(reference), "type": "payout_reference",
                                             "person_id": cmd.person_id})
    doc = await services.store.create(user_db, {
        "_id": payout_doc_id(reference), "type": "payout", "reference": reference, "person_id": cmd.person_id,
        "amount": cmd.amount.to_doc(), "gateway": account["gateway"], "recipient": {key: account[key] for key in (
            "recipient_code", "account_name", "bank_code", "account_number", "currency")},
        "status": SENDING, "gateway_id": "", "reason": "", "source_intent": cmd.intent_id,
        "requested_at": services.clock.now().isoformat(),
    })
    await _jobs(services).send_payout(cmd.person_id, reference)
    return Result(ref=doc["_id"])


async def answered(services: Services, db: str, doc_id: str, unknown: Rejected, reference: str,
                   amount: Money) -> tuple[dict, Money]:
    """The request a gateway's answer is about, and what was asked, refusing an answer for another
    amount (reconciliation shows it) or, with `unknown`, one for a reference we never sent."""
    request = await services.store.get(db, doc_id)
    if request is None:
        raise unknown
    asked = Money.from_doc(request["amount"])
    if amount != asked:
        raise Rejected("The gateway says {amount} for {reference}, but {asked} was asked: "
                       "left for reconciliation, nothing moved.", amount=str(amount), reference=reference,
                       asked=str(asked))
    return request, asked


async def record_payout(cmd: RecordPayout, services: Services) -> Result:
    user_db, doc_id = scopes.user_db(cmd.person_id), payout_doc_id(cmd.reference)
    payout, asked = await answered(services, user_db, doc_id,
                                   Rejected("No payout has the reference {reference}.", reference=cmd.reference),
                                   cmd.reference, cmd.amount)
    now = payout["status"]
    if cmd.status == SUCCESS and now == SENDING:
        transfer, new = _on_reserve(payout, POST_PENDING, cmd.reference, PAYOUT_CODE), PAID
    elif cmd.status == FAILED and now == SENDING:
        transfer, new = _on_reserve(payout, VOID_PENDING, f"{cmd.reference}/void", VOID_CODE), PAYOUT_FAILED
    elif cmd.status == FAILED and now == PAID:
        transfer, new = _reversal(payout), REVERSED
    elif cmd.status == SUCCESS and now in (PAYOUT_FAILED, REVERSED):
        raise Rejected("The gateway now says {reference} succeeded, but it was recorded as {status}: "
                       "left for reconciliation, nothing moved.", reference=cmd.reference, status=now)
    else:  # still pending, or a repeat of what is recorded
        if cmd.gateway_id and not payout["gateway_id"]:
            await services.store.update(user_db, doc_id, lambda doc: None if doc["gateway_id"] else
                                        {**doc, "gateway_id": cmd.gateway_id})
        return Result(ref=doc_id)
    moved = await _submit(services, transfer)

    def changed(doc: dict) -> dict | None:
        if doc["status"] != now:
            return None
        return {**doc, "status": new, "gateway_id": cmd.gateway_id or doc["gateway_id"], "reason": cmd.reason,
                "updated_at": services.clock.now().isoformat()}

    await services.store.update(user_db, doc_id, changed)
    if moved:
        template = "payout_paid" if new == PAID else "payout_failed"
        await _tell(services, cmd.person_id, f"{template}.{cmd.reference}", template,
                    {"amount": str(asked), "account": _masked(payout["recipient"]), "reason": cmd.reason})
    return Result(ref=doc_id)


def _on_reserve(payout: dict, kind: str, transfer_id: str, code: str) -> Transfer:
    amount, reference = Money.from_doc(payout["amount"]), payout["reference"]
    person_id = payout["person_id"]
    return Transfer(transfer_id, accounts.payee(person_id), accounts.clearing(payout["gateway"], amount.currency),
                    amount, code, kind=kind, pending_id=reserve_id(reference),
                    user_data={"reference": reference, "gateway": payout["gateway"], "person_id": person_id})


def _reversal(payout: dict) -> Transfer:
    """A payout the gateway reversed after success: a new transfer back, never an edit."""
    amount, reference, person_id = Money.from_doc(payout["amount"]), payout["reference"], payout["person_id"]
    return Transfer(f"{reference}/reversed", accounts.clearing(payout["gateway"], amount.currency),
                    accounts.payee(person_id), amount, REVERSAL_CODE,
                    user_data={"reference": reference, "gateway": payout["gateway"], "person_id": person_id})


async def _submit(services: Services, transfer: Transfer) -> bool:
    """True when this call moved the money (False: an earlier try did)."""
    (result,) = await services.ledger.submit([transfer])
    if result.status == REFUSED:
        raise ledger_refused(result.code)
    return result.status == CREATED


async def _require_verified(services: Services, person_id: str) -> None:
    if not kyc.payout_allowed(await person_card(services, person_id)):
        raise Rejected(NOT_VERIFIED)


def _same_person(kyc_name: str, bank_name: str) -> bool:
    """Banks write names in capitals and in any order: two words in common, or all of a short name."""
    ours = {word for word in re.split(r"[^a-z]+", kyc_name.lower()) if len(word) > 1}
    theirs = {word for word in re.split(r"[^a-z]+", bank_name.lower()) if len(word) > 1}
    return bool(ours) and len(ours & theirs) >= min(2, len(ours))


def _masked(account: dict) -> str:
    return f"{account.get('account_name', '')} ****{account.get('account_number', '')[-4:]}".strip()


def _jobs(services: Services):
    if services.payment_jobs is None:
        raise RuntimeError("this bus has no payment worker to reach the gateways")
    return services.payment_jobs


async def _tell(services: Services, person_id: str, message_id: str, template: str, params: dict) -> None:
    await services.outbox.queue(OutboundMessage(message_id=message_id, person_id=person_id, template=template,
                                                params=params))
