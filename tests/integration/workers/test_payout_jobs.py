"""Payouts and reconciliation for real, against the fake Paystack, PouchDB Server and Redis: the
crew member's account is resolved and registered, a payout asked twice goes out once under the
reference that is also its RQ job id, its success moves the money in the ledger, the bank's
reversal (announced by webhook, confirmed by asking Paystack) brings it back, and the
reconciliation job finds the one difference we planted and nothing else of ours.

The jobs run from the Redis queue in this process (in a thread, so the fake Paystack keeps its
loop) with the payout handlers added to the bus, until core/handlers/__init__.py registers them;
then `nollycrew worker --burst` (as in tests/integration/web/test_payment_webhooks.py) can run them."""
import asyncio
import dataclasses
import uuid
from contextlib import asynccontextmanager
from datetime import date

import pytest
from rq import Queue
from rq.job import Job

from config.bootstrap import build_bus, open_couch
from core import scopes
from core.bus import MessageBus
from core.handlers import COMMAND_HANDLERS, EVENT_HANDLERS
from core.handlers.payouts import payout_reference
from core.ledger import accounts
from core.ledger.escrow import confirm_deposit
from core.ledger.transfers import Transfer
from core.money import Money
from core.payments import Payer
from core.payout_commands import RequestPayout, SetPayoutAccount
from core.reconciliation import MISSING_IN_LEDGER
from tests.fakes.paystack_server import FakePaystack
from tests.integration.people import person
from tests.unit.payout_fakes import PAYOUT_HANDLERS
from workers import context, queues
from workers.gateways.paystack import Paystack, PaystackSettings
from workers.payout_jobs import RqPayoutJobs, queue_payout_check
from workers.reconciliation import reconcile

pytestmark = pytest.mark.integration
SECRET = "sk_test_nollycrew_payouts"
EARNED = Money(10_000_000, "NGN")
PAYOUT = Money(6_000_000, "NGN")
BANK, NUMBER = "058", "0123456789"


@pytest.fixture
async def paystack(monkeypatch):
    async with FakePaystack(secret_key=SECRET) as fake:
        monkeypatch.setenv("NOLLYCREW_PAYSTACK_API_BASE", fake.base_url)
        monkeypatch.setenv("NOLLYCREW_PAYSTACK_SECRET_KEY", SECRET)
        yield fake


def payout_bus(audited, redis) -> MessageBus:
    services = dataclasses.replace(audited.services, payment_jobs=RqPayoutJobs(redis, "http://nollycrew.test"))
    return MessageBus(services, {**COMMAND_HANDLERS, **PAYOUT_HANDLERS}, EVENT_HANDLERS)


@pytest.fixture
def jobs_context(settings, redis, monkeypatch):
    @asynccontextmanager
    async def session():
        couch = open_couch(settings)
        try:
            bus = payout_bus(build_bus(couch, redis, settings=settings), redis)
            yield context.Session(bus.services.store, bus, None, bus.services.clock)
        finally:
            await couch.close()

    monkeypatch.setattr(context, "_installed", context.JobContext(session, lambda _: None, redis, ""))


async def run_queued(redis) -> list[tuple[str, str]]:
    """Every job on the default queue, each in a thread: (job id, what it returned)."""
    queue, ran = Queue(queues.DEFAULT, connection=redis), []
    while (popped := await asyncio.to_thread(redis.lpop, queue.key)) is not None:
        job_id = popped.decode()
        job = await asyncio.to_thread(Job.fetch, job_id, connection=redis)
        ran.append((job_id, await asyncio.to_thread(job.perform)))
    return ran


async def test_a_verified_crew_member_is_paid_once_and_reconciliation_finds_the_planted_difference(
        couch, redis, bus, paystack, jobs_context):
    bus = payout_bus(bus, redis)
    store, ledger = bus.services.store, bus.services.ledger
    crew = await person(bus, "crew")
    await store.update(scopes.DIRECTORY, f"person:{crew}", lambda card: {**card, "verified": True})
    paystack.accounts[(BANK, NUMBER)] = "TEST CREW"
    seed = "seed" + uuid.uuid4().hex
    await ledger.submit([Transfer(seed, accounts.clearing("paystack", "NGN"), accounts.payee(crew), EARNED,
                                  "crew_pay")])

    account_intent = f"payout_account_update:{uuid.uuid4().hex}"
    await bus.handle(SetPayoutAccount(account_intent, crew, "paystack", BANK, NUMBER))
    await run_queued(redis)
    account = await store.get(scopes.user_db(crew), "payout_account")
    assert (account["status"], account["account_name"]) == ("ready", "TEST CREW")
    assert account["recipient_code"] in paystack.recipients

    payout_intent = f"payout_request:{uuid.uuid4().hex}"
    reference = payout_reference(crew, payout_intent)
    await bus.handle(RequestPayout(payout_intent, crew, PAYOUT))
    await bus.handle(RequestPayout(payout_intent, crew, PAYOUT))  # the device sent it again
    ran = await run_queued(redis)
    assert ran and {job_id for job_id, _ in ran} == {reference}  # the RQ job id is the reference
    assert list(paystack.transfers) == [reference] and paystack.transfers[reference]["amount"] == PAYOUT.amount_minor
    assert (await store.get(scopes.user_db(crew), f"payout:{reference}"))["status"] == "sending"  # Paystack: pending

    paystack.transfers[reference]["status"] = "success"
    await bus.services.payment_jobs.send_payout(crew, reference)  # a later check with the same reference
    await run_queued(redis)
    assert (await store.get(scopes.user_db(crew), f"payout:{reference}"))["status"] == "paid"
    assert len(paystack.transfers) == 1
    assert (await ledger.balance(accounts.payee(crew), "NGN")).posted == EARNED.amount_minor - PAYOUT.amount_minor

    paystack.transfers[reference]["status"] = "reversed"  # the bank sent it back; Paystack's webhook says so
    await asyncio.to_thread(queue_payout_check, redis, reference, f"paystack:transfer.reversed:{reference}")
    await run_queued(redis)
    assert (await store.get(scopes.user_db(crew), f"payout:{reference}"))["status"] == "reversed"
    assert (await ledger.balance(accounts.payee(crew), "NGN")).posted == EARNED.amount_minor
    assert len(paystack.transfers) == 1

    gateway = Paystack(PaystackSettings(secret_key=SECRET, api_base=paystack.base_url))
    credited, forgotten = "nc" + uuid.uuid4().hex[:20], "nc" + uuid.uuid4().hex[:20]
    for reference_at_gateway in (credited, forgotten):
        await gateway.start_payment(reference_at_gateway, EARNED, Payer("Test producer", phone="+2348030000000"),
                                    "http://nollycrew.test/payments/done")
        paystack.pay(reference_at_gateway)
    await ledger.submit([confirm_deposit("paystack", credited, "producer" + crew, EARNED)])

    day = date(2026, 11, 28)
    report = await asyncio.to_thread(reconcile, day.isoformat(), [["payment", "paystack", forgotten]], ["paystack"])

    ours = [d for d in report["differences"] if d["reference"] in (credited, forgotten, reference)]
    assert [(d["reference"], d["what"]) for d in ours] == [(forgotten, MISSING_IN_LEDGER)]
    assert "no record of it" in ours[0]["words"]
    assert (await store.get(scopes.OPS, f"reconciliation:{day.isoformat()}"))["differences"] == report["differences"]
