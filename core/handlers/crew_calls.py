"""Producers and ADs from a chat: a quick crew call, who has confirmed for a shoot day, a
reminder to those who have not (once a day each), an announcement to the whole unit.

The project is the one the person runs; with several, they name it by its code. Their
project role decides (core/project_roles.py): posting needs post_jobs, the rest
send_call_sheets, the right of producers, first ADs and unit production managers."""
from datetime import date, time, timedelta

from core import scopes
from core.bus import Result, Services
from core.commands import PostJob
from core.errors import Rejected
from core.handlers.escrow_disputes import lagos_today
from core.handlers.hiring import post_job
from core.handlers.people import person_card
from core.handlers.team import team_member
from core.ids import derived_id, job_code
from core.money import Money
from core.ports import OutboundMessage
from core.project_roles import POST_JOBS, POST_OWN_DEPARTMENT_JOBS, SEND_CALL_SHEETS, may, require
from core.staff_chat_commands import (
    AnnounceToUnit, AskCallStatus, ChaseUnconfirmed, PostCrewCall, staff_reads,
)

CREW_CALL_TIME = time(7, 0)  # a quick call's default; the office edits the post for another
LIVE = ("awaiting_confirmation", "confirmed")
NAMES_LISTED = 8  # per line of an answer: an SMS stays within two segments or so
MAX_ANNOUNCEMENT_CHARS = 480


def project_code(project_id: str) -> str:
    return job_code(project_id)


async def acting_project(services: Services, person_id: str, wanted: str, actions: tuple[str, ...],
                         doing: str, not_staff: Rejected) -> dict:
    """The project doc the person acts on, their role there checked for one of `actions`;
    `not_staff` when they run no project that allows them (a whole sentence per command)."""
    candidates = await staff_reads(services).office_projects(person_id)
    if wanted:
        candidates = [p for p in candidates if wanted in (p, project_code(p)) or project_code(p) == wanted.upper()]
        if not candidates:
            raise Rejected("You run no project with the code {code}. Send the command without it to use yours.",
                           code=wanted)
    allowed = []
    for project_id in candidates:
        roles, _ = await team_member(services, project_id, person_id)
        if any(may(roles, action) for action in actions):
            allowed.append(project_id)
    if len(candidates) == 1 and not allowed:
        roles, _ = await team_member(services, candidates[0], person_id)
        require(roles, actions[0], doing)
    if not allowed:
        raise not_staff
    if len(allowed) > 1:
        raise Rejected("You run several projects ({codes}): add the code, e.g. @{code}.",
                       codes=", ".join(sorted(project_code(p) for p in allowed)), code=project_code(allowed[0]))
    project = await services.store.get(scopes.project_db(allowed[0]), "project")
    if project is None:
        raise Rejected("That project does not exist.")
    return project


def call_day(services: Services, raw: str) -> date:
    """The shoot day asked about: tomorrow in Lagos unless a date is given."""
    if not raw:
        return lagos_today(services) + timedelta(days=1)
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise Rejected("{text} is not a date: write it as 2026-12-01.", text=repr(raw)) from None


def answer(cmd, person_id: str, template: str, params: dict) -> OutboundMessage:
    return OutboundMessage(f"staff.{derived_id(cmd.intent_id)}", person_id, template, params)


async def post_crew_call(cmd: PostCrewCall, services: Services) -> Result:
    project = await acting_project(
        services, cmd.by, cmd.project, (POST_JOBS, POST_OWN_DEPARTMENT_JOBS), "post a crew call",
        Rejected("Only a project's producer, first AD or unit manager can post a crew call."))
    day = call_day(services, cmd.day)
    if day < lagos_today(services):
        raise Rejected("{day} has passed: give the date of the call.", day=day.isoformat())
    job = PostJob(cmd.intent_id, project["project_id"], cmd.by, cmd.role.strip(), cmd.department.strip().lower(),
                  day, day, CREW_CALL_TIME, Money(cmd.rate_minor, cmd.currency), "day", cmd.city, cmd.city)
    result = await post_job(job, services)
    await services.outbox.queue(answer(cmd, cmd.by, "crew_call_posted", {
        "role": job.title, "day": day.isoformat(), "rate": str(job.rate), "city": cmd.city,
        "code": job_code(result.ref), "project_title": project["title"]}))
    return result


async def booked_on(services: Services, project_id: str, day: date) -> list[dict]:
    iso = day.isoformat()
    bookings = await staff_reads(services).project_bookings(project_id)
    return [b for b in bookings if b.get("type") == "booking" and b["start_date"] <= iso <= b["end_date"]
            and b["status"] in (*LIVE, "declined")]


async def ask_call_status(cmd: AskCallStatus, services: Services) -> Result:
    project = await acting_project(
        services, cmd.by, cmd.project, (SEND_CALL_SHEETS,), "see who is called",
        Rejected("Only a project's producer, first AD or unit manager can see who is called."))
    day = call_day(services, cmd.day)
    booked = await booked_on(services, project["project_id"], day)
    base = {"project_title": project["title"], "day": day.isoformat()}
    if not booked:
        await services.outbox.queue(answer(cmd, cmd.by, "call_status_none", base))
        return Result(ref=project["project_id"])
    groups = {status: [b for b in booked if b["status"] == status]
              for status in ("confirmed", "awaiting_confirmation", "declined")}
    params = {**base, "confirmed_count": len(groups["confirmed"]),
              "waiting_count": len(groups["awaiting_confirmation"]), "declined_count": len(groups["declined"]),
              "confirmed": await _names(services, groups["confirmed"]),
              "waiting": await _names(services, groups["awaiting_confirmation"]),
              "declined": await _names(services, groups["declined"])}
    await services.outbox.queue(answer(cmd, cmd.by, "call_status", params))
    return Result(ref=project["project_id"])


async def chase_unconfirmed(cmd: ChaseUnconfirmed, services: Services) -> Result:
    project = await acting_project(
        services, cmd.by, cmd.project, (SEND_CALL_SHEETS,), "chase the crew",
        Rejected("Only a project's producer, first AD or unit manager can chase the crew."))
    day, today = call_day(services, cmd.day), lagos_today(services).isoformat()
    waiting = [b for b in await booked_on(services, project["project_id"], day)
               if b["status"] == "awaiting_confirmation"]
    reminded = skipped = 0
    for booking in waiting:
        # One reminder a person a day, whoever chases: the mark is made once, by its first chaser.
        mark = await services.store.create(scopes.OPS, {
            "_id": f"chase:{project['project_id']}:{today}:{booking['person_id']}", "type": "chase_mark",
            "project_id": project["project_id"], "person_id": booking["person_id"], "day": today,
            "by": cmd.by, "intent_id": cmd.intent_id, "at": services.clock.now().isoformat()})
        if mark["intent_id"] != cmd.intent_id:
            skipped += 1
            continue
        reminded += 1
        await services.outbox.queue(OutboundMessage(
            f"chase.{derived_id(cmd.intent_id, booking['person_id'])}", booking["person_id"], "call_reminder",
            {"project_title": project["title"], "day": day.isoformat(), "role": booking["role"],
             "booking_id": booking["booking_id"]}))
    await services.outbox.queue(answer(cmd, cmd.by, "chase_done", {
        "project_title": project["title"], "day": day.isoformat(), "reminded": reminded, "skipped": skipped}))
    return Result(ref=project["project_id"])


async def announce_to_unit(cmd: AnnounceToUnit, services: Services) -> Result:
    project = await acting_project(
        services, cmd.by, cmd.project, (SEND_CALL_SHEETS,), "send an announcement",
        Rejected("Only a project's producer, first AD or unit manager can send an announcement."))
    text = " ".join(cmd.text.split())
    if not 1 <= len(text) <= MAX_ANNOUNCEMENT_CHARS:
        raise Rejected("Write the announcement in 1 to {limit} characters.", limit=MAX_ANNOUNCEMENT_CHARS)
    sender = (await person_card(services, cmd.by)).get("name") or "The production office"
    bookings = await staff_reads(services).project_bookings(project["project_id"])
    unit = sorted({b["person_id"] for b in bookings if b.get("status") in LIVE} - {cmd.by})
    announcement_id = derived_id("announcement", cmd.intent_id)
    now = services.clock.now().isoformat()
    await services.store.create(scopes.project_db(project["project_id"]), {
        "_id": f"announcement:{announcement_id}", "type": "announcement", "by": cmd.by, "sender": sender,
        "text": text, "to": unit, "source_intent": cmd.intent_id, "created_at": now})
    for person_id in unit:
        await services.outbox.queue(OutboundMessage(
            f"announce.{derived_id(cmd.intent_id, person_id)}", person_id, "unit_announcement",
            {"project_title": project["title"], "sender": sender, "text": text}))
    await services.outbox.queue(answer(cmd, cmd.by, "announcement_sent",
                                       {"project_title": project["title"], "count": len(unit)}))
    return Result(ref=announcement_id)


async def _names(services: Services, bookings: list[dict]) -> str:
    names = []
    for booking in bookings[:NAMES_LISTED]:
        card = await services.store.get(scopes.DIRECTORY, f"person:{booking['person_id']}") or {}
        names.append(f"{card.get('name') or 'unnamed'} ({booking['role']})")
    more = len(bookings) - NAMES_LISTED
    return ", ".join(names) + (f" and {more} more" if more > 0 else "") if names else "nobody"


CREW_CALL_HANDLERS = {
    PostCrewCall: post_crew_call,
    AskCallStatus: ask_call_status,
    ChaseUnconfirmed: chase_unconfirmed,
    AnnounceToUnit: announce_to_unit,
}
