"""An application's life after it is received: shortlisted, invited to audition, declined by the
production or withdrawn by the applicant, each move checked against core/application_status.py.

The office's copy of the application is the authoritative one; the applicant's copy in their
own database follows it, so feedback reaches their screen as well as their phone.
"""
from core import scopes
from core.application_status import AUDITIONING, DECLINED, SHORTLISTED, WITHDRAWN, moved, require_move
from core.bus import Result, Services
from core.errors import Rejected
from core.handlers.team import team_member
from core.offer_commands import (
    FEEDBACK_MAX_CHARS, DeclineApplication, InviteToAudition, Shortlist, WithdrawApplication,
)
from core.ports import OutboundMessage
from core.project_roles import HIRE, HIRE_OWN_DEPARTMENT, require_in_department

# Which template tells the applicant of each move the production makes (wording: bots/replies.py).
TEMPLATES = {
    SHORTLISTED: "application_shortlisted", AUDITIONING: "audition_invitation", DECLINED: "application_declined",
}


async def shortlist(cmd: Shortlist, services: Services) -> Result:
    return await _office_move(cmd, SHORTLISTED, "shortlist", services)


async def invite_to_audition(cmd: InviteToAudition, services: Services) -> Result:
    return await _office_move(cmd, AUDITIONING, "invite to audition", services)


async def decline_application(cmd: DeclineApplication, services: Services) -> Result:
    return await _office_move(cmd, DECLINED, "decline", services)


async def withdraw_application(cmd: WithdrawApplication, services: Services) -> Result:
    application = await own_application(services, cmd.person_id, cmd.application_id)
    await move(services, application, WITHDRAWN, cmd.intent_id, cmd.person_id)
    await close_offer(services, application, "declined")
    await tell(services, "application_withdrawn", application, cmd.intent_id, {})
    return Result(ref=cmd.application_id)


async def _office_move(cmd, wanted: str, doing: str, services: Services) -> Result:
    application, job_post = await office_application(services, cmd.project_id, cmd.by, cmd.application_id, doing)
    feedback = cmd.feedback.strip()[:FEEDBACK_MAX_CHARS]
    await move(services, application, wanted, cmd.intent_id, cmd.by, feedback)
    if wanted == DECLINED:
        await close_offer(services, application, "cancelled")
    params = {"project_title": job_post["project_title"], "feedback": feedback}
    await tell(services, TEMPLATES[wanted], application, cmd.intent_id, params)
    return Result(ref=cmd.application_id)


async def office_application(
    services: Services, project_id: str, by: str, application_id: str, doing: str
) -> tuple[dict, dict]:
    """The application and its job post, once `by` is found to hire for the job's department."""
    office = scopes.office_db(project_id)
    application = await services.store.get(office, f"application:{application_id}")
    if application is None:
        raise Rejected("That application is not in this project.")
    job_post = await services.store.get(office, f"job_post:{application['job_post_id']}")
    if job_post is None and application.get("casting_call_id"):  # a casting call: the same shape
        job_post = await services.store.get(office, f"casting_call:{application['casting_call_id']}")
    roles, departments = await team_member(services, project_id, by)
    require_in_department(
        roles, departments, HIRE, HIRE_OWN_DEPARTMENT, job_post["department"],
        f"{doing} applicants for {job_post['title']}",
    )
    return application, job_post


async def own_application(services: Services, person_id: str, application_id: str) -> dict:
    """The office's copy of an application the person made; anyone else's is refused."""
    mine = await services.store.get(scopes.user_db(person_id), f"application:{application_id}")
    if mine is None or mine["person_id"] != person_id:
        raise Rejected("That application is not yours.")
    return await services.store.get(scopes.office_db(mine["project_id"]), f"application:{application_id}")


async def move(
    services: Services, application: dict, wanted: str, intent_id: str, by: str, feedback: str = ""
) -> dict:
    """Move the office's copy (checked against the table), then mirror it in the applicant's."""
    at = services.clock.now().isoformat()
    office = scopes.office_db(application["project_id"])
    require_move_unless_retry(application, wanted, intent_id)
    stored = await services.store.update(
        office, application["_id"], lambda current: moved(current, wanted, intent_id, by, at, feedback)
    )
    await services.store.update(scopes.user_db(application["person_id"]), application["_id"], _mirror(stored))
    return stored


def require_move_unless_retry(application: dict, wanted: str, intent_id: str) -> None:
    """Check before anything is written, so a refused move leaves no trace elsewhere."""
    if not any(step["intent"] == intent_id for step in application.get("history", [])):
        require_move(application["status"], wanted, application["job_title"])


def _mirror(office_copy: dict):
    fields = ("status", "history", "feedback", "booking_id")

    def change(copy: dict) -> dict | None:
        wanted = {key: office_copy[key] for key in fields if key in office_copy}
        if all(copy.get(key) == value for key, value in wanted.items()):
            return None
        return {**copy, **wanted}

    return change


async def close_offer(services: Services, application: dict, status: str) -> None:
    """An open offer ends with its application: "cancelled" by the production, "declined" by the
    applicant. A missing, accepted or already closed offer stays as it is."""
    at = services.clock.now().isoformat()

    def change(offer: dict) -> dict | None:
        if offer["status"] != "open":
            return None
        return {**offer, "status": status, "closed_at": at}

    offer_id = f"offer:{application['application_id']}"
    for db in (scopes.office_db(application["project_id"]), scopes.user_db(application["person_id"])):
        if await services.store.get(db, offer_id) is not None:
            await services.store.update(db, offer_id, change)


async def tell(services: Services, template: str, application: dict, intent_id: str, params: dict) -> None:
    await services.outbox.queue(
        OutboundMessage(
            message_id=f"{template}.{application['application_id']}.{intent_id}",
            person_id=application["person_id"],
            template=template,
            params={"job_title": application["job_title"], **params},
        )
    )
