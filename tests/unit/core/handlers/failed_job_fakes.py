"""An in-memory FailedJobs port for the admin tests (staff_fakes.with_staff wires one once
Services.failed_jobs exists)."""
from datetime import timedelta

from core.failed_job_commands import EVERY_QUEUE, FailedJobs, QueueFailures
from tests.unit.fakes import DEFAULT_NOW

NAMES = ("messages", "default", "office", "media", "ai")


class MemoryFailedJobs(FailedJobs):
    """Failed jobs by queue: (function, error, hours ago) each."""

    def __init__(self, failed: dict[str, list[tuple[str, str, int]]] | None = None):
        self.failed = failed or {}
        self.requeued: list[tuple[str, str]] = []

    def queue_names(self) -> tuple[str, ...]:
        return NAMES

    async def summary(self) -> list[QueueFailures]:
        out = []
        for name in NAMES:
            jobs = sorted(self.failed.get(name, []), key=lambda job: -job[2])
            if not jobs:
                out.append(QueueFailures(name, 0))
                continue
            at = [DEFAULT_NOW - timedelta(hours=job[2]) for job in jobs]
            out.append(QueueFailures(name, len(jobs), at[0], at[-1], jobs[-1][0], jobs[-1][1]))
        return out

    async def requeue(self, queue: str) -> int:
        return self._take(queue, self.requeued)

    async def drop(self, queue: str) -> int:
        return self._take(queue, [])

    def _take(self, queue: str, into: list) -> int:
        names = NAMES if queue == EVERY_QUEUE else (queue,)
        taken = [(name, job[0]) for name in names for job in self.failed.pop(name, [])]
        into.extend(taken)
        return len(taken)
