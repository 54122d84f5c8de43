"""The shoot day: crew confirm their call time, check in on set and check out at wrap."""
from datetime import datetime, timedelta

from core import scopes
from core.on_set import require_on_set
from core.bus import Result, Services
from core.commands import CheckIn, ConfirmCallTime
from core.errors import Rejected
from core.events import CallTimeAnswered, CheckedIn, CheckedOut
from core.shoot_commands import CheckOut

MAX_REASON_CHARS = 500


async def confirm_call_time(cmd: ConfirmCallTime, services: Services) -> Result:
    booking = await _own_booking(services, cmd.person_id, cmd.booking_id)
    wanted = "confirmed" if cmd.confirmed else "declined"
    if not cmd.confirmed and not cmd.reason.strip():
        raise Rejected("Please say why you cannot make it, e.g. NO sick.")
    if booking["status"] == wanted and booking.get("answer_intent") != cmd.intent_id:
        return Result(ref=cmd.booking_id)  # the same answer twice changes nothing
    now = services.clock.now().isoformat()
    reason = "" if cmd.confirmed else cmd.reason.strip()[:MAX_REASON_CHARS]

    def answer(told: str):
        def change(current: dict) -> dict | None:
            if current.get("answer_intent") == cmd.intent_id:
                return None
            return {**current, "status": wanted, "answered_at": now, "decline_reason": told, "answer_intent": cmd.intent_id}

        return change

    # Why someone cannot come (their health, often) is for them and the office: the project
    # database, which the whole unit reads, keeps the answer without it.
    await services.store.update(scopes.project_db(booking["project_id"]), f"booking:{cmd.booking_id}", answer(""))
    await services.store.update(scopes.user_db(cmd.person_id), f"booking:{cmd.booking_id}", answer(reason))
    await _tell_office(services, booking, {"status": wanted, "reason": reason, "answered_at": now,
                                           "answer_intent": cmd.intent_id})
    event = CallTimeAnswered(cmd.booking_id, cmd.person_id, cmd.confirmed)
    return Result(ref=cmd.booking_id, events=[event])


async def _tell_office(services: Services, booking: dict, answered: dict) -> None:
    """The office's record of a booking's latest answer, reason included ("call_answer:<booking>")."""
    office, doc_id = scopes.office_db(booking["project_id"]), f"call_answer:{booking['booking_id']}"
    record = {"_id": doc_id, "type": "call_answer", "booking_id": booking["booking_id"],
              "person_id": booking["person_id"], **answered}
    stored = await services.store.create(office, record)
    if stored.get("answer_intent") != answered["answer_intent"]:
        await services.store.update(office, doc_id, lambda current: None if current.get("answer_intent") ==
                                    answered["answer_intent"] else record, current=stored)


async def check_in(cmd: CheckIn, services: Services) -> Result:
    booking = await _own_booking(services, cmd.person_id, cmd.booking_id)
    if booking["status"] != "confirmed":
        raise Rejected("Confirm your call time first: reply YES to the booking message.")
    day = cmd.at.date().isoformat()
    if not booking["start_date"] <= day <= booking["end_date"]:
        raise Rejected("You are booked from {start} to {end}.", start=booking["start_date"], end=booking["end_date"])
    if cmd.method == "set_code" and not cmd.set_code.strip():
        raise Rejected("Type the set code the AD shows you, e.g. CHECKIN 4821.")
    project = scopes.project_db(booking["project_id"])
    sheet = await services.store.get(project, f"call_sheet:{day}")
    if cmd.method == "set_code" and sheet and sheet.get("set_code") and cmd.set_code.strip() != sheet["set_code"]:
        raise Rejected("That is not today's set code. Check the code the AD shows on set and send CHECKIN again.")
    if cmd.method == "location":
        if cmd.position is None:
            raise Rejected("Share your location from the set, or type the set code the AD shows.")
        require_on_set(sheet, cmd.position)  # within the set's radius, or refused with how far
    record = {
        "_id": f"check_in:{cmd.booking_id}:{day}",
        "type": "check_in_record",
        "booking_id": cmd.booking_id,
        "person_id": cmd.person_id,
        "day": day,
        "at": cmd.at.isoformat(),
        "received_at": services.clock.now().isoformat(),
        "method": cmd.method,
        "set_code": cmd.set_code.strip(),
        "position": list(cmd.position) if cmd.position else None,
        "source_intent": cmd.intent_id,
    }
    stored = await services.store.create(project, record)
    if stored["source_intent"] != cmd.intent_id:
        raise Rejected("You already checked in on {day} at {time}.", day=day, time=stored["at"][11:16])
    await _log_attendance(services, project, day, "check_ins", stored)
    return Result(ref=record["_id"], events=[CheckedIn(cmd.booking_id, cmd.person_id, day)])


async def check_out(cmd: CheckOut, services: Services) -> Result:
    booking = await _own_booking(services, cmd.person_id, cmd.booking_id)
    project = scopes.project_db(booking["project_id"])
    # After a night shoot the check-out falls on the next date: it belongs to the day checked in.
    for day in (cmd.at.date(), cmd.at.date() - timedelta(days=1)):
        checked_in = await services.store.get(project, f"check_in:{cmd.booking_id}:{day.isoformat()}")
        if checked_in is not None:
            break
    day = day.isoformat()
    if checked_in is None:
        raise Rejected("You did not check in on {day}, so there is nothing to check out of.",
                       day=cmd.at.date().isoformat())
    if cmd.at < datetime.fromisoformat(checked_in["at"]):
        raise Rejected("You checked in at {time}; checking out must come after that.", time=checked_in["at"][11:16])
    record = {
        "_id": f"check_out:{cmd.booking_id}:{day}",
        "type": "check_out_record",
        "booking_id": cmd.booking_id,
        "person_id": cmd.person_id,
        "day": day,
        "at": cmd.at.isoformat(),
        "received_at": services.clock.now().isoformat(),
        "source_intent": cmd.intent_id,
    }
    stored = await services.store.create(project, record)
    if stored["source_intent"] != cmd.intent_id:
        raise Rejected("You already checked out on {day} at {time}.", day=day, time=stored["at"][11:16])
    await _log_attendance(services, project, day, "check_outs", stored)
    return Result(ref=record["_id"], events=[CheckedOut(cmd.booking_id, cmd.person_id, day)])


async def _log_attendance(services: Services, project: str, day: str, kind: str, record: dict) -> None:
    """The day's attendance document: every check-in and check-out of the day in one place, for
    the check-in log and the production report (a record is written there once)."""
    await services.store.create(project, {
        "_id": f"attendance:{day}", "type": "attendance", "day": day, "check_ins": [], "check_outs": [],
    })
    entry = {key: value for key, value in record.items() if key not in ("_id", "_rev")}

    def add(doc: dict) -> dict | None:
        if any(r["booking_id"] == entry["booking_id"] for r in doc[kind]):
            return None
        return {**doc, kind: [*doc[kind], entry]}

    await services.store.update(project, f"attendance:{day}", add)


async def _own_booking(services: Services, person_id: str, booking_id: str) -> dict:
    """The authoritative booking, checked to be this person's."""
    mine = await services.store.get(scopes.user_db(person_id), f"booking:{booking_id}")
    if mine is None:
        raise Rejected("We cannot find that booking. Send STATUS to see your bookings.")
    booking = await services.store.get(scopes.project_db(mine["project_id"]), f"booking:{booking_id}")
    if booking is None or booking["person_id"] != person_id:
        raise Rejected("We cannot find that booking. Send STATUS to see your bookings.")
    return booking
