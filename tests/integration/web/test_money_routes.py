"""The office's investor dashboard over HTTP: contributions and revenue as recorded, down the
waterfall; only those who see the budget see it."""
import uuid

from core import scopes
from core.investment_commands import RecordContribution, RecordRevenue, SetInvestmentTerms
from core.money import Money
from tests.integration.people import auth, person, project_of


async def test_the_office_sees_each_investors_figures(api, bus):
    producer, crew = await person(bus, "producer"), await person(bus, "crew")
    ada = await person(bus, "investor")
    await bus.services.store.update(scopes.DIRECTORY, f"person:{ada}", lambda card: {**card, "verified": True})
    project_id, tag = await project_of(bus, producer), uuid.uuid4().hex
    await bus.handle(SetInvestmentTerms(f"investment_terms_update:{tag}", project_id, producer,
                                        {"premium_bp": 2000, "profit_shares_bp": {ada: 4000, producer: 6000}}))
    await bus.handle(RecordContribution(f"investor_contribution_record:{tag}", project_id, producer, ada,
                                        Money(100_000_000, "NGN"), "bank", f"GTB-{tag}"))
    await bus.handle(RecordRevenue(f"revenue_record:{tag}", project_id, producer, Money(150_000_000, "NGN"),
                                   "cinema", f"FilmOne-{tag}"))

    answer = await api.get(f"/projects/{project_id}/investors", headers=auth(producer))

    figures = await answer.json()
    [row] = figures["investors"]
    # ₦1m in, ₦1.2m owed with the premium; of ₦1.5m revenue ₦300k is profit, 40 % of it Ada's
    assert (row["recouped_minor"], row["premium_paid_minor"], row["profit_share_minor"]) == (
        100_000_000, 20_000_000, 12_000_000)
    assert (await api.get(f"/projects/{project_id}/investors", headers=auth(crew))).status == 403
