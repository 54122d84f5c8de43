"""A bus for tests that run media jobs in this process: the job's own session (what
config/bootstrap gives a job in `nollycrew worker`) is installed with the same settings, so
the job and the test share one media store and one Redis.

    from tests.integration.workers.job_stack import bus  # noqa: F401 (fixture)

The test module's own `settings` fixture (its media store folder, its fakes) is the one used."""
import pytest

from workers import context


@pytest.fixture
async def bus(couch, redis, settings, monkeypatch):
    from config.bootstrap import build_bus, session

    # What `nollycrew worker` gives a job: config/bootstrap's own session.
    job = context.JobContext(lambda: session(settings, redis), lambda name: None, redis, "")
    monkeypatch.setattr(context, "_installed", job)
    return build_bus(couch, redis, settings=settings)
