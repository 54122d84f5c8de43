"""Casting calls: the part, its rate and dates, and how to send a self-tape; actors apply to them.

A casting call is kept as the directory's "casting_call:<id>" (what actors browse) and the
office's copy. An application to one has the shape of a job application (core/handlers/hiring.py),
with `job_post_id` holding the casting call's id, so the status table, shortlisting and the
applicant's screen treat both alike; `casting_call_id` says which kind it is.
"""
from datetime import datetime

from core import scopes
from core.bus import Result, Services
from core.casting_commands import ApplyToCastingCall, PostCastingCall
from core.errors import Rejected
from core.events import ApplicationReceived
from core.handlers.hiring import MAX_SLOTS, RATE_PERIODS
from core.handlers.people import person_card
from core.handlers.projects import project_doc
from core.handlers.team import project_roles_of
from core.handlers.transcripts import queue_transcriptions
from core.ids import derived_id, job_code
from core.project_roles import POST_JOBS, require

CASTING_DEPARTMENT = "cast"
ROLE_NAME_MAX_CHARS = 120
DESCRIPTION_MAX_CHARS = 2000
SELF_TAPE_INSTRUCTIONS_MAX_CHARS = 2000
SELF_TAPE_LINK_MAX_CHARS = 500
NOTE_MAX_CHARS = 1000
PLAYING_AGE_YEARS = (0, 100)
GENDERS = ("", "female", "male", "any")


async def post_casting_call(cmd: PostCastingCall, services: Services) -> Result:
    project = await project_doc(services, cmd.project_id)
    # Casting is the producer's and first AD's work, the same right as posting any job.
    require(await project_roles_of(services, cmd.project_id, cmd.posted_by), POST_JOBS, "post a casting call")
    casting_call_id = derived_id("casting_call", cmd.intent_id)
    office = scopes.office_db(cmd.project_id)
    if await services.store.get(office, f"casting_call:{casting_call_id}") is None:
        _check_casting_fields(cmd, services.clock.now())  # a retry is not judged against a later clock
    casting_call = {
        "_id": f"casting_call:{casting_call_id}",
        "type": "casting_call",
        "casting_call_id": casting_call_id,
        "code": job_code(casting_call_id),
        "project_id": cmd.project_id,
        "project_title": project["title"],
        "title": cmd.role_name.strip(),  # the name other marketplace code shows
        "role_name": cmd.role_name.strip(),
        "department": CASTING_DEPARTMENT,
        "character_description": cmd.character_description.strip(),
        "playing_age": {"min": cmd.playing_age_min, "max": cmd.playing_age_max},
        "gender": cmd.gender,
        "languages": [lang.strip() for lang in cmd.languages if lang.strip()],
        "rate": cmd.rate.to_doc(),
        "rate_per": cmd.rate_per,
        "start_date": cmd.shoot_start.isoformat(),
        "end_date": cmd.shoot_end.isoformat(),
        "location": {"city": cmd.city, "state": cmd.state},
        "self_tape_instructions": cmd.self_tape_instructions.strip(),
        "self_tape_deadline": cmd.self_tape_deadline.isoformat(),
        "slots": cmd.slots,
        "hired": [],
        "status": "open",
        "posted_by": cmd.posted_by,
        "source_intent": cmd.intent_id,
        "created_at": services.clock.now().isoformat(),
    }
    await services.store.create(scopes.DIRECTORY, casting_call)
    await services.store.create(office, casting_call)
    return Result(ref=casting_call_id)


def _check_casting_fields(cmd: PostCastingCall, now: datetime) -> None:
    if not 1 <= len(cmd.role_name.strip()) <= ROLE_NAME_MAX_CHARS:
        raise Rejected("A casting call needs the part's name, 1 to {limit} characters.", limit=ROLE_NAME_MAX_CHARS)
    if len(cmd.character_description) > DESCRIPTION_MAX_CHARS:
        raise Rejected("Describe the character in at most {limit} characters.", limit=DESCRIPTION_MAX_CHARS)
    low, high = PLAYING_AGE_YEARS
    if not low <= cmd.playing_age_min <= cmd.playing_age_max <= high:
        raise Rejected("The playing age is a range from {youngest} to {oldest} years, youngest first.",
                       youngest=low, oldest=high)
    if cmd.gender not in GENDERS:
        raise Rejected("The gender of the part is female, male, any, or left out.")
    if cmd.rate.amount_minor <= 0:
        raise Rejected("The rate must be more than zero.")
    if cmd.rate_per not in RATE_PERIODS:
        raise Rejected("The rate is per day, per hour or per job.")
    if cmd.shoot_end < cmd.shoot_start:
        raise Rejected("The shoot ends before it starts: check the dates.")
    if len(cmd.self_tape_instructions) > SELF_TAPE_INSTRUCTIONS_MAX_CHARS:
        raise Rejected("Self-tape instructions are at most {limit} characters.", limit=SELF_TAPE_INSTRUCTIONS_MAX_CHARS)
    if cmd.self_tape_deadline.tzinfo is None:
        raise Rejected("The self-tape deadline needs a time zone.")
    if cmd.self_tape_deadline <= now:
        raise Rejected("The self-tape deadline has already passed: choose a later one.")
    if not 1 <= cmd.slots <= MAX_SLOTS:
        raise Rejected("A casting call has 1 to {limit} places.", limit=MAX_SLOTS)


async def apply_to_casting_call(cmd: ApplyToCastingCall, services: Services) -> Result:
    applicant = await person_card(services, cmd.person_id)
    casting_call = await services.store.get(scopes.DIRECTORY, f"casting_call:{cmd.casting_call_id}")
    if casting_call is None:
        raise Rejected("That casting call does not exist.")
    application_id = f"{cmd.casting_call_id}.{cmd.person_id}"
    office = scopes.office_db(casting_call["project_id"])
    earlier = await services.store.get(office, f"application:{application_id}")
    if earlier is not None and earlier["source_intent"] != cmd.intent_id:
        raise Rejected("You have already applied for {role}.", role=casting_call["role_name"])
    if earlier is None:
        _check_still_open(casting_call, services.clock.now())
    if len(cmd.self_tape_link) > SELF_TAPE_LINK_MAX_CHARS:
        raise Rejected("A self-tape link is at most {limit} characters.", limit=SELF_TAPE_LINK_MAX_CHARS)
    application = {
        "_id": f"application:{application_id}",
        "type": "application",
        "application_id": application_id,
        "job_post_id": cmd.casting_call_id,
        "casting_call_id": cmd.casting_call_id,
        "project_id": casting_call["project_id"],
        "job_title": casting_call["role_name"],
        "person_id": cmd.person_id,
        "applicant": {"name": applicant["name"], "department": applicant["department"]},
        "note": cmd.note[:NOTE_MAX_CHARS],
        "self_tape_link": cmd.self_tape_link.strip(),
        "media": list(cmd.media),
        "status": "received",
        "source_intent": cmd.intent_id,
        "created_at": services.clock.now().isoformat(),
    }
    stored = await services.store.create(office, application)
    if stored["source_intent"] != cmd.intent_id:  # another intent got there between our read and write
        raise Rejected("You have already applied for {role}.", role=casting_call["role_name"])
    await services.store.create(scopes.user_db(cmd.person_id), stored)
    await queue_transcriptions(services, stored)
    event = ApplicationReceived(application_id, cmd.person_id, casting_call["role_name"], casting_call["project_title"])
    return Result(ref=application_id, events=[event])


def _check_still_open(casting_call: dict, now: datetime) -> None:
    if casting_call["status"] != "open":
        raise Rejected("The casting call for {role} is no longer open.", role=casting_call["role_name"])
    if datetime.fromisoformat(casting_call["self_tape_deadline"]) <= now:
        raise Rejected("The casting call for {role} closed at its self-tape deadline.", role=casting_call["role_name"])
