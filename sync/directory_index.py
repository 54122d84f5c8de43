"""Keeps a core.search.DirectoryIndex current with the `directory` database.

It loads every document in pages of _all_docs, then follows the continuous changes feed from the
sequence read *before* the first page, so a change written during the load is applied again
afterwards (upserts are idempotent) and none is missed. CouchDB being away is waited out, as the
rules engine's feed does; searches keep answering from what was loaded.
"""
import asyncio
import json
import time

import structlog
from aiocouch.exception import NotFoundError

from core import scopes
from core.search import DirectoryIndex
from sync.couch import Couch, until_available
from sync.changes import changes_forever
from sync.feed import FeedLimits

log = structlog.get_logger()

PAGE_SIZE_DOCS = 2000
DESIGN_PREFIX = "_design/"


class DirectoryIndexFeed:
    def __init__(self, couch: Couch, index: DirectoryIndex, limits: FeedLimits = FeedLimits(),
                 db: str = scopes.DIRECTORY, page_size: int = PAGE_SIZE_DOCS):
        self._couch = couch
        self.index = index
        self._limits = limits
        self._db = db
        self._page_size = page_size
        self.loaded = asyncio.Event()
        self.load_seconds: float | None = None
        self.since = None

    async def run(self) -> None:
        """Load, then follow until cancelled."""
        started = time.monotonic()
        self.since = await self._while_unavailable(self._load)
        self.load_seconds = time.monotonic() - started
        self.loaded.set()
        log.info("directory_index_loaded", seconds=round(self.load_seconds, 2), **self.index.counts)
        await self._follow()

    async def _load(self):
        database = self._couch.database(self._db)
        since = (await database.info())["update_seq"]
        start_after = None
        while True:
            params = {"include_docs": True, "limit": self._page_size}
            if start_after is not None:  # keyset paging: skip=N would rescan N rows every page
                params.update(startkey=json.dumps(start_after), skip=1)
            rows = (await database.all_docs.get(**params)).rows
            for row in rows:
                if not row["id"].startswith(DESIGN_PREFIX) and row.get("doc"):
                    self.index.upsert(row["doc"])
            if len(rows) < self._page_size:
                return since
            start_after = rows[-1]["id"]

    async def _follow(self) -> None:
        limits = self._limits
        while True:
            try:
                async for change in changes_forever(
                    self._couch, self._db, self.since, heartbeat_ms=limits.heartbeat_ms,
                    stall_timeout_s=limits.stall_timeout_s, backoff_s=limits.unavailable_backoff_max_s,
                ):
                    self._apply(change)
                    self.since = change["seq"]
            except NotFoundError:
                # No directory (yet): migrate creates it; until then there is nothing to find.
                log.warning("directory_missing", db=self._db)
                await asyncio.sleep(limits.unavailable_backoff_max_s)

    def _apply(self, change: dict) -> None:
        if change["id"].startswith(DESIGN_PREFIX):
            return
        if change.get("deleted") or change.get("doc") is None:
            self.index.remove(change["id"])
        else:
            self.index.upsert(change["doc"])

    async def _while_unavailable(self, attempt):
        # No directory yet is waited out too: migrate creates it.
        return await until_available(
            attempt, self._limits.unavailable_backoff_max_s, also_wait_for=(NotFoundError,), db=self._db
        )
