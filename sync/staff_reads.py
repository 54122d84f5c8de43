"""The staff handlers' lists (core.staff_chat_commands.StaffReads) read from CouchDB, and the
broadcast's later batches (BroadcastBatches) run as RQ jobs scheduled with enqueue_in.

Prefix reads, as sync/figures_reads.py does: a project's bookings and team are small; the
platform-wide reads (person cards, job posts, the message log, disputes) are whole scans,
fine for an admin's few questions a day, and the first thing to turn into views if not."""
import asyncio
from datetime import datetime, timedelta

from redis import Redis
from rq import Queue, Retry

from core import scopes
from core.staff_chat_commands import BroadcastBatches, SendBroadcastBatch, StaffReads
from sync.couch import Couch
from sync.figures_reads import docs_with_prefix

OFFICE_ROLE_SUFFIX = ":office"
BATCH_RETRY_INTERVALS_S = [5, 30, 120]


class CouchStaffReads(StaffReads):
    def __init__(self, couch: Couch):
        self._couch = couch

    async def office_projects(self, person_id: str) -> list[str]:
        # The account's CouchDB roles say which office databases it opens (core/scopes.office_role).
        account = await self._couch.document("_users", f"org.couchdb.user:{person_id}")
        roles = account.data.get("roles", []) if account is not None else []
        return sorted({role.removeprefix(scopes.PROJECT_PREFIX).removesuffix(OFFICE_ROLE_SUFFIX)
                       for role in roles
                       if role.startswith(scopes.PROJECT_PREFIX) and role.endswith(OFFICE_ROLE_SUFFIX)})

    async def project_bookings(self, project_id: str) -> list[dict]:
        return await docs_with_prefix(self._couch, scopes.project_db(project_id), "booking:")

    async def project_team(self, project_id: str) -> list[dict]:
        return await docs_with_prefix(self._couch, scopes.office_db(project_id), "team:")

    async def person_cards(self) -> list[dict]:
        return await docs_with_prefix(self._couch, scopes.DIRECTORY, "person:")

    async def job_posts(self) -> list[dict]:
        return await docs_with_prefix(self._couch, scopes.DIRECTORY, "job_post:")

    async def messages_since(self, since: str) -> list[dict]:
        messages = await docs_with_prefix(self._couch, scopes.OPS, "message:")
        start = datetime.fromisoformat(since)  # as times, not text: offsets may differ
        return [doc for doc in messages if doc.get("created_at") and datetime.fromisoformat(doc["created_at"]) >= start]

    async def disputes(self) -> list[dict]:
        return await docs_with_prefix(self._couch, scopes.OPS, "escrow_dispute:")


class RqBroadcastBatches(BroadcastBatches):
    """Batch k runs k minutes after the confirmation (RQ's scheduler: run workers with
    `--with-scheduler`); the job id is fixed by broadcast and batch, so a retried
    confirmation schedules nothing twice."""

    def __init__(self, redis: Redis, queue_name: str = "default"):
        self._queue = Queue(queue_name, connection=redis)

    async def schedule(self, broadcast_id: str, batch: int, delay_s: int) -> None:
        await asyncio.to_thread(
            self._queue.enqueue_in, timedelta(seconds=delay_s), send_broadcast_batch, broadcast_id, batch,
            job_id=f"broadcast-{broadcast_id}-{batch}",
            retry=Retry(max=len(BATCH_RETRY_INTERVALS_S), interval=BATCH_RETRY_INTERVALS_S),
        )


def send_broadcast_batch(broadcast_id: str, batch: int) -> str | None:
    """RQ job: one later batch of a confirmed broadcast, through the bus (audited, system)."""
    from workers import context  # the worker process installs it; sync imports no worker at import time

    async def run() -> str | None:
        async with context.current().open_session() as session:
            return await session.bus.handle(SendBroadcastBatch(broadcast_id, batch))

    return asyncio.run(run())
