"""Profile and availability intents through the real feed runner, PouchDB Server and Redis."""
import asyncio
from datetime import datetime, timedelta, timezone

import pytest

from config.bootstrap import FOLLOWED_KINDS, build_bus
from core.profiles import PUBLIC_FIELDS
from core import scopes
from core.bus import MessageBus
from core.commands import RegisterPerson
from core.handlers import COMMAND_HANDLERS, EVENT_HANDLERS
from sync.checkpoints import Checkpoints
from sync.feed import FeedLimits, FeedRunner
from sync.rules import IntentRule
from tests.integration.helpers import intent, outcome_of
from tests.unit.profiles_fakes import PROFILE_HANDLERS

DIRECTORY_SCHEMA = {
    "_id", "_rev", "type", "person_id", "roles", "verified", "rate", "rating", "busy_days", "phone",
    "created_at", "updated_at", *PUBLIC_FIELDS,
}


@pytest.fixture
async def runner(settings, couch, redis):
    """As config/bootstrap.build_feed_runner, with the profile handlers merged into the registry
    (until core/handlers/__init__.py lists them)."""
    feed: FeedRunner | None = None

    def follow_now(db: str) -> None:
        if feed is not None:
            feed.follow(db)

    plain = build_bus(couch, redis, on_database=follow_now)
    bus = MessageBus(plain.services, {**COMMAND_HANDLERS, **PROFILE_HANDLERS}, EVENT_HANDLERS)
    feed = FeedRunner(
        couch,
        Checkpoints(bus.services.store),
        [IntentRule(bus)],
        follows=lambda db: scopes.kind_of(db)[0] in FOLLOWED_KINDS,
        limits=FeedLimits(discovery_interval_s=settings.feed_discovery_interval_s),
    )
    task = asyncio.create_task(feed.run())
    yield feed
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)


async def test_a_profile_update_puts_only_public_fields_on_the_directory(bus, runner):
    ada = await bus.handle(RegisterPerson("+2348031120001", "Adaeze", ("actor",)))
    request = intent(
        "profile_update", ada,
        fields={
            "headline": "Lead actress", "state": "Lagos", "languages": ["english", "igbo"],
            "playing_age": {"min": 25, "max": 35}, "height_cm": 168, "email": "ada@example.ng",
            "headshots": ["https://media.example.ng/ada.jpg"], "rates": {"day": 15_000_000},
            "phone_visibility": "nobody",
        },
    )
    await bus.services.store.create(scopes.user_db(ada), request)

    outcome = await outcome_of(bus.services.store, scopes.user_db(ada), request["_id"])

    assert (outcome["status"], outcome["ref"]) == ("accepted", ada)
    card = await bus.services.store.get(scopes.DIRECTORY, f"person:{ada}")
    assert set(card) <= DIRECTORY_SCHEMA and "phone" not in card
    assert (card["headline"], card["state"], card["playing_age"]) == ("Lead actress", "Lagos", {"min": 25, "max": 35})
    assert card["rate"] == {"amount_minor": 15_000_000, "currency": "NGN", "per": "day"}
    profile = await bus.services.store.get(scopes.user_db(ada), "profile")
    assert (card["height_cm"], profile["email"], profile["phone"]) == (168, "ada@example.ng", "+2348031120001")
    assert "email" not in card and "height_cm" not in profile


async def test_a_bad_profile_update_is_rejected_naming_the_field(bus, runner):
    chidi = await bus.handle(RegisterPerson("+2348031120002", "Chidi", ("crew",), "lighting"))
    request = intent("profile_update", chidi, fields={"crew_roles": ["focus_puller"]})
    await bus.services.store.create(scopes.user_db(chidi), request)

    outcome = await outcome_of(bus.services.store, scopes.user_db(chidi), request["_id"])

    assert outcome["status"] == "rejected" and outcome["reason"].startswith("crew_roles")
    card = await bus.services.store.get(scopes.DIRECTORY, f"person:{chidi}")
    assert "crew_roles" not in card


async def test_an_availability_update_shows_busy_days_on_the_directory(bus, runner):
    aisha = await bus.handle(RegisterPerson("+2348031120003", "Aisha", ("crew",), "sound"))
    request = intent("availability_update", aisha, days={"2099-01-02": "unavailable"}, note="x")
    await bus.services.store.create(scopes.user_db(aisha), request)

    outcome = await outcome_of(bus.services.store, scopes.user_db(aisha), request["_id"])

    # Two years ahead at most: a far day is refused by name, and nothing is marked.
    assert outcome["status"] == "rejected" and outcome["reason"].startswith("days.2099-01-02")
    near = intent("availability_update", aisha, days={_soon(): "unavailable"})
    await bus.services.store.create(scopes.user_db(aisha), near)
    assert (await outcome_of(bus.services.store, scopes.user_db(aisha), near["_id"]))["status"] == "accepted"
    card = await bus.services.store.get(scopes.DIRECTORY, f"person:{aisha}")
    assert card["busy_days"] == [_soon()]


def _soon() -> str:
    return (datetime.now(timezone.utc).date() + timedelta(days=10)).isoformat()
