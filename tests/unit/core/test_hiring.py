"""Job posts, applications and hiring, through the bus with in-memory adapters."""
import asyncio
from datetime import date

import pytest

from core import scopes
from core.errors import Rejected
from core.ids import job_code
from core.money import Money
from tests.unit.production import job_command, open_production


async def test_a_posted_job_is_open_in_the_directory_and_the_office(production):
    job_id = production.job_post_id

    for db in (scopes.DIRECTORY, production.office):
        job = await production.bus.services.store.get(db, f"job_post:{job_id}")
        assert (job["status"], job["hired"], job["slots"], job["code"]) == ("open", [], 2, job_code(job_id))
        assert job["rate"] == {"amount_minor": 4_500_000, "currency": "NGN"}
        assert (job["project_title"], job["call_time"]) == ("Eko Nights", "06:30")


async def test_posting_the_same_intent_twice_makes_one_job(production):
    again = await production.bus.handle(job_command(production.project_id, production.producer_id))

    assert again == production.job_post_id
    assert len(production.bus.services.store.docs(scopes.DIRECTORY, "job_post:")) == 1


@pytest.mark.parametrize(
    "changes, reason",
    [
        ({"start_date": date(2026, 12, 5), "end_date": date(2026, 12, 4)}, "ends before it starts"),
        ({"rate": Money(0, "NGN")}, "more than zero"),
        ({"rate": Money(-100, "NGN")}, "more than zero"),
        ({"rate_per": "week"}, "per day, per hour or per job"),
        ({"slots": 0}, "1 to 50 places"),
        ({"slots": 51}, "1 to 50 places"),
        ({"title": "  "}, "title of 1 to 120"),
    ],
)
async def test_a_job_post_is_checked_with_a_readable_reason(production, changes, reason):
    command = job_command(production.project_id, production.producer_id, "job_post_request:bad", **changes)

    with pytest.raises(Rejected, match=reason):
        await production.bus.handle(command)

    assert len(production.bus.services.store.docs(scopes.DIRECTORY, "job_post:")) == 1


async def test_a_job_for_a_project_that_does_not_exist_is_refused(production):
    with pytest.raises(Rejected, match="project does not exist"):
        await production.bus.handle(job_command("ffffff000000", production.producer_id))


async def test_an_application_lands_in_the_office_and_the_applicants_database(production):
    application_id = await production.apply(production.chidi_id)

    assert application_id == f"{production.job_post_id}.{production.chidi_id}"
    store = production.bus.services.store
    for db in (production.office, scopes.user_db(production.chidi_id)):
        application = await store.get(db, f"application:{application_id}")
        assert (application["status"], application["applicant"]["name"]) == ("received", "Chidi Okafor")
    [told] = production.bus.services.outbox.with_template("application_received")
    assert told.person_id == production.chidi_id
    assert told.params == {"job_title": "Gaffer", "project_title": "Eko Nights"}


async def test_the_same_application_intent_twice_is_a_retry(production):
    first = await production.apply(production.chidi_id, "application_request:a")
    second = await production.apply(production.chidi_id, "application_request:a")

    assert first == second
    assert len(production.bus.services.outbox.with_template("application_received")) == 1


async def test_applying_again_from_another_intent_is_refused(production):
    await production.apply(production.chidi_id, "application_request:a")

    with pytest.raises(Rejected, match="already applied"):
        await production.apply(production.chidi_id, "application_request:b")


async def test_applying_for_a_job_that_does_not_exist_is_refused(production):
    with pytest.raises(Rejected, match="does not exist"):
        await production.apply(production.chidi_id, job_post_id="0123456789abcdef0123")


async def test_someone_not_registered_cannot_apply(production):
    with pytest.raises(Rejected, match="do not know you"):
        await production.apply("abcdef123456")


async def test_applying_for_a_filled_job_is_refused(bus):
    production = await open_production(bus, slots=1)
    await production.book(production.chidi_id)

    with pytest.raises(Rejected, match="Gaffer is no longer open"):
        await production.apply(production.aisha_id)


async def test_hiring_books_the_person_everywhere_and_asks_them_to_confirm(production):
    application_id = await production.apply(production.chidi_id)

    booking_id = await production.hire(application_id)

    services, chidi = production.bus.services, production.chidi_id
    for db in (production.project, scopes.user_db(chidi)):
        booking = await services.store.get(db, f"booking:{booking_id}")
        assert (booking["status"], booking["person_id"], booking["role"]) == ("awaiting_confirmation", chidi, "Gaffer")
        assert (booking["start_date"], booking["end_date"]) == ("2026-12-01", "2026-12-12")
    assert scopes.member_role(production.project_id) in services.spaces.accounts[chidi]
    for db in (production.office, scopes.user_db(chidi)):  # the producer's copy and Chidi's
        application = await services.store.get(db, f"application:{application_id}")
        assert (application["status"], application["booking_id"]) == ("hired", booking_id)
    for db in (scopes.DIRECTORY, production.office):
        job = await services.store.get(db, f"job_post:{production.job_post_id}")
        assert (job["hired"], job["status"]) == ([chidi], "open")  # one of two places taken
    [message] = services.outbox.with_template("booking_made")
    assert (message.person_id, message.params) == (chidi, {"booking_id": booking_id})


async def test_a_retried_hire_counts_once(production):
    application_id = await production.apply(production.chidi_id)

    first = await production.hire(application_id, "hire_request:1")
    second = await production.hire(application_id, "hire_request:1")

    assert first == second
    job = await production.bus.services.store.get(scopes.DIRECTORY, f"job_post:{production.job_post_id}")
    assert (job["hired"], job["status"]) == ([production.chidi_id], "open")
    assert len(production.bus.services.outbox.with_template("booking_made")) == 1


async def test_hiring_the_same_application_from_another_intent_is_refused(production):
    application_id = await production.apply(production.chidi_id)
    await production.hire(application_id, "hire_request:1")

    with pytest.raises(Rejected, match="Chidi Okafor is already booked"):
        await production.hire(application_id, "hire_request:2")


async def test_hiring_beyond_the_places_is_refused(bus):
    production = await open_production(bus, slots=1)
    chidi = await production.apply(production.chidi_id)
    aisha = await production.apply(production.aisha_id)
    await production.hire(chidi)

    with pytest.raises(Rejected, match="All 1 places for Gaffer are filled"):
        await production.hire(aisha)

    assert bus.services.store.docs(production.project, "booking:")[0]["person_id"] == production.chidi_id
    assert len(bus.services.store.docs(production.project, "booking:")) == 1
    job = await bus.services.store.get(scopes.DIRECTORY, f"job_post:{production.job_post_id}")
    assert (job["hired"], job["status"]) == ([production.chidi_id], "filled")


async def test_two_hires_at_once_cannot_both_take_the_last_place(bus):
    production = await open_production(bus, slots=1)
    chidi = await production.apply(production.chidi_id)
    aisha = await production.apply(production.aisha_id)

    outcomes = await asyncio.gather(production.hire(chidi), production.hire(aisha), return_exceptions=True)

    refused = [outcome for outcome in outcomes if isinstance(outcome, Rejected)]
    assert len(refused) == 1 and "places for Gaffer are filled" in refused[0].reason
    assert len(bus.services.store.docs(production.project, "booking:")) == 1
    for db in (scopes.DIRECTORY, production.office):
        job = await bus.services.store.get(db, f"job_post:{production.job_post_id}")
        assert (len(job["hired"]), job["status"]) == (1, "filled")


async def test_hiring_an_application_that_is_not_in_the_project_is_refused(production):
    with pytest.raises(Rejected, match="not in this project"):
        await production.hire("nothing.here")


async def test_a_retried_application_is_accepted_after_the_job_fills(bus):
    production = await open_production(bus, slots=1)
    first = await production.apply(production.aisha_id, "application_request:aisha")
    await production.book(production.chidi_id)  # fills the only place

    assert await production.apply(production.aisha_id, "application_request:aisha") == first
