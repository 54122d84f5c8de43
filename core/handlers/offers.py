"""Offers: the production offers an applicant the job until a deadline; the applicant accepts
(and is booked exactly as a direct hire books them) or declines.

The offer is "offer:<application_id>" in the office database (authoritative) and in the
applicant's; its status is open, then accepted, declined, expired, or cancelled (the
production declined the application while the offer was open).
"""
from datetime import datetime

from core import scopes
from core.application_status import OFFERED, WITHDRAWN
from core.bus import Result, Services
from core.commands import Hire
from core.errors import Rejected
from core.handlers.applications import (
    close_offer, move, office_application, own_application, require_move_unless_retry, tell,
)
from core.handlers.hiring import hire
from core.handlers.team import team_member
from core.ids import derived_id
from core.offer_commands import FEEDBACK_MAX_CHARS, AcceptOffer, DeclineOffer, MakeOffer
from core.ports import OutboundMessage
from core.project_roles import HIRE, HIRE_OWN_DEPARTMENT, require_in_department

# An answer to an offer already closed, one whole sentence per status it closed with.
ALREADY_CLOSED = {
    "accepted": lambda: Rejected("This offer is already accepted."),
    "declined": lambda: Rejected("This offer is already declined."),
    "cancelled": lambda: Rejected("This offer is already cancelled."),
}


async def make_offer(cmd: MakeOffer, services: Services) -> Result:
    application, job_post = await office_application(
        services, cmd.project_id, cmd.by, cmd.application_id, "make offers to"
    )
    office, now = scopes.office_db(cmd.project_id), services.clock.now()
    earlier = await services.store.get(office, f"offer:{cmd.application_id}")
    is_retry = earlier is not None and earlier["source_intent"] == cmd.intent_id
    if cmd.expires_at.tzinfo is None:
        raise Rejected("The offer's deadline needs a time zone, e.g. 2026-12-01T18:00:00+01:00.")
    if cmd.expires_at <= now and not is_retry:
        raise Rejected("The offer's deadline has already passed: give a later one.")
    require_move_unless_retry(application, OFFERED, cmd.intent_id)
    offer = {
        "_id": f"offer:{cmd.application_id}",
        "type": "offer",
        "offer_id": cmd.application_id,
        "application_id": cmd.application_id,
        "project_id": cmd.project_id,
        "project_title": job_post["project_title"],
        "job_post_id": job_post["job_post_id"],
        "job_title": job_post["title"],
        "person_id": application["person_id"],
        "applicant": application["applicant"],
        "start_date": job_post["start_date"],
        "end_date": job_post["end_date"],
        "rate": job_post["rate"],
        "rate_per": job_post["rate_per"],
        "note": cmd.note.strip()[:FEEDBACK_MAX_CHARS],
        "expires_at": cmd.expires_at.isoformat(),
        "status": "open",
        "made_by": cmd.by,
        "source_intent": cmd.intent_id,
        "created_at": now.isoformat(),
    }
    stored = await services.store.create(office, offer)
    if stored["source_intent"] != cmd.intent_id:
        if not application["applicant"]["name"]:
            raise Rejected("This applicant already has an offer for {job}.", job=job_post["title"])
        raise Rejected("{name} already has an offer for {job}.", name=application["applicant"]["name"],
                       job=job_post["title"])
    await services.store.create(scopes.user_db(application["person_id"]), stored)
    await move(services, application, OFFERED, cmd.intent_id, cmd.by)
    params = {"project_title": job_post["project_title"], "offer_id": cmd.application_id,
              "expires_at": _said(offer["expires_at"]), "note": offer["note"]}
    await tell(services, "offer_made", application, cmd.intent_id, params)
    return Result(ref=cmd.application_id)


async def accept_offer(cmd: AcceptOffer, services: Services) -> Result:
    offer = await _own_offer(services, cmd.person_id, cmd.offer_id)
    booking_id = derived_id("booking", offer["application_id"])
    made = await services.store.get(scopes.project_db(offer["project_id"]), f"booking:{booking_id}")
    # A retry of this same acceptance carries on even past the deadline: it was accepted in time.
    is_retry = offer.get("answered_by") == cmd.intent_id or (made or {}).get("source_intent") == cmd.intent_id
    if not is_retry:
        await _require_open(services, offer)
        await _require_maker_still_hires(services, offer)
    # The booking is made as a direct hire makes it, in the name of whoever made the offer.
    hired = await hire(Hire(cmd.intent_id, offer["project_id"], offer["made_by"], offer["application_id"]), services)
    await _answer(services, offer, "accepted", cmd.intent_id, booking_id=hired.ref)
    await _tell_office(services, offer, "offer_accepted", cmd.intent_id, {})
    return Result(ref=hired.ref, events=hired.events)


async def decline_offer(cmd: DeclineOffer, services: Services) -> Result:
    offer = await _own_offer(services, cmd.person_id, cmd.offer_id)
    if offer.get("answered_by") != cmd.intent_id:
        await _require_open(services, offer)
    reason = cmd.reason.strip()[:FEEDBACK_MAX_CHARS]
    application = await own_application(services, cmd.person_id, offer["application_id"])
    await move(services, application, WITHDRAWN, cmd.intent_id, cmd.person_id)
    await _answer(services, offer, "declined", cmd.intent_id, reason=reason)
    await _tell_office(services, offer, "offer_declined", cmd.intent_id, {"reason": reason})
    return Result(ref=cmd.offer_id)


async def _own_offer(services: Services, person_id: str, offer_id: str) -> dict:
    """The office's copy of an offer made to this person; anyone else's is refused."""
    mine = await services.store.get(scopes.user_db(person_id), f"offer:{offer_id}")
    if mine is None or mine["person_id"] != person_id:
        raise Rejected("That offer is not yours.")
    return await services.store.get(scopes.office_db(mine["project_id"]), f"offer:{offer_id}")


async def _require_open(services: Services, offer: dict) -> None:
    """Refuse an answer to an offer that is no longer open; one past its deadline is marked expired."""
    if offer["status"] == "open" and services.clock.now() > datetime.fromisoformat(offer["expires_at"]):
        await close_offer(services, offer, "expired")
        offer = {**offer, "status": "expired"}
    if offer["status"] == "expired":
        raise Rejected("This offer expired on {day}.", day=_said(offer["expires_at"]))
    if offer["status"] in ALREADY_CLOSED:
        raise ALREADY_CLOSED[offer["status"]]()
    if offer["status"] != "open":
        raise Rejected("This offer is already {status}.", status=offer["status"])


async def _require_maker_still_hires(services: Services, offer: dict) -> None:
    """hire() checks that the offer's maker may hire; if they lost the role since, say so in
    words for the applicant rather than hire()'s words for the office."""
    job_post = await services.store.get(scopes.office_db(offer["project_id"]), f"job_post:{offer['job_post_id']}")
    roles, departments = await team_member(services, offer["project_id"], offer["made_by"])
    try:
        require_in_department(roles, departments, HIRE, HIRE_OWN_DEPARTMENT, job_post["department"], "hire")
    except Rejected as error:
        raise Rejected(
            "This offer can no longer be accepted: whoever made it no longer hires for the production. "
            "Ask the production office to offer it again."
        ) from error


async def _answer(services: Services, offer: dict, status: str, intent_id: str, **fields) -> None:
    at = services.clock.now().isoformat()

    def change(copy: dict) -> dict | None:
        if copy.get("answered_by") == intent_id:
            return None
        return {**copy, **fields, "status": status, "answered_by": intent_id, "answered_at": at}

    for db in (scopes.office_db(offer["project_id"]), scopes.user_db(offer["person_id"])):
        await services.store.update(db, offer["_id"], change)


async def _tell_office(services: Services, offer: dict, template: str, intent_id: str, params: dict) -> None:
    """Whoever made the offer hears the answer."""
    await services.outbox.queue(
        OutboundMessage(
            message_id=f"{template}.{offer['offer_id']}.{intent_id}",
            person_id=offer["made_by"],
            template=template,
            params={"job_title": offer["job_title"], "project_title": offer["project_title"],
                    "applicant": offer["applicant"]["name"], **params},
        )
    )


def _said(moment: str) -> str:
    """A deadline as people say it, in the time zone it was given in: "4 December 2026 at 18:00"."""
    at = datetime.fromisoformat(moment)
    return f"{at.day} {at:%B %Y at %H:%M}"
