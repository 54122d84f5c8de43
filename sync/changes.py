"""A database's changes, for as long as the reader wants them: the one continuous-feed reader
that the rules engine and the search index both follow."""
import asyncio
from collections.abc import AsyncIterator

import structlog
from aiocouch.exception import NotFoundError

from sync.couch import Couch, is_unavailable

log = structlog.get_logger()


async def changes_forever(
    couch: Couch, db: str, since, *, heartbeat_ms: int, stall_timeout_s: float, backoff_s: float
) -> AsyncIterator[dict]:
    """Each change of `db` after `since` (with its document), reconnecting from the last one
    whenever the server closes the feed, goes silent or goes away. NotFoundError: no such db."""
    database = couch.database(db)
    while True:
        changes = database.changes(
            feed="continuous", since=since, include_docs=True, heartbeat=heartbeat_ms
        ).__aiter__()
        try:
            while True:
                # asyncio.timeout, not wait_for: on 3.11 wait_for can swallow a cancel that
                # lands as a change arrives, and the task would never stop.
                async with asyncio.timeout(stall_timeout_s):
                    event = await anext(changes)
                if "id" in event.json:  # the closing {"last_seq": ...} line is not a change
                    yield event.json
                    since = event.json["seq"]
        except (StopAsyncIteration, TimeoutError):
            pass  # the server closed the feed or went silent: reconnect from `since`
        except Exception as error:
            if isinstance(error, NotFoundError) or not is_unavailable(error):
                raise
            log.warning("couch_unavailable", during="changes", db=db, error=repr(error))
            await asyncio.sleep(backoff_s)
        finally:
            await changes.aclose()
