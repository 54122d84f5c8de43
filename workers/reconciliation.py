"""The reconciliation job: read the whole ledger log, ask each gateway about every reference it
names (and any others given, e.g. checkouts that never reached the ledger), and write the
differences to the ops document "reconciliation:<date>". Nothing in the ledger is changed: a
person decides what each difference means.

Run daily from the scheduler, or by hand:
    Queue("default").enqueue(reconcile, "2026-11-28", [["payment", "paystack", "nc..."]])"""
import asyncio
from datetime import date

import structlog

from core import scopes
from core.errors import Rejected
from core.ledger.transfers import Transfer
from core.payments import PaymentGateway, PaymentRefused
from core.ports import DocumentStore
from core.reconciliation import PAYMENT, PAYOUT, Fact, Key, differences, ledger_facts, report_doc
from sync.ledger_store import entry_id
from workers import context
from workers.payment_jobs import gateways
from workers.payout_jobs import NoTransferLookup, look_up_transfer

log = structlog.get_logger()
NOT_FOUND_CODES = ("400", "404")  # how the gateways say "no such reference"


def reconcile(day: str, references: list[list[str]] | None = None, only: list[str] | None = None) -> dict:
    """Compare, write "reconciliation:<day>" in ops, and return it. `references`: extra
    [kind, gateway, reference] triples to ask about beyond those the ledger names; `only`: the
    gateways to ask (all by default), e.g. while one has no keys configured."""

    async def run() -> dict:
        async with context.current().open_session() as session:
            ledger = ledger_facts(await ledger_transfers(session.store))
            wanted = set(ledger) | {tuple(triple) for triple in references or []}
            asked = {name: gateway for name, gateway in gateways().items() if only is None or name in only}
            answers = await gateway_facts(asked, sorted(wanted))
            found = differences(ledger, answers)
            report = report_doc(date.fromisoformat(day), len(answers), found)
            await session.store.create(scopes.OPS, {"_id": report["_id"], "type": report["type"]})
            saved = await session.store.update(scopes.OPS, report["_id"], lambda doc: {**doc, **report})
            log.info("reconciled", day=day, checked=len(answers), differences=len(found))
            return {key: value for key, value in saved.items() if not key.startswith("_")}

    return asyncio.run(run())


async def ledger_transfers(store: DocumentStore) -> list[Transfer]:
    """Every transfer in the ledger's log, entry by entry (positions have no gaps)."""
    transfers, position = [], 1
    while (entry := await store.get(scopes.LEDGER, entry_id(position))) is not None:
        transfers.extend(Transfer.from_doc(doc) for batch in entry["batches"] for doc in batch)
        position += 1
    return transfers


async def gateway_facts(by_name: dict[str, PaymentGateway], keys: list[Key]) -> dict[Key, Fact | None]:
    """The gateway's word on each reference; None where it knows none. A reference the job cannot
    check (a payout at a gateway without a lookup) is left out rather than called missing."""
    answers: dict[Key, Fact | None] = {}
    for kind, name, reference in keys:
        gateway = by_name.get(name)
        if gateway is None:
            continue
        try:
            if kind == PAYMENT:
                verified = await gateway.verify(reference)
                answers[(kind, name, reference)] = Fact(kind, name, reference, verified.status, verified.amount)
            elif kind == PAYOUT:
                found = await look_up_transfer(gateway, reference)
                answers[(kind, name, reference)] = found and Fact(kind, name, reference, found.status, found.amount)
        except NoTransferLookup:
            log.warning("reconciliation_cannot_check", kind=kind, gateway=name, reference=reference)
        except PaymentRefused as refused:
            if refused.code not in NOT_FOUND_CODES:
                raise
            answers[(kind, name, reference)] = None
        except Rejected as refused:  # a reference the gateway could never have issued: not there
            log.warning("reconciliation_reference_refused", gateway=name, reference=reference, reason=refused.reason)
            answers[(kind, name, reference)] = None
    return answers
