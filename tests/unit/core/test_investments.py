"""A project's investors on the real bus and the real pure ledger: terms, contributions from
verified investors only, revenue paid out down the waterfall at once, each investor's own
figures in their own database, nothing paid twice."""
import pytest

from core import scopes
from core.commands import RegisterPerson
from core.errors import Rejected
from core.escrow_commands import ConfirmPayment
from core.investment_commands import (
    PledgeContribution, RecordContribution, RecordPledgeCheckout, RecordRevenue, SetInvestmentTerms,
)
from core.ledger import accounts
from core.money import Money
from tests.unit.production import open_production
from tests.unit.shoot_fakes import make_office_bus

NAIRA = 100


@pytest.fixture
async def production():
    return await open_production(make_office_bus())


async def investor(production, phone: str, name: str, verified: bool = True) -> str:
    person_id = await production.bus.handle(RegisterPerson(phone, name, ("investor",), ""))
    store = production.bus.services.store
    await store.update(scopes.DIRECTORY, f"person:{person_id}", lambda card: {**card, "verified": verified})
    return person_id


async def terms(production, shares: dict, premium_bp: int = 2000) -> None:
    await production.bus.handle(SetInvestmentTerms("investment_terms_update:1", production.project_id,
                                                   production.producer_id,
                                                   {"premium_bp": premium_bp, "profit_shares_bp": shares}))


async def contribute(production, investor_id: str, naira: int, reference: str) -> None:
    await production.bus.handle(RecordContribution(f"investor_contribution_record:{reference}", production.project_id,
                                                   production.producer_id, investor_id,
                                                   Money(naira * NAIRA, "NGN"), "bank", reference))


async def revenue(production, naira: int, reference: str) -> None:
    await production.bus.handle(RecordRevenue(f"revenue_record:{reference}", production.project_id,
                                              production.producer_id, Money(naira * NAIRA, "NGN"), "cinema",
                                              reference))


async def posted(production, account: str) -> int:
    return (await production.bus.services.ledger.balance(account, "NGN")).posted


async def test_investors_recoup_with_premium_first_then_share_the_profit(production):
    ada = await investor(production, "+2348031110001", "Ada Investor")
    await terms(production, {ada: 4000, production.producer_id: 6000})
    await contribute(production, ada, 1_000_000, "GTB-1")
    assert await posted(production, accounts.wallet(production.producer_id)) == 1_000_000 * NAIRA

    await revenue(production, 1_000_000, "cinema-1")  # less than ₦1.2m owed: all to Ada
    assert await posted(production, accounts.investor(ada)) == 1_000_000 * NAIRA
    await revenue(production, 700_000, "cinema-2")  # ₦200k finishes recoupment, ₦500k is profit

    assert await posted(production, accounts.investor(ada)) == (1_200_000 + 200_000) * NAIRA
    assert await posted(production, accounts.wallet(production.producer_id)) == (1_000_000 + 300_000) * NAIRA
    assert await posted(production, accounts.revenue(production.project_id)) == 0  # every kobo paid out
    mine = await production.bus.services.store.get(scopes.user_db(ada), f"investment:{production.project_id}")
    assert mine["investor"]["received_minor"] == 1_400_000 * NAIRA and "producer" not in mine


async def test_the_same_revenue_recorded_again_pays_nothing_more(production):
    ada = await investor(production, "+2348031110001", "Ada Investor")
    await terms(production, {ada: 4000, production.producer_id: 6000})
    await contribute(production, ada, 1_000_000, "GTB-1")

    await revenue(production, 500_000, "cinema-1")
    await revenue(production, 500_000, "cinema-1")

    assert await posted(production, accounts.investor(ada)) == 500_000 * NAIRA


async def test_money_from_an_unverified_investor_is_refused(production):
    bayo = await investor(production, "+2348031110002", "Bayo Investor", verified=False)
    await terms(production, {bayo: 4000, production.producer_id: 6000})

    with pytest.raises(Rejected, match="verified investor"):
        await contribute(production, bayo, 500_000, "GTB-2")
    assert await posted(production, accounts.wallet(production.producer_id)) == 0


async def test_terms_cannot_change_once_revenue_was_paid_out(production):
    ada = await investor(production, "+2348031110001", "Ada Investor")
    await terms(production, {ada: 4000, production.producer_id: 6000})
    await contribute(production, ada, 1_000_000, "GTB-1")
    await revenue(production, 100_000, "cinema-1")

    with pytest.raises(Rejected, match="can no longer change"):
        await production.bus.handle(SetInvestmentTerms("investment_terms_update:2", production.project_id,
                                                       production.producer_id,
                                                       {"premium_bp": 0, "profit_shares_bp": {ada: 9000,
                                                                                              production.producer_id: 1000}}))


async def test_crew_cannot_record_revenue(production):
    with pytest.raises(Rejected, match="does not let you record revenue"):
        await production.bus.handle(RecordRevenue("revenue_record:x", production.project_id, production.chidi_id,
                                                  Money(100, "NGN"), "cinema", "x"))


async def pledge(production, investor_id: str, naira: int, intent: str = "investment_pledge:1") -> str:
    return await production.bus.handle(PledgeContribution(intent, investor_id, production.project_id,
                                                          Money(naira * NAIRA, "NGN"), "paystack"))


async def test_an_investors_own_payment_counts_once_the_gateway_confirms_it(production):
    ada = await investor(production, "+2348031110001", "Ada Investor")
    await terms(production, {ada: 4000, production.producer_id: 6000})
    ref = await pledge(production, ada, 2_000_000)
    [(asked_for, reference)] = production.bus.services.payment_jobs.pledges
    assert asked_for == ada and ref == f"pledge:{reference}"
    await production.bus.handle(RecordPledgeCheckout(ada, reference, "https://checkout.paystack.com/iv"))
    assert len(production.bus.services.outbox.with_template("pledge_checkout")) == 1
    assert await posted(production, accounts.wallet(production.producer_id)) == 0  # not before it is paid

    paid = ConfirmPayment("paystack", reference, Money(2_000_000 * NAIRA, "NGN"), "4099260599")
    await production.bus.handle(paid)
    await production.bus.handle(paid)  # the webhook again

    assert await posted(production, accounts.wallet(production.producer_id)) == 2_000_000 * NAIRA
    mine = await production.bus.services.store.get(scopes.user_db(ada), f"investment:{production.project_id}")
    assert mine["investor"]["contributed_minor"] == 2_000_000 * NAIRA
    assert (await production.bus.services.store.get(scopes.user_db(ada), ref))["status"] == "paid"


async def test_a_confirmed_payment_of_another_amount_is_not_counted(production):
    ada = await investor(production, "+2348031110001", "Ada Investor")
    await terms(production, {ada: 4000, production.producer_id: 6000})
    await pledge(production, ada, 2_000_000)
    [(_, reference)] = production.bus.services.payment_jobs.pledges

    with pytest.raises(Rejected, match="left for reconciliation"):
        await production.bus.handle(ConfirmPayment("paystack", reference, Money(100, "NGN"), "1"))
    assert await posted(production, accounts.wallet(production.producer_id)) == 0


@pytest.mark.parametrize("verified, naira, currency, reason", [
    (False, 1_000, "NGN", "must be a verified investor"),
    (True, 0, "NGN", "more than zero"),
    (True, 1_000, "USD", "takes investments in NGN"),
])
async def test_a_pledge_is_refused_with_the_reason(production, verified, naira, currency, reason):
    ada = await investor(production, "+2348031110001", "Ada Investor", verified=verified)
    await terms(production, {ada: 4000, production.producer_id: 6000})
    with pytest.raises(Rejected, match=reason):
        await production.bus.handle(PledgeContribution("investment_pledge:1", ada, production.project_id,
                                                       Money(naira * NAIRA, currency), "paystack"))
    assert production.bus.services.payment_jobs.pledges == []
