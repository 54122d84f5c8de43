"""Numbered paper for money: an invoice to the producer for every deposit paid into escrow, a
receipt to the crew member for every release and one for the platform fee it paid, each in the
person's own database (and the office's), from which GET /receipts/{number}.pdf prints it.

Numbers come from one counter in `ops` ("NC-RCT-2026-000123"). "receipt_for:<release key>"
records which number went to which release, so a retried event reissues the same receipt and a
number is never used twice or skipped (core.invoices.numbering)."""
from core import scopes
from core.bus import Services
from core.escrow_dispute_commands import EscrowCancelled, EscrowDisputeResolved
from core.events import EscrowFunded, EscrowReleased
from core.handlers.escrow import PLATFORM_FEE_BPS, deposit_doc_id
from core.handlers.people import person_card
from core.ids import new_id
from core.invoices.documents import deposit_invoice, fee_receipt, release_receipt
from core.invoices.numbering import FEE_SERIES, INVOICE_SERIES, RECEIPT_SERIES, next_number, numbering_year
from core.invoices.parties import party
from core.ledger.fees import split_release
from core.money import Money
from core.ports import OutboundMessage

COUNTER_ID = "invoice_counter"
MARKERS = {RECEIPT_SERIES: "receipt", INVOICE_SERIES: "invoice", FEE_SERIES: "fee"}
ISSUER = "NollyCrew escrow"


async def _file(services: Services, person_id: str, document: dict, dbs: list[str]) -> None:
    """Store the document in each database, index it for its download link, and send the person
    the link: a key of its own, so the link opens the PDF on a phone without signing in."""
    for db in dbs:
        await services.store.create(db, document)
    paper = await services.store.create(scopes.OPS, {
        "_id": f"paper:{document['number']}", "type": "paper_link", "person_id": person_id,
        "doc_id": document["_id"], "key": new_id(),
    })
    total = Money.from_doc(document["total"])
    await services.outbox.queue(OutboundMessage(
        message_id=f"paper.{document['number']}", person_id=person_id, template="paper_ready",
        params={"title": document["title"], "number": document["number"], "total": str(total), "key": paper["key"]},
    ))


async def issue_deposit_invoice(event: EscrowFunded, services: Services) -> None:
    now = services.clock.now().isoformat()
    number = await _number_for(services, INVOICE_SERIES, event.reference, numbering_year(now))
    deposit = await services.store.get(scopes.office_db(event.project_id), deposit_doc_id(event.escrow_id or event.booking_id))
    producer, payee = await person_card(services, deposit["producer_id"]), await person_card(services, event.person_id)
    amount = Money.from_doc(deposit["amount"])
    invoice = deposit_invoice(
        number, now, party(ISSUER), party(producer["name"], person_id=deposit["producer_id"]),
        {"project": deposit["project_title"], "role": deposit["role"], "booking": event.booking_id,
         "gateway_reference": event.reference, "status": "paid"},
        [(f"Pay for {payee['name']} as {deposit['role']}, held in escrow", amount)], amount,
    )
    await _file(services, deposit["producer_id"], invoice,
                [scopes.user_db(deposit["producer_id"]), scopes.office_db(event.project_id)])


async def issue_release_receipt(event: EscrowReleased | EscrowDisputeResolved | EscrowCancelled,
                                services: Services) -> None:
    """For a release, and for the crew member's part of a dispute ruling or a cancellation."""
    if not event.gross_minor:
        return  # a refund in full: nothing reached the crew member, so there is nothing to receipt
    now = services.clock.now().isoformat()
    number = await _number_for(services, RECEIPT_SERIES, event.release_key, numbering_year(now))
    deposit = await services.store.get(scopes.office_db(event.project_id), deposit_doc_id(event.escrow_id or event.booking_id))
    producer, payee = await person_card(services, deposit["producer_id"]), await person_card(services, event.person_id)
    withholding_bps = deposit.get("withholding_bps", 0)
    split = split_release(event.gross_minor, PLATFORM_FEE_BPS, withholding_bps)

    def money(minor: int) -> Money:
        return Money(minor, event.currency)

    receipt = release_receipt(
        number, now, party(f"{ISSUER}, for {producer['name']}"), party(payee["name"], person_id=event.person_id),
        {"project": deposit["project_title"], "role": deposit["role"], "booking": event.booking_id,
         "release": event.release_key},
        gross=money(split.gross_minor), platform_fee=money(split.fee_minor), vat=money(split.vat_minor),
        withholding_tax=money(split.withholding_minor), net=money(split.net_minor),
        withholding_rate_bp=withholding_bps or None,
    )
    await _file(services, event.person_id, receipt, [scopes.user_db(event.person_id), scopes.office_db(event.project_id)])
    if split.fee_minor:
        await _issue_fee_receipt(services, event, deposit, payee, money(split.fee_minor), money(split.vat_minor), now)


async def _issue_fee_receipt(services: Services, event: EscrowReleased | EscrowDisputeResolved | EscrowCancelled, deposit: dict, payee: dict, fee: Money,
                             vat: Money, now: str) -> None:
    """NollyCrew's own receipt for its fee and the VAT on it, to the crew member who paid it."""
    number = await _number_for(services, FEE_SERIES, event.release_key, numbering_year(now))
    receipt = fee_receipt(
        number, now, party("NollyCrew"), party(payee["name"], person_id=event.person_id),
        {"project": deposit["project_title"], "booking": event.booking_id, "release": event.release_key},
        platform_fee=fee, vat=vat, total=Money(fee.amount_minor + vat.amount_minor, fee.currency),
    )
    await _file(services, event.person_id, receipt, [scopes.user_db(event.person_id)])


async def _number_for(services: Services, series: str, issued_for: str, year: int) -> str:
    marker = f"{MARKERS[series]}_for:{issued_for}"
    issued = await services.store.get(scopes.OPS, marker)
    if issued is not None:
        return issued["number"]
    await services.store.create(scopes.OPS, {"_id": COUNTER_ID, "type": "invoice_counter", "runs": {}})
    taken = {}

    def take(counter: dict) -> dict | None:
        taken["number"], after = next_number(counter, series, year, issued_for=issued_for)
        return None if after == counter else after

    await services.store.update(scopes.OPS, COUNTER_ID, take)
    issued = await services.store.create(scopes.OPS, {"_id": marker, "type": "number_issued", "number": taken["number"]})
    return issued["number"]
