"""Scheduled reminders as RQ jobs with ids made from what they remind of, so each exists once.

The night-before call reminder: one job per project and shoot day, at 19:00 Lagos the evening
before (core/reminder_commands.remind_at), on the default queue; RQ's scheduler (every worker
starts with it) queues it then. A feed rule keeps the jobs in step with the published call
sheets: a new shoot day schedules one, a day withdrawn (the shoot moved to another day, or was
dropped) cancels its job, and a reminder time that changed moves it. The job hands
RemindCallSheet to the bus, which reads the sheet as it is when the job runs.

The offer reminder: one job per offer, 6 h before its deadline (out of quiet hours), moved when
the offer is made again with another deadline, cancelled once it is answered or withdrawn.

The other timed work already runs the same way: the money's daily round (workers/daily.py, pay
that falls due is released at 06:00), a broadcast's later batches (sync/staff_reads.py), a card
refund's next check (workers/refund_jobs.py).

Wiring: config/bootstrap.py build_feed_runner's rules gain CallReminderRule(redis, bus.services.clock)
and OfferReminderRule(redis, bus.services.clock)."""
import asyncio
from datetime import datetime

import structlog
from redis import Redis
from rq import Retry
from rq.exceptions import NoSuchJobError
from rq.job import Job, JobStatus
from rq.registry import ScheduledJobRegistry

from core import scopes
from core.ports import Clock
from core.reminder_commands import RemindCallSheet, RemindOfferExpiring, is_live, offer_reminder_at, remind_at
from workers import context, queues

log = structlog.get_logger()
QUEUE = queues.DEFAULT
SHEET_PREFIX = "call_sheet:"


def call_reminder_job_id(project_id: str, day: str) -> str:
    return queues.job_id("call_reminder", f"{project_id}:{day}")


def offer_reminder_job_id(project_id: str, offer_id: str) -> str:
    return queues.job_id("offer_reminder", f"{project_id}:{offer_id}")


def plan_call_reminder(redis: Redis, project_id: str, day: str, live: bool, now: datetime) -> str:
    """The day's reminder job in line with its call sheet (keep_scheduled says what was done)."""
    return keep_scheduled(redis, call_reminder_job_id(project_id, day), remind_at(day) if live else None, now,
                          remind_call_sheet, project_id, day)


def plan_offer_reminder(redis: Redis, offer: dict, now: datetime) -> str:
    """The offer's reminder job in line with the offer: moved with its deadline, cancelled once it
    is answered, withdrawn or expired."""
    at = offer_reminder_at(datetime.fromisoformat(offer["expires_at"]), datetime.fromisoformat(offer["created_at"]))
    wanted = at if offer.get("status") == "open" else None
    return keep_scheduled(redis, offer_reminder_job_id(offer["project_id"], offer["offer_id"]), wanted, now,
                          remind_offer_expiring, offer["project_id"], offer["offer_id"])


def keep_scheduled(redis: Redis, job_id: str, at: datetime | None, now: datetime, func, *args) -> str:
    """Make the scheduled job `job_id` run `func(*args)` at `at` (None: not at all). Says what was
    done: "scheduled", "kept", "moved", "cancelled", "none" (nothing wanted, or its moment has
    gone: a reminder is not sent late), or the job's RQ status once it has left the schedule
    (queued, started, finished, failed): it is not touched then, so a reminder sent is never
    sent again."""
    job = _fetch(redis, job_id)
    if job is not None and job.get_status() != JobStatus.SCHEDULED:
        return job.get_status().value
    wanted = at is not None and at > now
    if job is None and not wanted:
        return "none"
    if job is not None and not wanted:
        job.delete()
        return "cancelled"
    if job is not None and _scheduled_time(redis, job_id) == int(at.timestamp()):
        return "kept"
    if job is not None:
        job.delete()
    scheduled = queues.schedule_once(
        queues.queue(QUEUE, redis), at, func, *args, job_id=job_id,
        retry=Retry(max=len(queues.JOB_RETRY_INTERVALS_S), interval=queues.JOB_RETRY_INTERVALS_S))
    if scheduled is None:  # another change of the same document scheduled it a moment ago
        return "kept"
    return "moved" if job is not None else "scheduled"


def remind_call_sheet(project_id: str, day: str) -> str | None:
    """RQ job: the night-before reminder of one shoot day, through the bus."""
    return _handle(RemindCallSheet(project_id, day))


def remind_offer_expiring(project_id: str, offer_id: str) -> str | None:
    """RQ job: an open offer's reminder, through the bus."""
    return _handle(RemindOfferExpiring(project_id, offer_id))


def _handle(command) -> str | None:
    async def run() -> str | None:
        async with context.current().open_session() as session:
            return await session.bus.handle(command)

    return asyncio.run(run())


class CallReminderRule:
    """Feed rule: every change of a call sheet re-plans its day's reminder (idempotent)."""

    name = "call_reminders"

    def __init__(self, redis: Redis, clock: Clock):
        self._redis, self._clock = redis, clock

    def filter(self, db: str, doc: dict) -> bool:
        return scopes.kind_of(db)[0] == "project" and doc.get("_id", "").startswith(SHEET_PREFIX)

    async def on_match(self, db: str, doc: dict) -> None:
        project_id, day = scopes.kind_of(db)[1], doc["_id"].removeprefix(SHEET_PREFIX)
        done = await asyncio.to_thread(plan_call_reminder, self._redis, project_id, day, is_live(doc),
                                       self._clock.now())
        log.info("call_reminder_planned", project_id=project_id, day=day, done=done)

    async def on_give_up(self, db: str, doc: dict, error: Exception) -> None:
        log.error("call_reminder_not_planned", db=db, doc_id=doc["_id"], error=repr(error))


class OfferReminderRule:
    """Feed rule: every change of an offer (the office's copy) re-plans its reminder."""

    name = "offer_reminders"

    def __init__(self, redis: Redis, clock: Clock):
        self._redis, self._clock = redis, clock

    def filter(self, db: str, doc: dict) -> bool:
        return scopes.kind_of(db)[0] == "office" and doc.get("type") == "offer" and "expires_at" in doc

    async def on_match(self, db: str, doc: dict) -> None:
        done = await asyncio.to_thread(plan_offer_reminder, self._redis, doc, self._clock.now())
        log.info("offer_reminder_planned", project_id=doc["project_id"], offer_id=doc["offer_id"], done=done)

    async def on_give_up(self, db: str, doc: dict, error: Exception) -> None:
        log.error("offer_reminder_not_planned", db=db, doc_id=doc["_id"], error=repr(error))


def _fetch(redis: Redis, job_id: str) -> Job | None:
    try:
        return Job.fetch(job_id, connection=redis)
    except NoSuchJobError:
        return None


def _scheduled_time(redis: Redis, job_id: str) -> int | None:
    try:
        return int(ScheduledJobRegistry(QUEUE, connection=redis).get_scheduled_time(job_id).timestamp())
    except NoSuchJobError:
        return None
