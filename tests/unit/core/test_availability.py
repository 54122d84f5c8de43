"""The availability calendar: statuses per day, busy_days on the directory, booked days held."""
from datetime import date

import pytest

from core import commands, scopes
from core.errors import Rejected
from core.intents import to_command
from core.profile_commands import SetAvailability
from tests.unit.profiles_fakes import make_profile_bus

DEC = {day: date(2026, 12, day) for day in range(1, 32)}


@pytest.fixture
def bus():
    return make_profile_bus()


async def set_days(production, person_id, days, intent_id="availability_update:1", note=""):
    return await production.bus.handle(SetAvailability(intent_id, person_id, days, note))


async def calendar_and_card(production, person_id) -> tuple[dict, dict]:
    store = production.bus.services.store
    calendar = await store.get(scopes.user_db(person_id), "availability")
    return calendar["days"], await store.get(scopes.DIRECTORY, f"person:{person_id}")


async def test_each_status_is_kept_and_only_booked_or_unavailable_days_are_busy(production):
    aisha = production.aisha_id
    days = {DEC[20]: "hold_first", DEC[21]: "hold_second", DEC[22]: "booked", DEC[23]: "unavailable"}

    assert await set_days(production, aisha, days, note="Wedding in Enugu") == "availability"

    calendar, card = await calendar_and_card(production, aisha)
    assert {day: entry["status"] for day, entry in calendar.items()} == {
        "2026-12-20": "hold_first", "2026-12-21": "hold_second", "2026-12-22": "booked", "2026-12-23": "unavailable",
    }
    assert calendar["2026-12-22"] == {"status": "booked", "by": aisha, "note": "Wedding in Enugu"}
    assert card["busy_days"] == ["2026-12-22", "2026-12-23"]


async def test_marking_a_day_available_again_clears_it_everywhere(production):
    aisha = production.aisha_id
    await set_days(production, aisha, {DEC[22]: "unavailable", DEC[23]: "unavailable"})

    await set_days(production, aisha, {DEC[22]: "available"}, "availability_update:2")

    calendar, card = await calendar_and_card(production, aisha)
    assert list(calendar) == ["2026-12-23"]
    assert card["busy_days"] == ["2026-12-23"]


async def test_the_same_change_twice_writes_the_calendar_once(production):
    aisha, store = production.aisha_id, production.bus.services.store
    await set_days(production, aisha, {DEC[22]: "unavailable"})
    written = store.generation(scopes.user_db(aisha), "availability")

    await set_days(production, aisha, {DEC[22]: "unavailable"})

    assert store.generation(scopes.user_db(aisha), "availability") == written


async def test_a_booked_day_shows_who_booked_and_for_what(production):
    booking_id = await production.book(production.chidi_id)

    calendar, card = await calendar_and_card(production, production.chidi_id)

    assert calendar["2026-12-01"] == {
        "status": "booked", "booking_id": booking_id, "project_id": production.project_id,
        "project_title": "Eko Nights", "role": "Gaffer", "by": production.producer_id,
        "at": "2026-11-20T09:00:00+01:00",
    }
    assert len(calendar) == 12 and card["busy_days"][0] == "2026-12-01" and len(card["busy_days"]) == 12


@pytest.mark.parametrize("status", ["available", "unavailable", "hold_first"])
async def test_a_day_held_by_a_live_booking_cannot_be_changed(production, status):
    booking_id = await production.book(production.chidi_id)

    with pytest.raises(Rejected) as refusal:
        await set_days(production, production.chidi_id, {DEC[3]: status})

    assert refusal.value.reason.startswith("days.2026-12-03")
    assert "Eko Nights" in refusal.value.reason and booking_id in refusal.value.reason
    calendar, _ = await calendar_and_card(production, production.chidi_id)
    assert calendar["2026-12-03"]["booking_id"] == booking_id


async def test_a_confirmed_booking_also_holds_its_days(production):
    booking_id = await production.book(production.chidi_id)
    await production.confirm(production.chidi_id, booking_id)

    with pytest.raises(Rejected, match="Eko Nights"):
        await set_days(production, production.chidi_id, {DEC[3]: "available"})


async def test_days_of_a_declined_booking_can_be_freed(production):
    chidi = production.chidi_id
    booking_id = await production.book(chidi)
    await production.bus.handle(commands.ConfirmCallTime("call_confirmation:no", chidi, booking_id, False, "sick"))

    await set_days(production, chidi, {DEC[3]: "available"})

    calendar, card = await calendar_and_card(production, chidi)
    assert "2026-12-03" not in calendar and "2026-12-03" not in card["busy_days"]


@pytest.mark.parametrize(
    "days, note, reason",
    [
        ({}, "", "days is empty"),
        ({DEC[5]: "maybe"}, "", "days.2026-12-05: the status is one of"),
        ({date(2026, 11, 19): "unavailable"}, "", "days.2026-11-19: that day has passed"),
        ({date(2029, 1, 1): "unavailable"}, "", "days.2029-01-01: .*two years"),
        ({DEC[5]: "unavailable"}, "x" * 201, "note: at most 200"),
    ],
)
async def test_a_bad_change_is_refused_naming_the_field(production, days, note, reason):
    with pytest.raises(Rejected, match=reason):
        await set_days(production, production.aisha_id, days, note=note)

    card = await production.bus.services.store.get(scopes.DIRECTORY, f"person:{production.aisha_id}")
    assert "busy_days" not in card


async def test_someone_not_registered_has_no_calendar(production):
    with pytest.raises(Rejected, match="do not know you"):
        await set_days(production, "abcdef123456", {DEC[5]: "unavailable"})


def test_an_availability_intent_becomes_the_command():
    doc = {"_id": "availability_update:1", "type": "availability_update", "author": "abcdef123456",
           "days": {"2026-12-05": "unavailable", "2026-12-06": "hold_first"}, "note": "Owambe"}

    command = to_command("user", "abcdef123456", doc)

    assert command == SetAvailability(
        "availability_update:1", "abcdef123456", {DEC[5]: "unavailable", DEC[6]: "hold_first"}, "Owambe"
    )


@pytest.mark.parametrize(
    "changes, field",
    [({"days": {"5 Dec": "booked"}}, "days.5 Dec"), ({"days": {"2026-12-05": 1}}, "days.2026-12-05"),
     ({"days": ["2026-12-05"]}, "days"), ({"note": 7}, "note")],
)
def test_a_malformed_availability_intent_names_the_field(changes, field):
    doc = {"_id": "availability_update:1", "type": "availability_update", "author": "abcdef123456",
           "days": {"2026-12-05": "unavailable"}, **changes}

    with pytest.raises(Rejected) as refusal:
        to_command("user", "abcdef123456", doc)

    assert field in refusal.value.reason


@pytest.mark.parametrize("marked_at, held", [("2026-11-20T08:55:00+01:00", True), ("2026-11-20T08:00:00+01:00", False)])
async def test_days_of_a_hire_that_never_made_its_booking_are_freed_after_a_while(production, marked_at, held):
    aisha, store = production.aisha_id, production.bus.services.store
    await set_days(production, aisha, {DEC[6]: "hold_first"})
    stopped = {"status": "booked", "booking_id": "0" * 20, "project_title": "Eko Nights", "role": "Gaffer",
               "at": marked_at}
    await store.update(scopes.user_db(aisha), "availability", lambda doc: {**doc, "days": {"2026-12-05": stopped}})

    if held:
        with pytest.raises(Rejected, match="booking 00000000000000000000"):
            await set_days(production, aisha, {DEC[5]: "available"}, "availability_update:2")
    else:
        await set_days(production, aisha, {DEC[5]: "available"}, "availability_update:2")
        calendar, _ = await calendar_and_card(production, aisha)
        assert calendar == {}
