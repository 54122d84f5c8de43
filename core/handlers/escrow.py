"""A booking's pay through escrow: deposit, hold, release to the crew member.

The office database keeps "escrow_deposit:<booking_id>" (what was asked, the checkout link, what
is held and released); the crew member's own database a copy of it, so they follow their money;
`ops` maps the gateway reference back to the booking. The money itself moves only in the ledger
(core.ledger), by batches whose ids derive from the gateway reference or the intent, so a
webhook delivered a hundred times or a release retried credits and pays once."""
from core import scopes
from core.bus import Result, Services
from core.errors import Rejected
from core.budget.top_sheet import checked_budget
from core.escrow_commands import ConfirmPayment, RecordCheckout, ReleaseEscrow, RequestDeposit, SetBudget
from core.events import EscrowFunded, EscrowReleased
from core.handlers.escrow_due_list import schedule_automatic_release
from core.handlers.team import project_roles_of
from core.ids import derived_id
from core.ledger.escrow import deposit_and_hold, release
from core.ledger.fees import split_release
from core.ledger.state import REFUSED
from core.money import Money
from core.ports import OutboundMessage
from core.project_roles import APPROVE_PAYMENTS, require

PLATFORM_FEE_BPS = 500  # 5 % of each release, paid by the crew member, with VAT on it
AWAITING, CHECKOUT_READY, HELD, RELEASED = "awaiting_payment", "checkout_ready", "held", "released"


def deposit_doc_id(booking_id: str) -> str:
    return f"escrow_deposit:{booking_id}"


def payment_reference(booking_id: str) -> str:
    """Our reference at the gateway: letters and digits only (Paystack refuses ':')."""
    return "nc" + derived_id("escrow-deposit", booking_id)


async def request_deposit(cmd: RequestDeposit, services: Services) -> Result:
    require(await project_roles_of(services, cmd.project_id, cmd.by), APPROVE_PAYMENTS, "put pay in escrow")
    booking = await services.store.get(scopes.project_db(cmd.project_id), f"booking:{cmd.booking_id}")
    if booking is None:
        raise Rejected("That booking is not in this project.")
    if cmd.amount.amount_minor <= 0:
        raise Rejected("A deposit must be more than zero.")
    reference, now = payment_reference(cmd.booking_id), services.clock.now().isoformat()
    deposit = await services.store.create(scopes.office_db(cmd.project_id), {
        "_id": deposit_doc_id(cmd.booking_id), "type": "escrow_deposit", "project_id": cmd.project_id,
        "booking_id": cmd.booking_id, "person_id": booking["person_id"], "role": booking["role"],
        "project_title": booking["project_title"], "producer_id": cmd.by, "amount": cmd.amount.to_doc(),
        "gateway": cmd.gateway, "reference": reference, "hold_id": f"hold-{reference}", "status": AWAITING,
        "checkout_url": "", "released_minor": 0, "withholding_bps": cmd.withholding_bps, "created_at": now,
        "source_intent": cmd.intent_id,
    })
    if deposit["source_intent"] != cmd.intent_id:
        raise Rejected("This booking already has an escrow deposit.")
    await services.store.create(scopes.OPS, {
        "_id": f"payment_ref:{reference}", "type": "payment_reference", "project_id": cmd.project_id,
        "booking_id": cmd.booking_id,
    })
    await share_deposit(services, deposit)
    if services.payment_jobs is None:
        raise RuntimeError("this bus has no payment worker to open checkouts")
    await services.payment_jobs.open_checkout(cmd.project_id, cmd.booking_id)
    return Result(ref=deposit["_id"])


async def record_checkout(cmd: RecordCheckout, services: Services) -> Result:
    def ready(deposit: dict) -> dict | None:
        if deposit["status"] != AWAITING:
            return None
        return {**deposit, "status": CHECKOUT_READY, "checkout_url": cmd.checkout_url}

    office = scopes.office_db(cmd.project_id)
    deposit = await services.store.update(office, deposit_doc_id(cmd.booking_id), ready)
    await services.outbox.queue(OutboundMessage(
        message_id=f"deposit_checkout.{cmd.booking_id}", person_id=deposit["producer_id"], template="deposit_checkout",
        params={"amount": str(Money.from_doc(deposit["amount"])), "role": deposit["role"],
                "project_title": deposit["project_title"], "url": deposit["checkout_url"]},
    ))
    return Result(ref=deposit_doc_id(cmd.booking_id))


async def confirm_payment(cmd: ConfirmPayment, services: Services) -> Result:
    index = await services.store.get(scopes.OPS, f"payment_ref:{cmd.reference}")
    if index is None:
        raise Rejected(f"No deposit has the reference {cmd.reference}.")
    office = scopes.office_db(index["project_id"])
    deposit = await services.store.get(office, deposit_doc_id(index["booking_id"]))
    expected = Money.from_doc(deposit["amount"])
    if cmd.amount != expected or cmd.gateway != deposit["gateway"]:
        raise Rejected(f"{cmd.gateway} says {cmd.amount} was paid for {cmd.reference}, but {expected} through "
                       f"{deposit['gateway']} was asked: left for reconciliation, nothing credited.")
    batch = deposit_and_hold(cmd.gateway, cmd.reference, deposit["producer_id"], deposit["person_id"], expected,
                             deposit["hold_id"], deposit["booking_id"])
    credit, hold = await services.ledger.submit(batch)
    if credit.status == REFUSED:
        raise Rejected(credit.reason)
    if hold.status == REFUSED:
        raise Rejected(f"The payment is in the producer's wallet, but could not be held: {hold.reason}")

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
    funded = EscrowFunded(deposit["booking_id"], deposit["person_id"], str(expected), index["project_id"], cmd.reference)
    events = [funded] if first else []
    return Result(ref=deposit["_id"], events=events)


async def release_escrow(cmd: ReleaseEscrow, services: Services) -> Result:
    require(await project_roles_of(services, cmd.project_id, cmd.by), APPROVE_PAYMENTS, "release pay")
    office = scopes.office_db(cmd.project_id)
    deposit = await services.store.get(office, deposit_doc_id(cmd.booking_id))
    if deposit is not None and deposit["status"] == "disputed":
        raise Rejected("This payment is under dispute; nothing can be released until an admin settles it.")
    if deposit is None or deposit["status"] not in (HELD, RELEASED):
        raise Rejected("Nothing is held in escrow for this booking yet.")
    hold = await services.ledger.hold(deposit["hold_id"])
    key = "release-" + derived_id(cmd.intent_id)
    withholding_bps = deposit.get("withholding_bps", 0)
    results = await services.ledger.submit(release(hold, cmd.amount_minor, key, PLATFORM_FEE_BPS, withholding_bps))
    refused = [r for r in results if r.status == REFUSED and r.code != "linked_event_failed"]
    if refused:
        raise Rejected(refused[0].reason)
    left = (await services.ledger.hold(deposit["hold_id"])).remaining_minor

    def released(doc: dict) -> dict | None:
        # Keyed by the release, so a retry (after a crash between the ledger and this
        # document, say) records it once and the sum stays what the ledger paid.
        if key in doc.get("releases", {}):
            return None
        releases = {**doc.get("releases", {}), key: cmd.amount_minor}
        status = doc["status"] if doc["status"] in ("disputed", "cancelling") else (HELD if left else RELEASED)
        return {**doc, "releases": releases, "released_minor": sum(releases.values()), "status": status}

    recorded_before = key in deposit.get("releases", {})
    deposit = await services.store.update(office, deposit["_id"], released)
    await share_deposit(services, deposit)
    if recorded_before:
        return Result(ref=deposit["_id"])  # a retry of a release already recorded
    currency = deposit["amount"]["currency"]
    net = Money(split_release(cmd.amount_minor, PLATFORM_FEE_BPS, withholding_bps).net_minor, currency)
    return Result(ref=deposit["_id"], events=[EscrowReleased(
        deposit["booking_id"], deposit["person_id"], str(net), cmd.project_id, key, cmd.amount_minor, currency,
    )])


async def share_deposit(services: Services, deposit: dict) -> None:
    """The crew member's copy in their own database: what is held for them and what was paid."""
    copy = {key: deposit[key] for key in ("booking_id", "project_title", "role", "amount", "status", "released_minor")}
    doc_id = f"escrow:{deposit['booking_id']}"
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
