"""Steps for the money test: a producer's project with a crew member booked and a budget, made
through the core's commands; the fake Paystack and the worker that talks to it; an investor with
money in and revenue out, and the core's own figures for them."""
import asyncio
import os
import sys
import uuid
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo
from pathlib import Path

import pytest

from core import scopes
from core.commands import ApplyForJob, CreateProject, Hire, PostJob, RegisterPerson
from core.escrow_commands import SetBudget
from core.investment_commands import RecordContribution, RecordRevenue, SetInvestmentTerms
from core.investors.dashboard import dashboard_figures, for_investor
from core.investors.statement import investor_statement
from core.money import Money
from tests.fakes.paystack_server import FakePaystack

ROOT = Path(__file__).resolve().parents[2]
PAYSTACK_SECRET = "sk_test_nollycrew_browser"
WORKER_TIMEOUT_S = 120
BOOKING_STARTS_IN_DAYS = 30  # far enough that no automatic release falls due during the test
DAY_RATE = Money(4_500_000, "NGN")
LAGOS = ZoneInfo("Africa/Lagos")


def new_phone() -> str:
    return "+23480" + str(uuid.uuid4().int)[:8]


@pytest.fixture
async def paystack(stack_env, monkeypatch):
    """The fake Paystack, set in the environment before the api and the worker read it."""
    async with FakePaystack(secret_key=PAYSTACK_SECRET) as fake:
        monkeypatch.setenv("NOLLYCREW_PAYSTACK_API_BASE", fake.base_url)
        monkeypatch.setenv("NOLLYCREW_PAYSTACK_SECRET_KEY", PAYSTACK_SECRET)
        yield fake


async def run_worker() -> str:
    """`nollycrew worker --burst`, awaited without blocking this loop (the fake Paystack runs in it)."""
    worker = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "config.cli", "worker", "--burst", cwd=ROOT, env=os.environ.copy(),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    output, _ = await asyncio.wait_for(worker.communicate(), WORKER_TIMEOUT_S)
    assert worker.returncode == 0 and b"Traceback" not in output, output.decode()[-2000:]
    return output.decode()


async def booked_project(bus, producer_id: str, title: str) -> tuple[str, str]:
    """A project of the producer with one gaffer booked for five days: (project id, booking id)."""
    tag = uuid.uuid4().hex
    project_id = await bus.handle(CreateProject(f"project_request:{tag}", producer_id, title))
    crew = await bus.handle(RegisterPerson(new_phone(), "Bayo Ojo", ("crew",)))
    first_day = date.today() + timedelta(days=BOOKING_STARTS_IN_DAYS)
    job = await bus.handle(PostJob(f"job_post_request:{tag}", project_id, producer_id, "Gaffer", "lighting",
                                   first_day, first_day + timedelta(days=4), time(6, 30), DAY_RATE, "day",
                                   "Lekki", "Lagos"))
    application = await bus.handle(ApplyForJob(f"application_request:{tag}", crew, job))
    booking_id = await bus.handle(Hire(f"hire_request:{tag}", project_id, producer_id, application))
    return project_id, booking_id


async def set_budget(bus, project_id: str, producer_id: str, booking_id: str) -> dict:
    """Lighting crew and catering lines; the gaffer is paid from lighting crew."""
    budget = {"currency": "NGN", "lines": [
        {"line_id": "crew-lighting", "category": "crew", "description": "Lighting crew", "amount_minor": 200_000_000},
        {"line_id": "catering-unit", "category": "catering", "description": "Unit catering", "amount_minor": 50_000_000},
    ], "line_of_booking": {booking_id: "crew-lighting"}}
    await bus.handle(SetBudget(f"budget_update:{uuid.uuid4().hex}", project_id, producer_id, budget))
    return budget


async def invested_project(bus, investor_phone: str) -> tuple[str, str]:
    """A producer's project with terms, the investor's money in and some revenue paid out down the
    waterfall: (project id, investor id)."""
    producer = await bus.handle(RegisterPerson(new_phone(), "Kemi Adetiba", ("producer",)))
    investor = await bus.handle(RegisterPerson(investor_phone, "Ada Okafor", ("investor",)))
    await bus.services.store.update(scopes.DIRECTORY, f"person:{investor}", lambda card: {**card, "verified": True})
    tag = uuid.uuid4().hex
    project_id = await bus.handle(CreateProject(f"project_request:{tag}", producer, "Lagos Gold"))
    await bus.handle(SetInvestmentTerms(f"investment_terms_update:{tag}", project_id, producer,
                                        {"premium_bp": 2000, "profit_shares_bp": {investor: 4000, producer: 6000}}))
    await bus.handle(RecordContribution(f"investor_contribution_record:{tag}", project_id, producer, investor,
                                        Money(100_000_000, "NGN"), "bank", f"GTB-{tag}"))
    await bus.handle(RecordRevenue(f"revenue_record:{tag}", project_id, producer, Money(80_000_000, "NGN"),
                                   "cinema", f"FilmOne-{tag}"))
    return project_id, investor


async def shooting(bus, project_id: str) -> list[str]:
    """A published schedule of four days from yesterday, with yesterday's production report filed:
    the dates."""
    today = datetime.now(LAGOS).date()
    dates = [(today + timedelta(days=offset)).isoformat() for offset in range(-1, 3)]
    store = bus.services.store
    await store.create(scopes.project_db(project_id), {"_id": "schedule", "type": "schedule", "version": 1,
                                                       "status": "published", "timezone": "Africa/Lagos",
                                                       "days": [{"day": n + 1, "date": day, "scenes": []}
                                                                for n, day in enumerate(dates)]})
    await store.create(scopes.office_db(project_id), {"_id": f"production_report:{dates[0]}",
                                                      "type": "production_report", "date": dates[0]})
    return dates


async def core_statement_for(bus, project_id: str, investor_id: str) -> dict:
    """The investor's statement as the core computes it from the office's book."""
    office = scopes.office_db(project_id)
    terms = await bus.services.store.get(office, "investment_terms")
    book = await bus.services.store.get(office, "investment_book")
    return investor_statement(terms, book["contributions"], book["revenue"], investor_id)


async def core_figures_for(bus, project_id: str, investor_id: str) -> dict:
    """What the core computes for the investor from the office's book, independently of the page."""
    office = scopes.office_db(project_id)
    terms = await bus.services.store.get(office, "investment_terms")
    book = await bus.services.store.get(office, "investment_book")
    return for_investor(dashboard_figures(terms, book["contributions"], book["revenue"]), investor_id)
