"""Queue names, most urgent first, each queue's limits, and which worker listens on which.

A worker listening on several queues always takes the first non-empty one in PRIORITY order:
a reply to a crew member never waits behind a ranking of actors."""
import hashlib
from dataclasses import dataclass
from datetime import datetime

from redis import Redis
from rq import Queue
from rq.exceptions import DuplicateJobError
from rq.job import Job

MESSAGES = "messages"
DEFAULT = "default"
# Reading a screenplay or solving a schedule takes seconds to minutes: their own queue and
# worker (`nollycrew worker --office`), so no message waits behind a solver.
OFFICE = "office"
# Transcribing self-tapes (seconds to minutes of CPU each): `nollycrew worker --media`, which
# keeps the speech model loaded between jobs.
MEDIA = "media"
# The assistants (casting embeddings, marketing copy, the breakdown assistant): a model server
# or a local embedding model, seconds each; `nollycrew worker --ai` keeps the model loaded.
AI = "ai"
PRIORITY = (MESSAGES, DEFAULT, OFFICE, MEDIA, AI)
ALL = (MESSAGES, DEFAULT)  # the quick worker's queues (`nollycrew worker`)

MINUTE_S, HOUR_S, DAY_S = 60, 3600, 86400
# How often a worker looks for jobs whose worker died under them (retried, or failed when no
# retry is left) and takes over a dead worker's scheduler. RQ's default is 10 minutes. A job is
# abandoned once its worker's heartbeat lapses (its time limit + 60 s in a worker that does not
# fork, 90 s in one that does), so a killed job is retried within its time limit + 2 min.
MAINTENANCE_S = MINUTE_S


@dataclass(frozen=True)
class QueueLimits:
    """A job's limits unless its enqueuer sets its own (a solver run sets its own timeout)."""

    timeout_s: int  # RQ stops the job after this long (and retries it if it has retries left)
    result_ttl_s: int  # how long a finished job (its id, so a repeat is refused) stays in Redis
    failure_ttl_s: int  # how long a failed job stays in the failed-job registry for an admin


# Messages: a send is a provider call (15 s at most) and two CouchDB writes; a minute means
# something hangs. Results are kept a day: enqueue_once within that finds the job's id taken
# (RQ's own default, 500 s, forgets a finished job before most repeats come). Failures are kept
# a week, so a Friday's failures are still there for an admin on Monday.
LIMITS = {
    MESSAGES: QueueLimits(timeout_s=MINUTE_S, result_ttl_s=DAY_S, failure_ttl_s=7 * DAY_S),
    DEFAULT: QueueLimits(timeout_s=5 * MINUTE_S, result_ttl_s=DAY_S, failure_ttl_s=7 * DAY_S),
    OFFICE: QueueLimits(timeout_s=15 * MINUTE_S, result_ttl_s=DAY_S, failure_ttl_s=7 * DAY_S),
    MEDIA: QueueLimits(timeout_s=30 * MINUTE_S, result_ttl_s=DAY_S, failure_ttl_s=7 * DAY_S),
    AI: QueueLimits(timeout_s=5 * MINUTE_S, result_ttl_s=HOUR_S, failure_ttl_s=7 * DAY_S),
}

# A send job (or a status callback) whose own database or Redis failed runs again: close
# together first, so a short outage costs seconds, then spread out over about an hour.
SEND_RETRY_INTERVALS_S = [2, 5, 10, 20, 30, 60, 120, 300, 600, 1200, 1800]
# A provider's passing failure (5xx, timeout, 429) is tried 3 times in all, then the message
# fails (or goes once more by SMS). 30 s outlasts a blip; 5 min outlasts most of Twilio's short
# incidents; longer and a call time arrives after the person has left home. Each wait moves
# by up to a fifth either way, so a fan-out that failed together does not retry together.
SEND_TRIES = 3
SEND_TRY_WAITS_S = (30, 300)
SEND_JITTER_FRACTION = 0.2
INBOUND_RETRY_INTERVALS_S = [1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1800]
# Any other job (a daily round, a reminder) whose database or Redis failed: a minute, then
# spread over about an hour.
JOB_RETRY_INTERVALS_S = [10, 60, 300, 900, 1800]


def job_id(kind: str, key: str) -> str:
    """RQ job ids allow letters, digits, - and _ only; the same key gives the same job."""
    return f"{kind}-{hashlib.sha256(key.encode()).hexdigest()[:32]}"


class LimitedQueue(Queue):
    """An RQ queue whose jobs get the queue's LIMITS unless the enqueuer says otherwise."""

    def create_job(self, func, args=None, kwargs=None, timeout=None, result_ttl=None, ttl=None,
                   failure_ttl=None, *rest, **options) -> Job:
        limits = LIMITS[self.name]
        return super().create_job(
            func, args, kwargs, timeout if timeout is not None else limits.timeout_s,
            result_ttl if result_ttl is not None else limits.result_ttl_s, ttl,
            failure_ttl if failure_ttl is not None else limits.failure_ttl_s, *rest, **options)


def queue(name: str, redis: Redis) -> Queue:
    """The queue `name` with its limits; a name not in LIMITS is a wiring bug, not a refusal."""
    if name not in LIMITS:
        raise KeyError(f"no queue named {name!r}: the queues are {', '.join(PRIORITY)}")
    return LimitedQueue(name, connection=redis, default_timeout=LIMITS[name].timeout_s)


@dataclass(frozen=True)
class WorkerPlan:
    queues: tuple[str, ...]  # in PRIORITY order
    forks: bool  # a fresh process per job (office: long CPU-heavy solver runs must not grow the worker)
    loads_catalogs: bool  # it sends messages: the chat catalogs load at start, so a broken one stops it
    runs_daily_round: bool  # it makes sure the money's daily round is scheduled


def worker_plan(office: bool = False, media: bool = False, ai: bool = False, listen: str = "") -> WorkerPlan:
    """Which queues one `nollycrew worker` works, from its flags.

    No flag: messages and default (the quick worker, one or more per site). --office, --media,
    --ai: that queue alone. --queues a,b: exactly those, in PRIORITY order whatever order they
    were given (one worker for a whole small site: `--queues messages,default,office,media,ai`)."""
    flags = [name for name, wanted in ((OFFICE, office), (MEDIA, media), (AI, ai)) if wanted]
    if listen and flags:
        raise ValueError("give either --queues or one of --office, --media, --ai")
    if len(flags) > 1:
        raise ValueError("give one of --office, --media, --ai (or --queues for several)")
    if listen:
        wanted = {name.strip().lower() for name in listen.split(",") if name.strip()}
        unknown = sorted(wanted - set(PRIORITY))
        if unknown or not wanted:
            raise ValueError(f"unknown queue {', '.join(unknown) or '(none given)'}: the queues are "
                             f"{', '.join(PRIORITY)}")
        names = tuple(name for name in PRIORITY if name in wanted)
    else:
        names = tuple(flags) if flags else ALL
    return WorkerPlan(names, forks=OFFICE in names, loads_catalogs=MESSAGES in names,
                      runs_daily_round=DEFAULT in names)


def enqueue_once(queue: Queue, func, *args, job_id: str, **options) -> Job | None:
    """Enqueue under `job_id` unless a job of that id is queued, scheduled, running, finished
    (within its result TTL) or failed: then None. RQ's plain enqueue with a known id replaces
    the job and queues the id a second time, so the work runs twice."""
    try:
        return queue.enqueue(func, *args, job_id=job_id, unique=True, **options)
    except DuplicateJobError:
        return None


def schedule_once(queue: Queue, at: datetime, func, *args, job_id: str, **options) -> Job | None:
    """enqueue_once for a time: RQ's scheduler (workers start with it) queues it at `at`."""
    try:
        return queue.enqueue_at(at, func, *args, job_id=job_id, unique=True, **options)
    except DuplicateJobError:
        return None
