"""Chat commands: consent (version and time kept), STOP / START, and running late told to the
production. Run on the real bus with the chat handlers added, as core/handlers/__init__.py will."""
import pytest

from core import scopes
from core.bus import MessageBus
from core.chat_commands import CONSENT_VERSION, INTENT_PARSERS, RecordChatConsent, ReportRunningLate, SetChatOptOut
from core.errors import Rejected
from core.handlers import COMMAND_HANDLERS, EVENT_HANDLERS
from core.handlers.chat import CHAT_HANDLERS
from core.intents import _Fields
from tests.unit.fakes import FixedClock, make_bus
from tests.unit.production import FIRST_DAY, on_set, open_production


@pytest.fixture
async def production():
    bare = make_bus(clock=FixedClock(on_set(FIRST_DAY, 6, 40)))
    bus = MessageBus(bare.services, {**COMMAND_HANDLERS, **CHAT_HANDLERS}, EVENT_HANDLERS)
    return await open_production(bus)


async def _profile(production, person_id: str) -> dict:
    return await production.bus.services.store.get(scopes.user_db(person_id), "profile")


async def test_consent_keeps_the_version_language_and_the_cores_time(production):
    await production.bus.handle(RecordChatConsent("chat_consent:1", production.chidi_id, CONSENT_VERSION, "yo", True))
    await production.bus.handle(RecordChatConsent("chat_consent:1", production.chidi_id, CONSENT_VERSION, "yo", True))

    profile = await _profile(production, production.chidi_id)
    now = on_set(FIRST_DAY, 6, 40).isoformat()
    assert profile["consent"] == {"version": CONSENT_VERSION, "language": "yo", "agreed_at": now}
    assert len(profile["consent_history"]) == 1  # the retry changed nothing


@pytest.mark.parametrize(("version", "language", "words"), [("consent-1999", "en", "version"), (CONSENT_VERSION, "fr", "fr")])
async def test_consent_to_an_unknown_wording_or_language_is_refused(production, version, language, words):
    with pytest.raises(Rejected, match=words):
        await production.bus.handle(RecordChatConsent("chat_consent:2", production.chidi_id, version, language, True))


async def test_stop_then_start_records_each_with_its_time(production):
    await production.bus.handle(SetChatOptOut("chat_opt_out:1", production.chidi_id, True))
    stopped = await _profile(production, production.chidi_id)
    await production.bus.handle(SetChatOptOut("chat_opt_out:2", production.chidi_id, False))
    started = await _profile(production, production.chidi_id)

    assert (stopped["opted_out"], stopped["opted_out_at"]) == (True, on_set(FIRST_DAY, 6, 40).isoformat())
    assert (started["opted_out"], started["opted_in_at"]) == (False, on_set(FIRST_DAY, 6, 40).isoformat())


async def test_stop_from_someone_unknown_is_refused(production):
    with pytest.raises(Rejected, match="do not know you"):
        await production.bus.handle(SetChatOptOut("chat_opt_out:x", "nobody00001", True))


async def test_running_late_is_kept_for_the_day_and_told_to_who_hired_and_the_producer(production):
    booking_id = await production.book(production.chidi_id)
    await production.confirm(production.chidi_id, booking_id)
    late = ReportRunningLate("running_late:1", production.chidi_id, booking_id, 25, on_set(FIRST_DAY, 6, 40))

    ref = await production.bus.handle(late)
    await production.bus.handle(late)  # a retry

    notice = await production.bus.services.store.get(production.project, ref)
    assert (notice["eta_minutes"], notice["expected_at"], len(notice["reports"])) == (
        25, on_set(FIRST_DAY, 7, 5).isoformat(), 1)
    [told] = production.bus.services.outbox.with_template("late_notice")  # the producer hired: one message
    assert told.person_id == production.producer_id
    assert told.params == {"name": "Chidi Okafor", "role": "Gaffer", "project_title": "Eko Nights", "minutes": 25,
                           "expected": "07:05"}


async def test_running_late_needs_a_confirmed_booking_of_today(production):
    booking_id = await production.book(production.chidi_id)
    with pytest.raises(Rejected, match="not confirmed"):
        await production.bus.handle(ReportRunningLate("running_late:2", production.chidi_id, booking_id, 10,
                                                      on_set(FIRST_DAY, 6, 40)))
    await production.confirm(production.chidi_id, booking_id)
    with pytest.raises(Rejected, match="booked from"):
        await production.bus.handle(ReportRunningLate("running_late:3", production.chidi_id, booking_id, 10,
                                                      on_set(FIRST_DAY.replace(day=20), 6, 40)))
    with pytest.raises(Rejected, match="1 to 600"):
        await production.bus.handle(ReportRunningLate("running_late:4", production.chidi_id, booking_id, 0,
                                                      on_set(FIRST_DAY, 6, 40)))
    with pytest.raises(Rejected, match="cannot find that booking"):
        await production.bus.handle(ReportRunningLate("running_late:5", production.aisha_id, booking_id, 10,
                                                      on_set(FIRST_DAY, 6, 40)))


@pytest.mark.parametrize(("doc", "wrong"), [
    ({"type": "running_late", "booking_id": "b1", "eta_minutes": "20", "at": "2026-12-01T06:40:00+01:00"}, "eta_minutes"),
    ({"type": "running_late", "booking_id": "b1", "eta_minutes": 20, "at": "2026-12-01T06:40:00"}, "time zone"),
    ({"type": "chat_opt_out", "opted_out": "yes"}, "opted_out"),
    ({"type": "chat_consent", "language": "en", "agreed": True}, "wording_version"),
])
def test_malformed_intents_name_the_field(doc, wrong):
    with pytest.raises((KeyError, ValueError), match=wrong):
        INTENT_PARSERS[doc["type"]][1]("x:1", "p1", _Fields(doc))


def test_every_chat_intent_is_written_in_the_persons_own_database():
    assert {kind for kind, _ in INTENT_PARSERS.values()} == {"user"}
