"""A booking's pay through escrow, on the real bus and the real pure ledger: deposit, the
gateway's confirmed payment held for the crew member, releases in parts, each once."""
import pytest

from core import scopes
from core.errors import Rejected
from core.escrow_commands import ConfirmPayment, RecordCheckout, ReleaseEscrow, RequestDeposit
from core.handlers.escrow import payment_reference
from core.ledger import accounts
from core.money import Money
from tests.unit.production import open_production
from tests.unit.shoot_fakes import make_office_bus

PAY = Money(45_000_000, "NGN")  # ₦450,000 for the shoot


@pytest.fixture
async def production():
    return await open_production(make_office_bus())


@pytest.fixture
async def booking_id(production) -> str:
    return await production.book(production.chidi_id)


async def deposit(production, booking_id, amount: Money = PAY, by: str | None = None) -> str:
    return await production.bus.handle(RequestDeposit("escrow_deposit_request:1", production.project_id,
                                                      by or production.producer_id, booking_id, amount, "paystack"))


async def paid(production, booking_id, amount: Money = PAY) -> None:
    await production.bus.handle(ConfirmPayment("paystack", payment_reference(booking_id), amount, "4099260516"))


async def release(production, booking_id, amount_minor: int, intent_id: str = "escrow_release_request:1") -> None:
    await production.bus.handle(ReleaseEscrow(intent_id, production.project_id, production.producer_id,
                                              booking_id, amount_minor))


async def ledger_balance(production, account: str) -> int:
    return (await production.bus.services.ledger.balance(account, "NGN")).posted


async def test_a_deposit_request_waits_for_payment_and_asks_for_a_checkout(production, booking_id):
    ref = await deposit(production, booking_id)

    doc = await production.bus.services.store.get(production.office, ref)
    assert (doc["status"], doc["amount"], doc["person_id"]) == ("awaiting_payment", PAY.to_doc(), production.chidi_id)
    assert production.bus.services.payment_jobs.checkouts == [(production.project_id, booking_id)]
    await production.bus.handle(RecordCheckout(production.project_id, booking_id, "https://checkout.paystack.com/x"))
    assert (await production.bus.services.store.get(production.office, ref))["status"] == "checkout_ready"


async def test_only_those_who_approve_payments_can_ask_for_a_deposit(production, booking_id):
    with pytest.raises(Rejected, match="does not let you put pay in escrow"):
        await deposit(production, booking_id, by=production.chidi_id)


async def test_a_confirmed_payment_is_held_for_the_crew_member_once(production, booking_id):
    await deposit(production, booking_id)

    await paid(production, booking_id)
    await paid(production, booking_id)  # the webhook again

    hold = await production.bus.services.ledger.hold(f"hold-{payment_reference(booking_id)}")
    assert hold.remaining_minor == PAY.amount_minor
    assert await ledger_balance(production, accounts.wallet(production.producer_id)) == PAY.amount_minor
    mine = await production.bus.services.store.get(scopes.user_db(production.chidi_id), f"escrow:{booking_id}")
    assert mine["status"] == "held"
    assert len(production.bus.services.outbox.with_template("escrow_funded")) == 1


async def test_a_payment_of_another_amount_is_not_credited(production, booking_id):
    await deposit(production, booking_id)

    with pytest.raises(Rejected, match="left for reconciliation"):
        await paid(production, booking_id, Money(4_500_000, "NGN"))

    assert await ledger_balance(production, accounts.wallet(production.producer_id)) == 0


async def test_releases_in_parts_pay_the_crew_member_less_fee_and_vat_each_once(production, booking_id):
    await deposit(production, booking_id)
    await paid(production, booking_id)

    await release(production, booking_id, 15_000_000)
    await release(production, booking_id, 15_000_000)  # a retry of the same intent
    await release(production, booking_id, 30_000_000, "escrow_release_request:2")

    fee, vat = 2_250_000, 168_750  # 5 % of ₦450,000 and 7.5 % VAT on it
    assert await ledger_balance(production, accounts.payee(production.chidi_id)) == PAY.amount_minor - fee - vat
    doc = await production.bus.services.store.get(production.office, f"escrow_deposit:{booking_id}")
    assert (doc["released_minor"], doc["status"]) == (PAY.amount_minor, "released")
    assert len(production.bus.services.outbox.with_template("escrow_released")) == 2


async def test_releasing_more_than_is_held_is_refused_with_the_reason(production, booking_id):
    await deposit(production, booking_id)
    await paid(production, booking_id)

    with pytest.raises(Rejected, match="more than is left held for this payment; nothing was released"):
        await release(production, booking_id, PAY.amount_minor + 1)
    assert await ledger_balance(production, accounts.payee(production.chidi_id)) == 0


async def test_nothing_can_be_released_before_the_payment_arrives(production, booking_id):
    await deposit(production, booking_id)

    with pytest.raises(Rejected, match="Nothing is held"):
        await release(production, booking_id, 1_000_000)


async def test_each_release_gets_one_numbered_receipt_with_its_tax_lines(production, booking_id):
    await deposit(production, booking_id)
    await paid(production, booking_id)

    await release(production, booking_id, 15_000_000)
    await release(production, booking_id, 15_000_000)  # a retry of the same intent
    await release(production, booking_id, 30_000_000, "escrow_release_request:2")

    receipts = production.bus.services.store.docs(scopes.user_db(production.chidi_id), "receipt:NC-RCT")
    assert [r["number"] for r in receipts] == ["NC-RCT-2026-000001", "NC-RCT-2026-000002"]
    fees = production.bus.services.store.docs(scopes.user_db(production.chidi_id), "receipt:NC-FEE")
    assert [(r["number"], r["total"]["amount_minor"]) for r in fees] == [
        ("NC-FEE-2026-000001", 750_000 + 56_250), ("NC-FEE-2026-000002", 1_500_000 + 112_500)]
    first = receipts[0]
    assert [line["amount_minor"] for line in first["lines"]] == [15_000_000, -750_000, -56_250, 0]
    assert first["total"]["amount_minor"] == 15_000_000 - 750_000 - 56_250
    sent = production.bus.services.outbox.with_template("paper_ready")
    assert sorted(m.params["number"] for m in sent if m.person_id == production.chidi_id) == [
        "NC-FEE-2026-000001", "NC-FEE-2026-000002", "NC-RCT-2026-000001", "NC-RCT-2026-000002"]
    office_copies = production.bus.services.store.docs(production.office, "receipt:")
    assert [r["number"] for r in office_copies] == ["NC-RCT-2026-000001", "NC-RCT-2026-000002"]


async def test_a_release_cut_short_after_the_ledger_is_recorded_and_told_when_retried(production, booking_id):
    from core.handlers.escrow import PLATFORM_FEE_BPS
    from core.ids import derived_id
    from core.ledger.escrow import release as release_batch

    await deposit(production, booking_id)
    await paid(production, booking_id)
    ledger = production.bus.services.ledger
    hold = await ledger.hold(f"hold-{payment_reference(booking_id)}")
    key = "release-" + derived_id("escrow_release_request:1")
    await ledger.submit(release_batch(hold, 15_000_000, key, PLATFORM_FEE_BPS))  # the core died right after this

    await release(production, booking_id, 15_000_000)  # the intent, processed again

    doc = await production.bus.services.store.get(production.office, f"escrow_deposit:{booking_id}")
    assert doc["released_minor"] == 15_000_000
    assert len(production.bus.services.outbox.with_template("escrow_released")) == 1
    assert await ledger_balance(production, accounts.payee(production.chidi_id)) == 15_000_000 - 750_000 - 56_250


async def test_a_paid_deposit_gives_the_producer_one_numbered_invoice(production, booking_id):
    await deposit(production, booking_id)

    await paid(production, booking_id)
    await paid(production, booking_id)  # the webhook again

    [invoice] = production.bus.services.store.docs(scopes.user_db(production.producer_id), "invoice:")
    assert (invoice["number"], invoice["total"]) == ("NC-INV-2026-000001", PAY.to_doc())
    assert invoice["reference"]["gateway_reference"] == payment_reference(booking_id)


async def test_the_checkout_link_is_sent_to_the_producer(production, booking_id):
    await deposit(production, booking_id)

    await production.bus.handle(RecordCheckout(production.project_id, booking_id, "https://checkout.paystack.com/x"))

    [sent] = production.bus.services.outbox.with_template("deposit_checkout")
    assert (sent.person_id, sent.params["url"], sent.params["amount"]) == (
        production.producer_id, "https://checkout.paystack.com/x", "₦450,000")


async def test_a_company_producer_withholds_tax_from_each_release_and_the_receipt_shows_it(production, booking_id):
    await production.bus.handle(RequestDeposit("escrow_deposit_request:1", production.project_id,
                                               production.producer_id, booking_id, PAY, "paystack", 500))
    await paid(production, booking_id)

    await release(production, booking_id, 10_000_000)

    fee, vat, wht = 500_000, 37_500, 500_000  # 5 % fee, 7.5 % VAT on it, 5 % WHT on the gross
    assert await ledger_balance(production, accounts.payee(production.chidi_id)) == 10_000_000 - fee - vat - wht
    assert await ledger_balance(production, accounts.WHT_PAYABLE) == wht
    [receipt] = production.bus.services.store.docs(scopes.user_db(production.chidi_id), "receipt:NC-RCT")
    assert receipt["lines"][3]["amount_minor"] == -wht and "5%" in receipt["lines"][3]["label"]
