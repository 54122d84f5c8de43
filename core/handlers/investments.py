"""A project's investors: terms, contributions and revenue in the office database
("investment_terms", "investment_book"), money in the ledger, and each investor's read-only
dashboard figures in their own database ("investment:<project_id>"), refreshed on every change.

Contributions land in the producer's wallet (the production's money) from the gateway or bank
they came through: an investor's own payment through our checkout ("pledge:<reference>" in their
database, credited once the gateway's API confirms it), or money the office saw arrive; revenue lands in revenue:<project> and is paid out at once down the waterfall
(core.investors): investors recoup their money and premium first, then profit by the shares.
Every transfer id derives from the reference or the revenue entry, so a retry pays nothing twice."""
from core import scopes
from core.bus import Result, Services
from core.errors import Rejected
from core.handlers.investor_views import BOOK_ID, TERMS_ID, refresh_investor_statements
from core.handlers.ledger_refusals import batch_refused, ledger_refused
from core.handlers.people import person_card
from core.handlers.team import project_roles_of
from core.escrow_commands import ConfirmPayment
from core.ids import derived_id
from core.investment_commands import (
    PledgeContribution, RecordContribution, RecordPledgeCheckout, RecordRevenue, SetInvestmentTerms,
)
from core.investors.dashboard import dashboard_figures, for_investor
from core.investors.distributions import distributions
from core.investors.terms import checked_terms
from core.ledger import accounts
from core.ledger.state import REFUSED
from core.ledger.transfers import Transfer
from core.money import Money
from core.ports import OutboundMessage
from core.project_roles import APPROVE_PAYMENTS, require

PLEDGE = "contribution"  # the kind of a gateway reference that is an investor's own payment
AWAITING, CHECKOUT_READY, PAID = "awaiting_payment", "checkout_ready", "paid"


async def set_investment_terms(cmd: SetInvestmentTerms, services: Services) -> Result:
    require(await project_roles_of(services, cmd.project_id, cmd.by), APPROVE_PAYMENTS, "set investment terms")
    office = scopes.office_db(cmd.project_id)
    book = await services.store.get(office, BOOK_ID)
    if book and book["revenue"]:
        raise Rejected("Revenue has been paid out under these terms; they can no longer change.")
    project = await services.store.get(scopes.project_db(cmd.project_id), "project")
    terms = checked_terms({"currency": "NGN", **cmd.terms, "type": "investment_terms", "project_id": cmd.project_id,
                           "producer_id": project["producer_id"]})
    body = {**terms, "source_intent": cmd.intent_id}
    await services.store.create(office, {"_id": TERMS_ID, **body})
    await services.store.update(office, TERMS_ID, lambda doc: None if doc["source_intent"] == cmd.intent_id
                                else {**body, "_id": TERMS_ID, "_rev": doc["_rev"]})
    return Result(ref=TERMS_ID)


async def record_contribution(cmd: RecordContribution, services: Services) -> Result:
    """Money that came in outside our checkout (a bank transfer the office saw arrive)."""
    require(await project_roles_of(services, cmd.project_id, cmd.by), APPROVE_PAYMENTS, "record investments")
    terms = await _terms(services, cmd.project_id)
    await _verified_investor(services, cmd.investor_id)
    ref = await _take_contribution(services, terms, cmd.investor_id, cmd.amount, cmd.gateway, cmd.reference)
    return Result(ref=ref)


async def pledge_contribution(cmd: PledgeContribution, services: Services) -> Result:
    terms = await _terms(services, cmd.project_id)
    await _verified_investor(services, cmd.investor_id)
    if cmd.amount.amount_minor <= 0:
        raise Rejected("An investment must be more than zero.")
    if cmd.amount.currency != terms["currency"]:
        raise Rejected("This project takes investments in {currency}, not {given}.",
                       currency=terms["currency"], given=cmd.amount.currency)
    reference = "iv" + derived_id("pledge", cmd.intent_id)
    user_db = scopes.user_db(cmd.investor_id)
    project = await services.store.get(scopes.project_db(cmd.project_id), "project")
    await services.store.create(scopes.OPS, {"_id": f"payment_ref:{reference}", "type": "payment_reference",
                                             "kind": PLEDGE, "project_id": cmd.project_id,
                                             "investor_id": cmd.investor_id})
    pledge = await services.store.create(user_db, {
        "_id": pledge_doc_id(reference), "type": "investment_pledge", "reference": reference,
        "project_id": cmd.project_id, "project_title": project["title"], "amount": cmd.amount.to_doc(),
        "gateway": cmd.gateway, "status": AWAITING, "checkout_url": "", "source_intent": cmd.intent_id,
        "created_at": services.clock.now().isoformat(),
    })
    if pledge["status"] == AWAITING:
        await _jobs(services).open_pledge_checkout(cmd.investor_id, reference)
    return Result(ref=pledge["_id"])


async def record_pledge_checkout(cmd: RecordPledgeCheckout, services: Services) -> Result:
    def ready(pledge: dict) -> dict | None:
        return None if pledge["status"] != AWAITING else {**pledge, "status": CHECKOUT_READY,
                                                          "checkout_url": cmd.checkout_url}

    pledge = await services.store.update(scopes.user_db(cmd.investor_id), pledge_doc_id(cmd.reference), ready)
    await services.outbox.queue(OutboundMessage(
        message_id=f"pledge_checkout.{cmd.reference}", person_id=cmd.investor_id, template="pledge_checkout",
        params={"amount": str(Money.from_doc(pledge["amount"])), "project_title": pledge["project_title"],
                "url": pledge["checkout_url"]}))
    return Result(ref=pledge["_id"])


async def confirm_pledge(cmd: ConfirmPayment, index: dict, services: Services) -> Result:
    """The gateway's API confirmed an investor's own payment: it counts as their contribution, once."""
    user_db = scopes.user_db(index["investor_id"])
    pledge = await services.store.get(user_db, pledge_doc_id(cmd.reference))
    expected = Money.from_doc(pledge["amount"])
    if cmd.amount != expected or cmd.gateway != pledge["gateway"]:
        raise Rejected("{gateway} says {amount} was paid for {reference}, but {expected} through {asked_gateway} "
                       "was pledged: left for reconciliation, nothing credited.", gateway=cmd.gateway,
                       amount=str(cmd.amount), reference=cmd.reference, expected=str(expected),
                       asked_gateway=pledge["gateway"])
    terms = await _terms(services, index["project_id"])
    ref = await _take_contribution(services, terms, index["investor_id"], expected, cmd.gateway, cmd.reference)
    await services.store.update(user_db, pledge["_id"], lambda doc: None if doc["status"] == PAID else {
        **doc, "status": PAID, "paid_at": services.clock.now().isoformat(), "gateway_id": cmd.gateway_id})
    return Result(ref=ref)


async def _verified_investor(services: Services, investor_id: str) -> None:
    investor = await person_card(services, investor_id)
    if "investor" not in investor["roles"] or not investor.get("verified"):
        raise Rejected("{name} must be a verified investor (identity checked) before their money is taken.",
                       name=investor["name"])


async def _take_contribution(services: Services, terms: dict, investor_id: str, amount: Money, gateway: str,
                             reference: str) -> str:
    """Into the producer's wallet from the gateway's clearing account, and onto the book; once per reference."""
    project_id = terms["project_id"]
    transfer = Transfer(f"{gateway}:{reference}", accounts.clearing(gateway, amount.currency),
                        accounts.wallet(terms["producer_id"]), amount, "investor_contribution",
                        user_data={"project_id": project_id, "investor_id": investor_id})
    [result] = await services.ledger.submit([transfer])
    if result.status == REFUSED:
        raise ledger_refused(result.code)
    entry = {"type": "investor_contribution", "contribution_id": transfer.id, "project_id": project_id,
             "investor_id": investor_id, "amount": amount.to_doc(), "kyc_verified": True,
             "at": services.clock.now().isoformat()}
    await _append(services, project_id, "contributions", entry, "contribution_id", terms)
    return transfer.id


def pledge_doc_id(reference: str) -> str:
    return f"pledge:{reference}"


def _jobs(services: Services):
    if services.payment_jobs is None:
        raise RuntimeError("this bus has no payment worker to open checkouts")
    return services.payment_jobs


async def record_revenue(cmd: RecordRevenue, services: Services) -> Result:
    require(await project_roles_of(services, cmd.project_id, cmd.by), APPROVE_PAYMENTS, "record revenue")
    terms = await _terms(services, cmd.project_id)
    entry_id = f"{cmd.source}:{cmd.reference}"
    income = Transfer(f"revenue:{entry_id}", accounts.clearing(cmd.source, cmd.amount.currency),
                      accounts.revenue(cmd.project_id), cmd.amount, "film_revenue", user_data={"source": cmd.source})
    [result] = await services.ledger.submit([income])
    if result.status == REFUSED:
        raise ledger_refused(result.code)
    entry = {"entry_id": entry_id, "project_id": cmd.project_id, "amount_minor": cmd.amount.amount_minor,
             "currency": cmd.amount.currency, "posted_at": services.clock.now().isoformat()}
    book = await _append(services, cmd.project_id, "revenue", entry, "entry_id", terms)
    made = next(d for d in distributions(terms, book["contributions"], book["revenue"])
                if d["revenue_entry_id"] == entry_id)
    payouts = [Transfer(a["transfer_id"], a["debit"], a["credit"], Money(a["total_minor"], terms["currency"]),
                        "investor_distribution", user_data={"revenue_entry_id": entry_id}) for a in made["allocations"]]
    refused = batch_refused(await services.ledger.submit(payouts))
    if refused:
        raise refused
    return Result(ref=entry_id)


async def _terms(services: Services, project_id: str) -> dict:
    terms = await services.store.get(scopes.office_db(project_id), TERMS_ID)
    if terms is None:
        raise Rejected("Set the investment terms (premium and profit shares) first.")
    return terms


async def _append(services: Services, project_id: str, kind: str, entry: dict, key: str, terms: dict) -> dict:
    """Add the entry to the book once, then refresh every investor's dashboard figures."""
    office = scopes.office_db(project_id)
    await services.store.create(office, {"_id": BOOK_ID, "type": "investment_book", "contributions": [],
                                         "revenue": []})

    def add(book: dict) -> dict | None:
        if any(item[key] == entry[key] for item in book[kind]):
            return None
        return {**book, kind: [*book[kind], entry]}

    book = await services.store.update(office, BOOK_ID, add)
    figures = dashboard_figures(terms, book["contributions"], book["revenue"])
    for row in figures["investors"]:
        mine = {**for_investor(figures, row["person_id"]), "type": "investment_view", "project_id": project_id}
        doc_id, db = f"investment:{project_id}", scopes.user_db(row["person_id"])
        await services.store.create(db, {"_id": doc_id, **mine})
        await services.store.update(db, doc_id, lambda doc, mine=mine: None if all(
            doc.get(k) == v for k, v in mine.items()) else {**doc, **mine})
    await refresh_investor_statements(services, project_id)
    return book
