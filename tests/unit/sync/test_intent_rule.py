"""The intent rule: an intent in, a command through the real bus, exactly one outcome out."""
import asyncio

import pytest

from core import scopes
from sync.rules import GIVE_UP_REASON, IntentRule
from tests.unit.fakes import make_bus
from tests.unit.production import open_production, register

NOW = "2026-11-20T09:00:00+01:00"
CHAT = {"channel": "whatsapp", "message_id": "SM1f0e8ae6ade43cb3c0ce4525424e404f"}


@pytest.fixture
def bus():
    return make_bus()


@pytest.fixture
def rule(bus) -> IntentRule:
    return IntentRule(bus)


def intent(intent_type: str, author: str, number: int = 1, **fields) -> dict:
    return {"_id": f"{intent_type}:{number}", "type": intent_type, "author": author, "created_at": NOW, **fields}


async def written(bus, db: str, doc: dict) -> dict:
    """The intent as a device's replication leaves it in the database, and as the feed shows it."""
    return await bus.services.store.create(db, doc)


@pytest.mark.parametrize(
    "db, doc, matches",
    [
        ("user_abcdef123456", {"type": "project_request"}, True),
        ("user_abcdef123456", {"type": "application_request"}, True),
        ("user_abcdef123456", {"type": "application_request", "outcome": {"status": "accepted"}}, False),
        ("user_abcdef123456", {"type": "application_request", "_deleted": True}, False),
        ("user_abcdef123456", {"type": "hire_request"}, False),
        ("user_abcdef123456", {"type": "booking"}, False),
        ("user_abcdef123456", {"type": "profile"}, False),
        ("office_abcdef123456", {"type": "job_post_request"}, True),
        ("office_abcdef123456", {"type": "hire_request"}, True),
        ("office_abcdef123456", {"type": "hire_request", "outcome": {"status": "rejected"}}, False),
        ("office_abcdef123456", {"type": "check_in"}, False),
        ("project_abcdef123456", {"type": "check_in"}, False),
        ("directory", {"type": "application_request"}, False),
        ("ops", {"type": "hire_request"}, False),
        ("user_BAD", {"type": "application_request"}, False),
    ],
)
def test_the_filter_takes_only_unanswered_intents_of_the_database_kind(rule, db, doc, matches):
    assert rule.filter(db, doc) is matches


async def test_an_accepted_intent_gets_one_outcome_with_the_ref(bus, rule):
    producer = await register(bus, "+2348030000000", "Funke Adeyemi", ("producer",))
    db = scopes.user_db(producer)
    doc = await written(bus, db, intent("project_request", producer, title="Eko Nights"))

    await rule.on_match(db, doc)

    stored = await bus.services.store.get(db, doc["_id"])
    assert stored["outcome"]["status"] == "accepted"
    assert await bus.services.store.get(scopes.project_db(stored["outcome"]["ref"]), "project")
    assert stored["outcome"]["at"] == NOW
    assert bus.services.store.generation(db, doc["_id"]) == 2  # the intent, then its outcome


async def test_a_rejected_intent_gets_the_reason(bus, rule):
    crew = await register(bus, "+2348030000001", "Chidi Okafor")
    db = scopes.user_db(crew)
    doc = await written(bus, db, intent("project_request", crew, title="Eko Nights"))

    await rule.on_match(db, doc)

    outcome = (await bus.services.store.get(db, doc["_id"]))["outcome"]
    assert (outcome["status"], outcome["reason"]) == ("rejected", "Only producers can create a project.")
    assert "ref" not in outcome
    assert bus.services.outbox.messages == []  # written from an app: the app reads the outcome


async def test_a_malformed_intent_is_rejected_not_crashed(bus, rule):
    producer = await register(bus, "+2348030000000", "Funke Adeyemi", ("producer",))
    db = scopes.user_db(producer)
    doc = await written(bus, db, intent("project_request", producer))  # no title

    await rule.on_match(db, doc)

    outcome = (await bus.services.store.get(db, doc["_id"]))["outcome"]
    assert outcome["status"] == "rejected"
    assert "title" in outcome["reason"]


async def test_a_rejected_chat_intent_is_answered_in_the_chat(bus, rule):
    crew = await register(bus, "+2348030000001", "Chidi Okafor")
    db = scopes.user_db(crew)
    doc = await written(bus, db, intent("application_request", crew, job_post_id="0" * 20, source=CHAT))

    await rule.on_match(db, doc)

    [message] = bus.services.outbox.with_template("intent_rejected")
    assert (message.person_id, message.message_id) == (crew, f"rejected.{doc['_id']}")
    assert "does not exist" in message.params["reason"]


async def test_an_accepted_chat_intent_sends_no_refusal(bus, rule):
    production = await open_production(bus)
    db = scopes.user_db(production.chidi_id)
    doc = await written(bus, db, intent("application_request", production.chidi_id, job_post_id=production.job_post_id, source=CHAT))

    await rule.on_match(db, doc)

    assert (await bus.services.store.get(db, doc["_id"]))["outcome"]["status"] == "accepted"
    assert bus.services.outbox.with_template("intent_rejected") == []
    assert len(bus.services.outbox.with_template("application_received")) == 1


async def test_an_office_intent_runs_for_the_project_of_its_database(bus, rule):
    production = await open_production(bus)
    application_id = await production.apply(production.chidi_id)
    doc = await written(bus, production.office, intent("hire_request", production.producer_id, application_id=application_id))

    await rule.on_match(production.office, doc)

    outcome = (await bus.services.store.get(production.office, doc["_id"]))["outcome"]
    assert outcome["status"] == "accepted"
    assert await bus.services.store.get(production.project, f"booking:{outcome['ref']}")


async def test_an_existing_outcome_is_never_overwritten(bus, rule):
    crew = await register(bus, "+2348030000001", "Chidi Okafor")
    db = scopes.user_db(crew)
    doc = await written(bus, db, intent("project_request", crew, title="Eko Nights"))
    await rule.on_match(db, doc)
    first = await bus.services.store.get(db, doc["_id"])

    await rule.on_match(db, doc)  # the feed shows the revision without the outcome again
    await rule.on_give_up(db, doc, RuntimeError("boom"))

    assert await bus.services.store.get(db, doc["_id"]) == first


async def test_two_runners_on_the_same_intent_write_one_outcome(bus):
    production = await open_production(bus)
    db = scopes.user_db(production.chidi_id)
    doc = await written(bus, db, intent("application_request", production.chidi_id, job_post_id=production.job_post_id))

    await asyncio.gather(IntentRule(bus).on_match(db, doc), IntentRule(bus).on_match(db, doc))

    assert (await bus.services.store.get(db, doc["_id"]))["outcome"]["status"] == "accepted"
    assert bus.services.store.generation(db, doc["_id"]) == 2
    assert len(bus.services.store.docs(production.office, "application:")) == 1


async def test_giving_up_writes_a_rejection_the_person_can_read(bus, rule):
    crew = await register(bus, "+2348030000001", "Chidi Okafor")
    db = scopes.user_db(crew)
    doc = await written(bus, db, intent("application_request", crew, job_post_id="0" * 20))

    await rule.on_give_up(db, doc, ConnectionError("CouchDB went away"))

    outcome = (await bus.services.store.get(db, doc["_id"]))["outcome"]
    assert (outcome["status"], outcome["reason"]) == ("rejected", GIVE_UP_REASON)
    assert bus.services.store.generation(db, doc["_id"]) == 2


async def test_an_intent_that_kept_its_acceptance_sends_no_refusal(bus, rule):
    crew = await register(bus, "+2348030000001", "Chidi Okafor")
    db = scopes.user_db(crew)
    stale = await written(bus, db, intent("application_request", crew, job_post_id="0" * 20, source=CHAT))
    # An earlier run accepted it (the job has since gone); the feed still shows the older revision.
    await bus.services.store.update(db, stale["_id"], lambda doc: {**doc, "outcome": {"status": "accepted", "ref": "x"}})

    await rule.on_match(db, stale)

    assert (await bus.services.store.get(db, stale["_id"]))["outcome"]["status"] == "accepted"
    assert bus.services.outbox.with_template("intent_rejected") == []
