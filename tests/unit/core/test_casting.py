"""Casting calls: what a part needs, who may post one, applying, and the intents that ask."""
from datetime import timedelta

import pytest

from core import scopes
from core.casting_commands import INTENT_PARSERS, ApplyToCastingCall, OpenAuditionSlots, PostCastingCall
from core.errors import Rejected
from core.intents import _Fields
from core.money import Money
from tests.unit.casting_fakes import TAPE_DEADLINE, casting_call, make_casting_bus
from tests.unit.fakes import DEFAULT_NOW
from tests.unit.production import register


@pytest.fixture
def bus():
    return make_casting_bus()


async def test_a_casting_call_is_in_the_directory_and_the_office(production):
    call_id = await production.bus.handle(casting_call(production.project_id, production.producer_id))
    store = production.bus.services.store
    listed = await store.get(scopes.DIRECTORY, f"casting_call:{call_id}")
    office_copy = await store.get(production.office, f"casting_call:{call_id}")
    assert listed["type"] == "casting_call" and listed["status"] == "open"
    assert listed["playing_age"] == {"min": 28, "max": 35} and listed["languages"] == ["English", "Igbo"]
    assert listed["self_tape_deadline"] == TAPE_DEADLINE.isoformat()
    assert office_copy["casting_call_id"] == call_id


async def test_a_retried_casting_call_changes_nothing(production):
    store = production.bus.services.store
    first = await production.bus.handle(casting_call(production.project_id, production.producer_id))
    again = await production.bus.handle(casting_call(production.project_id, production.producer_id))
    assert first == again
    assert len(store.docs(scopes.DIRECTORY, "casting_call:")) == 1
    assert store.generation(scopes.DIRECTORY, f"casting_call:{first}") == 1


@pytest.mark.parametrize(
    "changes, reason",
    [
        ({"self_tape_deadline": DEFAULT_NOW - timedelta(minutes=1)}, "already passed"),
        ({"self_tape_instructions": "x" * 2001}, "at most 2000"),
        ({"role_name": "  "}, "part's name"),
        ({"playing_age_min": 40, "playing_age_max": 30}, "playing age"),
        ({"rate": Money(0, "NGN")}, "more than zero"),
        ({"rate_per": "week"}, "per day"),
        ({"gender": "robot"}, "gender"),
        ({"shoot_end": DEFAULT_NOW.date()}, "ends before"),
    ],
)
async def test_a_casting_call_that_breaks_a_rule_is_refused_with_a_reason(production, changes, reason):
    with pytest.raises(Rejected, match=reason):
        await production.bus.handle(casting_call(production.project_id, production.producer_id, **changes))
    assert production.bus.services.store.docs(scopes.DIRECTORY, "casting_call:") == []


async def test_crew_without_a_posting_role_cannot_post_a_casting_call(production):
    with pytest.raises(Rejected, match=r"\(no role\) does not let you post a casting call"):
        await production.bus.handle(casting_call(production.project_id, production.chidi_id))


async def test_an_actor_applies_once_with_a_job_shaped_application(production):
    call_id = await production.bus.handle(casting_call(production.project_id, production.producer_id))
    ada = await register(production.bus, "+2348030000010", "Ada Nwosu", ("actor",), "cast")
    apply = ApplyToCastingCall("casting_application:ada", ada, call_id, "I speak Igbo.", "https://tapes.example/ada")
    application_id = await production.bus.handle(apply)
    assert await production.bus.handle(apply) == application_id  # a retry
    store = production.bus.services.store
    office_copy = await store.get(production.office, f"application:{application_id}")
    assert office_copy["job_post_id"] == office_copy["casting_call_id"] == call_id
    assert office_copy["status"] == "received" and office_copy["job_title"] == "Amaka"
    assert await store.get(scopes.user_db(ada), f"application:{application_id}") == office_copy
    with pytest.raises(Rejected, match="already applied for Amaka"):
        await production.bus.handle(ApplyToCastingCall("casting_application:ada-again", ada, call_id))


async def test_no_application_after_the_self_tape_deadline(production):
    call_id = await production.bus.handle(casting_call(production.project_id, production.producer_id))
    production.bus.services.clock.at = TAPE_DEADLINE
    with pytest.raises(Rejected, match="closed at its self-tape deadline"):
        await production.bus.handle(ApplyToCastingCall("casting_application:late", production.chidi_id, call_id))


def test_the_casting_call_intent_becomes_a_command():
    _, parse = INTENT_PARSERS["casting_call_request"]
    command = parse("casting_call_request:1", "p1", _Fields({
        "author": "u1", "role_name": "Amaka", "playing_age": {"min": 28, "max": 35}, "languages": ["Igbo"],
        "rate_minor": 15_000_000, "shoot_start": "2026-12-01", "shoot_end": "2026-12-12", "city": "Lekki",
        "state": "Lagos", "self_tape_deadline": "2026-11-25T18:00:00+01:00",
    }))
    assert isinstance(command, PostCastingCall)
    assert (command.playing_age_min, command.playing_age_max, command.languages) == (28, 35, ("Igbo",))
    assert command.rate == Money(15_000_000, "NGN") and command.self_tape_deadline.utcoffset() == timedelta(hours=1)


def test_the_slots_intent_needs_aware_windows():
    kind, parse = INTENT_PARSERS["audition_slots_request"]
    fields = {"author": "u1", "casting_call_id": "c1", "kind": "live", "capacity": 3, "where": "12 Admiralty Way",
              "windows": [{"start": "2026-11-23T10:00:00+01:00", "end": "2026-11-23T10:30:00+01:00"}]}
    command = parse("audition_slots_request:1", "p1", _Fields(fields))
    assert kind == "office" and isinstance(command, OpenAuditionSlots) and len(command.windows) == 1
    fields["windows"] = [{"start": "2026-11-23T10:00:00", "end": "2026-11-23T10:30:00"}]
    with pytest.raises(ValueError, match="time zone"):
        parse("audition_slots_request:2", "p1", _Fields(fields))


def test_every_intent_type_says_its_database():
    assert {t: kind for t, (kind, _) in INTENT_PARSERS.items()} == {
        "casting_call_request": "office", "audition_slots_request": "office", "casting_application": "user",
        "audition_booking": "user", "audition_reschedule": "user", "audition_cancellation": "user",
    }
