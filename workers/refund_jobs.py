"""RQ job that sends a deposit's refunded part back to the producer's card. The refund reference
is the gateway's lookup key and the RQ job id, so a retried job finds the first refund instead of
making a second; a refund still on its way (card refunds take days) is asked about again later by
a check the job schedules for itself, so nothing depends on a refund webhook arriving."""
import asyncio
from datetime import timedelta

import structlog
from rq import Queue, Retry, get_current_job

from core import scopes
from core.handlers.card_refunds import SENDING, card_refund_doc_id
from core.money import Money
from core.payments import PENDING, PaymentRefused, FAILED
from core.refund_commands import RecordCardRefund
from workers import context
from workers.payment_jobs import RETRY_INTERVALS_S, gateways

log = structlog.get_logger()


CHECK_AGAIN_AFTER = timedelta(hours=6)
MAX_CHECKS = 40  # ten days of checks; after that the daily reconciliation shows it still open


def send_card_refund(project_id: str, reference: str, check: int = 0) -> str:
    async def run() -> str:
        async with context.current().open_session() as session:
            refund = await session.store.get(scopes.office_db(project_id), card_refund_doc_id(reference))
            if refund is None or refund["status"] != SENDING:
                return refund["status"] if refund else "unknown"
            amount = Money.from_doc(refund["amount"])
            try:
                answer = await gateways()[refund["gateway"]].refund(refund["payment_reference"], amount, reference)
            except PaymentRefused as refused:  # the gateway said no: the money stays in the wallet
                log.info("card_refund_refused", reference=reference, reason=refused.reason)
                await session.bus.handle(RecordCardRefund(project_id, reference, FAILED, amount,
                                                          reason=refused.reason))
                return FAILED
            await session.bus.handle(RecordCardRefund(project_id, reference, answer.status, answer.amount,
                                                      answer.gateway_id))
            if answer.status == PENDING:
                _check_again_later(project_id, reference, check)
            return answer.status

    return asyncio.run(run())


def _check_again_later(project_id: str, reference: str, check: int) -> None:
    job = get_current_job()
    if job is None or check >= MAX_CHECKS:
        log.warning("card_refund_still_pending", reference=reference, checks=check)
        return
    Queue(job.origin, connection=job.connection).enqueue_in(
        CHECK_AGAIN_AFTER, send_card_refund, project_id, reference, check + 1, job_id=f"{reference}-{check + 1}",
        retry=Retry(max=len(RETRY_INTERVALS_S), interval=RETRY_INTERVALS_S))
