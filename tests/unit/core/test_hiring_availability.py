"""Hiring reads the person's calendar: a clash is refused unless overridden, and the booked days
are marked on the calendar once, however often the hire is retried."""
import asyncio
from datetime import date

import pytest

from core import commands, scopes
from core.errors import Rejected
from core.intents import to_command
from core.profile_commands import SetAvailability
from tests.unit.production import job_command, open_production
from tests.unit.profiles_fakes import make_profile_bus


@pytest.fixture
def bus():
    return make_profile_bus()


async def book_elsewhere(production, person_id, first=date(2026, 12, 3), last=date(2026, 12, 4)) -> str:
    """Book the person on another production, Ojuelegba Nights, for the given days."""
    bus, producer = production.bus, production.producer_id
    other = await bus.handle(commands.CreateProject("project_request:ojuelegba", producer, "Ojuelegba Nights"))
    job = await bus.handle(
        job_command(other, producer, "job_post_request:ojuelegba", start_date=first, end_date=last)
    )
    application = await bus.handle(commands.ApplyForJob("application_request:ojuelegba", person_id, job))
    return await bus.handle(commands.Hire("hire_request:ojuelegba", other, producer, application))


async def hire(production, application_id, intent_id="hire_request:eko", override=False) -> str:
    return await production.bus.handle(
        commands.Hire(intent_id, production.project_id, production.producer_id, application_id, override)
    )


async def calendar(production, person_id) -> dict:
    return (await production.bus.services.store.get(scopes.user_db(person_id), "availability"))["days"]


async def test_a_hire_on_days_booked_elsewhere_is_refused_naming_them(production):
    chidi, store = production.chidi_id, production.bus.services.store
    await book_elsewhere(production, chidi)
    application_id = await production.apply(chidi)

    with pytest.raises(Rejected) as refusal:
        await hire(production, application_id)

    assert "Chidi Okafor is booked on Ojuelegba Nights on 2026-12-03, 2026-12-04." in refusal.value.reason
    assert "override_availability" in refusal.value.reason
    assert store.docs(production.project, "booking:") == []
    job = await store.get(scopes.DIRECTORY, f"job_post:{production.job_post_id}")
    assert job["hired"] == []  # the place was not taken
    assert "2026-12-01" not in await calendar(production, chidi)


async def test_days_the_person_marked_unavailable_refuse_a_hire(production):
    aisha = production.aisha_id
    await production.bus.handle(
        SetAvailability("availability_update:1", aisha, {date(2026, 12, 12): "unavailable"}, "Wedding")
    )

    with pytest.raises(Rejected, match="Aisha Bello is unavailable on 2026-12-12."):
        await hire(production, await production.apply(aisha))


async def test_holds_and_days_outside_the_job_do_not_block_a_hire(production):
    aisha = production.aisha_id
    days = {date(2026, 12, 2): "hold_first", date(2026, 12, 13): "unavailable"}
    await production.bus.handle(SetAvailability("availability_update:1", aisha, days))

    booking_id = await hire(production, await production.apply(aisha))

    booking = await production.bus.services.store.get(production.project, f"booking:{booking_id}")
    assert "availability_override" not in booking
    assert (await calendar(production, aisha))["2026-12-02"]["booking_id"] == booking_id


async def test_an_overridden_clash_books_and_records_the_override(production):
    chidi, store = production.chidi_id, production.bus.services.store
    elsewhere = await book_elsewhere(production, chidi)

    booking_id = await hire(production, await production.apply(chidi), override=True)

    for db in (production.project, scopes.user_db(chidi)):
        booking = await store.get(db, f"booking:{booking_id}")
        assert booking["availability_override"] == {
            "by": production.producer_id, "at": "2026-11-20T09:00:00+01:00",
            "clashes": [
                {"day": day, "status": "booked", "booking_id": elsewhere, "project_title": "Ojuelegba Nights"}
                for day in ("2026-12-03", "2026-12-04")
            ],
        }
    day = (await calendar(production, chidi))["2026-12-03"]
    assert (day["booking_id"], day["replaced"]["booking_id"]) == (booking_id, elsewhere)


async def test_a_declined_booking_elsewhere_is_no_clash(production):
    chidi = production.chidi_id
    elsewhere = await book_elsewhere(production, chidi)
    await production.bus.handle(commands.ConfirmCallTime("call_confirmation:no", chidi, elsewhere, False, "sick"))

    booking_id = await hire(production, await production.apply(chidi))

    assert (await calendar(production, chidi))["2026-12-03"]["booking_id"] == booking_id


async def test_a_retried_hire_marks_the_calendar_once(production):
    chidi, store = production.chidi_id, production.bus.services.store
    application_id = await production.apply(chidi)
    first = await hire(production, application_id)
    written = (store.generation(scopes.user_db(chidi), "availability"),
               store.generation(scopes.DIRECTORY, f"person:{chidi}"))

    again = await hire(production, application_id)

    assert again == first
    assert (store.generation(scopes.user_db(chidi), "availability"),
            store.generation(scopes.DIRECTORY, f"person:{chidi}")) == written
    card = await store.get(scopes.DIRECTORY, f"person:{chidi}")
    assert card["busy_days"] == [f"2026-12-{day:02d}" for day in range(1, 13)]


async def test_a_retried_overridden_hire_is_not_refused_by_its_own_days(production):
    chidi = production.chidi_id
    await book_elsewhere(production, chidi)
    application_id = await production.apply(chidi)
    first = await hire(production, application_id, override=True)

    assert await hire(production, application_id, override=True) == first
    assert len(production.bus.services.store.docs(production.project, "booking:")) == 1


@pytest.mark.parametrize("given, expected", [({}, False), ({"override_availability": True}, True)])
def test_a_hire_request_reads_override_availability(given, expected):
    doc = {"_id": "hire_request:1", "type": "hire_request", "author": "abcdef123456",
           "application_id": "f" * 20 + ".abcdef123456", **given}

    assert to_command("office", "0123456789abcdef0123", doc).override_availability is expected


def test_override_availability_must_be_true_or_false():
    doc = {"_id": "hire_request:1", "type": "hire_request", "author": "abcdef123456",
           "application_id": "f" * 20 + ".abcdef123456", "override_availability": "yes"}

    with pytest.raises(Rejected, match="override_availability"):
        to_command("office", "0123456789abcdef0123", doc)


async def test_two_hires_of_one_person_at_once_cannot_both_book_the_same_days(production):
    chidi, bus = production.chidi_id, production.bus
    other = await bus.handle(
        commands.CreateProject("project_request:ojuelegba", production.producer_id, "Ojuelegba Nights")
    )
    job = await bus.handle(job_command(other, production.producer_id, "job_post_request:ojuelegba",
                                       start_date=date(2026, 12, 10), end_date=date(2026, 12, 14)))
    elsewhere = await bus.handle(commands.ApplyForJob("application_request:ojuelegba", chidi, job))
    here = await production.apply(chidi)

    outcomes = await asyncio.gather(
        hire(production, here),
        bus.handle(commands.Hire("hire_request:ojuelegba", other, production.producer_id, elsewhere)),
        return_exceptions=True,
    )

    refused = [outcome for outcome in outcomes if isinstance(outcome, Rejected)]
    assert len(refused) == 1 and "2026-12-10, 2026-12-11, 2026-12-12" in refused[0].reason
    bookings = bus.services.store.docs(scopes.user_db(chidi), "booking:")
    assert len(bookings) == 1
    days = await calendar(production, chidi)
    assert {entry["booking_id"] for entry in days.values()} == {bookings[0]["booking_id"]}


async def test_a_hire_refused_for_a_filled_job_gives_the_days_back(bus):
    production = await open_production(bus, slots=1)
    aisha = production.aisha_id
    hold = {date(2026, 12, 5): "hold_first"}
    await bus.handle(SetAvailability("availability_update:1", aisha, hold, "Kunle's shoot"))
    application_id = await production.apply(aisha)
    await production.book(production.chidi_id)  # takes the only place

    with pytest.raises(Rejected, match="filled"):
        await hire(production, application_id)

    days = await calendar(production, aisha)
    assert days == {"2026-12-05": {"status": "hold_first", "by": aisha, "note": "Kunle's shoot"}}
    card = await bus.services.store.get(scopes.DIRECTORY, f"person:{aisha}")
    assert card["busy_days"] == []
