"""Small waits and writes the integration and end-to-end tests share."""
import asyncio
import time
import uuid
from datetime import datetime, timezone

from core import scopes

WAIT_S = 20.0


async def eventually(check, timeout_s: float = WAIT_S, interval_s: float = 0.1):
    """Call `check` until it returns something truthy; fail with its last answer."""
    deadline = time.monotonic() + timeout_s
    last = None
    while time.monotonic() < deadline:
        last = await check()
        if last:
            return last
        await asyncio.sleep(interval_s)
    raise AssertionError(f"not true within {timeout_s} s; last answer: {last!r}")


def intent(kind: str, author: str, **fields) -> dict:
    return {
        "_id": f"{kind}:{uuid.uuid4().hex}",
        "type": kind,
        "author": author,
        "created_at": datetime.now(timezone.utc).isoformat(),
        **fields,
    }


async def outcome_of(store, db: str, doc_id: str, timeout_s: float = WAIT_S) -> dict:
    async def check():
        doc = await store.get(db, doc_id)
        return doc and doc.get("outcome")

    return await eventually(check, timeout_s)


def person_db(person_id: str) -> str:
    return scopes.user_db(person_id)
