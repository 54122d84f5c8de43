"""Reputation: reviews both ways after a finished booking, and dispute flags on a booking.

A booking has two sides: the person booked, and the production (its producer, or an office
member who may hire for that department). Each side reviews the other once per booking: the
review's id is the booking's and the side's, so a second office member finds it written.
A crew member's review of the production counts towards the producer's rating and names the
project. Disputes are recorded here; admins resolve them later (not built yet).
"""
from core import scopes
from core.bus import Result, Services
from core.errors import Rejected
from core.handlers.people import person_card
from core.handlers.ratings import count_review
from core.handlers.team import team_member
from core.project_roles import HIRE, HIRE_OWN_DEPARTMENT, require_in_department
from core.reputation import BY_BOOKED, BY_PRODUCTION, check_dispute_reason, check_finished, check_review
from core.reputation_commands import FlagDispute, ReviewBooking

NO_BOOKING = "We cannot find that booking. Send STATUS to see your bookings."


async def review_booking(cmd: ReviewBooking, services: Services) -> Result:
    booking = await booking_of(services, cmd.booking_id, cmd.reviewer_id, cmd.project_id)
    side = await _side(services, booking, cmd.reviewer_id, "review this booking")
    check_review(side, cmd.stars, cmd.text, cmd.tags)
    check_finished(booking, services.clock.now())
    reviewer = await person_card(services, cmd.reviewer_id)
    project = await services.store.get(scopes.project_db(booking["project_id"]), "project")
    reviewed_id = project["producer_id"] if side == BY_BOOKED else booking["person_id"]
    review_id = f"{cmd.booking_id}:{side}"
    review = {
        "_id": f"review:{review_id}",
        "type": "review",
        "review_id": review_id,
        "booking_id": cmd.booking_id,
        "direction": side,
        "project_id": booking["project_id"],
        "project_title": booking["project_title"],
        "role": booking["role"],
        "reviewer_id": cmd.reviewer_id,
        "reviewer_name": reviewer["name"],
        "reviewed_id": reviewed_id,
        "stars": cmd.stars,
        "text": cmd.text.strip(),
        "tags": sorted(set(cmd.tags)),
        "source_intent": cmd.intent_id,
        "created_at": services.clock.now().isoformat(),
    }
    stored = await services.store.create(scopes.project_db(booking["project_id"]), review)
    if stored["source_intent"] != cmd.intent_id:
        if stored["reviewer_id"] == cmd.reviewer_id:
            raise Rejected("You have already reviewed this booking.")
        raise Rejected("{name} has already reviewed this booking.", name=stored["reviewer_name"])
    # A retry carries on from here: the copy and the count are each written once.
    await services.store.create(scopes.user_db(reviewed_id), stored)
    await count_review(services, reviewed_id, review_id, stored["stars"])
    return Result(ref=review_id)


async def flag_dispute(cmd: FlagDispute, services: Services) -> Result:
    booking = await booking_of(services, cmd.booking_id, cmd.by, cmd.project_id)
    side = await _side(services, booking, cmd.by, "flag a dispute on this booking")
    reason = check_dispute_reason(cmd.reason)
    dispute_id = f"{cmd.booking_id}:{side}"
    dispute = {
        "_id": f"dispute:{dispute_id}",
        "type": "dispute_flag",
        "dispute_id": dispute_id,
        "booking_id": cmd.booking_id,
        "project_id": booking["project_id"],
        "project_title": booking["project_title"],
        "booked_person_id": booking["person_id"],
        "side": side,
        "by": cmd.by,
        "reason": reason,
        "status": "open",  # admins resolve it (not built yet)
        "source_intent": cmd.intent_id,
        "created_at": services.clock.now().isoformat(),
    }
    # The admins' queue is in ops; each party sees the flag in a database of theirs.
    stored = await services.store.create(scopes.OPS, dispute)
    if stored["source_intent"] != cmd.intent_id:
        raise Rejected("This booking is already flagged from your side; an admin will look at it.")
    for db in (scopes.office_db(booking["project_id"]), scopes.user_db(booking["person_id"])):
        await services.store.create(db, stored)
    # The booking shows that a side flagged it, not why: the project database is read by all crew.
    for db in (scopes.project_db(booking["project_id"]), scopes.user_db(booking["person_id"])):
        await services.store.update(db, booking["_id"], _flagged(side))
    return Result(ref=dispute_id)


async def booking_of(services: Services, booking_id: str, person_id: str, project_id: str) -> dict:
    """The authoritative booking, found through the person's own copy or the project named."""
    if not project_id:
        mine = await services.store.get(scopes.user_db(person_id), f"booking:{booking_id}")
        if mine is None:
            raise Rejected(NO_BOOKING)
        project_id = mine["project_id"]
    try:
        project = scopes.project_db(project_id)
    except ValueError:
        raise Rejected(NO_BOOKING) from None
    booking = await services.store.get(project, f"booking:{booking_id}")
    if booking is None:
        raise Rejected(NO_BOOKING)
    return booking


async def _side(services: Services, booking: dict, person_id: str, doing: str) -> str:
    """Which party of the booking the person is; anyone else is refused."""
    if person_id == booking["person_id"]:
        return BY_BOOKED
    roles, departments = await team_member(services, booking["project_id"], person_id)
    job_post = await services.store.get(scopes.DIRECTORY, f"job_post:{booking['job_post_id']}")
    department = (job_post or {}).get("department", "")
    require_in_department(roles, departments, HIRE, HIRE_OWN_DEPARTMENT, department, doing)
    return BY_PRODUCTION


def _flagged(side: str):
    def change(booking: dict) -> dict | None:
        if side in booking.get("dispute_flags", []):
            return None
        return {**booking, "dispute_flags": sorted({*booking.get("dispute_flags", []), side})}

    return change
