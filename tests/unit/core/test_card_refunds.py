"""A deposit's refunded part goes back to the producer's card: reserved in the wallet while the
gateway works, posted on its success, back in the wallet on its failure; each once."""
from datetime import datetime, time, timedelta

import pytest

from core.errors import Rejected
from core.escrow_commands import ConfirmPayment, RequestDeposit
from core.escrow_dispute_commands import CancelBookingEscrow
from core.handlers.card_refunds import card_refund_reference
from core.handlers.escrow import payment_reference
from core.ledger import accounts
from core.money import Money
from core.payments import FAILED, PENDING, SUCCESS
from core.ledger.transfers import Transfer
from core.refund_commands import RecordCardRefund, RefundToCard
from tests.unit.escrow_dispute_fakes import make_dispute_bus
from tests.unit.fakes import LAGOS
from tests.unit.production import FIRST_DAY, open_production

PAY = Money(45_000_000, "NGN")
HALF = Money(22_500_000, "NGN")  # cancelled ten days ahead: half comes back


class Refunds:
    def __init__(self, production, booking_id: str):
        self.p, self.booking_id = production, booking_id
        self.bus, self.services = production.bus, production.bus.services
        self.reference = card_refund_reference(booking_id)

    async def ask(self, intent: str = "escrow_refund_to_card:1", by: str | None = None):
        return await self.bus.handle(RefundToCard(intent, self.p.project_id, by or self.p.producer_id,
                                                  self.booking_id))

    async def answer(self, status: str, amount: Money = HALF):
        return await self.bus.handle(RecordCardRefund(self.p.project_id, self.reference, status, amount, "rf_991"))

    async def wallet(self):
        return await self.services.ledger.balance(accounts.wallet(self.p.producer_id), "NGN")

    async def doc(self) -> dict:
        return await self.services.store.get(self.p.office, f"card_refund:{self.reference}")


async def booked_and_paid():
    production = await open_production(make_dispute_bus())
    booking_id = await production.book(production.chidi_id)
    await production.confirm(production.chidi_id, booking_id)
    await production.bus.handle(RequestDeposit("escrow_deposit_request:1", production.project_id,
                                               production.producer_id, booking_id, PAY, "paystack"))
    await production.bus.handle(ConfirmPayment("paystack", payment_reference(booking_id), PAY, "4099260516"))
    return Refunds(production, booking_id)


@pytest.fixture
async def refunds() -> Refunds:
    refunds = await booked_and_paid()
    refunds.services.clock.at = datetime.combine(FIRST_DAY - timedelta(days=10), time(10), LAGOS)
    await refunds.bus.handle(CancelBookingEscrow("escrow_cancellation:1", refunds.p.project_id,
                                                 refunds.p.producer_id, refunds.booking_id))
    return refunds


async def test_asking_reserves_the_refund_in_the_wallet_and_asks_the_worker_once(refunds):
    await refunds.ask()
    await refunds.ask()  # the intent again

    wallet = await refunds.wallet()
    assert (wallet.posted, wallet.available) == (HALF.amount_minor, 0)
    assert refunds.services.payment_jobs.card_refunds == [(refunds.p.project_id, refunds.reference)] * 2
    doc = await refunds.doc()
    assert (doc["status"], doc["amount"], doc["payment_reference"]) == (
        "sending", HALF.to_doc(), payment_reference(refunds.booking_id))


async def test_the_gateways_success_takes_the_money_out_of_the_wallet_once(refunds):
    await refunds.ask()

    await refunds.answer(PENDING)
    assert (await refunds.doc())["status"] == "sending"
    await refunds.answer(SUCCESS)
    await refunds.answer(SUCCESS)  # the check again

    assert (await refunds.wallet()).posted == 0
    assert (await refunds.doc())["status"] == "refunded"
    assert len(refunds.services.outbox.with_template("card_refund_done")) == 1


async def test_a_failed_refund_leaves_the_money_in_the_wallet(refunds):
    await refunds.ask()

    await refunds.answer(FAILED)

    wallet = await refunds.wallet()
    assert (wallet.posted, wallet.available) == (HALF.amount_minor, HALF.amount_minor)
    assert (await refunds.doc())["status"] == "failed"
    assert len(refunds.services.outbox.with_template("card_refund_failed")) == 1


async def test_a_gateway_answer_for_another_amount_moves_nothing(refunds):
    await refunds.ask()

    with pytest.raises(Rejected, match="left for reconciliation"):
        await refunds.answer(SUCCESS, Money(1_000, "NGN"))
    assert (await refunds.wallet()).posted == HALF.amount_minor


async def test_a_second_request_for_the_same_deposit_is_refused(refunds):
    await refunds.ask()

    with pytest.raises(Rejected, match="already sent back to the card"):
        await refunds.ask("escrow_refund_to_card:2")


async def test_nothing_refunded_means_nothing_to_send_back():
    refunds = await booked_and_paid()

    with pytest.raises(Rejected, match="Nothing was refunded on this deposit"):
        await refunds.ask()


async def test_only_those_who_approve_payments_can_refund_to_a_card(refunds):
    with pytest.raises(Rejected, match="does not let you refund to a card"):
        await refunds.ask(by=refunds.p.chidi_id)


async def test_a_refund_already_spent_from_the_wallet_cannot_go_back_to_the_card(refunds):
    # The producer's refunded money paid something else first (here: moved out in the ledger).
    spent = Transfer("spent-elsewhere", accounts.wallet(refunds.p.producer_id), accounts.clearing("paystack", "NGN"),
                     Money(HALF.amount_minor - 100, "NGN"), "test_spend")
    await refunds.services.ledger.submit([spent])

    with pytest.raises(Rejected, match="no longer all in the wallet"):
        await refunds.ask()
    assert refunds.services.payment_jobs.card_refunds == [] and await refunds.doc() is None


async def test_an_answer_for_a_refund_never_asked_for_is_refused(refunds):
    with pytest.raises(Rejected, match="No card refund has the reference"):
        await refunds.answer(SUCCESS)
    assert (await refunds.wallet()).posted == HALF.amount_minor
