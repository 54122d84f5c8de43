"""The changes-feed runner: follows every database it must, hands each change to the rules.

The contract (medic/cht-core's "transitions"): rules are an explicit list; each has a cheap
`filter` and an `on_match`; one rule's failure never stops the others; a database's checkpoint
is written only after its changes are processed, so delivery is at-least-once and rules are
idempotent; retries are capped; the queue between reading and processing is bounded. When
CouchDB goes away the runner waits and carries on from where it was, without a restart.
"""
import asyncio
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

import structlog
from aiocouch.exception import NotFoundError
from prometheus_client import Counter

from core import scopes
from sync.changes import changes_forever
from sync.checkpoints import Checkpoints
from sync.couch import Couch, is_unavailable, until_available

log = structlog.get_logger()

CHECKPOINT_IDLE_S = 0.2

CHANGES = Counter("nollycrew_feed_changes_total", "Changes processed", ["db_kind"])
RULE_RUNS = Counter("nollycrew_rule_runs_total", "Rule runs by result", ["rule", "result"])


class Rule(Protocol):
    name: str

    def filter(self, db: str, doc: dict) -> bool:
        """Cheap and pure: does this change concern the rule?"""

    async def on_match(self, db: str, doc: dict) -> None:
        """Apply the rule. Must be safe to run again for the same change."""

    async def on_give_up(self, db: str, doc: dict, error: Exception) -> None:
        """Called once after the last failed attempt."""


@dataclass(frozen=True)
class FeedLimits:
    heartbeat_ms: int = 10_000
    stall_timeout_s: float = 45.0  # no byte, not even a heartbeat, for this long: reconnect
    queue_size: int = 100
    max_attempts: int = 5
    retry_base_s: float = 0.2
    unavailable_backoff_max_s: float = 2.0
    checkpoint_every: int = 50
    discovery_interval_s: float = 5.0
    # Changes of one database run this many at a time. A person's own database keeps one:
    # their requests apply in the order they made them (a YES, then a NO).
    concurrency_by_kind: dict = field(default_factory=lambda: {"user": 1, "office": 8, "project": 8})
    # And never more than this many across all databases, so a restart that finds thousands
    # of databases behind does not flood CouchDB.
    max_concurrent_changes: int = 32


class FeedRunner:
    def __init__(
        self,
        couch: Couch,
        checkpoints: Checkpoints,
        rules: list[Rule],
        follows: Callable[[str], bool],
        limits: FeedLimits = FeedLimits(),
    ):
        self._couch = couch
        self._checkpoints = checkpoints
        self._rules = rules
        self._follows = follows
        self._limits = limits
        self._followers: dict[str, asyncio.Task] = {}
        self._slots = asyncio.Semaphore(limits.max_concurrent_changes)

    async def run(self) -> None:
        """Discover databases (new ones included) and follow each, until cancelled."""
        try:
            while True:
                try:
                    for db in await self._couch.database_names():
                        self.follow(db)
                except Exception as error:
                    if not is_unavailable(error):
                        raise
                    log.warning("couch_unavailable", during="discovery", error=repr(error))
                await asyncio.sleep(self._limits.discovery_interval_s)
        finally:
            for task in self._followers.values():
                task.cancel()
            await asyncio.gather(*self._followers.values(), return_exceptions=True)

    def follow(self, db: str) -> None:
        """Start following `db` now (the core calls this right after creating a database)."""
        running = self._followers.get(db)
        if self._follows(db) and (running is None or running.done()):
            follower = DatabaseFollower(
                db, self._couch, self._checkpoints, self._rules, self._limits, self._slots
            )
            task = asyncio.create_task(follower.run(), name=f"feed:{db}")
            task.add_done_callback(_log_end)
            self._followers[db] = task

    @property
    def followed(self) -> list[str]:
        return sorted(db for db, task in self._followers.items() if not task.done())


class DatabaseFollower:
    def __init__(
        self, db: str, couch: Couch, checkpoints: Checkpoints, rules: list[Rule], limits: FeedLimits,
        slots: asyncio.Semaphore,
    ):
        self.db = db
        self._couch = couch
        self._checkpoints = checkpoints
        self._rules = rules
        self._limits = limits
        self._kind = scopes.kind_of(db)[0]
        self._slots = slots
        self._width = asyncio.Semaphore(limits.concurrency_by_kind.get(self._kind, 1))
        self._running: dict[str, asyncio.Task] = {}  # by document id: one at a time per document

    async def run(self) -> None:
        """Follow until the database is gone. A failure ends the follower; the runner starts
        it again at its next discovery, from the last checkpoint."""
        since = await self._while_unavailable(lambda: self._checkpoints.load(self.db))
        queue: asyncio.Queue = asyncio.Queue(maxsize=self._limits.queue_size)
        reader = asyncio.create_task(self._read(since, queue))
        processor = asyncio.create_task(self._process(queue))
        try:
            done, _ = await asyncio.wait({reader, processor}, return_when=asyncio.FIRST_COMPLETED)
            if processor in done:
                processor.result()
            else:
                reader.result()
                await processor  # the database is gone: finish what was read
        finally:
            reader.cancel()
            processor.cancel()

    async def _read(self, since, queue: asyncio.Queue) -> None:
        limits = self._limits
        try:
            async for change in changes_forever(
                self._couch, self.db, since, heartbeat_ms=limits.heartbeat_ms,
                stall_timeout_s=limits.stall_timeout_s, backoff_s=limits.unavailable_backoff_max_s,
            ):
                await queue.put(change)
        except NotFoundError:
            log.info("feed_database_gone", db=self.db)
            await queue.put(None)

    async def _process(self, queue: asyncio.Queue) -> None:
        # Changes finish out of order; the checkpoint moves only past a run of finished ones.
        window: deque[list] = deque()  # [seq, finished]
        unsaved, last_seq = 0, None
        while True:
            while window and window[0][1]:
                last_seq = window.popleft()[0]
                unsaved += 1
            if unsaved and (unsaved >= self._limits.checkpoint_every or (queue.empty() and not window)):
                await self._save_checkpoint(last_seq)
                unsaved = 0
            try:
                async with asyncio.timeout(CHECKPOINT_IDLE_S if window else None):
                    change = await queue.get()
            except TimeoutError:
                continue  # look at the window again: something may have finished
            if change is None:
                await asyncio.gather(*self._running.values(), return_exceptions=True)
                return
            entry = [change["seq"], False]
            window.append(entry)
            await self._width.acquire()
            await self._slots.acquire()
            earlier = self._running.get(change["id"])
            task = asyncio.create_task(self._apply_in_turn(change, earlier, entry))
            self._running[change["id"]] = task

    async def _apply_in_turn(self, change: dict, earlier: asyncio.Task | None, entry: list) -> None:
        try:
            if earlier is not None:
                await asyncio.gather(earlier, return_exceptions=True)
            await self._apply(change)
            CHANGES.labels(self._kind).inc()
        except Exception:
            # Rules have had their retries and on_give_up; what still escapes is a bug to see.
            log.exception("change_failed", db=self.db, doc_id=change["id"], seq=change["seq"])
        finally:
            entry[1] = True
            if self._running.get(change["id"]) is asyncio.current_task():
                del self._running[change["id"]]
            self._slots.release()
            self._width.release()

    async def _save_checkpoint(self, seq) -> None:
        await self._while_unavailable(lambda: self._checkpoints.save(self.db, seq))

    async def _apply(self, change: dict) -> None:
        doc = change.get("doc")
        if doc is None or change.get("deleted"):
            return
        for rule in self._rules:
            if rule.filter(self.db, doc):
                await self._run(rule, doc)

    async def _run(self, rule: Rule, doc: dict) -> None:
        for attempt in range(1, self._limits.max_attempts + 1):
            try:
                await self._while_unavailable(lambda: rule.on_match(self.db, doc))
                RULE_RUNS.labels(rule.name, "ok").inc()
                return
            except Exception as error:  # one rule's failure must not stop the others
                RULE_RUNS.labels(rule.name, "error").inc()
                log.exception("rule_failed", rule=rule.name, db=self.db, doc_id=doc["_id"], attempt=attempt)
                last_error = error
                await asyncio.sleep(self._limits.retry_base_s * 2 ** attempt)
        await self._while_unavailable(lambda: rule.on_give_up(self.db, doc, last_error))

    async def _while_unavailable(self, attempt):
        return await until_available(attempt, self._limits.unavailable_backoff_max_s, db=self.db)


def _log_end(task: asyncio.Task) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("follower_failed", task=task.get_name(), error=repr(task.exception()))
