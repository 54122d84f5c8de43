"""Background jobs that failed for good (every retry spent, or stopped by their time limit):
what an admin sees of them in STATS, and the admin's two remedies, run them again or drop them.

The jobs live in the worker's queue system (RQ's failed-job registry, workers/failed_jobs.py);
the core sees them through the FailedJobs port. Wiring: Services.failed_jobs (config/bootstrap.py),
core/audit.py ACTOR_FIELDS (**FAILED_JOB_ACTOR_FIELDS), the handlers in core/handlers/failed_jobs.py."""
from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import datetime

from core.commands import Command
from core.errors import Rejected

ERROR_LINE_CHARS = 80  # of the exception line shown: an SMS answer stays within two parts
EVERY_QUEUE = ""


@dataclass(frozen=True)
class QueueFailures:
    """The failed jobs of one queue: how many, the oldest's time, and the newest's function and error."""

    queue: str
    count: int
    oldest_at: datetime | None = None
    last_at: datetime | None = None
    last_function: str = ""
    last_error: str = ""  # the exception's last line, e.g. "ConnectionError: CouchDB is down"


class FailedJobs(ABC):
    """The failed-job registry of every queue."""

    @abstractmethod
    async def summary(self) -> list[QueueFailures]:
        """One entry per queue, most urgent queue first (queues with no failure included)."""

    @abstractmethod
    async def requeue(self, queue: str) -> int:
        """Run the failed jobs of `queue` (EVERY_QUEUE: all) again; how many went back."""

    @abstractmethod
    async def drop(self, queue: str) -> int:
        """Delete the failed jobs of `queue` (EVERY_QUEUE: all); how many went."""

    @abstractmethod
    def queue_names(self) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class RequeueFailedJobs(Command):
    intent_id: str
    admin_id: str
    queue: str = EVERY_QUEUE


@dataclass(frozen=True)
class DropFailedJobs(Command):
    intent_id: str
    admin_id: str
    queue: str = EVERY_QUEUE


def failure_figures(summaries: list[QueueFailures], now: datetime) -> dict:
    """The STATS answer's fields about failed jobs. Queue names, function names and error lines
    are the code's own words (an engineer looks them up), so no field needs translating."""
    failing = [s for s in summaries if s.count]
    oldest = min((s.oldest_at for s in failing if s.oldest_at), default=None)
    last = max((s for s in failing if s.last_at), key=lambda s: s.last_at, default=None)
    return {
        "failed_jobs": sum(s.count for s in failing),
        "failed_jobs_by_queue": ", ".join(f"{s.queue} {s.count}" for s in failing) or "-",
        "oldest_failure_h": int((now - oldest).total_seconds() // 3600) if oldest else 0,
        "last_failure": f"{last.last_function}: {last.last_error[:ERROR_LINE_CHARS]}" if last else "-",
    }


def failed_jobs(services) -> FailedJobs:
    """The port on Services (config/bootstrap.py wires it); missing is a wiring bug, not a refusal."""
    port = getattr(services, "failed_jobs", None)
    if port is None:
        raise RuntimeError("Services.failed_jobs is not wired: see config/bootstrap.py")
    return port


async def failed_job_figures(services) -> dict:
    """The admin_stats fields about failed jobs, for core/handlers/admin_chat.ask_platform_stats."""
    return failure_figures(await failed_jobs(services).summary(), services.clock.now())


def chosen_queue(raw: str, names: tuple[str, ...]) -> str:
    """The queue an admin named (any case), or EVERY_QUEUE for "" or ALL."""
    wanted = raw.strip().lower()
    if wanted in ("", "all"):
        return EVERY_QUEUE
    if wanted not in names:
        raise Rejected("There is no job queue called {queue}. The queues are {queues}, or ALL.",
                       queue=raw.strip(), queues=", ".join(names))
    return wanted


# For core/audit.py ACTOR_FIELDS (**FAILED_JOB_ACTOR_FIELDS).
FAILED_JOB_ACTOR_FIELDS = {RequeueFailedJobs: "admin_id", DropFailedJobs: "admin_id"}
