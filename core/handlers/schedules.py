"""Shoot plan, schedule drafts and the published schedule.

Office database: "shoot_plan" (dates, cast availability, locations, weights: what the optimiser
needs beyond the breakdown), "schedule_drafts" (the index: a number per request, its status),
"schedule_draft:<n>" (the solver's answer). Publishing copies a ready draft to the project
database as "schedule" with a call sheet per shoot day ("call_sheet:<date>"), which is what cast
and crew read; the office keeps the stripboard and the day-out-of-days of that version.
"""
from core import scopes
from core.bus import Result, Services
from core.errors import Rejected
from core.events import SchedulePublished
from core.handlers.projects import project_doc
from core.handlers.team import project_roles_of
from core.ids import new_id
from core.project_roles import EDIT_SCHEDULE, require
from core.schedule_publication import check_plan, publication
from core.shoot_commands import PublishSchedule, RecordScheduleDraft, RequestSchedule, SetShootPlan

PLAN_ID, DRAFTS_ID, SCHEDULE_ID = "shoot_plan", "schedule_drafts", "schedule"
BOARD_ID = "board"  # the office's hand-arranged stripboard (web/app/src/board.js)
SOLVING, READY, INFEASIBLE = "solving", "ready", "infeasible"


def draft_doc_id(number: int) -> str:
    return f"schedule_draft:{number}"


async def set_shoot_plan(cmd: SetShootPlan, services: Services) -> Result:
    require(await project_roles_of(services, cmd.project_id, cmd.by), EDIT_SCHEDULE, "plan the shoot")
    check_plan(cmd.plan, await services.store.get(scopes.office_db(cmd.project_id), "breakdown"))
    office, now = scopes.office_db(cmd.project_id), services.clock.now().isoformat()
    body = {"type": "shoot_plan", "plan": cmd.plan, "updated_by": cmd.by, "updated_at": now,
            "source_intent": cmd.intent_id}
    await services.store.create(office, {"_id": PLAN_ID, **body})

    def replace(doc: dict) -> dict | None:
        if doc["source_intent"] == cmd.intent_id:
            return None
        return {**body, "_id": doc["_id"], "_rev": doc["_rev"]}

    await services.store.update(office, PLAN_ID, replace)
    return Result(ref=PLAN_ID)


async def request_schedule(cmd: RequestSchedule, services: Services) -> Result:
    require(await project_roles_of(services, cmd.project_id, cmd.by), EDIT_SCHEDULE, "make schedules")
    office, now = scopes.office_db(cmd.project_id), services.clock.now().isoformat()
    if await services.store.get(office, "breakdown") is None:
        raise Rejected("Upload the script first: the schedule is made from its breakdown.")
    if await services.store.get(office, PLAN_ID) is None:
        raise Rejected("Set the shoot plan first: shoot dates, cast availability and locations.")
    if cmd.keep_published and cmd.from_board:
        raise Rejected("Start from the published schedule or from the stripboard, not both.")
    if cmd.keep_published and await services.store.get(scopes.project_db(cmd.project_id), SCHEDULE_ID) is None:
        raise Rejected("Nothing is published yet, so there is no schedule to keep: ask for a fresh one.")
    board = await services.store.get(office, BOARD_ID) if cmd.from_board else None
    if cmd.from_board and board is None:
        raise Rejected("There is no stripboard to start from yet: arrange one, or ask for a fresh schedule.")
    await services.store.create(office, {
        "_id": DRAFTS_ID, "type": "schedule_drafts", "drafts": [], "published": None, "set_code_seed": new_id(),
    })

    def add(index: dict) -> dict | None:
        if any(d["source_intent"] == cmd.intent_id for d in index["drafts"]):
            return None
        draft = {"number": len(index["drafts"]) + 1, "status": SOLVING, "requested_by": cmd.by,
                 "keep_published": cmd.keep_published, "limit_s": cmd.limit_s, "requested_at": now,
                 "source_intent": cmd.intent_id}
        if board is not None:  # the board as it was asked about: later edits are a new request
            draft["board"] = {"days": board.get("days"), "boneyard": board.get("boneyard")}
        return {**index, "drafts": [*index["drafts"], draft]}

    index = await services.store.update(office, DRAFTS_ID, add)
    number = next(d["number"] for d in index["drafts"] if d["source_intent"] == cmd.intent_id)
    if services.office_work is None:
        raise RuntimeError("this bus has no office worker to solve schedules")
    await services.office_work.solve_schedule(cmd.project_id, number, cmd.limit_s)
    return Result(ref=draft_doc_id(number))


async def record_schedule_draft(cmd: RecordScheduleDraft, services: Services) -> Result:
    office, now = scopes.office_db(cmd.project_id), services.clock.now().isoformat()
    entry = _draft_entry(await services.store.get(office, DRAFTS_ID), cmd.number)
    if entry["status"] != SOLVING:
        return Result(ref=draft_doc_id(cmd.number))  # a worker's retry: already recorded
    status = READY if cmd.schedule is not None else INFEASIBLE
    await services.store.create(office, {
        "_id": draft_doc_id(cmd.number), "type": "schedule_draft", "number": cmd.number, "status": status,
        "schedule": {**cmd.schedule, "version": cmd.number, "status": "draft"} if cmd.schedule else None,
        "reasons": list(cmd.reasons), "created_at": now,
    })
    await _set_draft_status(services, office, cmd.number, status, now)
    return Result(ref=draft_doc_id(cmd.number))


async def publish_schedule(cmd: PublishSchedule, services: Services) -> Result:
    require(await project_roles_of(services, cmd.project_id, cmd.by), EDIT_SCHEDULE, "publish the schedule")
    office, project_db = scopes.office_db(cmd.project_id), scopes.project_db(cmd.project_id)
    draft = await services.store.get(office, draft_doc_id(cmd.number))
    if draft is None or draft["status"] != READY:
        raise Rejected("Draft {number} has no schedule to publish (it is still solving, or could not be made).",
                       number=cmd.number)
    now = services.clock.now().isoformat()
    current = await services.store.get(project_db, SCHEDULE_ID)
    if current is not None and current["version"] == cmd.number:
        return Result(ref=SCHEDULE_ID)  # published already: a retry
    breakdown, plan = await services.store.get(office, "breakdown"), await services.store.get(office, PLAN_ID)
    index = await services.store.get(office, DRAFTS_ID)
    project = await project_doc(services, cmd.project_id)
    made = publication(draft["schedule"], breakdown, plan["plan"], project, current, index["set_code_seed"], now)
    for doc in made.office_docs:
        await put(services, office, doc)
    for doc in made.project_docs:
        await put(services, project_db, doc)

    def mark(index: dict) -> dict:
        return {**index, "published": cmd.number, "published_at": now, "published_by": cmd.by}

    await services.store.update(office, DRAFTS_ID, mark)
    return Result(ref=SCHEDULE_ID, events=[
        SchedulePublished(cmd.project_id, cmd.number, made.dates, len(made.moved))
    ])


async def put(services: Services, db: str, doc: dict) -> dict:
    """Write `doc` whole under its id, whether or not one is there already."""
    await services.store.create(db, doc)

    def replace(stored: dict) -> dict | None:
        body = {**doc, "_rev": stored["_rev"]}
        return None if body == stored else body

    return await services.store.update(db, doc["_id"], replace)


def _draft_entry(index: dict | None, number: int) -> dict:
    for draft in (index or {}).get("drafts", []):
        if draft["number"] == number:
            return draft
    raise Rejected("There is no schedule draft {number} in this project.", number=number)


async def _set_draft_status(services: Services, office: str, number: int, status: str, now: str) -> None:
    def change(index: dict) -> dict:
        drafts = [{**d, "status": status, "solved_at": now} if d["number"] == number else d for d in index["drafts"]]
        return {**index, "drafts": drafts}

    await services.store.update(office, DRAFTS_ID, change)
