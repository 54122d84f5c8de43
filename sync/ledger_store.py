"""The ledger in CouchDB: an append-only log of numbered entries, one writer at a time.

Each entry, `log:<position>`, holds the transfers one group of submissions created, in order.
Writing an entry is creating a document whose id is the next position, so two writers can never
both take position N: the second gets a conflict, reads what the first wrote and tries again at
N+1 with its batches re-judged on the new state. One document is one atomic write, so a linked
batch is stored whole or not at all. Balances, holds and repeats are derived from the log: the
writer keeps them in memory, replaying the log at start and catching up after a conflict.

Submissions that arrive while an entry is being written wait and go together in the next one
(group commit): with 8 clients each waiting on its own write, one round trip serves them all.
A Redis lock keeps a second process from racing the first for every position; it only saves
wasted work, the positions alone keep the log right."""
import asyncio
import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime

import structlog
from aiocouch import Document
from aiocouch.exception import ConflictError
from redis import Redis

from core.ledger.accounts import Balance
from core.ledger.footprint import footprint
from core.ledger.holds import Hold
from core.ledger.state import CREATED, LedgerState, TransferResult, apply
from core.ledger.transfers import Transfer
from core.ports import Clock, Ledger
from sync.couch import Couch

log = structlog.get_logger()
LEDGER_DB = "ledger"
ENTRY_PREFIX = "log:"
POSITION_DIGITS = 12
MAX_GROUP = 64  # submissions per entry: keeps an entry well under a megabyte
LOCK_KEY, LOCK_TTL_MS, LOCK_WAIT_S = "ledger:writer", 10_000, 0.005
READ_PAGE = 500


def entry_id(position: int) -> str:
    return f"{ENTRY_PREFIX}{position:0{POSITION_DIGITS}d}"


@dataclass
class LedgerMemory:
    """What a process has read of the log: balances, holds and transfer ids up to `position`.
    Kept beyond one CouchLedger, so a worker's jobs (a session each) read only what is new."""

    balances: dict[tuple[str, str], Balance] = field(default_factory=dict)
    holds: dict[str, Hold] = field(default_factory=dict)
    fingerprints: dict[str, str] = field(default_factory=dict)
    position: int = 0


_MEMORIES: dict[str, LedgerMemory] = {}


def process_memory(couch_url: str) -> LedgerMemory:
    """This process's memory of the ledger at `couch_url` (one per server it talks to)."""
    return _MEMORIES.setdefault(couch_url, LedgerMemory())


class CouchLedger(Ledger):
    def __init__(self, couch: Couch, redis: Redis, clock: Clock, memory: LedgerMemory | None = None):
        self._db, self._redis, self._clock = couch.database(LEDGER_DB), redis, clock
        self._memory = memory or LedgerMemory()
        self._waiting: list[tuple[list[Transfer], asyncio.Future]] = []
        self._writer: asyncio.Task | None = None
        self._token = uuid.uuid4().hex

    async def submit(self, transfers: list[Transfer]) -> list[TransferResult]:
        done = asyncio.get_running_loop().create_future()
        self._waiting.append((list(transfers), done))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write_waiting())
        return await done

    async def balance(self, account: str, currency: str) -> Balance:
        await self.catch_up()
        return self._memory.balances.get((account, currency), Balance())

    async def hold(self, hold_id: str) -> Hold | None:
        await self.catch_up()
        return self._memory.holds.get(hold_id)

    async def balances(self) -> dict[tuple[str, str], Balance]:
        """Every (account, currency) balance: for reconciliation and the invariants' checks."""
        await self.catch_up()
        return dict(self._memory.balances)

    async def transfers(self) -> list[tuple[dict, str]]:
        """Every transfer made, in order, with when its entry was written: for reports."""
        made, position = [], 1
        while True:
            rows = await self._entries_from(position)
            made += [(doc, row["written_at"]) for row in rows for batch in row["batches"] for doc in batch]
            if len(rows) < READ_PAGE:
                return made
            position = rows[-1]["position"] + 1

    async def catch_up(self) -> None:
        """Read every entry written since the last one read (all of them, the first time)."""
        while True:
            rows = await self._entries_from(self._memory.position + 1)
            for row in rows:
                for batch in row["batches"]:
                    self._apply([Transfer.from_doc(doc) for doc in batch], None)
                self._memory.position = row["position"]
            if len(rows) < READ_PAGE:
                return

    async def _write_waiting(self) -> None:
        while self._waiting:
            group, self._waiting = self._waiting[:MAX_GROUP], self._waiting[MAX_GROUP:]
            try:
                await self._locked(self._write_group, group)
            except Exception as error:  # CouchDB or Redis away: every caller in the group hears it
                for _, done in group:
                    if not done.done():
                        done.set_exception(error)

    async def _write_group(self, group: list[tuple[list[Transfer], asyncio.Future]]) -> None:
        while True:
            await self.catch_up()
            undo: list[tuple[dict, object, object]] = []  # (map, key, value before) for what this group changed
            now, batches, answers = self._clock.now(), [], []
            for transfers, done in group:
                results = self._apply(transfers, now, undo)
                made = [t.to_doc() for t, r in zip(transfers, results) if r.status == CREATED]
                if made:
                    batches.append(made)
                answers.append((done, results))
            try:
                appended = not batches or await self._append(batches, now)
            except BaseException:
                # Not known to be written: forget it; if it was, the next catch-up reads it back.
                _undo(undo)
                raise
            if not appended:
                _undo(undo)  # another writer took the position: read theirs, judge ours again
                continue
            if batches:
                self._memory.position += 1
            for done, results in answers:
                if not done.done():
                    done.set_result(results)
            return

    def _apply(self, transfers: list[Transfer], now: datetime | None, undo: list | None = None
               ) -> list[TransferResult]:
        """Apply on a state cut down to what the batch touches (core.ledger.footprint), so a
        batch costs the same whatever the size of the ledger; then keep what it changed."""
        touched = footprint(transfers)
        small = LedgerState(
            {key: self._memory.balances[key] for key in touched.balance_keys if key in self._memory.balances},
            {hold: self._memory.holds[hold] for hold in touched.hold_ids if hold in self._memory.holds},
            {tid: self._memory.fingerprints[tid] for tid in touched.transfer_ids if tid in self._memory.fingerprints},
        )
        after, results = apply(small, transfers, now)
        for memory, changed in ((self._memory.balances, after.balances), (self._memory.holds, after.holds),
                                (self._memory.fingerprints, after.fingerprints)):
            for key, value in changed.items():
                if undo is not None:
                    undo.append((memory, key, memory.get(key, _ABSENT)))
                memory[key] = value
        return results

    async def _append(self, batches: list[list[dict]], now: datetime) -> bool:
        position = self._memory.position + 1
        entry = Document(self._db, entry_id(position), data={
            "type": "ledger_entry", "position": position, "batches": batches, "written_at": now.isoformat(),
        })
        try:
            await entry.save()  # a new id: the server refuses it (409) if the position is taken
        except ConflictError:
            log.info("ledger_position_taken", position=position)
            return False
        return True

    async def _entries_from(self, position: int) -> list[dict]:
        response = await self._db.all_docs.get(
            startkey=json.dumps(entry_id(position)), endkey=json.dumps(ENTRY_PREFIX + "\uffff"),
            include_docs="true", limit=READ_PAGE,
        )
        return [dict(doc.data) for doc in response.docs()]

    async def _locked(self, work, *args) -> None:
        while not await asyncio.to_thread(self._redis.set, LOCK_KEY, self._token, nx=True, px=LOCK_TTL_MS):
            await asyncio.sleep(LOCK_WAIT_S)
        try:
            await work(*args)
        finally:
            await asyncio.to_thread(self._redis.eval, _RELEASE, 1, LOCK_KEY, self._token)


_ABSENT = object()


def _undo(undo: list[tuple[dict, object, object]]) -> None:
    """Put back what a group changed, newest first, so the memory is as before the group."""
    for memory, key, before in reversed(undo):
        if before is _ABSENT:
            memory.pop(key, None)
        else:
            memory[key] = before


# Delete the lock only if it is still ours (it may have expired and been taken by another writer).
_RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end"
