"""A bus for tests that run media jobs in this process: the job's own session (what
config/bootstrap gives a job in `nollycrew worker`) is installed with the same settings, so
the job and the test share one media store and one Redis.

    from tests.integration.workers.job_stack import bus  # noqa: F401 (fixture)

The test module's own `settings` fixture (its media store folder, its fakes) is the one used."""
from contextlib import asynccontextmanager

import pytest

from workers import context


@pytest.fixture
async def bus(couch, redis, settings, monkeypatch):
    from config.bootstrap import build_bus, open_couch
    from sync.chat_reads import CouchChatReads

    @asynccontextmanager
    async def job_session():  # what config/bootstrap.session gives a job, with the same handlers
        job_couch = open_couch(settings)
        try:
            bus = build_bus(job_couch, redis, settings=settings)
            yield context.Session(bus.services.store, bus, CouchChatReads(job_couch), bus.services.clock)
        finally:
            await job_couch.close()

    monkeypatch.setattr(context, "_installed", context.JobContext(job_session, lambda name: None, redis, ""))
    return build_bus(couch, redis, settings=settings)
