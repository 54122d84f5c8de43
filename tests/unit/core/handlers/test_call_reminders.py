"""The night-before call reminder: everyone on the day's call sheet, once each, with the call as
it stands when the reminder goes; nobody for a withdrawn day or a reminder hours late. The offer
reminder: 6 h before the deadline, out of quiet hours, only while the offer is open."""
from datetime import datetime, timedelta

import pytest

from core import scopes
from core.bus import MessageBus
from core.handlers import COMMAND_HANDLERS, EVENT_HANDLERS
from core.handlers.reminders import REMINDER_HANDLERS
from core.reminder_commands import (
    TEMPLATE, RemindCallSheet, RemindOfferExpiring, is_live, offer_reminder_at, remind_at, too_late,
)
from tests.unit.core.test_call_sheet_send import DAY, PROJECT, called_ids, published_sheet
from tests.unit.fakes import LAGOS, FixedClock, make_bus

EVE = datetime(2026, 11, 30, 19, 0, tzinfo=LAGOS)


async def reminder_bus(now: datetime = EVE, sheet: dict | None = None) -> MessageBus:
    plain = make_bus(clock=FixedClock(now))
    bus = MessageBus(plain.services, {**COMMAND_HANDLERS, **REMINDER_HANDLERS}, EVENT_HANDLERS)
    store = bus.services.store
    await store.create(scopes.project_db(PROJECT), {"_id": "project", "type": "project", "project_id": PROJECT,
                                                    "title": "Eko Nights", "producer_id": "producer1"})
    await store.create(scopes.project_db(PROJECT), sheet or published_sheet())
    return bus


def test_the_reminder_goes_at_seven_in_the_evening_before_in_lagos():
    assert remind_at(DAY) == EVE
    assert remind_at("2027-01-01").isoformat() == "2026-12-31T19:00:00+01:00"


@pytest.mark.parametrize("sheet, live", [
    (None, False), ({"_id": "call_sheet:x", "withdrawn": True}, False), ({"_id": "call_sheet:x", "cast": []}, True)])
def test_only_a_sheet_that_still_shoots_is_live(sheet, live):
    assert is_live(sheet) is live


async def test_everyone_called_is_told_their_call_and_place_once():
    bus = await reminder_bus()
    sheet = published_sheet()

    await bus.handle(RemindCallSheet(PROJECT, DAY))
    await bus.handle(RemindCallSheet(PROJECT, DAY))  # the job run twice (a retry after a kill)

    sent = bus.services.outbox.messages
    assert sorted(m.person_id for m in sent) == sorted(called_ids(sheet))
    calls = {row["person_id"]: row["call"] for row in sheet["cast"]}
    calls.update({p["person_id"]: p["call"] for d in sheet["crew"] for p in d["people"]})
    for message in sent:
        assert message.template == TEMPLATE and not message.urgent
        assert message.params["call"] == calls[message.person_id] and message.params["day"] == DAY
        assert message.params["project_title"] == "Eko Nights" and message.params["place"]


async def test_a_call_changed_after_scheduling_is_told_as_it_is_now():
    sheet = published_sheet()
    first = sheet["cast"][0]
    sheet["cast"][0] = {**first, "call": "05:15"}
    bus = await reminder_bus(sheet=sheet)

    await bus.handle(RemindCallSheet(PROJECT, DAY))

    (told,) = [m for m in bus.services.outbox.messages if m.person_id == first["person_id"]]
    assert told.params["call"] == "05:15"


async def test_a_withdrawn_day_reminds_nobody():
    bus = await reminder_bus(sheet={"_id": f"call_sheet:{DAY}", "type": "call_sheet", "date": DAY,
                                    "withdrawn": True, "schedule_version": 4})
    await bus.handle(RemindCallSheet(PROJECT, DAY))
    assert bus.services.outbox.messages == []


async def test_a_reminder_hours_late_is_not_sent():
    late = EVE + timedelta(hours=2)
    assert too_late(DAY, late) and not too_late(DAY, late - timedelta(minutes=1))
    bus = await reminder_bus(now=late)
    await bus.handle(RemindCallSheet(PROJECT, DAY))
    assert bus.services.outbox.messages == []


# --- an offer about to expire --------------------------------------------------------------------

OFFER_ID = "app0001"


def offer_doc(status: str = "open", expires_at: str = "2026-12-04T18:00:00+01:00") -> dict:
    return {"_id": f"offer:{OFFER_ID}", "type": "offer", "offer_id": OFFER_ID, "project_id": PROJECT,
            "project_title": "Eko Nights", "job_title": "Gaffer", "person_id": "crew01", "status": status,
            "expires_at": expires_at, "created_at": "2026-12-01T10:00:00+01:00"}


@pytest.mark.parametrize("deadline, made, reminded", [
    ("2026-12-04T18:00:00+01:00", "2026-12-01T10:00:00+01:00", "2026-12-04T12:00:00+01:00"),  # 6 h before
    ("2026-12-04T09:00:00+01:00", "2026-12-01T10:00:00+01:00", "2026-12-03T20:30:00+01:00"),  # 03:00: the evening before
    ("2026-12-05T02:30:00+01:00", "2026-12-01T10:00:00+01:00", "2026-12-04T20:30:00+01:00"),  # 20:30 itself: kept
    ("2026-12-05T04:00:00+01:00", "2026-12-01T10:00:00+01:00", "2026-12-04T20:30:00+01:00"),  # 22:00: brought forward
    ("2026-12-01T18:00:00+01:00", "2026-12-01T11:30:00+01:00", None),  # made 30 min before it: no reminder
])
def test_an_offer_is_reminded_six_hours_before_its_deadline_out_of_quiet_hours(deadline, made, reminded):
    at = offer_reminder_at(datetime.fromisoformat(deadline), datetime.fromisoformat(made))
    assert (at.isoformat() if at else None) == reminded


async def offer_bus(offer: dict, now: datetime) -> MessageBus:
    plain = make_bus(clock=FixedClock(now))
    bus = MessageBus(plain.services, {**COMMAND_HANDLERS, **REMINDER_HANDLERS}, EVENT_HANDLERS)
    await bus.services.store.create(scopes.office_db(PROJECT), offer)
    return bus


async def test_an_open_offer_is_reminded_once_with_its_deadline_as_the_offer_said_it():
    bus = await offer_bus(offer_doc(), datetime(2026, 12, 4, 12, 0, tzinfo=LAGOS))

    await bus.handle(RemindOfferExpiring(PROJECT, OFFER_ID))
    await bus.handle(RemindOfferExpiring(PROJECT, OFFER_ID))

    (told,) = bus.services.outbox.messages
    assert (told.person_id, told.template) == ("crew01", "offer_expiring")
    assert told.params == {"project_title": "Eko Nights", "job_title": "Gaffer", "offer_id": OFFER_ID,
                           "expires_at": "4 December 2026 at 18:00"}


@pytest.mark.parametrize("offer, now", [
    (offer_doc("accepted"), datetime(2026, 12, 4, 12, 0, tzinfo=LAGOS)),
    (offer_doc("cancelled"), datetime(2026, 12, 4, 12, 0, tzinfo=LAGOS)),
    (offer_doc(), datetime(2026, 12, 4, 18, 0, tzinfo=LAGOS)),  # its deadline has come
])
async def test_an_answered_withdrawn_or_expired_offer_reminds_nobody(offer, now):
    bus = await offer_bus(offer, now)
    await bus.handle(RemindOfferExpiring(PROJECT, OFFER_ID))
    assert bus.services.outbox.messages == []
