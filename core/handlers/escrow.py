"""A booking's pay through escrow: deposit, hold, release to the crew member.

The office database keeps "escrow_deposit:<escrow id>" (what was asked, the checkout link, what
is held and released) for the booking's single deposit or each of its milestones
(core/escrow_ids.py), and "escrows_of:<booking id>" listing them; the crew member's own database
a copy of each, so they follow their money; `ops` maps the gateway reference back to the deposit.
The money itself moves only in the ledger (core.ledger), by batches whose ids derive from the
gateway reference or the intent, so a webhook delivered a hundred times or a release retried
credits and pays once."""
from core import scopes
from core.bus import Result, Services
from core.errors import Rejected
from core.budget.top_sheet import checked_budget
from core.escrow_commands import ConfirmPayment, RecordCheckout, ReleaseEscrow, RequestDeposit, SetBudget
from core.escrow_ids import escrow_id as escrow_id_of
from core.events import EscrowFunded, EscrowReleased
from core.handlers.escrow_due_list import schedule_automatic_release
from core.handlers.investments import PLEDGE, confirm_pledge
from core.handlers.ledger_refusals import batch_refused, ledger_refused
from core.handlers.team import project_roles_of
from core.ids import derived_id
from core.ledger.escrow import deposit_and_hold, release
from core.ledger.fees import split_release
from core.ledger.holds import HELD as HOLD_HELD
from core.ledger.holds import Hold
from core.ledger.state import REFUSED
from core.money import Money
from core.ports import OutboundMessage
from core.project_roles import APPROVE_PAYMENTS, require

PLATFORM_FEE_BPS = 500  # 5 % of each release, paid by the crew member, with VAT on it
AWAITING, CHECKOUT_READY, HELD, RELEASED = "awaiting_payment", "checkout_ready", "held", "released"
ESCROWS_OF_PREFIX = "escrows_of:"


def deposit_doc_id(escrow_id: str) -> str:
    return f"escrow_deposit:{escrow_id}"


def escrow_of(doc: dict) -> str:
    """The escrow id a deposit, due-list entry or reference index names (older ones: the booking)."""
    return doc.get("escrow_id") or doc["booking_id"]


def payment_reference(escrow_id: str) -> str:
    """Our reference at the gateway: letters and digits only (Paystack refuses ':')."""
    return "nc" + derived_id("escrow-deposit", escrow_id)


async def request_deposit(cmd: RequestDeposit, services: Services) -> Result:
    require(await project_roles_of(services, cmd.project_id, cmd.by), APPROVE_PAYMENTS, "put pay in escrow")
    booking = await services.store.get(scopes.project_db(cmd.project_id), f"booking:{cmd.booking_id}")
    if booking is None:
        raise Rejected("That booking is not in this project.")
    if cmd.amount.amount_minor <= 0:
        raise Rejected("A deposit must be more than zero.")
    if cmd.work_until and not booking["start_date"] <= cmd.work_until <= booking["end_date"]:
        raise Rejected("A milestone's last working day must fall within the booking, {start} to {end}.",
                       start=booking["start_date"], end=booking["end_date"])
    escrow = escrow_id_of(cmd.booking_id, cmd.milestone)
    office = scopes.office_db(cmd.project_id)
    await _list_escrow(services, office, cmd.booking_id, escrow)
    reference, now = payment_reference(escrow), services.clock.now().isoformat()
    deposit = await services.store.create(office, {
        "_id": deposit_doc_id(escrow), "type": "escrow_deposit", "project_id": cmd.project_id,
        "booking_id": cmd.booking_id, "escrow_id": escrow, "milestone": cmd.milestone,
        "work_until": cmd.work_until or booking["end_date"], "person_id": booking["person_id"],
        "role": booking["role"], "project_title": booking["project_title"], "producer_id": cmd.by,
        "amount": cmd.amount.to_doc(), "gateway": cmd.gateway, "reference": reference, "hold_id": f"hold-{reference}",
        "status": AWAITING, "checkout_url": "", "released_minor": 0, "withholding_bps": cmd.withholding_bps,
        "created_at": now, "source_intent": cmd.intent_id,
    })
    if deposit["source_intent"] != cmd.intent_id:
        if cmd.milestone:
            raise Rejected("This booking already has an escrow deposit for the milestone {milestone}.",
                           milestone=cmd.milestone)
        raise Rejected("This booking already has an escrow deposit.")
    await services.store.create(scopes.OPS, {
        "_id": f"payment_ref:{reference}", "type": "payment_reference", "project_id": cmd.project_id,
        "booking_id": cmd.booking_id, "escrow_id": escrow,
    })
    await share_deposit(services, deposit)
    if services.payment_jobs is None:
        raise RuntimeError("this bus has no payment worker to open checkouts")
    await services.payment_jobs.open_checkout(cmd.project_id, escrow)
    return Result(ref=deposit["_id"])


async def _list_escrow(services: Services, office: str, booking_id: str, escrow: str) -> None:
    """The booking's deposits, so a cancellation finds them all without listing the database.
    Listed before the deposit is written: a crash between the two leaves a name with no deposit,
    which readers skip, never a deposit nobody can find."""
    list_id = f"{ESCROWS_OF_PREFIX}{booking_id}"
    await services.store.create(office, {"_id": list_id, "type": "escrows_of", "booking_id": booking_id,
                                         "escrow_ids": []})
    await services.store.update(office, list_id, lambda doc: None if escrow in doc["escrow_ids"]
                                else {**doc, "escrow_ids": [*doc["escrow_ids"], escrow]})


async def escrows_of_booking(services: Services, project_id: str, booking_id: str) -> list[dict]:
    """Every deposit of a booking, in the order they were asked for."""
    office = scopes.office_db(project_id)
    listed = await services.store.get(office, f"{ESCROWS_OF_PREFIX}{booking_id}")
    deposits = []
    for escrow in (listed or {}).get("escrow_ids", [booking_id]):
        deposit = await services.store.get(office, deposit_doc_id(escrow))
        if deposit is not None:
            deposits.append(deposit)
    return deposits


async def record_checkout(cmd: RecordCheckout, services: Services) -> Result:
    def ready(deposit: dict) -> dict | None:
        if deposit["status"] != AWAITING:
            return None
        return {**deposit, "status": CHECKOUT_READY, "checkout_url": cmd.checkout_url}

    office = scopes.office_db(cmd.project_id)
    deposit = await services.store.update(office, deposit_doc_id(cmd.escrow_id), ready)
    await services.outbox.queue(OutboundMessage(
        message_id=f"deposit_checkout.{cmd.escrow_id}", person_id=deposit["producer_id"], template="deposit_checkout",
        params={"amount": str(Money.from_doc(deposit["amount"])), "role": deposit["role"],
                "project_title": deposit["project_title"], "url": deposit["checkout_url"]},
    ))
    return Result(ref=deposit_doc_id(cmd.escrow_id))


async def confirm_payment(cmd: ConfirmPayment, services: Services) -> Result:
    index = await services.store.get(scopes.OPS, f"payment_ref:{cmd.reference}")
    if index is None:
        raise Rejected("No deposit has the reference {reference}.", reference=cmd.reference)
    if index.get("kind") == PLEDGE:
        return await confirm_pledge(cmd, index, services)
    office = scopes.office_db(index["project_id"])
    deposit = await services.store.get(office, deposit_doc_id(escrow_of(index)))
    expected = Money.from_doc(deposit["amount"])
    if cmd.amount != expected or cmd.gateway != deposit["gateway"]:
        raise Rejected("{gateway} says {amount} was paid for {reference}, but {expected} through {asked_gateway} "
                       "was asked: left for reconciliation, nothing credited.", gateway=cmd.gateway,
                       amount=str(cmd.amount), reference=cmd.reference, expected=str(expected),
                       asked_gateway=deposit["gateway"])
    batch = deposit_and_hold(cmd.gateway, cmd.reference, deposit["producer_id"], deposit["person_id"], expected,
                             deposit["hold_id"], deposit["booking_id"])
    credit, hold = await services.ledger.submit(batch)
    if credit.status == REFUSED:
        raise ledger_refused(credit.code)
    if hold.status == REFUSED:  # the ledger's reason names transfer ids: support reads the code
        raise Rejected("The payment is in the producer's wallet, but could not be held in escrow. "
                       "Write to support and quote {code}.", code=hold.code)

    def held(doc: dict) -> dict | None:
        if doc["status"] not in (AWAITING, CHECKOUT_READY):
            return None
        return {**doc, "status": HELD, "paid_at": services.clock.now().isoformat(), "gateway_id": cmd.gateway_id}

    before = deposit["status"]
    deposit = await services.store.update(office, deposit["_id"], held)
    await share_deposit(services, deposit)
    await schedule_automatic_release(services, deposit)
    # Told once: when this call moved the deposit to held (a retry after a crash between the
    # ledger and this document finds the ledger done and still tells).
    first = before in (AWAITING, CHECKOUT_READY)
    funded = EscrowFunded(deposit["booking_id"], deposit["person_id"], str(expected), index["project_id"], cmd.reference,
                          escrow_of(deposit))
    events = [funded] if first else []
    return Result(ref=deposit["_id"], events=events)


async def release_escrow(cmd: ReleaseEscrow, services: Services) -> Result:
    require(await project_roles_of(services, cmd.project_id, cmd.by), APPROVE_PAYMENTS, "release pay")
    office = scopes.office_db(cmd.project_id)
    deposit = await services.store.get(office, deposit_doc_id(cmd.escrow_id))
    if deposit is not None and deposit["status"] == "disputed":
        raise Rejected("This payment is under dispute; nothing can be released until an admin settles it.")
    if deposit is None or deposit["status"] not in (HELD, RELEASED):
        raise Rejected("Nothing is held in escrow for this booking yet.")
    key = "release-" + derived_id(cmd.intent_id)
    if key in deposit.get("releases", {}):
        await share_deposit(services, deposit)
        return Result(ref=deposit["_id"])  # a retry of a release already made and recorded
    hold = await services.ledger.hold(deposit["hold_id"])
    withholding_bps = deposit.get("withholding_bps", 0)
    retry = key in deposit.get("decided", {})
    amount_minor = await _decided_amount(services, deposit, key, cmd.amount_minor or hold.remaining_minor)
    if amount_minor <= 0:
        raise Rejected("Nothing is left in escrow for this booking: it was all paid out or refunded.")
    # A retry sends the very batch of the first try, against the hold as it was then: the ledger
    # takes transfers it already made as done, even when they emptied the hold.
    as_was = Hold(hold.transfer, max(hold.remaining_minor, amount_minor), HOLD_HELD) if retry else hold
    try:
        batch = release(as_was, amount_minor, key, PLATFORM_FEE_BPS, withholding_bps)
        results = await services.ledger.submit(batch)
        refused = batch_refused(results)
        if refused:
            raise refused
    except Rejected:
        if not retry:  # nothing moved: the decision goes, so the same request may be made again
            await services.store.update(scopes.office_db(deposit["project_id"]), deposit["_id"], _undecided(key))
        raise

    def released(doc: dict) -> dict | None:
        # Keyed by the release, so a retry (after a crash between the ledger and this
        # document, say) records it once and the sum stays what the ledger paid. The status
        # comes from the sum on the document, never from what this release saw of the hold:
        # releases racing each other write in any order, and the last must not say "held".
        if key in doc.get("releases", {}):
            return None
        releases = {**doc.get("releases", {}), key: amount_minor}
        paid_out = sum(releases.values()) + doc.get("refunded_minor", 0)
        status = doc["status"] if doc["status"] in ("disputed", "cancelling") else (
            RELEASED if paid_out >= doc["amount"]["amount_minor"] else HELD)
        return {**doc, "releases": releases, "released_minor": sum(releases.values()), "status": status}

    deposit = await services.store.update(office, deposit["_id"], released)
    await share_deposit(services, deposit)
    currency = deposit["amount"]["currency"]
    net = Money(split_release(amount_minor, PLATFORM_FEE_BPS, withholding_bps).net_minor, currency)
    return Result(ref=deposit["_id"], events=[EscrowReleased(
        deposit["booking_id"], deposit["person_id"], str(net), cmd.project_id, key, amount_minor, currency,
        escrow_of(deposit),
    )])


async def _decided_amount(services: Services, deposit: dict, key: str, amount_minor: int) -> int:
    """The release's amount, written on the deposit before the ledger is asked, so a retry after a
    crash sends the same batch: approving a milestone (no amount) means what was held then, not
    what is left when the retry comes."""

    def decide(doc: dict) -> dict | None:
        decided = doc.get("decided", {})
        return None if key in decided else {**doc, "decided": {**decided, key: amount_minor}}

    decided = await services.store.update(scopes.office_db(deposit["project_id"]), deposit["_id"], decide)
    return decided["decided"][key]


def _undecided(key: str):
    def undo(doc: dict) -> dict | None:
        decided = doc.get("decided", {})
        return None if key not in decided else {**doc, "decided": {k: v for k, v in decided.items() if k != key}}

    return undo


async def share_deposit(services: Services, deposit: dict) -> None:
    """The crew member's copy in their own database: what is held for them and what was paid."""
    copy = {key: deposit[key] for key in ("booking_id", "project_title", "role", "amount", "status", "released_minor")}
    copy.update(escrow_id=escrow_of(deposit), milestone=deposit.get("milestone", ""))
    doc_id = f"escrow:{escrow_of(deposit)}"
    user_db = scopes.user_db(deposit["person_id"])
    await services.store.create(user_db, {"_id": doc_id, "type": "escrow_view", **copy})

    def refresh(doc: dict) -> dict | None:
        return None if all(doc.get(k) == v for k, v in copy.items()) else {**doc, **copy}

    await services.store.update(user_db, doc_id, refresh)


async def set_budget(cmd: SetBudget, services: Services) -> Result:
    require(await project_roles_of(services, cmd.project_id, cmd.by), APPROVE_PAYMENTS, "set the budget")
    budget = checked_budget({**cmd.budget, "type": "budget", "project_id": cmd.project_id})
    if not isinstance(budget.get("line_of_booking", {}), dict):
        raise Rejected("line_of_booking maps booking ids to budget line ids.")
    office = scopes.office_db(cmd.project_id)
    body = {**budget, "_id": "budget", "updated_by": cmd.by, "source_intent": cmd.intent_id}
    await services.store.create(office, body)

    def replace(doc: dict) -> dict | None:
        return None if doc["source_intent"] == cmd.intent_id else {**body, "_rev": doc["_rev"]}

    await services.store.update(office, "budget", replace)
    return Result(ref="budget")
