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
from sync.couch import Couch, is_unavailable
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
        database = self._couch.database(self._db)
        while True:
            changes = database.changes(
                feed="continuous", since=self.since, include_docs=True, heartbeat=self._limits.heartbeat_ms
            ).__aiter__()
            try:
                while True:
                    # asyncio.timeout, not wait_for: on 3.11 wait_for can swallow a cancel that
                    # lands as a change arrives, and the task would never stop.
                    async with asyncio.timeout(self._limits.stall_timeout_s):
                        event = await anext(changes)
                    if "id" in event.json:  # the closing {"last_seq": ...} line is not a change
                        self._apply(event.json)
                        self.since = event.json["seq"]
            except (StopAsyncIteration, asyncio.TimeoutError):
                pass  # the server closed the feed or went silent: reconnect from `since`
            except NotFoundError:
                # No directory (yet): migrate creates it; until then there is nothing to find.
                log.warning("directory_missing", db=self._db)
                await asyncio.sleep(self._limits.unavailable_backoff_max_s)
            except Exception as error:
                if not is_unavailable(error):
                    raise
                log.warning("couch_unavailable", during="directory_index", error=repr(error))
                await asyncio.sleep(self._limits.unavailable_backoff_max_s)
            finally:
                await changes.aclose()

    def _apply(self, change: dict) -> None:
        if change["id"].startswith(DESIGN_PREFIX):
            return
        if change.get("deleted") or change.get("doc") is None:
            self.index.remove(change["id"])
        else:
            self.index.upsert(change["doc"])

    async def _while_unavailable(self, attempt):
        delay = 0.1
        while True:
            try:
                return await attempt()
            except Exception as error:
                if not (is_unavailable(error) or isinstance(error, NotFoundError)):
                    raise
                log.warning("directory_index_waiting", error=repr(error))
                await asyncio.sleep(delay)
                delay = min(delay * 2, self._limits.unavailable_backoff_max_s)
