"""A booking's deposit through Paystack for real, against the fake Paystack: the worker opens the
checkout, the payer pays, Paystack's signed webhook arrives (a hundred times at once), the worker
asks Paystack's API what was paid, and the ledger holds the money for the crew member once."""
import asyncio
import os
import sys
import uuid
from datetime import date, time, timedelta
from pathlib import Path

import pytest

from core import scopes
from core.commands import ApplyForJob, Hire, PostJob
from core.escrow_commands import ConfirmPayment, ReleaseEscrow, RequestDeposit, SetBudget
from core.escrow_dispute_commands import CancelBookingEscrow
from core.handlers.card_refunds import card_refund_reference
from core.investment_commands import PledgeContribution, SetInvestmentTerms
from core.refund_commands import RefundToCard
from core.handlers.escrow import payment_reference
from core.ids import derived_id
from core.ledger import accounts
from core.money import Money
from sync.chat_reads import CouchChatReads
from tests.fakes.flutterwave_server import FakeFlutterwave
from tests.fakes.paystack_server import FakePaystack
from tests.fakes.stripe_server import FakeStripe
from tests.integration.people import auth, person, project_of

ROOT = Path(__file__).resolve().parents[3]
SECRET = "sk_test_nollycrew_integration"
PAY = Money(45_000_000, "NGN")
WORKER_TIMEOUT_S = 120


@pytest.fixture
async def paystack(monkeypatch):
    async with FakePaystack(secret_key=SECRET) as fake:
        monkeypatch.setenv("NOLLYCREW_PAYSTACK_API_BASE", fake.base_url)
        monkeypatch.setenv("NOLLYCREW_PAYSTACK_SECRET_KEY", SECRET)
        yield fake


async def run_worker() -> str:
    """`nollycrew worker --burst`, awaited without blocking this loop: the fake Paystack runs in it."""
    worker = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "config.cli", "worker", "--burst", cwd=ROOT, env=os.environ.copy(),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    errors, _ = await asyncio.wait_for(worker.communicate(), WORKER_TIMEOUT_S)
    assert worker.returncode == 0 and b"Traceback" not in errors, errors.decode()[-2000:]
    return errors.decode()


async def booked(bus, first_day: date = date(2026, 12, 1)) -> tuple[str, str, str, str]:
    producer, crew = await person(bus, "producer"), await person(bus, "crew")
    project_id, tag = await project_of(bus, producer), uuid.uuid4().hex
    job = await bus.handle(PostJob(f"job_post_request:{tag}", project_id, producer, "Gaffer", "lighting",
                                   first_day, first_day + timedelta(days=9), time(6, 30), Money(4_500_000, "NGN"),
                                   "day", "Lekki", "Lagos"))
    application = await bus.handle(ApplyForJob(f"application_request:{tag}", crew, job))
    booking_id = await bus.handle(Hire(f"hire_request:{tag}", project_id, producer, application))
    return producer, crew, project_id, booking_id


async def test_a_paystack_deposit_is_held_once_however_often_the_webhook_comes(api, bus, couch, paystack):
    producer, crew, project_id, booking_id = await booked(bus)
    await bus.handle(RequestDeposit(f"escrow_deposit_request:{uuid.uuid4().hex}", project_id, producer, booking_id,
                                    PAY, "paystack"))
    await run_worker()  # opens the checkout at Paystack
    office, reference = scopes.office_db(project_id), payment_reference(booking_id)
    deposit = await bus.services.store.get(office, f"escrow_deposit:{booking_id}")
    assert deposit["status"] == "checkout_ready" and deposit["checkout_url"]

    paid = paystack.pay(reference)
    body = paystack.event("charge.success", paid)
    url = str(api.make_url("/webhooks/payments/paystack"))
    forged = await paystack.send_webhook(url, body, signature="wrong")
    answers = await asyncio.gather(*(paystack.send_webhook(url, body) for _ in range(100)))
    worked = await run_worker()  # confirms with Paystack's API, then credits

    assert forged == [403] and all(a == [200] for a in answers)
    assert worked.count("Successfully completed workers.payment_jobs.confirm_payment(") == 1  # one job for 100
    deposit = await bus.services.store.get(office, f"escrow_deposit:{booking_id}")
    assert deposit["status"] == "held"
    ledger = bus.services.ledger  # catches up with what the worker wrote
    hold = await ledger.hold(deposit["hold_id"])
    wallet = await ledger.balance(accounts.wallet(producer), "NGN")
    assert (hold.remaining_minor, wallet.posted) == (PAY.amount_minor, PAY.amount_minor)
    [mine] = await CouchChatReads(couch).escrows(crew)  # what STATUS in the chat shows the crew member
    assert (mine["status"], mine["amount"]) == ("held", PAY.to_doc())


async def test_a_release_gives_the_crew_member_a_receipt_to_print(api, bus, paystack):
    producer, crew, project_id, booking_id = await booked(bus)
    await bus.handle(RequestDeposit(f"escrow_deposit_request:{uuid.uuid4().hex}", project_id, producer, booking_id,
                                    PAY, "paystack"))
    await bus.handle(ConfirmPayment("paystack", payment_reference(booking_id), PAY, "4099260516"))

    intent_id = f"escrow_release_request:{uuid.uuid4().hex}"
    await bus.handle(ReleaseEscrow(intent_id, project_id, producer, booking_id, PAY.amount_minor))

    issued = await bus.services.store.get(scopes.OPS, f"receipt_for:release-{derived_id(intent_id)}")
    url = f"/receipts/{issued['number']}.pdf"
    mine = await api.get(url, headers=auth(crew))
    assert mine.status == 200 and (await mine.read()).startswith(b"%PDF")
    assert (await api.get(url, headers=auth(producer))).status == 404  # not the producer's receipt
    link = await bus.services.store.get(scopes.OPS, f"paper:{issued['number']}")
    sent = await api.get(f"/paper/{issued['number']}/{link['key']}.pdf")  # the link in the chat, no sign-in
    assert sent.status == 200 and (await sent.read()).startswith(b"%PDF")
    assert (await api.get(f"/paper/{issued['number']}/{'0' * 20}.pdf")).status == 404


async def test_a_cancelled_deposit_goes_back_to_the_card_through_paystack_once(api, bus, paystack):
    # A month ahead, so the cancellation policy gives it all back whatever day the test runs.
    producer, crew, project_id, booking_id = await booked(bus, date.today() + timedelta(days=30))
    await bus.handle(RequestDeposit(f"escrow_deposit_request:{uuid.uuid4().hex}", project_id, producer, booking_id,
                                    PAY, "paystack"))
    await run_worker()  # opens the checkout
    reference = payment_reference(booking_id)
    paid = paystack.pay(reference)
    await bus.handle(ConfirmPayment("paystack", reference, PAY, str(paid["id"])))
    await bus.handle(CancelBookingEscrow(f"escrow_cancellation:{uuid.uuid4().hex}", project_id, producer, booking_id))
    deposit = await bus.services.store.get(scopes.office_db(project_id), f"escrow_deposit:{booking_id}")
    refunded = Money(deposit["refunded_minor"], "NGN")

    intent_id = f"escrow_refund_to_card:{uuid.uuid4().hex}"
    await bus.handle(RefundToCard(intent_id, project_id, producer, booking_id))
    await bus.handle(RefundToCard(intent_id, project_id, producer, booking_id))  # the office sent it twice
    await run_worker()  # Paystack takes it; a card refund is pending for days
    [refund] = paystack.refunds
    assert (refund["amount"], refund["transaction"]["reference"]) == (refunded.amount_minor, reference)
    card_refund = await bus.services.store.get(scopes.office_db(project_id),
                                               f"card_refund:{card_refund_reference(booking_id)}")
    assert card_refund["status"] == "sending"

    refund["status"] = "processed"
    await bus.services.payment_jobs.send_card_refund(project_id, card_refund["reference"])  # the later check
    await run_worker()
    assert len(paystack.refunds) == 1
    card_refund = await bus.services.store.get(scopes.office_db(project_id), card_refund["_id"])
    assert card_refund["status"] == "refunded"
    assert (await bus.services.ledger.balance(accounts.wallet(producer), "NGN")).posted == 0


async def test_an_investors_own_paystack_payment_counts_once_after_paystacks_api_confirms_it(api, bus, paystack):
    producer, investor = await person(bus, "producer"), await person(bus, "investor")
    await bus.services.store.update(scopes.DIRECTORY, f"person:{investor}", lambda card: {**card, "verified": True})
    project_id = await project_of(bus, producer)
    await bus.handle(SetInvestmentTerms(f"investment_terms_update:{uuid.uuid4().hex}", project_id, producer,
                                        {"premium_bp": 2000, "profit_shares_bp": {investor: 4000, producer: 6000}}))
    stake = Money(500_000_000, "NGN")  # ₦5m
    ref = await bus.handle(PledgeContribution(f"investment_pledge:{uuid.uuid4().hex}", investor, project_id, stake,
                                              "paystack"))
    await run_worker()  # opens the checkout at Paystack
    pledge = await bus.services.store.get(scopes.user_db(investor), ref)
    assert pledge["status"] == "checkout_ready" and pledge["checkout_url"]

    body = paystack.event("charge.success", paystack.pay(pledge["reference"]))
    url = str(api.make_url("/webhooks/payments/paystack"))
    answers = await asyncio.gather(*(paystack.send_webhook(url, body) for _ in range(5)))
    await run_worker()  # asks Paystack's API, then credits

    assert all(a == [200] for a in answers)
    assert (await bus.services.ledger.balance(accounts.wallet(producer), "NGN")).posted == stake.amount_minor
    mine = await bus.services.store.get(scopes.user_db(investor), f"investment:{project_id}")
    assert mine["investor"]["contributed_minor"] == stake.amount_minor
    assert (await bus.services.store.get(scopes.user_db(investor), ref))["status"] == "paid"


@pytest.mark.parametrize("signature, status", [("valid", 200), ("wrong", 403), ("missing", 403), ("stale", 403)])
async def test_stripe_webhooks_are_taken_only_signed_and_fresh(api, redis, monkeypatch, signature, status):
    fake = FakeStripe(webhook_secret="whsec_nollycrew_integration")
    monkeypatch.setenv("NOLLYCREW_STRIPE_WEBHOOK_SECRET", fake.webhook_secret)
    body = fake.event("checkout.session.completed", {"id": "cs_test_1", "object": "checkout.session",
                                                     "client_reference_id": "ncabc123", "payment_intent": "pi_1"})

    answered = await fake.send_webhook(str(api.make_url("/webhooks/payments/stripe")), body, signature=signature)

    assert answered == [status]
    queued = redis.llen("rq:queue:default")
    assert queued == (1 if status == 200 else 0)  # a refused delivery queues nothing


@pytest.mark.parametrize("signature, status", [("valid", 200), ("wrong", 403), ("missing", 403)])
async def test_flutterwave_webhooks_need_the_secret_hash(api, redis, monkeypatch, signature, status):
    fake = FakeFlutterwave(secret_hash="nollycrew-integration-hash")
    monkeypatch.setenv("NOLLYCREW_FLUTTERWAVE_SECRET_HASH", fake.secret_hash)
    body = fake.event("charge.completed", {"id": 4099, "tx_ref": "ncabc123", "status": "successful",
                                           "amount": 4500, "currency": "NGN"})

    answered = await fake.send_webhook(str(api.make_url("/webhooks/payments/flutterwave")), body, times=3,
                                       signature=signature)

    assert answered == [status] * 3
    assert redis.llen("rq:queue:default") == (1 if status == 200 else 0)  # three deliveries, one job


async def test_the_cost_report_sets_the_budget_against_bookings_and_the_ledger(api, bus, paystack):
    producer, crew, project_id, booking_id = await booked(bus)
    budget = {"currency": "NGN", "lines": [{"line_id": "crew-lighting", "category": "crew", "amount_minor": 90_000_000}],
              "line_of_booking": {booking_id: "crew-lighting"}}
    await bus.handle(SetBudget(f"budget_update:{uuid.uuid4().hex}", project_id, producer, budget))
    await bus.handle(RequestDeposit(f"escrow_deposit_request:{uuid.uuid4().hex}", project_id, producer, booking_id,
                                    PAY, "paystack"))
    await bus.handle(ConfirmPayment("paystack", payment_reference(booking_id), PAY, "4099260516"))
    await bus.handle(ReleaseEscrow(f"escrow_release_request:{uuid.uuid4().hex}", project_id, producer, booking_id,
                                   15_000_000))

    answer = await api.get(f"/projects/{project_id}/cost-report", headers=auth(producer))

    report = await answer.json()
    [line] = [row for row in report["lines"] if row["line_id"] == "crew-lighting"]
    # ₦45,000 a day for 10 days committed; ₦150,000 released so far is what was spent
    assert (line["committed"], line["spent"], line["to_pay"]) == (45_000_000, 15_000_000, 30_000_000)
    assert (await api.get(f"/projects/{project_id}/cost-report", headers=auth(crew))).status == 403


@pytest.fixture
async def stripe(monkeypatch):
    async with FakeStripe(secret_key="sk_test_nollycrew_it", webhook_secret="whsec_nollycrew_it") as fake:
        monkeypatch.setenv("NOLLYCREW_STRIPE_API_BASE", fake.base_url)
        monkeypatch.setenv("NOLLYCREW_STRIPE_SECRET_KEY", fake.secret_key)
        monkeypatch.setenv("NOLLYCREW_STRIPE_WEBHOOK_SECRET", fake.webhook_secret)
        yield fake


@pytest.fixture
async def flutterwave(monkeypatch):
    async with FakeFlutterwave(secret_key="FLWSECK_TEST-nollycrew-it-X", secret_hash="nollycrew-it-hash") as fake:
        monkeypatch.setenv("NOLLYCREW_FLUTTERWAVE_API_BASE", fake.base_url)
        monkeypatch.setenv("NOLLYCREW_FLUTTERWAVE_SECRET_KEY", fake.secret_key)
        monkeypatch.setenv("NOLLYCREW_FLUTTERWAVE_SECRET_HASH", fake.secret_hash)
        yield fake


async def deposit_through(api, bus, gateway: str, amount: Money, pay_and_notify) -> tuple[dict, str]:
    """A deposit asked for, its checkout opened by the worker, paid at the fake gateway whose
    webhook then arrives twice, and confirmed by the worker: the deposit as it ends, the producer."""
    producer, crew, project_id, booking_id = await booked(bus)
    await bus.handle(RequestDeposit(f"escrow_deposit_request:{uuid.uuid4().hex}", project_id, producer, booking_id,
                                    amount, gateway))
    await run_worker()
    url = str(api.make_url(f"/webhooks/payments/{gateway}"))
    assert await pay_and_notify(payment_reference(booking_id), url) == [200, 200]
    worked = await run_worker()
    assert worked.count("Successfully completed workers.payment_jobs.confirm_payment(") == 1
    return await bus.services.store.get(scopes.office_db(project_id), f"escrow_deposit:{booking_id}"), producer


async def test_a_stripe_deposit_in_dollars_is_held_once(api, bus, stripe):
    async def pay_and_notify(reference: str, url: str) -> list[int]:
        stripe.pay(reference)
        session = next(s for s in stripe.sessions.values() if s["client_reference_id"] == reference)
        body = stripe.event("checkout.session.completed", session)
        return await stripe.send_webhook(url, body) + await stripe.send_webhook(url, body)

    deposit, producer = await deposit_through(api, bus, "stripe", Money(1_500_00, "USD"), pay_and_notify)

    assert deposit["status"] == "held"
    assert (await bus.services.ledger.hold(deposit["hold_id"])).remaining_minor == 1_500_00


async def test_a_flutterwave_deposit_is_confirmed_with_its_api_and_held_once(api, bus, flutterwave):
    async def pay_and_notify(reference: str, url: str) -> list[int]:
        body = flutterwave.event("charge.completed", flutterwave.pay(reference))
        return await flutterwave.send_webhook(url, body, times=2)

    deposit, producer = await deposit_through(api, bus, "flutterwave", PAY, pay_and_notify)

    assert deposit["status"] == "held"
    assert (await bus.services.ledger.balance(accounts.wallet(producer), "NGN")).posted == PAY.amount_minor
