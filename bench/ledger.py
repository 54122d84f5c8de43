"""Transfers per second through the ledger on the embedded stack, 8 concurrent clients.

Starts PouchDB Server and Redis, then 8 clients each run a booking's money, over and over: a
Paystack deposit and its escrow hold (2 transfers), then a release with platform fee and VAT
(3 transfers), each batch awaited before the next, as a core handling intents would. At the end
a fresh reader replays the whole log and checks the invariants: per currency the entries sum to
zero, no floored account is below zero, every hold is used up exactly. Goal: 500 transfers/s.

    .venv/bin/python -m bench.ledger [--bookings-per-client 150] [--clients 8]
"""
import argparse
import asyncio
import tempfile
import time
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path

from config.bootstrap import open_couch, open_redis
from config.embedded import PouchDBServer, RedisServer, free_port
from config.settings import Settings
from core.ledger.accounts import has_floor
from core.ledger.escrow import deposit_and_hold, release
from core.ledger.state import CREATED
from core.money import Money
from sync.ledger_store import CouchLedger
from sync.provisioning import migrate


class Clock:
    def now(self) -> datetime:
        return datetime.now(timezone.utc)


async def client(book: CouchLedger, number: int, bookings: int) -> int:
    made = 0
    for n in range(bookings):
        key = f"c{number}-b{n}"
        amount = Money(1_000_000 + n, "NGN")
        batch = deposit_and_hold("paystack", f"ref-{key}", f"producer{number}", f"crew{n % 17}", amount,
                                 f"hold-{key}", f"booking-{key}")
        made += sum(r.status == CREATED for r in await book.submit(batch))
        hold = await book.hold(f"hold-{key}")
        made += sum(r.status == CREATED for r in await book.submit(release(hold, amount.amount_minor, key, 500)))
    return made


async def measure(settings: Settings, clients: int, bookings: int) -> dict:
    couch, redis = open_couch(settings), open_redis(settings)
    try:
        await migrate(couch)
        book = CouchLedger(couch, redis, Clock())
        await book.catch_up()
        started = time.monotonic()
        made = sum(await asyncio.gather(*(client(book, c, bookings) for c in range(clients))))
        seconds = time.monotonic() - started
        check_started = time.monotonic()
        balances = await CouchLedger(couch, redis, Clock()).balances()
        replay_s = time.monotonic() - check_started
        return {"made": made, "seconds": seconds, "replay_s": replay_s, "problems": invariants(balances)}
    finally:
        await couch.close()
        redis.close()


def invariants(balances: dict) -> list[str]:
    problems, sums = [], defaultdict(lambda: [0, 0])
    for (account, currency), balance in balances.items():
        sums[currency][0] += balance.debits_posted + balance.debits_pending
        sums[currency][1] += balance.credits_posted + balance.credits_pending
        if has_floor(account) and balance.available < 0:
            problems.append(f"{account} {currency} is below zero: {balance}")
        if account.startswith("escrow:") and (balance.posted, balance.credits_pending) != (0, 0):
            problems.append(f"{account} still holds money after its release: {balance}")
    problems += [f"{ccy}: debits {d} != credits {c}" for ccy, (d, c) in sums.items() if d != c]
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--bookings-per-client", type=int, default=150)
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="nollycrew-bench-"))
    couch_server = PouchDBServer(free_port(), scratch / "couch", "bench", "bench-password").start()
    redis_server = RedisServer(free_port(), scratch / "redis").start()
    settings = Settings(couch_url=couch_server.url, couch_admin_user="bench", couch_admin_password="bench-password",
                        redis_url=redis_server.url)
    try:
        figures = asyncio.run(measure(settings, args.clients, args.bookings_per_client))
    finally:
        redis_server.stop()
        couch_server.stop()
    print(f"clients: {args.clients}, bookings each: {args.bookings_per_client}")
    print(f"transfers made: {figures['made']} in {figures['seconds']:.2f} s")
    print(f"throughput: {figures['made'] / figures['seconds']:.0f} transfers/s (goal 500)")
    print(f"fresh replay of the whole log: {figures['replay_s']:.2f} s")
    print("invariants: " + ("all hold" if not figures["problems"] else "; ".join(figures["problems"][:5])))


if __name__ == "__main__":
    main()
