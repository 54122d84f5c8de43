"""The night-before reminder as an RQ job with a deterministic id, kept in step with the call
sheets by the feed rule: scheduled once, cancelled when the day is withdrawn, moved when its time
changes, never touched once it has run; a worker runs it through the bus."""
import asyncio
import dataclasses
import uuid
from contextlib import asynccontextmanager
from datetime import datetime, timedelta, timezone

from rq import SimpleWorker
from rq.job import Job, JobStatus
from rq.registry import ScheduledJobRegistry

from config import bootstrap
from core import scopes
from core.bus import MessageBus
from core.commands import CreateProject, RegisterPerson
from core.handlers import COMMAND_HANDLERS, EVENT_HANDLERS
from core.handlers.reminders import REMINDER_HANDLERS
from core.ids import derived_id
from core.reminder_commands import PRODUCTION_TIME_ZONE as LAGOS
from core.reminder_commands import remind_at, too_late
from sync.provisioning import migrate
from tests.unit.fakes import FixedClock
from workers import context, queues
from workers.reminders import (
    CallReminderRule, OfferReminderRule, call_reminder_job_id, offer_reminder_job_id, plan_call_reminder,
    plan_offer_reminder, remind_call_sheet,
)

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc)
DAY = "2026-12-01"


def scheduled(redis) -> ScheduledJobRegistry:
    return ScheduledJobRegistry(queues.DEFAULT, connection=redis)


def test_a_day_is_scheduled_once_however_often_its_sheet_changes(redis):
    project = uuid.uuid4().hex[:20]
    done = [plan_call_reminder(redis, project, DAY, True, NOW) for _ in range(3)]

    job_id = call_reminder_job_id(project, DAY)
    assert done == ["scheduled", "kept", "kept"]
    assert scheduled(redis).get_job_ids() == [job_id]
    assert scheduled(redis).get_scheduled_time(job_id) == remind_at(DAY).astimezone(timezone.utc)
    job = Job.fetch(job_id, connection=redis)
    assert job.retries_left == len(queues.JOB_RETRY_INTERVALS_S) and job.timeout == queues.LIMITS["default"].timeout_s


def test_a_withdrawn_day_cancels_its_reminder_and_the_new_day_gets_one(redis):
    project = uuid.uuid4().hex[:20]
    plan_call_reminder(redis, project, DAY, True, NOW)

    # The shoot moved from the 1st to the 3rd: publishing withdraws one sheet and adds the other.
    assert plan_call_reminder(redis, project, DAY, False, NOW) == "cancelled"
    assert plan_call_reminder(redis, project, "2026-12-03", True, NOW) == "scheduled"

    assert not Job.exists(call_reminder_job_id(project, DAY), connection=redis)
    assert scheduled(redis).get_job_ids() == [call_reminder_job_id(project, "2026-12-03")]


def test_a_reminder_scheduled_for_another_time_is_moved(redis):
    project = uuid.uuid4().hex[:20]
    job_id = call_reminder_job_id(project, DAY)
    queues.schedule_once(queues.queue(queues.DEFAULT, redis), remind_at(DAY) - timedelta(hours=3),
                         remind_call_sheet, project, DAY, job_id=job_id)  # as an older REMIND_AT left it

    assert plan_call_reminder(redis, project, DAY, True, NOW) == "moved"
    assert scheduled(redis).get_scheduled_time(job_id) == remind_at(DAY).astimezone(timezone.utc)


def test_a_day_whose_reminder_time_has_passed_gets_none(redis):
    project = uuid.uuid4().hex[:20]
    assert plan_call_reminder(redis, project, DAY, True, remind_at(DAY) + timedelta(minutes=1)) == "none"
    assert scheduled(redis).get_job_ids() == []


async def test_the_feed_rule_plans_from_call_sheets_only(redis):
    project = uuid.uuid4().hex[:20]
    rule = CallReminderRule(redis, FixedClock(NOW))
    sheet = {"_id": f"call_sheet:{DAY}", "type": "call_sheet", "date": DAY, "cast": [], "crew": []}

    assert rule.filter(scopes.project_db(project), sheet)
    assert not rule.filter(scopes.office_db(project), sheet)
    assert not rule.filter(scopes.project_db(project), {"_id": "schedule", "type": "schedule"})
    await rule.on_match(scopes.project_db(project), sheet)
    assert scheduled(redis).get_job_ids() == [call_reminder_job_id(project, DAY)]
    await rule.on_match(scopes.project_db(project), {**sheet, "withdrawn": True})
    assert scheduled(redis).get_job_ids() == []


def offer(project: str, status: str = "open") -> dict:
    return {"_id": "offer:app1", "type": "offer", "offer_id": "app1", "project_id": project, "status": status,
            "expires_at": "2026-12-04T18:00:00+01:00", "created_at": "2026-12-01T10:00:00+01:00"}


def test_an_open_offer_gets_one_reminder_and_an_answer_cancels_it(redis):
    project = uuid.uuid4().hex[:20]
    job_id = offer_reminder_job_id(project, "app1")

    assert [plan_offer_reminder(redis, offer(project), NOW) for _ in range(2)] == ["scheduled", "kept"]
    assert scheduled(redis).get_scheduled_time(job_id) == datetime(2026, 12, 4, 11, 0, tzinfo=timezone.utc)
    assert plan_offer_reminder(redis, offer(project, "accepted"), NOW) == "cancelled"
    assert scheduled(redis).get_job_ids() == []


async def test_the_offer_rule_follows_the_offices_copy_only(redis):
    project = uuid.uuid4().hex[:20]
    rule = OfferReminderRule(redis, FixedClock(NOW))

    assert rule.filter(scopes.office_db(project), offer(project))
    assert not rule.filter(scopes.user_db("crew01"), offer(project))  # the applicant's copy
    await rule.on_match(scopes.office_db(project), offer(project))
    assert scheduled(redis).get_job_ids() == [offer_reminder_job_id(project, "app1")]


@asynccontextmanager
async def reminding_session(settings, redis):
    """As `nollycrew worker` opens one per job, with the reminder handler on the bus (until
    core/handlers/__init__.py lists REMINDER_HANDLERS)."""
    async with bootstrap.session(settings, redis) as opened:
        bus = MessageBus(opened.bus.services, {**COMMAND_HANDLERS, **REMINDER_HANDLERS}, EVENT_HANDLERS)
        yield dataclasses.replace(opened, bus=bus)


async def production_with_a_call_tomorrow(settings, redis, migrated) -> tuple[str, str, str]:
    """(project, day, person called): a call sheet for tomorrow in Lagos with one actor on it."""
    if settings.couch_url not in migrated:  # as the `couch` fixture does, once a session
        couch = bootstrap.open_couch(settings)
        try:
            await migrate(couch)
            migrated.add(settings.couch_url)
        finally:
            await couch.close()
    async with reminding_session(settings, redis) as session:
        bus = session.bus
        phone = "+23480" + str(uuid.uuid4().int)[:8]
        producer = await bus.handle(RegisterPerson(phone, "Funke Producer", ("producer",)))
        project = await bus.handle(CreateProject(f"project_request:{uuid.uuid4().hex}", producer, "Eko Nights"))
        tomorrow = (datetime.now(LAGOS) + timedelta(days=1)).date().isoformat()
        await session.store.create(scopes.project_db(project), {
            "_id": f"call_sheet:{tomorrow}", "type": "call_sheet", "date": tomorrow, "schedule_version": 1,
            "scenes": [], "locations": [], "crew": [],
            "cast": [{"person_id": producer, "name": "Funke", "character": "ADA", "call": "06:30", "scenes": []}]})
        return project, tomorrow, producer


async def message_record(settings, redis, doc_id: str) -> dict | None:
    async with reminding_session(settings, redis) as session:
        return await session.store.get(scopes.OPS, doc_id)


def test_a_worker_runs_the_reminder_and_a_later_change_leaves_it_alone(settings, redis, migrated):
    """Not async: RQ's worker runs here in the main thread, as in `nollycrew worker`, and each job
    runs its own event loop."""
    project, tomorrow, person = asyncio.run(production_with_a_call_tomorrow(settings, redis, migrated))
    context.install(context.JobContext(lambda: reminding_session(settings, redis), lambda name: None, redis, ""))
    job_id = call_reminder_job_id(project, tomorrow)
    # Queued now rather than at 19:00, as the scheduler would queue it then.
    queues.enqueue_once(queues.queue(queues.DEFAULT, redis), remind_call_sheet, project, tomorrow, job_id=job_id)

    SimpleWorker([queues.queue(queues.DEFAULT, redis)], connection=redis).work(burst=True)

    job = Job.fetch(job_id, connection=redis)
    assert job.get_status() == JobStatus.FINISHED, job.latest_result().exc_string
    doc_id = f"message:call_reminder.{derived_id(project, tomorrow, '1', person)}"
    record = asyncio.run(message_record(settings, redis, doc_id))
    if too_late(tomorrow, datetime.now(LAGOS)):  # run after 21:00 Lagos: nothing is sent that late
        assert job.return_value() is None and record is None
    else:
        assert job.return_value() == f"call_sheet:{tomorrow}"
        assert record["template"] == "call_sheet_reminder" and record["params"]["call"] == "06:30"
    assert plan_call_reminder(redis, project, tomorrow, True, NOW) == "finished"
