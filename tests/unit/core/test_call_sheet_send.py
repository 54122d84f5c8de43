"""Sending the published call sheet to the unit: who may, one message each with their own call,
once per version, only what changed after a republish, urgent on the day itself."""
from datetime import datetime

import pytest

from core import scopes
from core.bus import MessageBus
from core.call_sheet_send import CallSheetLinks, SendCallSheet, changes
from core.call_sheets.call_sheet import call_sheet
from core.errors import Rejected
from core.handlers import COMMAND_HANDLERS, EVENT_HANDLERS
from core.handlers.call_sheet_send import CALL_SHEET_SEND_HANDLERS, link_doc_id, sends_doc_id
from core.handlers.team import team_doc_id
from core.intents import _Fields
from core.call_sheet_send import INTENT_PARSERS
from tests.unit.core.call_sheets import shoot_fixtures as fixtures
from tests.unit.fakes import LAGOS, FixedClock, make_bus

PROJECT, PRODUCER, AD, ACCOUNTANT = "proj01", "producer1", "firstad1", "accountant1"
DAY = "2026-12-01"  # shoot day 1 of the fixtures
EVE = datetime(2026, 11, 30, 18, 0, tzinfo=LAGOS)


class KeyedLinks(CallSheetLinks):
    def url(self, project_id, day, person_id):
        return f"https://nollycrew.test/call-sheet/{project_id}/{day}/{person_id}/key.pdf"


def production() -> dict:
    """The fixtures' production with person ids as NollyCrew makes them ("pada01" -> "pada01")."""
    made = fixtures.production()
    for member in [*made["cast"], *made["crew"]]:
        member["person_id"] = member["person_id"].replace("-", "") + "01"
    return made


def published_sheet(version: int = 3, schedule: dict | None = None) -> dict:
    """As core/schedule_publication.py stores it in the project database (phones kept: unused here)."""
    built = call_sheet(schedule or fixtures.schedule(version), 1, fixtures.scenes_by_id(), production())
    return {"_id": f"call_sheet:{DAY}", **built}


@pytest.fixture
async def bus() -> MessageBus:
    plain = make_bus(clock=FixedClock(EVE))
    plain.services.call_sheet_links = KeyedLinks()
    bus = MessageBus(plain.services, {**COMMAND_HANDLERS, **CALL_SHEET_SEND_HANDLERS}, EVENT_HANDLERS)
    store = bus.services.store
    await store.create(scopes.project_db(PROJECT), {"_id": "project", "type": "project", "project_id": PROJECT,
                                                    "title": "Eko Nights", "producer_id": PRODUCER})
    for person, role in ((AD, "first_ad"), (ACCOUNTANT, "production_accountant")):
        await store.create(scopes.office_db(PROJECT), {"_id": team_doc_id(person), "type": "team_member",
                                                       "roles": [role], "departments": {}})
    await store.create(scopes.project_db(PROJECT), published_sheet())
    return bus


async def republish(bus: MessageBus, sheet: dict) -> None:
    await bus.services.store.update(scopes.project_db(PROJECT), f"call_sheet:{DAY}",
                                    lambda old: {**sheet, "_rev": old["_rev"]})


def called_ids(sheet: dict) -> set[str]:
    return {row["person_id"] for row in sheet["cast"]} | {p["person_id"] for d in sheet["crew"] for p in d["people"]}


async def test_each_person_called_gets_one_message_with_their_own_call(bus):
    await bus.handle(SendCallSheet("call_sheet_send:1", PROJECT, AD, DAY))

    sheet, sent = published_sheet(), bus.services.outbox.messages
    assert sorted(m.person_id for m in sent) == sorted(called_ids(sheet))
    calls = {row["person_id"]: row["call"] for row in sheet["cast"]}
    calls.update({p["person_id"]: p["call"] for d in sheet["crew"] for p in d["people"]})
    for message in sent:
        assert message.template == "call_sheet_personal"
        assert message.params["call"] == calls[message.person_id]
        assert message.params["media_urls"] == [message.params["sheet_url"]]
        assert message.person_id in message.params["sheet_url"]
        assert message.params["location_pin"] and message.params["address"]
        assert not message.urgent  # tomorrow's sheet waits for the morning in quiet hours
    ada = next(m for m in sent if m.person_id == "pada01")
    assert (ada.params["role"], ada.params["place"]) == ("ADA", "Marina jetty")
    focus = next(m for m in sent if m.person_id == "pfocus01")
    assert focus.params["role"] == "Focus puller"
    link = await bus.services.store.get(scopes.OPS, link_doc_id(PROJECT, DAY, "pada01"))
    assert link["url"] == ada.params["sheet_url"] and link["path"].startswith("/call-sheet/")


async def test_people_not_on_the_sheet_get_nothing(bus):
    await bus.handle(SendCallSheet("call_sheet_send:1", PROJECT, PRODUCER, DAY))

    not_called = {"pmama01", "pchief01"} - called_ids(published_sheet())  # not in day 1's scenes
    assert not_called and not {m.person_id for m in bus.services.outbox.messages} & not_called
    assert PRODUCER not in {m.person_id for m in bus.services.outbox.messages}


async def test_a_resend_of_the_same_version_sends_nothing_new(bus):
    await bus.handle(SendCallSheet("call_sheet_send:1", PROJECT, AD, DAY))
    first = len(bus.services.outbox.messages)

    await bus.handle(SendCallSheet("call_sheet_send:2", PROJECT, PRODUCER, DAY))

    assert first and len(bus.services.outbox.messages) == first
    record = await bus.services.store.get(scopes.office_db(PROJECT), sends_doc_id(DAY))
    assert {entry["version"] for entry in record["people"].values()} == {3}


async def test_a_new_version_tells_only_those_whose_call_changed_and_what_changed(bus):
    await bus.handle(SendCallSheet("call_sheet_send:1", PROJECT, AD, DAY))
    before = {m.person_id: m.params for m in bus.services.outbox.messages}
    later = fixtures.schedule(4)
    later["days"][0]["call"] = "07:00"  # the crew call moves; the cast's calls follow their scenes
    await republish(bus, published_sheet(4, later))

    await bus.handle(SendCallSheet("call_sheet_send:2", PROJECT, AD, DAY))

    changed = bus.services.outbox.with_template("call_sheet_changed")
    crew = {p["person_id"] for d in published_sheet()["crew"] for p in d["people"]}
    assert {m.person_id for m in changed} == crew
    for message in changed:
        assert message.params["changes"] == f"{before[message.person_id]['call']} -> {message.params['call']}"


async def test_a_same_day_sheet_is_urgent(bus):
    bus.services.clock.at = datetime(2026, 12, 1, 5, 0, tzinfo=LAGOS)  # before dawn on the day itself

    await bus.handle(SendCallSheet("call_sheet_send:1", PROJECT, AD, DAY))

    assert bus.services.outbox.messages and all(m.urgent for m in bus.services.outbox.messages)


@pytest.mark.parametrize("who, words", [
    (ACCOUNTANT, "Your role on this project (Production accountant) does not let you send call sheets."),
    ("stranger1", "Your role on this project (no role) does not let you send call sheets."),
])
async def test_roles_without_the_right_are_refused_with_the_reason(bus, who, words):
    with pytest.raises(Rejected) as refusal:
        await bus.handle(SendCallSheet("call_sheet_send:1", PROJECT, who, DAY))

    assert refusal.value.reason == words
    assert not bus.services.outbox.messages


async def test_days_without_a_sheet_to_send_are_refused_in_words(bus):
    with pytest.raises(Rejected, match="no published call sheet for 2026-12-03"):
        await bus.handle(SendCallSheet("call_sheet_send:1", PROJECT, AD, "2026-12-03"))
    with pytest.raises(Rejected, match="has passed"):
        await bus.handle(SendCallSheet("call_sheet_send:2", PROJECT, AD, "2026-11-29"))
    await republish(bus, {"_id": f"call_sheet:{DAY}", "type": "call_sheet", "date": DAY, "withdrawn": True})
    with pytest.raises(Rejected, match="no longer a shoot day"):
        await bus.handle(SendCallSheet("call_sheet_send:3", PROJECT, AD, DAY))
    assert not bus.services.outbox.messages


def test_the_intent_names_the_day_and_its_author():
    kind, parse = INTENT_PARSERS["call_sheet_send"]
    command = parse("call_sheet_send:9", PROJECT, _Fields({"day": DAY, "author": AD}))
    assert (kind, command) == ("office", SendCallSheet("call_sheet_send:9", PROJECT, AD, DAY))
    with pytest.raises(ValueError, match="day is not in the expected form"):
        parse("call_sheet_send:9", PROJECT, _Fields({"day": "tomorrow", "author": AD}))


def test_changes_name_the_values_that_moved_only():
    before = {"call": "06:30", "role": "Gaffer", "place": "Lekki house", "address": "1 Admiralty Way"}
    assert changes(before, {**before, "call": "07:00", "place": "Marina jetty"}) == \
        "06:30 -> 07:00, Lekki house -> Marina jetty"
    assert changes(before, dict(before)) == ""
