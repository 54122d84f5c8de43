"""Admins see failed background jobs in STATS and run them again or drop them; nobody else may."""
import pytest

from core.bus import MessageBus
from core.errors import Rejected
from core.failed_job_commands import FAILED_JOB_ACTOR_FIELDS, DropFailedJobs, RequeueFailedJobs, failed_job_figures
from core.handlers import COMMAND_HANDLERS, EVENT_HANDLERS
from core.handlers.failed_jobs import FAILED_JOB_HANDLERS
from tests.unit.core.handlers.failed_job_fakes import NAMES, MemoryFailedJobs
from tests.unit.core.handlers.staff_fakes import make_staff_bus
from tests.unit.production import register


@pytest.fixture
async def desk():
    staff = make_staff_bus()
    staff.services.failed_jobs = MemoryFailedJobs({
        "messages": [("send_message", "ConnectionError: CouchDB is down", 2)],
        "media": [("transcribe_self_tape", "JobTimeoutException: too long", 26),
                  ("transcribe_self_tape", "OSError: disk full", 1)]})
    bus = MessageBus(staff.services, {**COMMAND_HANDLERS, **FAILED_JOB_HANDLERS}, EVENT_HANDLERS)
    admin = await register(bus, "+2348030000009", "Ngozi Admin", ("admin",), "production")
    crew = await register(bus, "+2348030000001", "Chidi Okafor")
    return bus, admin, crew


async def test_stats_figures_count_failed_jobs_by_queue_with_the_oldest_and_the_last(desk):
    bus, _, _ = desk
    assert await failed_job_figures(bus.services) == {
        "failed_jobs": 3, "failed_jobs_by_queue": "messages 1, media 2", "oldest_failure_h": 26,
        "last_failure": "transcribe_self_tape: OSError: disk full"}


async def test_an_admin_requeues_one_queue_and_is_told_how_many(desk):
    bus, admin, _ = desk
    await bus.handle(RequeueFailedJobs("staff_command:1", admin, "MEDIA"))
    (answer,) = bus.services.outbox.with_template("failed_jobs_requeued")
    assert answer.person_id == admin and answer.params == {"count": 2, "queue": "media"}
    assert bus.services.failed_jobs.requeued == [("media", "transcribe_self_tape")] * 2
    assert (await failed_job_figures(bus.services))["failed_jobs"] == 1


async def test_an_admin_drops_every_queue_with_all(desk):
    bus, admin, _ = desk
    await bus.handle(DropFailedJobs("staff_command:1", admin, "all"))
    (answer,) = bus.services.outbox.with_template("failed_jobs_dropped")
    assert answer.params == {"count": 3, "queue": ", ".join(NAMES)}
    assert (await failed_job_figures(bus.services))["failed_jobs"] == 0


@pytest.mark.parametrize("command", [RequeueFailedJobs("staff_command:1", "", "media"),
                                     DropFailedJobs("staff_command:1", "", "")])
async def test_nobody_but_an_admin_touches_failed_jobs(desk, command):
    bus, _, crew = desk
    field = FAILED_JOB_ACTOR_FIELDS[type(command)]
    with pytest.raises(Rejected, match="Only a NollyCrew admin"):
        await bus.handle(type(command)(**{**command.__dict__, field: crew}))
    assert (await failed_job_figures(bus.services))["failed_jobs"] == 3


async def test_an_unknown_queue_is_refused_and_nothing_moves(desk):
    bus, admin, _ = desk
    with pytest.raises(Rejected, match="no job queue called telegram"):
        await bus.handle(RequeueFailedJobs("staff_command:1", admin, "telegram"))
    assert bus.services.failed_jobs.requeued == []
