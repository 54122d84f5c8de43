"""A production taken from script to published schedule through the office queue for real: the
core queues the jobs in Redis and `nollycrew worker --office --burst` runs them as its own
process against PouchDB Server. Fixtures: import `settings` and `bus` from here to use them."""
import copy
import os
import subprocess
import sys
import uuid
from datetime import date, time
from pathlib import Path

import pytest

from core.commands import ApplyForJob, Hire, PostJob
from core.money import Money
from core.shoot_commands import AddScriptVersion, PublishSchedule, RequestSchedule, SetShootPlan
from tests.integration.people import person, project_of
from tests.unit.shoot_fakes import EKO_NIGHTS, PLAN

ROOT = Path(__file__).resolve().parents[3]
WORKER_TIMEOUT_S = 180


@pytest.fixture
def settings(settings, tmp_path, monkeypatch):
    monkeypatch.setenv("NOLLYCREW_VAR_DIR", str(tmp_path))  # uploads land here, for api and worker alike
    monkeypatch.setenv("NOLLYCREW_PUBLIC_URL", "https://nollycrew.test")
    from config.settings import Settings

    return Settings()


@pytest.fixture
async def bus(couch, redis, settings):
    from config.bootstrap import build_bus

    return build_bus(couch, redis, settings=settings)


def run_office_worker() -> None:
    done = subprocess.run([sys.executable, "-m", "config.cli", "worker", "--office", "--burst"], cwd=ROOT,
                          env=os.environ.copy(), capture_output=True, text=True, timeout=WORKER_TIMEOUT_S)
    assert done.returncode == 0, done.stderr[-2000:]


async def published_production(bus) -> tuple[str, str, str]:
    """(producer, the person who plays ADA, project): ADA's player is booked on the project."""
    producer, actor = await person(bus, "producer"), await person(bus, "crew")
    project_id = await project_of(bus, producer)
    tag = uuid.uuid4().hex  # ids derive from intent ids: each production its own
    job = await bus.handle(PostJob(
        f"job_post_request:{tag}", project_id, producer, "Lead actress", "cast", date(2026, 12, 1), date(2026, 12, 3),
        time(6, 0), Money(30_000_000, "NGN"), "day", "Lagos Island", "Lagos",
    ))
    application = await bus.handle(ApplyForJob(f"application_request:{tag}", actor, job))
    await bus.handle(Hire(f"hire_request:{tag}", project_id, producer, application))
    upload = await bus.services.media.save(producer, "script", "text/plain", EKO_NIGHTS.encode())
    await bus.handle(AddScriptVersion("script_upload:it", project_id, producer, upload.media_id, "eko.fountain"))
    run_office_worker()
    plan = copy.deepcopy(PLAN)
    plan["cast"][0]["person_id"] = actor
    await bus.handle(SetShootPlan("shoot_plan_update:it", project_id, producer, plan))
    await bus.handle(RequestSchedule("schedule_request:it", project_id, producer, False, 10))
    run_office_worker()
    await bus.handle(PublishSchedule("schedule_publish:it", project_id, producer, 1))
    return producer, actor, project_id


