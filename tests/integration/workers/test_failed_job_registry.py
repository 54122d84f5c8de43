"""RQ's failed-job registries as an admin sees them: counts per queue, the oldest failure's time,
the newest's function and exception line; REQUEUE runs them again, DROP deletes them."""
from datetime import datetime, timedelta, timezone

from rq import SimpleWorker
from rq.job import Job, JobStatus

from workers import queues
from workers.failed_jobs import RqFailedJobs, queue_failures

BROKEN_KEY = "test:failed-jobs:broken"


def flaky_send(n: int) -> int:
    """Fails while the test says the database is down."""
    from redis import Redis

    from config.settings import Settings

    if Redis.from_url(Settings().redis_url).get(BROKEN_KEY):
        raise ConnectionError(f"CouchDB is down (try {n})")
    return n


def fail_jobs(redis, name: str, count: int) -> list[str]:
    redis.set(BROKEN_KEY, 1)
    queue = queues.queue(name, redis)
    ids = [queue.enqueue(flaky_send, n).id for n in range(count)]
    SimpleWorker([queue], connection=redis).work(burst=True)
    return ids


async def test_the_summary_counts_each_queues_failures_with_the_newest_error(redis, settings):
    before = datetime.now(timezone.utc) - timedelta(seconds=1)
    fail_jobs(redis, queues.MESSAGES, 2)
    fail_jobs(redis, queues.MEDIA, 1)

    summary = {entry.queue: entry for entry in await RqFailedJobs(redis).summary()}

    assert [entry.queue for entry in await RqFailedJobs(redis).summary()] == list(queues.PRIORITY)
    assert {name: entry.count for name, entry in summary.items()} == {
        "messages": 2, "default": 0, "office": 0, "media": 1, "ai": 0}
    media = summary["media"]
    assert media.last_function == "flaky_send" and media.last_error == "ConnectionError: CouchDB is down (try 0)"
    assert before <= summary["messages"].oldest_at <= summary["messages"].last_at <= datetime.now(timezone.utc)


async def test_requeue_runs_a_queues_failed_jobs_again_under_their_own_ids(redis, settings):
    ids = fail_jobs(redis, queues.MESSAGES, 2)
    fail_jobs(redis, queues.AI, 1)
    redis.delete(BROKEN_KEY)  # the cause is fixed

    assert await RqFailedJobs(redis).requeue(queues.MESSAGES) == 2
    SimpleWorker([queues.queue(queues.MESSAGES, redis)], connection=redis).work(burst=True)

    assert [Job.fetch(job_id, connection=redis).get_status() for job_id in ids] == [JobStatus.FINISHED] * 2
    assert queue_failures(redis, queues.MESSAGES).count == 0 and queue_failures(redis, queues.AI).count == 1


async def test_drop_deletes_every_failed_job(redis, settings):
    ids = fail_jobs(redis, queues.DEFAULT, 2) + fail_jobs(redis, queues.OFFICE, 1)

    assert await RqFailedJobs(redis).drop("") == 3

    assert all(not Job.exists(job_id, connection=redis) for job_id in ids)
    assert sum(entry.count for entry in await RqFailedJobs(redis).summary()) == 0
