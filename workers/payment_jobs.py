"""RQ jobs at the payment gateways: open a deposit's checkout, and confirm a payment a webhook
announced by asking the gateway's own API (a webhook body is never credited as it stands)."""
import asyncio

import structlog
from redis import Redis
from rq import Queue, Retry

from core import scopes
from core.escrow_commands import ConfirmPayment, RecordCheckout
from core.handlers.escrow import deposit_doc_id
from core.handlers.investments import pledge_doc_id
from core.investment_commands import RecordPledgeCheckout
from core.money import Money
from core.payments import SUCCESS, Payer, PaymentGateway
from core.ports import PaymentJobs
from workers import context, queues
from workers.gateways.flutterwave import Flutterwave, FlutterwaveSettings
from workers.gateways.paystack import Paystack, PaystackSettings
from workers.gateways.stripe import Stripe, StripeSettings

log = structlog.get_logger()
# A gateway down: close together first, then spread out, about an hour in all, as a send job
# whose own database failed (a chat message's provider failures have their own 3 tries).
RETRY_INTERVALS_S = queues.SEND_RETRY_INTERVALS_S


def gateways() -> dict[str, PaymentGateway]:
    """Each gateway from its NOLLYCREW_<NAME>_* settings (tests point api_base at the fakes)."""
    return {"paystack": Paystack(PaystackSettings()), "flutterwave": Flutterwave(FlutterwaveSettings()),
            "stripe": Stripe(StripeSettings())}


class RqPaymentJobs(PaymentJobs):
    def __init__(self, redis: Redis, public_url: str):
        self._queue, self._public_url = Queue(queues.DEFAULT, connection=redis), public_url

    async def open_checkout(self, project_id: str, escrow_id: str) -> None:
        await asyncio.to_thread(
            self._queue.enqueue, open_checkout, project_id, escrow_id, self._public_url,
            job_id=queues.job_id("checkout", f"{project_id}:{escrow_id}"),
            retry=Retry(max=len(RETRY_INTERVALS_S), interval=RETRY_INTERVALS_S),
        )


    async def open_pledge_checkout(self, investor_id: str, reference: str) -> None:
        await asyncio.to_thread(
            self._queue.enqueue, open_pledge_checkout, investor_id, reference, self._public_url,
            job_id=queues.job_id("checkout", reference),
            retry=Retry(max=len(RETRY_INTERVALS_S), interval=RETRY_INTERVALS_S),
        )


def queue_confirmation(redis: Redis, gateway: str, reference: str, gateway_id: str, event_id: str) -> None:
    Queue(queues.DEFAULT, connection=redis).enqueue(
        confirm_payment, gateway, reference, gateway_id, job_id=queues.job_id("payment", event_id),
        retry=Retry(max=len(RETRY_INTERVALS_S), interval=RETRY_INTERVALS_S),
    )


def open_checkout(project_id: str, escrow_id: str, public_url: str) -> str:
    """Ids in; the checkout link out (also recorded on the deposit and messaged by the core)."""

    async def run() -> str:
        async with context.current().open_session() as session:
            deposit = await session.store.get(scopes.office_db(project_id), deposit_doc_id(escrow_id))
            if deposit is None or deposit["checkout_url"]:
                return deposit["checkout_url"] if deposit else ""
            url = await _start_payment(session, deposit["producer_id"], deposit, deposit["reference"], public_url)
            await session.bus.handle(RecordCheckout(project_id, escrow_id, url))
            return url

    return asyncio.run(run())


def open_pledge_checkout(investor_id: str, reference: str, public_url: str) -> str:
    """An investor's own payment opened at the gateway; the link is recorded and sent to them."""

    async def run() -> str:
        async with context.current().open_session() as session:
            pledge = await session.store.get(scopes.user_db(investor_id), pledge_doc_id(reference))
            if pledge is None or pledge["checkout_url"]:
                return pledge["checkout_url"] if pledge else ""
            url = await _start_payment(session, investor_id, pledge, reference, public_url)
            await session.bus.handle(RecordPledgeCheckout(investor_id, reference, url))
            return url

    return asyncio.run(run())


async def _start_payment(session: context.Session, payer_id: str, asked: dict, reference: str, public_url: str
                         ) -> str:
    """The payer's checkout link at the gateway `asked` names, for the amount it names."""
    profile = await session.store.get(scopes.user_db(payer_id), "profile")
    card = await session.store.get(scopes.DIRECTORY, f"person:{payer_id}")
    return await gateways()[asked["gateway"]].start_payment(
        reference, Money.from_doc(asked["amount"]), Payer(card["name"], phone=profile["phone"]),
        f"{public_url.rstrip('/')}/payments/done",
    )


def confirm_payment(gateway: str, reference: str, gateway_id: str) -> str:
    """Ask the gateway what was paid; credit only a success, with the amount the gateway states."""

    async def run() -> str:
        verified = await gateways()[gateway].verify(reference, gateway_id or None)
        if verified.status != SUCCESS:
            log.info("payment_not_successful", gateway=gateway, reference=reference, status=verified.status)
            return verified.status
        async with context.current().open_session() as session:
            await session.bus.handle(ConfirmPayment(gateway, reference, verified.amount, verified.gateway_id))
        return SUCCESS

    return asyncio.run(run())
