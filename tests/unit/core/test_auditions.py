"""Audition slots: places per window held under concurrency, no one booked twice at once,
moves that free the old place only when they take the new one, and retries that change nothing."""
import asyncio

import pytest

from core import scopes
from core.application_status import moved
from core.audition_slots import DIARY_DOC_ID
from core.casting_commands import (
    INTENT_PARSERS, ApplyToCastingCall, BookAuditionSlot, CancelAudition, OpenAuditionSlots, RescheduleAudition,
)
from core.commands import GrantProjectRole
from core.errors import Rejected
from core.intents import _Fields
from tests.unit.casting_fakes import audition_window, casting_call, make_casting_bus
from tests.unit.fakes import DEFAULT_NOW
from tests.unit.production import register

TEN, HALF_TEN, ELEVEN = audition_window(23, 10), audition_window(23, 10, 60), audition_window(23, 11)
HALF_PAST = (TEN[1], TEN[1] + (TEN[1] - TEN[0]))  # 10:30 to 11:00, straight after TEN


@pytest.fixture
def bus():
    return make_casting_bus()


@pytest.fixture
async def call_id(production) -> str:
    return await production.bus.handle(casting_call(production.project_id, production.producer_id))


@pytest.fixture
async def ada(production, call_id) -> str:
    return await shortlisted_actor(production, call_id, "+2348030000010", "Ada Nwosu")


@pytest.fixture
async def bola(production, call_id) -> str:
    return await shortlisted_actor(production, call_id, "+2348030000011", "Bola Ahmed")


async def shortlisted_actor(production, call_id: str, phone: str, name: str, status: str = "shortlisted") -> str:
    """Register, apply, and move the application as the office's shortlist would."""
    person_id = await register(production.bus, phone, name, ("actor",), "cast")
    application_id = await production.bus.handle(ApplyToCastingCall(f"casting_application:{phone}", person_id, call_id))
    if status:
        store = production.bus.services.store
        at = DEFAULT_NOW.isoformat()
        for db in (production.office, scopes.user_db(person_id)):
            await store.update(db, f"application:{application_id}",
                               lambda a: moved(a, status, "shortlist_request:1", production.producer_id, at))
    return person_id


async def open_slots(production, call_id: str, windows=(TEN, HALF_PAST), capacity: int = 1, kind: str = "live",
                     by: str | None = None, intent_id: str = "audition_slots_request:1") -> str:
    return await production.bus.handle(OpenAuditionSlots(
        intent_id, production.project_id, by or production.producer_id, call_id, kind, tuple(windows), capacity,
        "12 Admiralty Way, Lekki",
    ))


async def book(production, person_id: str, call_id: str, start, intent_id: str | None = None) -> str:
    return await production.bus.handle(
        BookAuditionSlot(intent_id or f"audition_booking:{person_id}", person_id, call_id, start)
    )


async def places(production, call_id: str) -> list[list[str]]:
    slots = await production.bus.services.store.get(production.office, f"audition_slots:{call_id}")
    return [[place["person_id"] for place in window["booked"]] for window in slots["windows"]]


async def test_the_office_opens_windows_once(production, call_id):
    await open_slots(production, call_id, capacity=3)
    await open_slots(production, call_id, capacity=3)  # a retry
    store = production.bus.services.store
    slots = await store.get(production.office, f"audition_slots:{call_id}")
    assert [w["capacity"] for w in slots["windows"]] == [3, 3] and slots["kind"] == "live"
    assert store.generation(production.office, f"audition_slots:{call_id}") == 1
    with pytest.raises(Rejected, match="already open"):
        await open_slots(production, call_id, intent_id="audition_slots_request:2")


async def test_a_crew_member_without_a_role_cannot_open_slots_but_a_first_ad_can(production, call_id):
    with pytest.raises(Rejected, match="does not let you open audition slots"):
        await open_slots(production, call_id, by=production.chidi_id)
    await production.bus.handle(GrantProjectRole(
        "project_role_grant:1", production.project_id, production.producer_id, production.chidi_id, "first_ad"
    ))
    assert await open_slots(production, call_id, by=production.chidi_id) == f"audition_slots:{call_id}"


@pytest.mark.parametrize(
    "windows, capacity, kind, reason",
    [((audition_window(19, 10),), 1, "live", "start in the future"), ((TEN, TEN), 1, "live", "same time"),
     ((TEN,), 0, "live", "1 to 50 places"), ((TEN,), 1, "radio", "live or by self-tape"), ((), 1, "live", "1 to 100")],
)
async def test_bad_windows_are_refused(production, call_id, windows, capacity, kind, reason):
    with pytest.raises(Rejected, match=reason):
        await open_slots(production, call_id, windows, capacity, kind)


async def test_a_shortlisted_actor_books_and_a_retry_changes_nothing(production, call_id, ada):
    await open_slots(production, call_id)
    ref = await book(production, ada, call_id, TEN[0])
    store, outbox = production.bus.services.store, production.bus.services.outbox
    generation = store.generation(production.office, f"audition_slots:{call_id}")
    assert await book(production, ada, call_id, TEN[0]) == ref
    assert store.generation(production.office, f"audition_slots:{call_id}") == generation
    assert await places(production, call_id) == [[ada], []]
    mine = await store.get(scopes.user_db(ada), ref)
    assert (mine["status"], mine["start"], mine["where"]) == ("booked", TEN[0].isoformat(), "12 Admiralty Way, Lekki")
    [told] = outbox.with_template("audition_booked")
    assert told.person_id == ada and told.params["when"] == "Mon 23 Nov 10:00 to 10:30"


async def test_an_applicant_not_yet_shortlisted_cannot_book(production, call_id):
    tunde = await shortlisted_actor(production, call_id, "+2348030000012", "Tunde Bakare", status="")
    await open_slots(production, call_id)
    with pytest.raises(Rejected, match="Only shortlisted applicants"):
        await book(production, tunde, call_id, TEN[0])
    assert await places(production, call_id) == [[], []]


async def test_a_full_window_is_refused_and_leaves_no_trace(production, call_id, ada, bola):
    await open_slots(production, call_id)
    await book(production, ada, call_id, TEN[0])
    with pytest.raises(Rejected, match="is full"):
        await book(production, bola, call_id, TEN[0])
    diary = await production.bus.services.store.get(scopes.user_db(bola), DIARY_DOC_ID)
    assert diary["auditions"] == {}
    assert await places(production, call_id) == [[ada], []]


async def test_two_actors_racing_for_the_last_place_do_not_both_get_it(production, call_id, ada, bola):
    await open_slots(production, call_id)
    outcomes = await asyncio.gather(
        book(production, ada, call_id, TEN[0]), book(production, bola, call_id, TEN[0]), return_exceptions=True
    )
    assert sum(isinstance(outcome, Rejected) for outcome in outcomes) == 1
    assert len((await places(production, call_id))[0]) == 1


async def test_a_second_window_of_the_same_call_is_refused_even_at_once(production, call_id, ada):
    await open_slots(production, call_id, capacity=5)
    outcomes = await asyncio.gather(
        book(production, ada, call_id, TEN[0], "audition_booking:a"),
        book(production, ada, call_id, HALF_PAST[0], "audition_booking:b"),
        return_exceptions=True,
    )
    assert [type(outcome) for outcome in outcomes].count(Rejected) == 1
    assert sum(len(people) for people in await places(production, call_id)) == 1
    with pytest.raises(Rejected, match="Reschedule it instead"):
        await book(production, ada, call_id, HALF_PAST[0], "audition_booking:c")


async def test_an_overlapping_audition_for_another_part_is_refused(production, call_id, ada):
    other_call = await production.bus.handle(
        casting_call(production.project_id, production.producer_id, "casting_call_request:obi", role_name="Obi")
    )
    await production.bus.handle(ApplyToCastingCall("casting_application:ada-obi", ada, other_call))
    store = production.bus.services.store
    await store.update(production.office, f"application:{other_call}.{ada}",
                       lambda a: moved(a, "shortlisted", "s:2", production.producer_id, DEFAULT_NOW.isoformat()))
    await open_slots(production, call_id)
    await open_slots(production, other_call, windows=(HALF_TEN, ELEVEN), intent_id="audition_slots_request:obi")
    await book(production, ada, call_id, TEN[0])
    with pytest.raises(Rejected, match="audition for Amaka .* overlaps"):
        await book(production, ada, other_call, HALF_TEN[0], "audition_booking:obi")
    await book(production, ada, other_call, ELEVEN[0], "audition_booking:obi-11")
    assert await places(production, other_call) == [[], [ada]]


async def test_a_day_booked_for_work_is_refused(production, call_id, ada):
    store = production.bus.services.store
    await store.create(scopes.user_db(ada), {
        "_id": "availability", "type": "availability", "person_id": ada,
        "days": {"2026-11-23": {"status": "booked", "project_title": "Lagos Love"}},
    })
    await open_slots(production, call_id)
    with pytest.raises(Rejected, match="booked to work on Lagos Love on Mon 23 Nov"):
        await book(production, ada, call_id, TEN[0])


async def test_rescheduling_moves_the_place_in_one_write(production, call_id, ada):
    await open_slots(production, call_id)
    await book(production, ada, call_id, TEN[0])
    store = production.bus.services.store
    generation = store.generation(production.office, f"audition_slots:{call_id}")
    move = RescheduleAudition("audition_reschedule:1", ada, call_id, HALF_PAST[0])
    await production.bus.handle(move)
    await production.bus.handle(move)  # a retry
    assert store.generation(production.office, f"audition_slots:{call_id}") == generation + 1
    assert await places(production, call_id) == [[], [ada]]
    assert (await store.get(scopes.user_db(ada), f"audition:{call_id}"))["start"] == HALF_PAST[0].isoformat()
    assert len(production.bus.services.outbox.with_template("audition_rescheduled")) == 1


async def test_rescheduling_into_a_full_window_keeps_the_old_place(production, call_id, ada, bola):
    await open_slots(production, call_id)
    await book(production, ada, call_id, TEN[0])
    await book(production, bola, call_id, HALF_PAST[0])
    with pytest.raises(Rejected, match="is full"):
        await production.bus.handle(RescheduleAudition("audition_reschedule:1", ada, call_id, HALF_PAST[0]))
    assert await places(production, call_id) == [[ada], [bola]]
    diary = await production.bus.services.store.get(scopes.user_db(ada), DIARY_DOC_ID)
    assert diary["auditions"][call_id]["start"] == TEN[0].isoformat()


async def test_cancelling_frees_the_place_for_someone_else(production, call_id, ada, bola):
    await open_slots(production, call_id)
    await book(production, ada, call_id, TEN[0])
    cancel = CancelAudition("audition_cancellation:1", ada, call_id)
    await production.bus.handle(cancel)
    await production.bus.handle(cancel)  # a retry
    await book(production, bola, call_id, TEN[0])
    assert await places(production, call_id) == [[bola], []]
    store = production.bus.services.store
    assert (await store.get(scopes.user_db(ada), f"audition:{call_id}"))["status"] == "cancelled"
    with pytest.raises(Rejected, match="no audition booked"):
        await production.bus.handle(CancelAudition("audition_cancellation:2", ada, call_id))


async def test_a_self_tape_window_clashes_with_neither_live_auditions_nor_booked_days(production, call_id, ada):
    tape_call = await production.bus.handle(
        casting_call(production.project_id, production.producer_id, "casting_call_request:obi", role_name="Obi")
    )
    await production.bus.handle(ApplyToCastingCall("casting_application:ada-obi", ada, tape_call))
    store = production.bus.services.store
    await store.update(production.office, f"application:{tape_call}.{ada}",
                       lambda a: moved(a, "shortlisted", "s:2", production.producer_id, DEFAULT_NOW.isoformat()))
    await store.create(scopes.user_db(ada), {
        "_id": "availability", "type": "availability", "person_id": ada,
        "days": {"2026-11-23": {"status": "booked", "project_title": "Lagos Love"}},
    })
    await open_slots(production, call_id, windows=(audition_window(22, 10),))
    await book(production, ada, call_id, audition_window(22, 10)[0])
    all_day = audition_window(22, 9, 60 * 34)  # 09:00 on the 22nd to 19:00 on the 23rd
    await open_slots(
        production, tape_call, windows=(all_day,), kind="self_tape", intent_id="audition_slots_request:obi"
    )
    await book(production, ada, tape_call, all_day[0], "audition_booking:obi")
    assert await places(production, tape_call) == [[ada]]


def test_the_booking_intents_become_commands():
    for intent_type, command_type, field in [("audition_booking", BookAuditionSlot, "window_start"),
                                             ("audition_reschedule", RescheduleAudition, "new_window_start")]:
        _, parse = INTENT_PARSERS[intent_type]
        fields = _Fields({"casting_call_id": "c1", field: "2026-11-23T10:00:00+01:00"})
        command = parse(f"{intent_type}:1", "u1", fields)
        assert isinstance(command, command_type) and getattr(command, field) == TEN[0]
    _, parse = INTENT_PARSERS["audition_cancellation"]
    assert parse("audition_cancellation:1", "u1", _Fields({"casting_call_id": "c1"})) == CancelAudition(
        "audition_cancellation:1", "u1", "c1"
    )
