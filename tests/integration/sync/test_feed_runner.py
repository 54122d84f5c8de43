import asyncio

import pytest

from config.bootstrap import build_feed_runner
from core import scopes
from core.commands import RegisterPerson
from tests.integration.helpers import eventually, intent, outcome_of


@pytest.fixture
async def runner(settings, couch, redis):
    feed = build_feed_runner(settings, couch, redis)
    task = asyncio.create_task(feed.run())
    yield feed
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)


async def test_an_intent_gets_one_outcome_and_its_result(bus, runner):
    producer = await bus.handle(RegisterPerson("+2348031110001", "Ada", ("producer",)))
    request = intent("project_request", producer, title="Lagos Love Story")
    await bus.services.store.create(scopes.user_db(producer), request)

    outcome = await outcome_of(bus.services.store, scopes.user_db(producer), request["_id"])

    assert outcome["status"] == "accepted"
    project = await bus.services.store.get(scopes.project_db(outcome["ref"]), "project")
    assert project["title"] == "Lagos Love Story"
    assert project["producer_id"] == producer


async def test_a_malformed_intent_is_rejected_with_a_reason_and_writes_nothing(bus, runner):
    producer = await bus.handle(RegisterPerson("+2348031110002", "Bisi", ("producer",)))
    request = intent("project_request", producer)  # no title

    await bus.services.store.create(scopes.user_db(producer), request)
    outcome = await outcome_of(bus.services.store, scopes.user_db(producer), request["_id"])

    assert outcome["status"] == "rejected"
    assert "title" in outcome["reason"]
    membership = [
        doc async for doc in bus.services.store._couch.database(scopes.user_db(producer)).docs(prefix="membership:")
    ]
    assert membership == []


async def test_a_crew_member_may_not_create_a_project(bus, runner):
    crew = await bus.handle(RegisterPerson("+2348031110003", "Emeka", ("crew",)))
    request = intent("project_request", crew, title="Not mine to make")
    await bus.services.store.create(scopes.user_db(crew), request)

    outcome = await outcome_of(bus.services.store, scopes.user_db(crew), request["_id"])

    assert outcome == {**outcome, "status": "rejected", "reason": "Only producers can create a project."}


async def test_a_database_made_after_the_runner_started_is_followed(bus, runner):
    producer = await bus.handle(RegisterPerson("+2348031110004", "Chioma", ("producer",)))

    async def followed():
        return scopes.user_db(producer) in runner.followed

    assert await eventually(followed, timeout_s=5)
