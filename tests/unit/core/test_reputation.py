"""Reputation: reviews both ways after a finished booking, ratings on profiles, dispute flags."""
import asyncio
from datetime import datetime, timedelta, timezone

import pytest

from core import scopes
from core.bus import MessageBus
from core.commands import GrantProjectRole
from core.errors import Rejected
from core.handlers import COMMAND_HANDLERS, EVENT_HANDLERS
from core.handlers.ratings import count_review
from core.handlers.reputation import flag_dispute, review_booking
from core.intents import _Fields
from core.reputation import rating_summary
from core.reputation_commands import INTENT_PARSERS, FlagDispute, ReviewBooking
from tests.unit.fakes import make_bus
from tests.unit.production import LAST_DAY, on_set, open_production, register

REPUTATION_HANDLERS = {ReviewBooking: review_booking, FlagDispute: flag_dispute}


@pytest.fixture
def bus():
    plain = make_bus()
    return MessageBus(plain.services, {**COMMAND_HANDLERS, **REPUTATION_HANDLERS}, EVENT_HANDLERS)


@pytest.fixture
async def production(bus):
    return await open_production(bus)


@pytest.fixture
async def chidi_booking(production) -> str:
    """Chidi booked as gaffer, confirmed, and the shoot over: the day after the last day."""
    booking_id = await production.book(production.chidi_id)
    await production.confirm(production.chidi_id, booking_id)
    wrap_over(production)
    return booking_id


def wrap_over(production, days_after: int = 1) -> None:
    production.bus.services.clock.at = on_set(LAST_DAY + timedelta(days=days_after), 0, 30)


def review(production, booking_id, reviewer_id, stars=5, intent="booking_review:1", project=False, **fields):
    return production.bus.handle(ReviewBooking(
        intent, booking_id, reviewer_id, stars, project_id=production.project_id if project else "", **fields
    ))


def by_producer(production, booking_id, stars=5, intent="booking_review:p1", **fields):
    return review(production, booking_id, production.producer_id, stars, intent, project=True, **fields)


async def card_rating(production, person_id) -> dict | None:
    return (await production.bus.services.store.get(scopes.DIRECTORY, f"person:{person_id}")).get("rating")


async def test_crew_reviews_the_production_and_it_counts_for_the_producer(production, chidi_booking):
    ref = await review(production, chidi_booking, production.chidi_id, 4, text=" Paid on the last day ",
                       tags=("paid_on_time",))

    store = production.bus.services.store
    stored = await store.get(production.project, f"review:{chidi_booking}:by_booked")
    assert ref == f"{chidi_booking}:by_booked"
    assert (stored["reviewed_id"], stored["project_id"], stored["stars"], stored["text"], stored["tags"]) == (
        production.producer_id, production.project_id, 4, "Paid on the last day", ["paid_on_time"])
    assert stored["reviewer_name"] == "Chidi Okafor"
    copy = await store.get(scopes.user_db(production.producer_id), f"review:{chidi_booking}:by_booked")
    assert copy["stars"] == 4
    assert await card_rating(production, production.producer_id) == {"average": 4.0, "count": 1}
    assert await card_rating(production, production.chidi_id) is None


async def test_the_producer_reviews_the_crew_member(production, chidi_booking):
    await by_producer(production, chidi_booking, 5, tags=("punctual", "skilled"))

    store = production.bus.services.store
    copy = await store.get(scopes.user_db(production.chidi_id), f"review:{chidi_booking}:by_production")
    assert (copy["reviewer_id"], copy["reviewed_id"], copy["tags"]) == (
        production.producer_id, production.chidi_id, ["punctual", "skilled"])
    assert await card_rating(production, production.chidi_id) == {"average": 5.0, "count": 1}


async def test_averages_count_every_review_with_one_decimal(production, chidi_booking):
    aisha_booking = await production.book(production.aisha_id)
    await production.confirm(production.aisha_id, aisha_booking, "call_confirmation:aisha")
    await review(production, chidi_booking, production.chidi_id, 5)
    await review(production, aisha_booking, production.aisha_id, 4, "booking_review:2")

    assert await card_rating(production, production.producer_id) == {"average": 4.5, "count": 2}
    tally = await production.bus.services.store.get(scopes.OPS, f"rating:{production.producer_id}")
    assert (tally["stars_total"], tally["count"]) == (9, 2)


async def test_reviews_counted_at_the_same_time_both_reach_the_card(production, chidi_booking):
    aisha_booking = await production.book(production.aisha_id)
    await production.confirm(production.aisha_id, aisha_booking, "call_confirmation:aisha")
    await asyncio.gather(review(production, chidi_booking, production.chidi_id, 5),
                         review(production, aisha_booking, production.aisha_id, 2, "booking_review:2"))
    assert await card_rating(production, production.producer_id) == {"average": 3.5, "count": 2}


async def test_a_late_writer_never_puts_an_older_tally_on_the_card(production):
    store = production.bus.services.store
    card_id = f"person:{production.chidi_id}"
    # A racing review already counted and showed a later tally (2 reviews) on the card.
    await store.update(scopes.DIRECTORY, card_id, lambda card: {**card, "rating": {"average": 4.5, "count": 2}})
    assert await count_review(production.bus.services, production.chidi_id, "b1:by_production", 5) == {
        "average": 5.0, "count": 1}
    assert await card_rating(production, production.chidi_id) == {"average": 4.5, "count": 2}


async def test_the_last_day_ends_at_midnight_in_lagos_whatever_the_clock_zone(production):
    booking_id = await production.book(production.chidi_id)
    await production.confirm(production.chidi_id, booking_id)
    production.bus.services.clock.at = datetime(2026, 12, 12, 23, 30, tzinfo=timezone.utc)  # 00:30 on the 13th in Lagos
    await review(production, booking_id, production.chidi_id, 4)
    assert await card_rating(production, production.producer_id) == {"average": 4.0, "count": 1}


@pytest.mark.parametrize(("stars", "average"), [((5, 4, 5), 4.7), ((1, 2), 1.5), ((4, 4, 5), 4.3), ((1,), 1.0)])
def test_the_average_comes_from_integer_totals_halves_rounded_up(stars, average):
    assert rating_summary(sum(stars), len(stars)) == {"average": average, "count": len(stars)}


async def test_a_retried_review_changes_nothing_and_counts_once(production, chidi_booking):
    store = production.bus.services.store
    await by_producer(production, chidi_booking, 3)
    review_doc = f"review:{chidi_booking}:by_production"
    generations = (store.generation(production.project, review_doc),
                   store.generation(scopes.OPS, f"rating:{production.chidi_id}"),
                   store.generation(scopes.DIRECTORY, f"person:{production.chidi_id}"))

    assert await by_producer(production, chidi_booking, 3) == f"{chidi_booking}:by_production"

    assert generations == (store.generation(production.project, review_doc),
                           store.generation(scopes.OPS, f"rating:{production.chidi_id}"),
                           store.generation(scopes.DIRECTORY, f"person:{production.chidi_id}"))
    assert await card_rating(production, production.chidi_id) == {"average": 3.0, "count": 1}


async def test_a_second_review_of_the_same_booking_is_refused(production, chidi_booking):
    await review(production, chidi_booking, production.chidi_id, 5)
    with pytest.raises(Rejected, match="You have already reviewed this booking"):
        await review(production, chidi_booking, production.chidi_id, 1, "booking_review:again")
    assert await card_rating(production, production.producer_id) == {"average": 5.0, "count": 1}


async def test_the_production_reviews_a_booking_once_whoever_in_the_office_writes(production, chidi_booking):
    manager = await register(production.bus, "+2348030000005", "Bisi Lawal", department="production")
    await production.bus.handle(_grant(production, manager, "unit_manager"))
    await by_producer(production, chidi_booking, 5)
    with pytest.raises(Rejected, match="Funke Adeyemi has already reviewed"):
        await review(production, chidi_booking, manager, 2, "booking_review:m1", project=True)
    assert await card_rating(production, production.chidi_id) == {"average": 5.0, "count": 1}


async def test_a_head_of_department_reviews_their_department_only(production, chidi_booking):
    head = await register(production.bus, "+2348030000006", "Emeka Obi", department="sound")
    await production.bus.handle(_grant(production, head, "department_head", "sound"))
    with pytest.raises(Rejected, match="does not let you review this booking"):
        await review(production, chidi_booking, head, 4, "booking_review:h1", project=True)
    assert await card_rating(production, production.chidi_id) is None


async def test_a_review_without_a_booking_is_refused(production):
    wrap_over(production)
    with pytest.raises(Rejected, match="cannot find that booking"):
        await review(production, "b" * 20, production.chidi_id)
    with pytest.raises(Rejected, match="cannot find that booking"):
        await by_producer(production, "b" * 20)
    with pytest.raises(Rejected, match="cannot find that booking"):
        await production.bus.handle(ReviewBooking("booking_review:x", "b" * 20, production.chidi_id, 5,
                                                  project_id="NOT/AN/ID"))
    assert production.bus.services.store.docs(production.project, "review:") == []


async def test_a_booking_that_is_not_theirs_is_refused(production, chidi_booking):
    with pytest.raises(Rejected, match="cannot find that booking"):
        await review(production, chidi_booking, production.aisha_id)  # not in her own database
    with pytest.raises(Rejected, match=r"\(no role\) does not let you review this booking"):
        await review(production, chidi_booking, production.aisha_id, project=True)
    assert production.bus.services.store.docs(production.project, "review:") == []


async def test_a_booking_not_over_yet_is_refused(production):
    booking_id = await production.book(production.chidi_id)
    await production.confirm(production.chidi_id, booking_id)
    wrap_over(production, days_after=0)  # half past midnight on the last day: still shooting
    with pytest.raises(Rejected, match="once it is over: its last day is 2026-12-12"):
        await review(production, booking_id, production.chidi_id)
    with pytest.raises(Rejected, match="once it is over"):
        await by_producer(production, booking_id)
    assert await card_rating(production, production.producer_id) is None


async def test_an_unconfirmed_booking_is_refused_even_after_its_dates(production):
    booking_id = await production.book(production.chidi_id)
    wrap_over(production)
    with pytest.raises(Rejected, match="never confirmed"):
        await review(production, booking_id, production.chidi_id)


@pytest.mark.parametrize(("changes", "reason"), [
    ({"stars": 0}, "Give 1 to 5 stars"),
    ({"stars": 6}, "Give 1 to 5 stars"),
    ({"text": "x" * 1001}, "at most 1000 characters; yours has 1001"),
    ({"tags": ("punctual",)}, "Unknown tag punctual: choose from paid_on_time"),
])
async def test_bad_reviews_are_refused(production, chidi_booking, changes, reason):
    fields = {"stars": 5, **changes}
    with pytest.raises(Rejected, match=reason):
        await review(production, chidi_booking, production.chidi_id, **fields)
    assert production.bus.services.store.docs(production.project, "review:") == []


async def test_a_review_of_exactly_1000_characters_is_kept(production, chidi_booking):
    await review(production, chidi_booking, production.chidi_id, 4, text="y" * 1000)
    [stored] = production.bus.services.store.docs(production.project, "review:")
    assert len(stored["text"]) == 1000


async def test_both_parties_may_flag_a_dispute_and_each_sees_it(production, chidi_booking):
    await production.bus.handle(
        FlagDispute("dispute_flag:1", chidi_booking, production.chidi_id, " Not paid for day 12 "))
    await production.bus.handle(FlagDispute("dispute_flag:2", chidi_booking, production.producer_id,
                                            "Left set early", production.project_id))

    store = production.bus.services.store
    open_flags = store.docs(scopes.OPS, f"dispute:{chidi_booking}")
    assert {(d["side"], d["reason"], d["status"]) for d in open_flags} == {
        ("by_booked", "Not paid for day 12", "open"), ("by_production", "Left set early", "open")}
    assert len(store.docs(production.office, "dispute:")) == 2
    assert len(store.docs(scopes.user_db(production.chidi_id), "dispute:")) == 2
    for db in (production.project, scopes.user_db(production.chidi_id)):
        booking = await store.get(db, f"booking:{chidi_booking}")
        assert booking["dispute_flags"] == ["by_booked", "by_production"]
        assert booking["status"] == "confirmed"


async def test_dispute_flags_are_once_per_side_and_retries_change_nothing(production, chidi_booking):
    flag = FlagDispute("dispute_flag:1", chidi_booking, production.chidi_id, "Not paid")
    await production.bus.handle(flag)
    generation = production.bus.services.store.generation(production.project, f"booking:{chidi_booking}")
    await production.bus.handle(flag)
    assert production.bus.services.store.generation(production.project, f"booking:{chidi_booking}") == generation
    with pytest.raises(Rejected, match="already flagged from your side"):
        await production.bus.handle(FlagDispute("dispute_flag:3", chidi_booking, production.chidi_id, "Still not paid"))


async def test_dispute_flags_need_a_reason_and_a_party(production, chidi_booking):
    with pytest.raises(Rejected, match="Say what went wrong"):
        await production.bus.handle(FlagDispute("dispute_flag:1", chidi_booking, production.chidi_id, "  "))
    with pytest.raises(Rejected, match="does not let you flag a dispute"):
        await production.bus.handle(FlagDispute("dispute_flag:2", chidi_booking, production.aisha_id, "x",
                                                production.project_id))
    assert production.bus.services.store.docs(scopes.OPS, "dispute:") == []


def test_the_intents_become_commands_in_the_persons_own_database():
    kind, parse = INTENT_PARSERS["booking_review"]
    command = parse("booking_review:1", "abcdef123456", _Fields(
        {"booking_id": "b" * 20, "stars": 4, "text": "Great set", "tags": ["paid_on_time"]}))
    assert kind == "user"
    assert command == ReviewBooking("booking_review:1", "b" * 20, "abcdef123456", 4, "Great set", ("paid_on_time",))

    kind, parse = INTENT_PARSERS["dispute_flag"]
    command = parse("dispute_flag:1", "abcdef123456", _Fields({"booking_id": "b" * 20, "reason": "Not paid"}))
    assert (kind, command) == ("user", FlagDispute("dispute_flag:1", "b" * 20, "abcdef123456", "Not paid"))


@pytest.mark.parametrize(("fields", "message"), [
    ({"booking_id": "b" * 20}, "stars"),
    ({"booking_id": "b" * 20, "stars": "5"}, "stars must be a whole number"),
    ({"booking_id": "b" * 20, "stars": 5, "tags": "punctual"}, "tags must be a list of words"),
])
def test_malformed_review_intents_name_the_field(fields, message):
    _, parse = INTENT_PARSERS["booking_review"]
    with pytest.raises((KeyError, TypeError, ValueError), match=message):
        parse("booking_review:1", "abcdef123456", _Fields(fields))


def _grant(production, person_id, role, department=""):
    return GrantProjectRole(f"project_role_grant:{person_id}", production.project_id, production.producer_id,
                            person_id, role, department)
