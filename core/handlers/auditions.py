"""Audition slots: the office opens windows with a number of places; shortlisted applicants book,
move or cancel their own place. No one is booked twice at once: places are taken in one
conditional write of the office's slots document, overlaps with the person's other auditions
in one of their own diary (core/audition_slots.py), and days they are booked to work are refused.
"""
from datetime import datetime

from core import scopes
from core.application_status import AUDITIONING, SHORTLISTED
from core.audition_slots import (
    DIARY_DOC_ID, LIVE, booked_day_clash, enter_in_diary, find_window, free_place, held_by, restore_diary,
    said, said_iso, take_place,
)
from core.availability import CALENDAR_DOC_ID
from core.bus import Result, Services
from core.casting_commands import (
    AUDITION_KINDS, BookAuditionSlot, CancelAudition, OpenAuditionSlots, RescheduleAudition,
)
from core.errors import Rejected
from core.handlers.team import project_roles_of
from core.ports import OutboundMessage
from core.project_roles import POST_JOBS, require

MAX_WINDOWS = 100
MAX_PLACES_PER_WINDOW = 50
WHERE_MAX_CHARS = 300
MAY_BOOK = (SHORTLISTED, AUDITIONING)


async def open_audition_slots(cmd: OpenAuditionSlots, services: Services) -> Result:
    require(await project_roles_of(services, cmd.project_id, cmd.by), POST_JOBS, "open audition slots")
    office = scopes.office_db(cmd.project_id)
    casting_call = await services.store.get(office, f"casting_call:{cmd.casting_call_id}")
    if casting_call is None:
        raise Rejected("That casting call is not in this project.")
    _check_windows(cmd, services.clock.now())
    at = services.clock.now().isoformat()
    windows = [
        {"start": start.isoformat(), "end": end.isoformat(), "capacity": cmd.capacity, "booked": []}
        for start, end in sorted(cmd.windows)
    ]
    slots = await services.store.create(office, {
        "_id": f"audition_slots:{cmd.casting_call_id}", "type": "audition_slots",
        "casting_call_id": cmd.casting_call_id, "project_id": cmd.project_id,
        "project_title": casting_call["project_title"], "role_name": casting_call["role_name"],
        "kind": cmd.kind, "where": cmd.where.strip(), "windows": windows, "opened_by": cmd.by,
        "source_intent": cmd.intent_id, "created_at": at,
    })
    if slots["source_intent"] != cmd.intent_id:
        raise Rejected("Audition windows for {role} are already open.", role=casting_call["role_name"])
    return Result(ref=slots["_id"])


def _check_windows(cmd: OpenAuditionSlots, now: datetime) -> None:
    if cmd.kind not in AUDITION_KINDS:
        raise Rejected("An audition is live or by self-tape.")
    if not 1 <= len(cmd.windows) <= MAX_WINDOWS:
        raise Rejected("Open 1 to {limit} audition windows at a time.", limit=MAX_WINDOWS)
    for start, end in cmd.windows:
        if start.tzinfo is None or end.tzinfo is None:
            raise Rejected("Audition times need a time zone.")
        if not now < start < end:
            raise Rejected("The window at {start} must start in the future and end after it starts.",
                           start=said(start))
    if len({start for start, _ in cmd.windows}) != len(cmd.windows):
        raise Rejected("Two audition windows start at the same time: merge them and raise the places.")
    if not 1 <= cmd.capacity <= MAX_PLACES_PER_WINDOW:
        raise Rejected("An audition window has 1 to {limit} places.", limit=MAX_PLACES_PER_WINDOW)
    if not 1 <= len(cmd.where.strip()) <= WHERE_MAX_CHARS:
        raise Rejected("Say where the audition is (an address) or where to send the tape (a link).")


async def book_audition_slot(cmd: BookAuditionSlot, services: Services) -> Result:
    return await _take(cmd, cmd.window_start, moving=False, services=services)


async def reschedule_audition(cmd: RescheduleAudition, services: Services) -> Result:
    return await _take(cmd, cmd.new_window_start, moving=True, services=services)


async def _take(cmd, start: datetime, moving: bool, services: Services) -> Result:
    slots, application = await _slots_and_application(services, cmd.casting_call_id, cmd.person_id)
    window = find_window(slots, start)
    held = held_by(slots, cmd.person_id)
    role = slots["role_name"]
    if held is not None and held[0] is window and held[1]["intent"] != cmd.intent_id:
        raise Rejected("You already hold the audition for {role} at {start}.", role=role, start=said(start))
    if held is None and moving:
        raise Rejected("You have no audition booked for {role}. Book a window first.", role=role)
    if held is not None and held[0] is not window and not moving:
        raise Rejected("You already have an audition for {role} at {start}. Reschedule it instead.",
                       role=role, start=said_iso(held[0]["start"]))
    fresh = held is None or held[0] is not window  # not a retry of a move or booking already made
    if fresh:
        if application["status"] not in MAY_BOOK:
            raise Rejected("Only shortlisted applicants may book an audition for {role}.", role=role)
        if start <= services.clock.now():
            raise Rejected("The audition window at {start} has passed.", start=said(start))
    end = datetime.fromisoformat(window["end"])
    if fresh and slots["kind"] == LIVE:
        booked_day_clash(await services.store.get(scopes.user_db(cmd.person_id), CALENDAR_DOC_ID), start, end)
    entry = {"kind": slots["kind"], "start": window["start"], "end": window["end"], "role_name": role,
             "project_title": slots["project_title"]}
    user = scopes.user_db(cmd.person_id)
    diary = await _diary(services, cmd.person_id)
    before = diary["auditions"].get(cmd.casting_call_id)
    # The person's diary first, then the office's place, as hiring takes days then the place:
    # a refused place puts the diary back as it was.
    await services.store.update(user, DIARY_DOC_ID, enter_in_diary(cmd.casting_call_id, entry, moving), current=diary)
    at = services.clock.now().isoformat()
    try:
        await services.store.update(
            scopes.office_db(slots["project_id"]), slots["_id"], take_place(cmd.person_id, start, cmd.intent_id, at)
        )
    except Rejected:
        await services.store.update(user, DIARY_DOC_ID, restore_diary(cmd.casting_call_id, before))
        raise
    audition = {**entry, "where": slots["where"], "status": "booked", "intent": cmd.intent_id}
    await _keep_audition(services, cmd, slots, audition)
    await _tell(services, "audition_rescheduled" if moving else "audition_booked", cmd, slots, window)
    return Result(ref=f"audition:{cmd.casting_call_id}")


async def cancel_audition(cmd: CancelAudition, services: Services) -> Result:
    slots, _ = await _slots_and_application(services, cmd.casting_call_id, cmd.person_id)
    held = held_by(slots, cmd.person_id)
    mine = await services.store.get(scopes.user_db(cmd.person_id), f"audition:{cmd.casting_call_id}")
    is_retry = mine is not None and mine["intent"] == cmd.intent_id
    if held is None and not is_retry:
        raise Rejected("You have no audition booked for {role}.", role=slots["role_name"])
    await services.store.update(scopes.office_db(slots["project_id"]), slots["_id"], free_place(cmd.person_id))
    await services.store.update(scopes.user_db(cmd.person_id), DIARY_DOC_ID, restore_diary(cmd.casting_call_id, None))
    await _keep_audition(services, cmd, slots, {"status": "cancelled", "intent": cmd.intent_id})
    if held is not None:
        await _tell(services, "audition_cancelled", cmd, slots, held[0])
    return Result(ref=f"audition:{cmd.casting_call_id}")


async def _slots_and_application(services: Services, casting_call_id: str, person_id: str) -> tuple[dict, dict]:
    mine = await services.store.get(scopes.user_db(person_id), f"application:{casting_call_id}.{person_id}")
    if mine is None:
        raise Rejected("Apply to this casting call before booking an audition.")
    office = scopes.office_db(mine["project_id"])
    slots = await services.store.get(office, f"audition_slots:{casting_call_id}")
    if slots is None:
        raise Rejected("No audition windows are open for this part yet.")
    return slots, await services.store.get(office, mine["_id"])


async def _diary(services: Services, person_id: str) -> dict:
    return await services.store.create(scopes.user_db(person_id), {
        "_id": DIARY_DOC_ID, "type": "audition_diary", "person_id": person_id, "auditions": {},
        "source_intent": "diary", "created_at": services.clock.now().isoformat(),
    })


async def _keep_audition(services: Services, cmd, slots: dict, fields: dict) -> None:
    """The applicant's own "audition:<casting_call_id>", what their screen shows."""
    user, doc_id = scopes.user_db(cmd.person_id), f"audition:{cmd.casting_call_id}"
    await services.store.create(user, {
        "_id": doc_id, "type": "audition", "casting_call_id": cmd.casting_call_id, "person_id": cmd.person_id,
        "project_id": slots["project_id"], "role_name": slots["role_name"], "project_title": slots["project_title"],
        "source_intent": cmd.intent_id, "created_at": services.clock.now().isoformat(), **fields,
    })
    await services.store.update(user, doc_id, _with(fields))


def _with(fields: dict):
    def change(doc: dict) -> dict | None:
        return None if all(doc.get(key) == value for key, value in fields.items()) else {**doc, **fields}

    return change


async def _tell(services: Services, template: str, cmd, slots: dict, window: dict) -> None:
    start, end = datetime.fromisoformat(window["start"]), datetime.fromisoformat(window["end"])
    await services.outbox.queue(OutboundMessage(
        message_id=f"{template}.{cmd.casting_call_id}.{cmd.person_id}.{cmd.intent_id}",
        person_id=cmd.person_id,
        template=template,
        params={"job_title": slots["role_name"], "project_title": slots["project_title"], "kind": slots["kind"],
                "when": f"{said(start)} to {end:%H:%M}", "where": slots["where"]},
    ))
