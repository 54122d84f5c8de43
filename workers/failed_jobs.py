"""The FailedJobs port on RQ's failed-job registries, one per queue (workers/queues.py).

A job lands there when its retries are spent, when RQ stopped it at its time limit with no
retry left, or when a worker died under it and it had no retry left (RQ's abandoned-job
cleanup). The newest failure's function and exception line tell an admin what broke."""
import asyncio
from datetime import datetime, timezone

from redis import Redis
from rq.exceptions import InvalidJobOperation, NoSuchJobError
from rq.job import Job
from rq.registry import FailedJobRegistry

from core.failed_job_commands import EVERY_QUEUE, FailedJobs, QueueFailures
from workers import queues

# Jobs read per queue to find the oldest and newest failure: the registry is sorted by expiry
# in whole seconds (ties fall in id order, and a job may carry its own failure TTL), so its two
# ends are read this many each and their failure times compared. Past 2 x this many failures the
# answer is about those ends, which an admin facing hundreds of failures will not mind.
ENDS_READ = 100


class RqFailedJobs(FailedJobs):
    def __init__(self, redis: Redis, names: tuple[str, ...] = queues.PRIORITY):
        self._redis, self._names = redis, names

    def queue_names(self) -> tuple[str, ...]:
        return self._names

    async def summary(self) -> list[QueueFailures]:
        return await asyncio.to_thread(lambda: [queue_failures(self._redis, name) for name in self._names])

    async def requeue(self, queue: str) -> int:
        return await asyncio.to_thread(requeue_failed, self._redis, self._chosen(queue))

    async def drop(self, queue: str) -> int:
        return await asyncio.to_thread(drop_failed, self._redis, self._chosen(queue))

    def _chosen(self, queue: str) -> tuple[str, ...]:
        return self._names if queue == EVERY_QUEUE else (queue,)


def queue_failures(redis: Redis, name: str) -> QueueFailures:
    """Count, oldest failure time, and the newest failure's function and exception line."""
    registry = FailedJobRegistry(name, connection=redis)
    count = registry.count
    if not count:
        return QueueFailures(name, 0)
    ids = list(dict.fromkeys(registry.get_job_ids(0, ENDS_READ - 1) + registry.get_job_ids(-ENDS_READ, -1)))
    failed = [(failed_at(job), job) for job in Job.fetch_many(ids, connection=redis) if job is not None]
    failed = sorted(((at, job) for at, job in failed if at is not None), key=lambda pair: pair[0])
    if not failed:
        return QueueFailures(name, count)
    (oldest, _), (newest, last) = failed[0], failed[-1]
    return QueueFailures(name, count, oldest_at=oldest, last_at=newest,
                         last_function=(last.func_name or "").rsplit(".", 1)[-1], last_error=error_line(last))


def requeue_failed(redis: Redis, names: tuple[str, ...]) -> int:
    """Each failed job back on its queue, under its own id (so a repeat still finds it taken)."""
    count = 0
    for name in names:
        registry = FailedJobRegistry(name, connection=redis)
        for job_id in registry.get_job_ids():
            try:
                registry.requeue(job_id)
            except NoSuchJobError:  # the job expired meanwhile: nothing left to run
                registry.remove(job_id)
                continue
            except InvalidJobOperation:  # another admin's REQUEUE took it first
                continue
            count += 1
    return count


def drop_failed(redis: Redis, names: tuple[str, ...]) -> int:
    count = 0
    for name in names:
        registry = FailedJobRegistry(name, connection=redis)
        for job_id in registry.get_job_ids():
            registry.remove(job_id, delete_job=True)
            count += 1
    return count


def failed_at(job: Job) -> datetime | None:
    """When the job failed: its end, else its latest result's time (an abandoned job has no end)."""
    moment = job.ended_at
    if moment is None:
        result = job.latest_result()
        moment = result.created_at if result else None
    if moment is not None and moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)  # RQ keeps UTC times without a zone
    return moment


def error_line(job: Job) -> str:
    """The exception's last line ("ValueError: ..."), or RQ's own note for an abandoned job."""
    result = job.latest_result()
    text = (result.exc_string if result is not None and result.exc_string else "") or ""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""
