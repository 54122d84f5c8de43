"""Each investor's statement in their own database, on the real bus with fakes: their own
contributions and distributions only, the shoot's progress from the published schedule and the
filed production reports, and nothing written again when nothing changed."""
from datetime import timedelta

import pytest

from core import scopes
from core.commands import RegisterPerson
from core.events import SchedulePublished
from core.handlers.investor_views import refresh_investor_statements, schedule_published, statement_doc_id
from core.investment_commands import RecordContribution, RecordRevenue, SetInvestmentTerms
from core.money import Money
from tests.unit.production import open_production
from tests.unit.shoot_fakes import make_office_bus

NAIRA = 100


@pytest.fixture
async def production():
    return await open_production(make_office_bus())


async def verified_investor(production, phone: str, name: str) -> str:
    person_id = await production.bus.handle(RegisterPerson(phone, name, ("investor",), ""))
    await production.bus.services.store.update(scopes.DIRECTORY, f"person:{person_id}",
                                               lambda card: {**card, "verified": True})
    return person_id


async def invested(production) -> tuple[str, str]:
    bus, project_id, producer = production.bus, production.project_id, production.producer_id
    ada = await verified_investor(production, "+2348031110001", "Ada Investor")
    bayo = await verified_investor(production, "+2348031110002", "Bayo Investor")
    await bus.handle(SetInvestmentTerms("investment_terms_update:1", project_id, producer,
                                        {"premium_bp": 2000, "profit_shares_bp": {ada: 3000, bayo: 2000, producer: 5000}}))
    for investor, naira, ref in ((ada, 1_000_000, "GTB-1"), (bayo, 500_000, "GTB-2")):
        await bus.handle(RecordContribution(f"investor_contribution_record:{ref}", project_id, producer, investor,
                                            Money(naira * NAIRA, "NGN"), "bank", ref))
    await bus.handle(RecordRevenue("revenue_record:1", project_id, producer, Money(900_000 * NAIRA, "NGN"),
                                   "cinema", "FilmOne-1"))
    return ada, bayo


async def test_each_investor_gets_their_own_statement_with_the_shoots_progress(production):
    ada, bayo = await invested(production)
    store = production.bus.services.store
    today = production.bus.services.clock.now().date()
    days = [{"day": n + 1, "date": (today + timedelta(days=n - 1)).isoformat()} for n in range(3)]
    await store.create(production.project, {"_id": "schedule", "type": "schedule", "days": days})
    await store.create(production.office, {"_id": f"production_report:{days[0]['date']}", "type": "production_report"})

    await refresh_investor_statements(production.bus.services, production.project_id)

    mine = await store.get(scopes.user_db(ada), statement_doc_id(production.project_id))
    theirs = await store.get(scopes.user_db(bayo), statement_doc_id(production.project_id))
    assert mine["type"] == "investor_statement" and mine["project_title"]
    assert [c["amount_minor"] for c in mine["contributions"]] == [1_000_000 * NAIRA]
    assert [c["amount_minor"] for c in theirs["contributions"]] == [500_000 * NAIRA]  # never the other's
    [paid] = mine["distributions"]
    assert paid["revenue_minor"] == 900_000 * NAIRA and paid["source"] == "cinema"
    assert paid["principal_minor"] > 0 and paid["profit_minor"] == 0  # recoupment has not ended
    assert mine["shoot"]["scheduled_days"] == 3 and mine["shoot"]["days_shot"] == 1
    assert mine["shoot"]["first_day"] == days[0]["date"]


async def test_a_refresh_with_nothing_new_writes_nothing(production):
    ada, _ = await invested(production)
    store = production.bus.services.store
    await refresh_investor_statements(production.bus.services, production.project_id)
    before = await store.get(scopes.user_db(ada), statement_doc_id(production.project_id))

    await refresh_investor_statements(production.bus.services, production.project_id)

    assert (await store.get(scopes.user_db(ada), statement_doc_id(production.project_id)))["_rev"] == before["_rev"]


async def test_a_project_without_investment_terms_has_no_statements(production):
    await refresh_investor_statements(production.bus.services, production.project_id)

    assert await production.bus.services.store.get(scopes.user_db(production.producer_id),
                                                   statement_doc_id(production.project_id)) is None


async def test_a_published_schedule_brings_its_days_to_the_statements(production):
    ada, _ = await invested(production)
    store = production.bus.services.store
    await refresh_investor_statements(production.bus.services, production.project_id)
    dates = ("2026-12-01", "2026-12-02")
    await store.create(production.project, {"_id": "schedule", "type": "schedule",
                                            "days": [{"day": n + 1, "date": day} for n, day in enumerate(dates)]})

    await schedule_published(SchedulePublished(production.project_id, 1, dates, 0), production.bus.services)

    mine = await store.get(scopes.user_db(ada), statement_doc_id(production.project_id))
    assert (mine["shoot"]["scheduled_days"], mine["shoot"]["last_day"]) == (2, "2026-12-02")
