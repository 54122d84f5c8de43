"""Payouts to crew members on the real bus and the real pure ledger: only to verified people, only
to an account the bank confirmed in their name, never above what is theirs, each once, and money
back when the gateway fails or reverses the transfer."""
import pytest

from core import scopes
from core.errors import Rejected
from core.escrow_commands import ConfirmPayment, ReleaseEscrow, RequestDeposit
from core.handlers.escrow import payment_reference
from core.handlers.payouts import NOT_VERIFIED, payout_reference
from core.ledger import accounts
from core.money import Money
from core.payments import FAILED, PENDING, SUCCESS
from core.payout_commands import RecordPayout, RecordPayoutAccount, RequestPayout, SetPayoutAccount
from tests.unit.payout_fakes import make_payout_bus
from tests.unit.production import open_production

PAY = Money(45_000_000, "NGN")
ACCOUNT_INTENT = "payout_account_update:1"


@pytest.fixture
async def production():
    production = await open_production(make_payout_bus())
    booking_id = await production.book(production.chidi_id)
    bus = production.bus
    await bus.handle(RequestDeposit("escrow_deposit_request:1", production.project_id, production.producer_id,
                                    booking_id, PAY, "paystack"))
    await bus.handle(ConfirmPayment("paystack", payment_reference(booking_id), PAY, "4099260516"))
    await bus.handle(ReleaseEscrow("escrow_release_request:1", production.project_id, production.producer_id,
                                   booking_id, PAY.amount_minor))
    return production


async def verify(production, person_id: str) -> None:
    await production.bus.services.store.update(scopes.DIRECTORY, f"person:{person_id}",
                                               lambda card: {**card, "verified": True})


async def name_account(production, person_id: str, bank_name: str = "OKAFOR CHIDI EMEKA") -> None:
    await production.bus.handle(SetPayoutAccount(ACCOUNT_INTENT, person_id, "paystack", "057", "0123456789"))
    await production.bus.handle(RecordPayoutAccount(person_id, ACCOUNT_INTENT, bank_name, "RCP_chidi"))


async def ask(production, amount: Money, intent_id: str = "payout_request:1") -> str:
    return await production.bus.handle(RequestPayout(intent_id, production.chidi_id, amount))


async def available(production, account: str) -> int:
    return (await production.bus.services.ledger.balance(account, "NGN")).available


async def posted(production, account: str) -> int:
    return (await production.bus.services.ledger.balance(account, "NGN")).posted


@pytest.fixture
async def ready(production):
    await verify(production, production.chidi_id)
    await name_account(production, production.chidi_id)
    return production


async def test_an_unverified_payee_can_neither_name_an_account_nor_be_paid(production):
    with pytest.raises(Rejected, match=NOT_VERIFIED):
        await production.bus.handle(SetPayoutAccount(ACCOUNT_INTENT, production.chidi_id, "paystack", "057",
                                                     "0123456789"))
    with pytest.raises(Rejected, match=NOT_VERIFIED):
        await ask(production, Money(1_000_000, "NGN"))
    assert production.bus.services.payment_jobs.accounts == []


async def test_a_named_account_goes_to_the_worker_and_is_ready_once_the_bank_confirms_it(production):
    await verify(production, production.chidi_id)
    await production.bus.handle(SetPayoutAccount(ACCOUNT_INTENT, production.chidi_id, "paystack", "057", "0123456789"))
    await production.bus.handle(SetPayoutAccount(ACCOUNT_INTENT, production.chidi_id, "paystack", "057", "0123456789"))

    # a retry asks again with the same ids, which the queue makes one job
    assert set(production.bus.services.payment_jobs.accounts) == {(production.chidi_id, ACCOUNT_INTENT)}
    await production.bus.handle(RecordPayoutAccount(production.chidi_id, ACCOUNT_INTENT, "OKAFOR CHIDI", "RCP_1"))
    doc = await production.bus.services.store.get(scopes.user_db(production.chidi_id), "payout_account")
    assert (doc["status"], doc["recipient_code"]) == ("ready", "RCP_1")
    assert len(production.bus.services.outbox.with_template("payout_account_ready")) == 1


async def test_an_account_in_someone_elses_name_cannot_be_paid(production):
    await verify(production, production.chidi_id)
    await name_account(production, production.chidi_id, bank_name="BELLO AISHA")

    doc = await production.bus.services.store.get(scopes.user_db(production.chidi_id), "payout_account")
    assert doc["status"] == "name_mismatch" and "BELLO AISHA" in doc["reason"]
    with pytest.raises(Rejected, match="bank account we could confirm"):
        await ask(production, Money(1_000_000, "NGN"))


@pytest.mark.parametrize("bank_code, number, words", [
    ("057", "01234", "ten digits"), ("Zenith", "0123456789", "bank code"),
])
async def test_a_malformed_account_is_refused_in_words(production, bank_code, number, words):
    await verify(production, production.chidi_id)
    with pytest.raises(Rejected, match=words):
        await production.bus.handle(SetPayoutAccount(ACCOUNT_INTENT, production.chidi_id, "paystack", bank_code,
                                                     number))


async def test_a_payout_above_the_balance_is_refused_and_nothing_is_reserved(ready):
    payee = accounts.payee(ready.chidi_id)
    have = await available(ready, payee)

    with pytest.raises(Rejected, match="available to pay out"):
        await ask(ready, Money(have + 1, "NGN"))

    assert await available(ready, payee) == have
    assert ready.bus.services.payment_jobs.payouts == []
    assert ready.bus.services.store.docs(scopes.OPS, "payout_ref:") == []


@pytest.mark.parametrize("amount, words", [(Money(0, "NGN"), "more than nothing"),
                                           (Money(1_000_000, "USD"), "takes NGN")])
async def test_a_payout_of_nothing_or_in_another_currency_is_refused(ready, amount, words):
    with pytest.raises(Rejected, match=words):
        await ask(ready, amount)


async def test_a_payout_without_a_confirmed_account_is_refused(production):
    await verify(production, production.chidi_id)
    with pytest.raises(Rejected, match="bank account we could confirm"):
        await ask(production, Money(1_000_000, "NGN"))


async def test_two_requests_together_above_the_balance_pay_only_the_first(ready):
    payee = accounts.payee(ready.chidi_id)
    have = await available(ready, payee)

    await ask(ready, Money(have - 100, "NGN"), "payout_request:1")
    with pytest.raises(Rejected, match="available to pay out"):
        await ask(ready, Money(200, "NGN"), "payout_request:2")

    assert len(ready.bus.services.payment_jobs.payouts) == 1
    assert await available(ready, payee) == 100


async def test_a_retried_payout_pays_once(ready):
    payee, clearing = accounts.payee(ready.chidi_id), accounts.clearing("paystack", "NGN")
    before, amount = await posted(ready, payee), Money(10_000_000, "NGN")
    reference = payout_reference(ready.chidi_id, "payout_request:1")

    first, again = await ask(ready, amount), await ask(ready, amount)
    for status in (PENDING, SUCCESS, SUCCESS):  # the gateway's answer, then its webhook twice
        await ready.bus.handle(RecordPayout(ready.chidi_id, reference, status, amount, "TRF_1"))

    assert first == again == f"payout:{reference}"
    assert [ref for _, ref in ready.bus.services.payment_jobs.payouts] == [reference, reference]  # one job id
    assert await posted(ready, payee) == before - amount.amount_minor
    assert await posted(ready, clearing) == -PAY.amount_minor + amount.amount_minor
    doc = await ready.bus.services.store.get(scopes.user_db(ready.chidi_id), first)
    assert (doc["status"], doc["gateway_id"]) == ("paid", "TRF_1")
    assert len(ready.bus.services.outbox.with_template("payout_paid")) == 1
    index = await ready.bus.services.store.get(scopes.OPS, f"payout_ref:{reference}")  # for the webhooks
    assert index["person_id"] == ready.chidi_id


async def test_a_failed_payout_gives_the_money_back(ready):
    payee, amount = accounts.payee(ready.chidi_id), Money(10_000_000, "NGN")
    have = await available(ready, payee)
    reference = payout_reference(ready.chidi_id, "payout_request:1")

    await ask(ready, amount)
    assert await available(ready, payee) == have - amount.amount_minor
    await ready.bus.handle(RecordPayout(ready.chidi_id, reference, FAILED, amount, reason="Account dormant"))

    assert await available(ready, payee) == have
    doc = await ready.bus.services.store.get(scopes.user_db(ready.chidi_id), f"payout:{reference}")
    assert (doc["status"], doc["reason"]) == ("failed", "Account dormant")
    assert len(ready.bus.services.outbox.with_template("payout_failed")) == 1


async def test_a_payout_reversed_after_success_comes_back_by_a_new_transfer(ready):
    payee, amount = accounts.payee(ready.chidi_id), Money(10_000_000, "NGN")
    have = await posted(ready, payee)
    reference = payout_reference(ready.chidi_id, "payout_request:1")
    await ask(ready, amount)

    await ready.bus.handle(RecordPayout(ready.chidi_id, reference, SUCCESS, amount))
    await ready.bus.handle(RecordPayout(ready.chidi_id, reference, FAILED, amount, reason="reversed"))
    await ready.bus.handle(RecordPayout(ready.chidi_id, reference, FAILED, amount, reason="reversed"))

    assert await posted(ready, payee) == have
    assert f"{reference}/reversed" in ready.bus.services.ledger.state.fingerprints
    doc = await ready.bus.services.store.get(scopes.user_db(ready.chidi_id), f"payout:{reference}")
    assert doc["status"] == "reversed"


async def test_a_gateway_amount_that_differs_moves_nothing(ready):
    payee, amount = accounts.payee(ready.chidi_id), Money(10_000_000, "NGN")
    await ask(ready, amount)
    reserved = await available(ready, payee)

    with pytest.raises(Rejected, match="left for reconciliation"):
        await ready.bus.handle(RecordPayout(ready.chidi_id, payout_reference(ready.chidi_id, "payout_request:1"),
                                            SUCCESS, Money(1_000_000, "NGN")))
    assert await available(ready, payee) == reserved
