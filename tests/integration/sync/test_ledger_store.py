"""The ledger's log in a real PouchDB Server: batches stored whole, repeats made once, floors kept
under concurrency, within one writer and between two that race for the same positions."""
import asyncio
from datetime import datetime, timezone

import pytest
from redis import Redis

from core.ledger import accounts
from core.ledger.escrow import deposit_and_hold, release
from core.ledger.state import CREATED, EXISTS, REFUSED
from core.money import Money
from sync.ledger_store import LEDGER_DB, CouchLedger, LedgerMemory
from tests.unit.fakes import FixedClock

NOW = datetime(2026, 12, 1, 9, tzinfo=timezone.utc)
NAIRA_50K = Money(5_000_000, "NGN")


@pytest.fixture
async def empty_ledger(couch):
    """The ledger database with no entries (tests share the server)."""
    database = couch.database(LEDGER_DB)
    stale = [dict(doc.data) async for doc in database.docs(prefix="log:")]
    if stale:
        await database._bulk_docs([{**doc, "_deleted": True} for doc in stale])
    return couch


@pytest.fixture
def other_redis(settings):
    """A second Redis database: a writer whose lock the first cannot see, so both race."""
    client = Redis.from_url(settings.redis_url.rsplit("/", 1)[0] + "/3")
    client.flushdb()
    yield client
    client.flushdb()
    client.close()


def ledger(couch, redis) -> CouchLedger:
    return CouchLedger(couch, redis, FixedClock(NOW))


async def funded_hold(book: CouchLedger, key: str = "ps_ref_1") -> str:
    results = await book.submit(deposit_and_hold("paystack", key, "producer1", "crew1", NAIRA_50K,
                                                 f"hold-{key}", "booking1"))
    assert [r.status for r in results] == [CREATED, CREATED]
    return f"hold-{key}"


async def test_a_release_is_stored_whole_and_survives_a_restart(empty_ledger, redis):
    book = ledger(empty_ledger, redis)
    hold_id = await funded_hold(book)

    results = await book.submit(release(await book.hold(hold_id), 3_000_000, "approval-1", fee_bps=500))

    assert {r.status for r in results} == {CREATED}
    restarted = ledger(empty_ledger, redis)
    payee = await restarted.balance(accounts.payee("crew1"), "NGN")
    escrow = await restarted.balance(accounts.escrow(hold_id), "NGN")
    assert payee.posted == 3_000_000 - 150_000 - 11_250  # fee 5 %, VAT 7.5 % of the fee
    assert (escrow.posted, (await restarted.hold(hold_id)).remaining_minor) == (0, 2_000_000)


async def test_the_same_credit_delivered_100_times_at_once_is_made_once(empty_ledger, redis):
    book = ledger(empty_ledger, redis)
    deposit = deposit_and_hold("paystack", "ps_ref_dup", "producer1", "crew1", NAIRA_50K, "h", "b")[:1]

    answers = await asyncio.gather(*(book.submit(deposit) for _ in range(100)))

    assert sorted(a[0].status for a in answers).count(CREATED) == 1
    assert {a[0].status for a in answers} == {CREATED, EXISTS}
    assert (await ledger(empty_ledger, redis).balance(accounts.wallet("producer1"), "NGN")).posted == 5_000_000


async def test_fifty_concurrent_releases_of_one_hold_release_once(empty_ledger, redis):
    book = ledger(empty_ledger, redis)
    hold = await book.hold(await funded_hold(book))

    answers = await asyncio.gather(*(book.submit(release(hold, 5_000_000, f"approval-{n}", fee_bps=500))
                                     for n in range(50)))

    assert sum(all(r.status == CREATED for r in a) for a in answers) == 1
    assert all(r.status == REFUSED for a in answers if a[0].status != CREATED for r in a)
    payee = await ledger(empty_ledger, redis).balance(accounts.payee("crew1"), "NGN")
    assert payee.posted == 5_000_000 - 250_000 - 18_750


async def test_two_writers_racing_for_positions_keep_every_floor(empty_ledger, redis, other_redis):
    first, second = ledger(empty_ledger, redis), ledger(empty_ledger, other_redis)
    hold = await first.hold(await funded_hold(first))
    await second.catch_up()

    parts = [(first if n % 2 else second).submit(release(hold, 1_000_000, f"part-{n}", fee_bps=0))
             for n in range(12)]
    answers = await asyncio.gather(*parts)

    made = sum(all(r.status == CREATED for r in a) for a in answers)
    assert made == 5  # ₦50,000 held, ₦10,000 a part: five parts, never six
    fresh = ledger(empty_ledger, redis)
    assert (await fresh.balance(accounts.payee("crew1"), "NGN")).posted == 5_000_000
    assert (await fresh.balance(accounts.escrow(hold.id), "NGN")).posted == 0


async def test_a_process_memory_carries_what_was_read_to_the_next_session(empty_ledger, redis):
    memory = LedgerMemory()
    first = CouchLedger(empty_ledger, redis, FixedClock(NOW), memory)
    hold_id = await funded_hold(first)
    read = memory.position

    second = CouchLedger(empty_ledger, redis, FixedClock(NOW), memory)  # a worker's next job
    results = await second.submit(release(await second.hold(hold_id), 1_000_000, "approval-mem", fee_bps=0))

    assert read == 1 and memory.position == 2 and {r.status for r in results} == {CREATED}
    fresh = ledger(empty_ledger, redis)  # and the log alone gives the same balances
    assert await fresh.balances() == await second.balances()
