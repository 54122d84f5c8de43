"""RQ jobs that pay crew members out: confirm their bank account at the gateway, then send the
transfer. The payout's reference is both the gateway's idempotency key and the RQ job id, so a
job retried after a timeout, or queued again by a retried request, pays once."""
import asyncio

import structlog
from redis import Redis
from rq import Queue, Retry

from core import scopes
from core.handlers.payouts import ACCOUNT_DOC_ID, PAID, RESOLVING, SENDING, payout_doc_id, payout_index_id
from core.money import Money
from core.payments import FAILED, PENDING, PaymentGateway, PaymentRefused, PayoutResult, Recipient
from core.payout_commands import RecordPayout, RecordPayoutAccount
from workers import context, queues
from workers.gateways.paystack import TRANSFER_STATUSES, Paystack
from workers.payment_jobs import RETRY_INTERVALS_S, RqPaymentJobs, gateways
from workers.refund_jobs import send_card_refund

log = structlog.get_logger()
PAYOUT_REASON = "NollyCrew pay"  # shown on the crew member's bank statement


class RqPayoutJobs(RqPaymentJobs):
    """The payment worker port with payouts: checkouts as before, plus accounts, transfers and card refunds."""

    async def resolve_payout_account(self, person_id: str, intent_id: str) -> None:
        await asyncio.to_thread(
            self._queue.enqueue, resolve_payout_account, person_id, intent_id,
            job_id=queues.job_id("payout-account", f"{person_id}:{intent_id}"),
            retry=Retry(max=len(RETRY_INTERVALS_S), interval=RETRY_INTERVALS_S),
        )

    async def send_payout(self, person_id: str, reference: str) -> None:
        await asyncio.to_thread(
            self._queue.enqueue, send_payout, person_id, reference, job_id=reference,
            retry=Retry(max=len(RETRY_INTERVALS_S), interval=RETRY_INTERVALS_S),
        )

    async def send_card_refund(self, project_id: str, reference: str) -> None:
        await asyncio.to_thread(
            self._queue.enqueue, send_card_refund, project_id, reference, job_id=reference,
            retry=Retry(max=len(RETRY_INTERVALS_S), interval=RETRY_INTERVALS_S),
        )


def resolve_payout_account(person_id: str, intent_id: str) -> str:
    """The bank's name for the account and a transfer recipient; the core compares the name."""

    async def run() -> str:
        async with context.current().open_session() as session:
            account = await session.store.get(scopes.user_db(person_id), ACCOUNT_DOC_ID)
            if account is None or account.get("source_intent") != intent_id or account["status"] != RESOLVING:
                return "replaced"  # the person named another account since, or it was answered
            gateway = gateways()[account["gateway"]]
            try:
                found = await gateway.resolve_account(account["bank_code"], account["account_number"])
                recipient = await gateway.create_recipient(found.account_name, found.bank_code, found.account_number,
                                                           account["currency"])
            except PaymentRefused as refused:
                await session.bus.handle(RecordPayoutAccount(person_id, intent_id, refused_reason=(
                    f"The bank could not confirm that account: {refused.reason}")))
                return "refused"
            await session.bus.handle(RecordPayoutAccount(person_id, intent_id, found.account_name, recipient.code))
            return recipient.code

    return asyncio.run(run())


def send_payout(person_id: str, reference: str) -> str:
    """Send (or, on a retry, look up) the transfer and record what the gateway says of it."""

    async def run() -> str:
        async with context.current().open_session() as session:
            return await _send(session, person_id, reference)

    return asyncio.run(run())


def queue_payout_check(redis: Redis, reference: str, event_id: str) -> None:
    """A gateway's transfer webhook (success, failed, reversed): ask the gateway, never the body."""
    Queue(queues.DEFAULT, connection=redis).enqueue(
        check_payout, reference, job_id=queues.job_id("payout-event", event_id),
        retry=Retry(max=len(RETRY_INTERVALS_S), interval=RETRY_INTERVALS_S),
    )


def check_payout(reference: str) -> str:
    """The payee behind a reference from the ops index, then the same lookup as a retried send."""

    async def run() -> str:
        async with context.current().open_session() as session:
            index = await session.store.get(scopes.OPS, payout_index_id(reference))
            if index is None:
                log.warning("payout_webhook_unknown_reference", reference=reference)
                return "unknown"
            return await _send(session, index["person_id"], reference)

    return asyncio.run(run())


async def _send(session: context.Session, person_id: str, reference: str) -> str:
    payout = await session.store.get(scopes.user_db(person_id), payout_doc_id(reference))
    if payout is None or payout["status"] not in (SENDING, PAID):
        return payout["status"] if payout else "unknown"
    amount, gateway = Money.from_doc(payout["amount"]), gateways()[payout["gateway"]]
    if payout["status"] == PAID:  # only a reversal can still come; payout() here could send it again
        found = await look_up_transfer(gateway, reference)
        if found is None or found.status != FAILED:
            return PAID
        await session.bus.handle(RecordPayout(person_id, reference, FAILED, found.amount, found.gateway_id,
                                              "reversed by the bank"))
        return FAILED
    to = payout["recipient"]
    recipient = Recipient(payout["gateway"], to["recipient_code"], to["account_name"], to["currency"],
                          to["bank_code"], to["account_number"])
    try:
        sent = await gateway.payout(reference, recipient, amount, PAYOUT_REASON)  # finds it if sent before
    except PaymentRefused as refused:  # the gateway said no: the money goes back to the payee
        log.info("payout_refused", reference=reference, reason=refused.reason)
        await session.bus.handle(RecordPayout(person_id, reference, FAILED, amount, reason=refused.reason))
        return FAILED
    await session.bus.handle(RecordPayout(person_id, reference, sent.status, sent.amount, sent.gateway_id))
    return sent.status


class NoTransferLookup(Exception):
    """This gateway's adapter has no way to look a transfer up without risking a new one."""


async def look_up_transfer(gateway: PaymentGateway, reference: str) -> PayoutResult | None:
    """The gateway's word on a transfer, None when it knows no such reference; never sends one.
    core.payments.PaymentGateway should grow a public verify_payout; until then only Paystack's
    adapter has the lookup (it is the one payout() itself uses before sending)."""
    if not isinstance(gateway, Paystack):
        raise NoTransferLookup(f"{gateway.name} transfers cannot be looked up yet")
    found = await gateway._transfer(reference)
    if found is None:
        return None
    return PayoutResult(reference, TRANSFER_STATUSES.get(found["status"], PENDING),
                        Money(found["amount"], found["currency"]), str(found.get("transfer_code") or found["id"]))
