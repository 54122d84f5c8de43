"""Job posts, applications and hiring: the marketplace's first slice."""
from core import scopes
from core.bus import Result, Services
from core.commands import ApplyForJob, Hire, PostJob
from core.errors import Rejected
from core.events import ApplicationReceived, BookingMade
from core.handlers.booked_days import free_days, show_booked_days, take_days
from core.handlers.people import person_card
from core.handlers.projects import project_doc
from core.handlers.team import team_member
from core.handlers.transcripts import queue_transcriptions
from core.ids import derived_id, job_code
from core.project_roles import HIRE, HIRE_OWN_DEPARTMENT, POST_JOBS, POST_OWN_DEPARTMENT_JOBS, require_in_department

MAX_SLOTS = 50
RATE_PERIODS = {"day", "hour", "job"}


async def post_job(cmd: PostJob, services: Services) -> Result:
    project = await project_doc(services, cmd.project_id)
    roles, departments = await team_member(services, cmd.project_id, cmd.posted_by, project)
    require_in_department(
        roles, departments, POST_JOBS, POST_OWN_DEPARTMENT_JOBS, cmd.department, "post this job"
    )
    _check_job_fields(cmd)
    job_post_id = derived_id("job_post", cmd.intent_id)
    job_post = {
        "_id": f"job_post:{job_post_id}",
        "type": "job_post",
        "job_post_id": job_post_id,
        "code": job_code(job_post_id),
        "project_id": cmd.project_id,
        "project_title": project["title"],
        "title": cmd.title.strip(),
        "department": cmd.department,
        "start_date": cmd.start_date.isoformat(),
        "end_date": cmd.end_date.isoformat(),
        "call_time": cmd.call_time.strftime("%H:%M"),
        "rate": cmd.rate.to_doc(),
        "rate_per": cmd.rate_per,
        "location": {"city": cmd.city, "state": cmd.state},
        "slots": cmd.slots,
        "hired": [],
        "status": "open",
        "posted_by": cmd.posted_by,
        "source_intent": cmd.intent_id,
        "created_at": services.clock.now().isoformat(),
    }
    await services.store.create(scopes.DIRECTORY, job_post)
    await services.store.create(scopes.office_db(cmd.project_id), job_post)
    return Result(ref=job_post_id)


def _check_job_fields(cmd: PostJob) -> None:
    if not 1 <= len(cmd.title.strip()) <= 120:
        raise Rejected("A job needs a title of 1 to 120 characters.")
    if cmd.end_date < cmd.start_date:
        raise Rejected("The job ends before it starts: check the dates.")
    if cmd.rate.amount_minor <= 0:
        raise Rejected("The rate must be more than zero.")
    if cmd.rate_per not in RATE_PERIODS:
        raise Rejected("The rate is per day, per hour or per job.")
    if not 1 <= cmd.slots <= MAX_SLOTS:
        raise Rejected("A job post has 1 to {limit} places.", limit=MAX_SLOTS)


async def apply_for_job(cmd: ApplyForJob, services: Services) -> Result:
    applicant = await person_card(services, cmd.person_id)
    job_post = await services.store.get(scopes.DIRECTORY, f"job_post:{cmd.job_post_id}")
    if job_post is None:
        raise Rejected("That job does not exist. Send JOBS to see open jobs.")
    application_id = f"{cmd.job_post_id}.{cmd.person_id}"
    office = scopes.office_db(job_post["project_id"])
    earlier = await services.store.get(office, f"application:{application_id}")
    is_retry = earlier is not None and earlier["source_intent"] == cmd.intent_id
    if job_post["status"] != "open" and not is_retry:
        raise Rejected("The job {job} is no longer open.", job=job_post["title"])
    application = await _create_once(
        services,
        office,
        {
            "_id": f"application:{application_id}",
            "type": "application",
            "application_id": application_id,
            "job_post_id": cmd.job_post_id,
            "project_id": job_post["project_id"],
            "job_title": job_post["title"],
            "person_id": cmd.person_id,
            "applicant": {"name": applicant["name"], "department": applicant["department"]},
            "note": cmd.note[:1000],
            "media": list(cmd.media),
            "status": "received",
            "source_intent": cmd.intent_id,
            "created_at": services.clock.now().isoformat(),
        },
        already=Rejected("You have already applied for this job."),
    )
    await services.store.create(scopes.user_db(cmd.person_id), application)
    await queue_transcriptions(services, application)
    event = ApplicationReceived(
        application_id, cmd.person_id, job_post["title"], job_post["project_title"]
    )
    return Result(ref=application_id, events=[event])


async def hire(cmd: Hire, services: Services) -> Result:
    office = scopes.office_db(cmd.project_id)
    application = await services.store.get(office, f"application:{cmd.application_id}")
    if application is None:
        raise Rejected("That application is not in this project.")
    person_id = application["person_id"]
    name = application["applicant"]["name"] or "This person"
    job_post_id = f"job_post:{application['job_post_id']}"
    job_post = await services.store.get(scopes.DIRECTORY, job_post_id)
    roles, departments = await team_member(services, cmd.project_id, cmd.hired_by)
    require_in_department(
        roles, departments, HIRE, HIRE_OWN_DEPARTMENT, job_post["department"], f"hire for {job_post['title']}"
    )
    booking = _booking(cmd, application, job_post, services.clock.now().isoformat())
    # The person's days are taken first, then the place, each in one conditional write (on the
    # person's calendar, then on the authoritative job post), so two hires processed at once
    # can never both book the person on a day nor both take the last place. A retry finds both
    # taken by this booking and carries on.
    made = await services.store.get(scopes.project_db(cmd.project_id), booking["_id"])
    if made is None:
        overridden = await take_days(services, booking, cmd.override_availability, name)
        if overridden:
            booking["availability_override"] = {"by": cmd.hired_by, "at": booking["created_at"], "clashes": overridden}
    try:
        job_post = await services.store.update(scopes.DIRECTORY, job_post_id, _take_place(person_id))
    except Rejected:
        if made is None:
            await free_days(services, booking)
        raise
    booking = await _create_once(
        services, scopes.project_db(cmd.project_id), booking,
        already=Rejected("{name} is already booked for this job.", name=name),
    )
    await services.spaces.grant_roles(person_id, [scopes.member_role(cmd.project_id)])
    await services.store.create(scopes.user_db(person_id), booking)
    for db in (office, scopes.user_db(person_id)):  # the producer's copy and the applicant's
        await services.store.update(db, application["_id"], _mark_hired(booking["booking_id"]))
    await services.store.update(office, job_post_id, lambda copy: _mirror(copy, job_post))
    await show_booked_days(services, booking)
    return Result(ref=booking["booking_id"], events=[BookingMade(booking["booking_id"], person_id)])


def _booking(cmd: Hire, application: dict, job_post: dict, now: str) -> dict:
    booking_id = derived_id("booking", cmd.application_id)
    return {
        "_id": f"booking:{booking_id}",
        "type": "booking",
        "booking_id": booking_id,
        "project_id": cmd.project_id,
        "project_title": job_post["project_title"],
        "job_post_id": job_post["job_post_id"],
        "application_id": cmd.application_id,
        "person_id": application["person_id"],
        "role": job_post["title"],
        "start_date": job_post["start_date"],
        "end_date": job_post["end_date"],
        "call_time": job_post["call_time"],
        "location": job_post["location"],
        "rate": job_post["rate"],
        "rate_per": job_post["rate_per"],
        "status": "awaiting_confirmation",
        "hired_by": cmd.hired_by,
        "source_intent": cmd.intent_id,
        "created_at": now,
    }


def _mark_hired(booking_id: str):
    def change(application: dict) -> dict | None:
        if application["status"] == "hired":
            return None
        return {**application, "status": "hired", "booking_id": booking_id}

    return change


def _take_place(person_id: str):
    def change(job_post: dict) -> dict | None:
        if person_id in job_post["hired"]:
            return None
        if len(job_post["hired"]) >= job_post["slots"]:
            raise Rejected("All {places} places for {job} are filled.", places=job_post["slots"], job=job_post["title"])
        hired = [*job_post["hired"], person_id]
        status = "filled" if len(hired) >= job_post["slots"] else "open"
        return {**job_post, "hired": hired, "status": status}

    return change


def _mirror(copy: dict, job_post: dict) -> dict | None:
    """The office's copy follows the directory's on the fields hiring changes."""
    if (copy["hired"], copy["status"]) == (job_post["hired"], job_post["status"]):
        return None
    return {**copy, "hired": job_post["hired"], "status": job_post["status"]}


async def _create_once(services: Services, db: str, doc: dict, already: Rejected) -> dict:
    """Create `doc`; a copy from this same intent is a retry, one from another intent `already`."""
    stored = await services.store.create(db, doc)
    if stored.get("source_intent") != doc["source_intent"]:
        raise already
    return stored
