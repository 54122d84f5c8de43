"""The shoot day: answering the booking (call time) and checking in on set."""
from datetime import date

import pytest

from core import scopes
from core.commands import CheckIn, ConfirmCallTime
from core.errors import Rejected
from core.shoot_commands import CheckOut
from tests.unit.production import FIRST_DAY, LAST_DAY, on_set


@pytest.fixture
async def booking_id(production) -> str:
    return await production.book(production.chidi_id)


async def _booking_everywhere(production, person_id: str, booking_id: str) -> list[dict]:
    store = production.bus.services.store
    return [
        await store.get(db, f"booking:{booking_id}") for db in (production.project, scopes.user_db(person_id))
    ]


async def test_yes_confirms_the_booking_in_both_databases(production, booking_id):
    assert await production.confirm(production.chidi_id, booking_id) == booking_id

    for booking in await _booking_everywhere(production, production.chidi_id, booking_id):
        assert (booking["status"], booking["decline_reason"]) == ("confirmed", "")
    [message] = production.bus.services.outbox.with_template("call_time_confirmed")
    assert message.person_id == production.chidi_id


async def test_no_with_a_reason_declines_and_keeps_the_reason_from_the_unit(production, booking_id):
    await production.bus.handle(ConfirmCallTime("call_confirmation:no", production.chidi_id, booking_id, False, " sick "))

    unit_copy, own_copy = await _booking_everywhere(production, production.chidi_id, booking_id)
    office = await production.bus.services.store.get(production.office, f"call_answer:{booking_id}")
    assert (unit_copy["status"], unit_copy["decline_reason"]) == ("declined", "")  # every member reads it
    assert (own_copy["status"], own_copy["decline_reason"]) == ("declined", "sick")
    assert (office["status"], office["reason"], office["person_id"]) == ("declined", "sick", production.chidi_id)
    assert len(production.bus.services.outbox.with_template("call_time_declined")) == 1


async def test_a_yes_after_a_no_is_the_offices_latest_answer(production, booking_id):
    await production.bus.handle(ConfirmCallTime("call_confirmation:no", production.chidi_id, booking_id, False, "sick"))
    await production.bus.handle(ConfirmCallTime("call_confirmation:yes", production.chidi_id, booking_id, True))
    again = await production.bus.handle(ConfirmCallTime("call_confirmation:yes", production.chidi_id, booking_id, True))

    office = await production.bus.services.store.get(production.office, f"call_answer:{booking_id}")
    assert again == booking_id
    assert (office["status"], office["reason"], office["answer_intent"]) == ("confirmed", "", "call_confirmation:yes")


@pytest.mark.parametrize("reason", ["", "   "])
async def test_no_without_a_reason_is_refused(production, booking_id, reason):
    with pytest.raises(Rejected, match="say why"):
        await production.bus.handle(ConfirmCallTime("call_confirmation:no", production.chidi_id, booking_id, False, reason))

    [booking, _] = await _booking_everywhere(production, production.chidi_id, booking_id)
    assert booking["status"] == "awaiting_confirmation"


async def test_answering_someone_elses_booking_is_refused(production, booking_id):
    with pytest.raises(Rejected, match="cannot find that booking"):
        await production.confirm(production.aisha_id, booking_id)

    [booking, _] = await _booking_everywhere(production, production.chidi_id, booking_id)
    assert booking["status"] == "awaiting_confirmation"


async def test_the_same_answer_from_another_intent_changes_nothing(production, booking_id):
    await production.confirm(production.chidi_id, booking_id, "call_confirmation:1")
    generation = production.bus.services.store.generation(production.project, f"booking:{booking_id}")

    assert await production.confirm(production.chidi_id, booking_id, "call_confirmation:2") == booking_id

    assert production.bus.services.store.generation(production.project, f"booking:{booking_id}") == generation
    assert production.bus.services.outbox.attempts == len(production.bus.services.outbox.messages)


async def test_check_in_needs_a_confirmed_booking(production, booking_id):
    with pytest.raises(Rejected, match="Confirm your call time first"):
        await production.check_in(production.chidi_id, booking_id, on_set(FIRST_DAY, 6, 20))


@pytest.mark.parametrize("day", [date(2026, 11, 30), date(2026, 12, 13)])
async def test_check_in_outside_the_booked_days_is_refused(production, booking_id, day):
    await production.confirm(production.chidi_id, booking_id)

    with pytest.raises(Rejected, match="booked from 2026-12-01 to 2026-12-12"):
        await production.check_in(production.chidi_id, booking_id, on_set(day, 6, 20))


async def test_check_in_by_set_code_needs_the_code(production, booking_id):
    await production.confirm(production.chidi_id, booking_id)

    with pytest.raises(Rejected, match="set code"):
        await production.check_in(production.chidi_id, booking_id, on_set(FIRST_DAY, 6, 20), set_code=" ")


async def test_someone_else_cannot_check_in_on_a_booking(production, booking_id):
    await production.confirm(production.chidi_id, booking_id)

    with pytest.raises(Rejected, match="cannot find that booking"):
        await production.check_in(production.aisha_id, booking_id, on_set(FIRST_DAY, 6, 20))


async def test_check_in_records_the_day_in_the_project(production, booking_id):
    await production.confirm(production.chidi_id, booking_id)

    ref = await production.check_in(production.chidi_id, booking_id, on_set(LAST_DAY, 6, 20))

    record = await production.bus.services.store.get(production.project, ref)
    assert (record["day"], record["at"], record["set_code"]) == ("2026-12-12", "2026-12-12T06:20:00+01:00", "4821")
    [message] = production.bus.services.outbox.with_template("checked_in")
    assert message.params == {"booking_id": booking_id, "day": "2026-12-12"}


async def test_a_second_check_in_the_same_day_is_refused_with_the_first_time(production, booking_id):
    await production.confirm(production.chidi_id, booking_id)
    await production.check_in(production.chidi_id, booking_id, on_set(FIRST_DAY, 6, 20), "check_in:1")

    with pytest.raises(Rejected, match="already checked in on 2026-12-01 at 06:20"):
        await production.check_in(production.chidi_id, booking_id, on_set(FIRST_DAY, 9, 45), "check_in:2")


async def test_the_same_check_in_intent_again_is_a_retry(production, booking_id):
    await production.confirm(production.chidi_id, booking_id)
    first = await production.check_in(production.chidi_id, booking_id, on_set(FIRST_DAY, 6, 20), "check_in:1")

    again = await production.check_in(production.chidi_id, booking_id, on_set(FIRST_DAY, 6, 20), "check_in:1")

    assert again == first
    assert len(production.bus.services.store.docs(production.project, "check_in:")) == 1
    assert len(production.bus.services.outbox.with_template("checked_in")) == 1


async def test_each_shoot_day_has_its_own_check_in(production, booking_id):
    await production.confirm(production.chidi_id, booking_id)
    await production.check_in(production.chidi_id, booking_id, on_set(FIRST_DAY, 6, 20), "check_in:1")

    await production.check_in(production.chidi_id, booking_id, on_set(date(2026, 12, 2), 6, 25), "check_in:2")

    days = [record["day"] for record in production.bus.services.store.docs(production.project, "check_in:")]
    assert days == ["2026-12-01", "2026-12-02"]


async def test_check_in_by_location_keeps_the_position(production, booking_id):
    await production.confirm(production.chidi_id, booking_id)
    await _sheet_with_the_set(production)

    ref = await production.bus.handle(
        CheckIn("check_in:gps", production.chidi_id, booking_id, on_set(FIRST_DAY, 6, 5), "location", "", (6.4474, 3.4723))
    )

    record = await production.bus.services.store.get(production.project, ref)
    assert (record["method"], record["position"]) == ("location", [6.4474, 3.4723])


async def _check_out(production, person_id: str, booking_id: str, at, intent_id: str = "check_out:1") -> str:
    return await production.bus.handle(CheckOut(intent_id, person_id, booking_id, at))


async def test_check_out_after_check_in_records_the_time(production, booking_id):
    await production.confirm(production.chidi_id, booking_id)
    await production.check_in(production.chidi_id, booking_id, on_set(FIRST_DAY, 6, 20))

    ref = await _check_out(production, production.chidi_id, booking_id, on_set(FIRST_DAY, 19, 5))

    record = await production.bus.services.store.get(production.project, ref)
    assert (record["type"], record["day"], record["at"]) == ("check_out_record", "2026-12-01", "2026-12-01T19:05:00+01:00")


async def test_check_out_without_checking_in_that_day_is_refused(production, booking_id):
    await production.confirm(production.chidi_id, booking_id)

    with pytest.raises(Rejected, match="did not check in on 2026-12-01"):
        await _check_out(production, production.chidi_id, booking_id, on_set(FIRST_DAY, 19, 5))


async def test_check_out_before_the_check_in_time_is_refused(production, booking_id):
    await production.confirm(production.chidi_id, booking_id)
    await production.check_in(production.chidi_id, booking_id, on_set(FIRST_DAY, 6, 20))

    with pytest.raises(Rejected, match="must come after"):
        await _check_out(production, production.chidi_id, booking_id, on_set(FIRST_DAY, 6, 0))


async def test_a_second_check_out_is_refused_and_a_retry_is_not(production, booking_id):
    await production.confirm(production.chidi_id, booking_id)
    await production.check_in(production.chidi_id, booking_id, on_set(FIRST_DAY, 6, 20))
    first = await _check_out(production, production.chidi_id, booking_id, on_set(FIRST_DAY, 19, 5))

    assert await _check_out(production, production.chidi_id, booking_id, on_set(FIRST_DAY, 19, 5)) == first
    with pytest.raises(Rejected, match="already checked out on 2026-12-01 at 19:05"):
        await _check_out(production, production.chidi_id, booking_id, on_set(FIRST_DAY, 20, 0), "check_out:2")


async def test_someone_else_cannot_check_out_on_a_booking(production, booking_id):
    await production.confirm(production.chidi_id, booking_id)
    await production.check_in(production.chidi_id, booking_id, on_set(FIRST_DAY, 6, 20))

    with pytest.raises(Rejected, match="cannot find that booking"):
        await _check_out(production, production.aisha_id, booking_id, on_set(FIRST_DAY, 19, 5))


async def test_a_check_out_after_midnight_closes_the_night_before(production, booking_id):
    await production.confirm(production.chidi_id, booking_id)
    await production.check_in(production.chidi_id, booking_id, on_set(FIRST_DAY, 17, 30))

    ref = await _check_out(production, production.chidi_id, booking_id, on_set(date(2026, 12, 2), 1, 40))

    record = await production.bus.services.store.get(production.project, ref)
    assert (record["day"], record["at"]) == ("2026-12-01", "2026-12-02T01:40:00+01:00")


async def test_check_ins_and_outs_gather_in_the_days_attendance(production, booking_id):
    await production.confirm(production.chidi_id, booking_id)
    await production.check_in(production.chidi_id, booking_id, on_set(FIRST_DAY, 6, 20))
    await _check_out(production, production.chidi_id, booking_id, on_set(FIRST_DAY, 19, 5))

    attendance = await production.bus.services.store.get(production.project, "attendance:2026-12-01")
    assert [(r["person_id"], r["at"][11:16]) for r in attendance["check_ins"]] == [(production.chidi_id, "06:20")]
    assert [r["at"][11:16] for r in attendance["check_outs"]] == ["19:05"]


async def _sheet_with_the_set(production) -> None:
    await production.bus.services.store.create(production.project, {
        "_id": f"call_sheet:{FIRST_DAY.isoformat()}", "type": "call_sheet",
        "locations": [{"name": "Lekki Phase 1 house", "latitude": 6.4474, "longitude": 3.4723}]})


@pytest.mark.parametrize("position, refusal", [
    ((6.4480, 3.4725), None),  # about 70 m away: on set
    ((6.4700, 3.4723), "You are 2.5 km from Lekki Phase 1 house"),
])
async def test_a_location_check_in_counts_only_within_the_sets_radius(production, booking_id, position, refusal):
    await production.confirm(production.chidi_id, booking_id)
    await _sheet_with_the_set(production)
    check_in = CheckIn("check_in:loc", production.chidi_id, booking_id, on_set(FIRST_DAY, 6, 20), "location",
                       position=position)

    if refusal is None:
        assert await production.bus.handle(check_in) == f"check_in:{booking_id}:{FIRST_DAY.isoformat()}"
    else:
        with pytest.raises(Rejected, match=refusal):
            await production.bus.handle(check_in)


async def test_a_location_check_in_without_a_position_asks_for_it(production, booking_id):
    await production.confirm(production.chidi_id, booking_id)
    with pytest.raises(Rejected, match="Share your location"):
        await production.bus.handle(CheckIn("check_in:loc", production.chidi_id, booking_id,
                                            on_set(FIRST_DAY, 6, 20), "location"))
