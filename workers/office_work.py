"""The office's slow work as RQ jobs on their own queue: reading a screenplay version and
solving a schedule draft. Each job takes ids, computes with pure core functions, and hands the
answer back to the core as a command, which writes it. A bad script or an impossible schedule
is an answer (with its reason), not a failure: only I/O errors make RQ retry the job."""
import asyncio

import structlog
from redis import Redis
from rq import Queue, Retry

from core.ports import OfficeWork
from workers import queues
from workers.script_reading import read_script_version
from workers.schedule_solving import solve_schedule_draft

log = structlog.get_logger()
RETRY_INTERVALS_S = [2, 5, 10, 30, 60, 120]
READ_TIMEOUT_S = 120
# The solver's own limit is the draft's limit_s; this is room for loading and writing around it.
SOLVE_OVERHEAD_S = 120


class RqOfficeWork(OfficeWork):
    def __init__(self, redis: Redis):
        self._queue = Queue(queues.OFFICE, connection=redis)

    async def read_script(self, project_id: str, number: int) -> None:
        await asyncio.to_thread(
            self._queue.enqueue, read_script_version, project_id, number,
            job_id=queues.job_id("script", f"{project_id}:{number}"), job_timeout=READ_TIMEOUT_S,
            retry=Retry(max=len(RETRY_INTERVALS_S), interval=RETRY_INTERVALS_S),
        )

    async def solve_schedule(self, project_id: str, number: int, limit_s: int) -> None:
        await asyncio.to_thread(
            self._queue.enqueue, solve_schedule_draft, project_id, number,
            job_id=queues.job_id("schedule", f"{project_id}:{number}"), job_timeout=limit_s + SOLVE_OVERHEAD_S,
            retry=Retry(max=len(RETRY_INTERVALS_S), interval=RETRY_INTERVALS_S),
        )
