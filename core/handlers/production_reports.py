"""The daily production report, made at wrap from the day's call sheet, the scenes the script
supervisor logged and the attendance (check-ins and check-outs) of the day."""
from core import scopes
from core.bus import Result, Services
from core.call_sheets.production_report import production_report
from core.errors import Rejected
from core.handlers.investor_views import refresh_investor_statements
from core.handlers.team import project_roles_of
from core.project_roles import EDIT_SCHEDULE, SEND_CALL_SHEETS, may
from core.shoot_commands import ReportWrap


def report_doc_id(day: str) -> str:
    return f"production_report:{day}"


async def report_wrap(cmd: ReportWrap, services: Services) -> Result:
    roles = await project_roles_of(services, cmd.project_id, cmd.by)
    if not (may(roles, EDIT_SCHEDULE) or may(roles, SEND_CALL_SHEETS)):
        raise Rejected("Only the producer, the first AD or the unit manager can file the production report.")
    day = cmd.day.isoformat()
    project, office = scopes.project_db(cmd.project_id), scopes.office_db(cmd.project_id)
    sheet = await services.store.get(project, f"call_sheet:{day}")
    if sheet is None or sheet.get("withdrawn"):
        raise Rejected("There is no call sheet for {day}: publish the schedule with that day first.", day=day)
    attendance = await services.store.get(project, f"attendance:{day}") or {"check_ins": [], "check_outs": []}
    breakdown = await services.store.get(office, "breakdown")
    scenes_by_id = {str(s["id"]): s for s in breakdown["scenes"]} if breakdown else None
    shot = [{"scene_id": scene_id, "completed": True} for scene_id in cmd.shot_scene_ids]
    shot += [{"scene_id": scene_id, "completed": False} for scene_id in cmd.partly_shot_scene_ids]
    report = production_report(sheet, shot, attendance["check_ins"], attendance["check_outs"],
                               cmd.first_shot_at, cmd.wrap_at, scenes_by_id)
    now = services.clock.now().isoformat()
    doc = {"_id": report_doc_id(day), "type": "production_report", **report, "notes": cmd.notes,
           "filed_by": cmd.by, "filed_at": now, "source_intent": cmd.intent_id}
    await services.store.create(office, doc)

    def refile(stored: dict) -> dict | None:  # the AD may correct the report: the latest stands
        if stored["source_intent"] == cmd.intent_id:
            return None
        return {**doc, "_rev": stored["_rev"], "previous_filed_at": stored["filed_at"]}

    await services.store.update(office, report_doc_id(day), refile)
    await refresh_investor_statements(services, cmd.project_id)  # days shot, on investors' devices
    return Result(ref=report_doc_id(day))
