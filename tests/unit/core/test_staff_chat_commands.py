"""The staff intents as clients write them: parsed into commands, malformed ones refused by name."""
import pytest

from core import audit
from core import staff_chat_commands as staff
from core.intents import _Fields


def parse(kind: str, doc: dict, scope_id: str = "0123456789abcdef0123"):
    db_kind, parser = staff.INTENT_PARSERS[doc["type"]]
    assert db_kind == kind
    return parser(f"{doc['type']}:1", scope_id, _Fields(doc))


def test_every_command_name_has_a_parser_and_every_command_an_actor():
    assert staff.STAFF_COMMAND_NAMES == {"crew_call", "call_status", "chase", "announce", "look_up", "verify",
                                         "suspend", "stats", "broadcast", "confirm_broadcast", "resolve",
                                         "requeue_failed", "drop_failed"}
    for command, field in staff.STAFF_ACTOR_FIELDS.items():
        assert field is None or field in command.__dataclass_fields__
    # Wired into the audit log as they are, with no other command's actor field overridden.
    assert {command: audit.ACTOR_FIELDS.get(command, "missing") for command in staff.STAFF_ACTOR_FIELDS} == \
        staff.STAFF_ACTOR_FIELDS


@pytest.mark.parametrize("doc, says", [
    ({"type": "staff_command", "command": "launch"}, "command must be one of"),
    ({"type": "staff_command", "command": "crew_call", "department": "camera", "role": "dop", "day": "2026-12-01",
      "rate_minor": "25000"}, "rate_minor must be a whole number"),
    ({"type": "staff_command", "command": "verify", "phone": "+2348030000001"}, "verified must be true or false"),
    ({"type": "thread_reply", "text": "hi"}, "thread_code must be text"),
])
def test_a_malformed_intent_names_what_is_wrong(doc, says):
    with pytest.raises(ValueError, match=says):
        parse("user", doc)


def test_a_thread_message_from_the_office_names_its_author():
    doc = {"type": "thread_message", "author": "fedcba98765432100123", "thread_id": "costume-fit", "text": "Hi"}
    assert parse("office", doc, "p0123456789") == staff.PostThreadMessage(
        "thread_message:1", "p0123456789", "fedcba98765432100123", "costume-fit", "Hi", "")


def test_a_thread_reply_keeps_the_channel_it_came_from():
    chat = {"type": "thread_reply", "thread_code": "7KQ2D", "text": "ok", "source": {"channel": "sms"}}
    app = {"type": "thread_reply", "thread_code": "7KQ2D", "text": "ok"}
    assert (parse("user", chat).channel, parse("user", app).channel) == ("sms", "app")


def test_unwired_services_fail_loudly_not_as_a_refusal():
    class Bare:
        pass

    with pytest.raises(RuntimeError, match="staff_reads is not wired"):
        staff.staff_reads(Bare())
    with pytest.raises(RuntimeError, match="broadcast_batches is not wired"):
        staff.broadcast_batches(Bare())


async def test_a_chat_command_goes_through_the_rule_and_a_refusal_comes_back_to_the_chat():
    from datetime import datetime

    from bots.channels.base import Incoming
    from bots.staff_chat import respond
    from sync.rules import IntentRule
    from tests.unit.core.handlers.staff_fakes import make_staff_bus
    from tests.unit.fakes import LAGOS
    from tests.unit.production import open_production

    bus = make_staff_bus(datetime(2026, 11, 30, 9, 0, tzinfo=LAGOS))
    production = await open_production(bus)
    await production.book(production.chidi_id)
    rule, now = IntentRule(bus), "2026-11-30T09:00:00+01:00"
    for person_id, provider_id in ((production.producer_id, "SM1"), (production.chidi_id, "SM2")):
        turn = await respond(Incoming("sms", provider_id, "+2348030000000", "WHO"), person_id, None, now)
        db = f"user_{person_id}"
        doc = await bus.services.store.create(db, turn.intent)
        assert rule.filter(db, doc)
        await rule.on_match(db, doc)
    outcomes = [doc["outcome"]["status"] for db in (f"user_{production.producer_id}", f"user_{production.chidi_id}")
                for doc in bus.services.store.docs(db, "staff_command:")]
    assert outcomes == ["accepted", "rejected"]
    (status,) = bus.services.outbox.with_template("call_status")
    assert status.person_id == production.producer_id and status.params["waiting_count"] == 1
    (refusal,) = bus.services.outbox.with_template("intent_rejected")
    assert refusal.person_id == production.chidi_id and "producer, first AD or unit manager" in refusal.params["reason"]
