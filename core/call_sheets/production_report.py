"""The daily production report at wrap: what was planned, what was shot, when the first shot and wrap
came, and who was late or absent. Scenes not completed go back to the boneyard for rescheduling."""
from datetime import datetime

from core.call_sheets import shoot_clock as clock
from core.call_sheets.check_in_log import FIRST_SHOT_TIME, WRAP_TIME, aware, check_in_log
from core.errors import Rejected


def production_report(sheet: dict, shot: list[dict], check_ins: list[dict], check_outs: list[dict],
                      first_shot_at: datetime | str, wrap_at: datetime | str,
                      scenes_by_id: dict[str, dict] | None = None) -> dict:
    """`shot`: [{"scene_id", "completed": bool, ...}] as the script supervisor logged them. A scene
    shot but not on the sheet (picked up from another day) needs `scenes_by_id` for its pages."""
    first_shot, wrapped = aware(first_shot_at, FIRST_SHOT_TIME), aware(wrap_at, WRAP_TIME)
    if wrapped < first_shot:
        raise Rejected("Wrap ({wrap}) is before the first shot ({first_shot}); check both times.",
                       wrap=f"{wrapped:%H:%M}", first_shot=f"{first_shot:%H:%M}")
    planned = {row["scene_id"]: row for row in sheet["scenes"]}
    logged: dict[str, bool] = {}
    for entry in shot:
        if not isinstance(entry, dict):
            raise Rejected("Each scene in the shot log needs a scene_id and whether it was completed.")
        scene_id = str(entry.get("scene_id", ""))
        if scene_id not in planned and (scenes_by_id is None or scene_id not in scenes_by_id):
            raise Rejected("Scene {scene} is not on day {day}'s call sheet.",
                           scene=scene_id or "?", day=sheet["day_number"])
        logged[scene_id] = logged.get(scene_id, False) or bool(entry.get("completed"))
    completed = [scene_id for scene_id, done in logged.items() if done]
    added = [scene_id for scene_id in completed if scene_id not in planned]
    not_shot = [scene_id for scene_id in planned if not logged.get(scene_id)]
    partly = [scene_id for scene_id in not_shot if scene_id in logged]

    def eighths_of(scene_id: str) -> int:
        return planned[scene_id]["eighths"] if scene_id in planned else clock.eighths(scenes_by_id[scene_id])

    def numbers(ids: list[str]) -> list[str]:
        return [planned[i]["number"] if i in planned else scenes_by_id[i].get("number", i) for i in ids]

    shot_eighths = sum(eighths_of(scene_id) for scene_id in completed)
    planned_eighths = sum(row["eighths"] for row in sheet["scenes"])
    log = check_in_log(sheet, check_ins, check_outs, wrapped)
    planned_wrap = datetime.fromisoformat(sheet["wrap_at"])
    return {
        "type": "production_report", "title": sheet["title"], "schedule_version": sheet["schedule_version"],
        "day_number": sheet["day_number"], "days_total": sheet.get("days_total"), "date": sheet["date"],
        "date_label": sheet.get("date_label", sheet["date"]),
        "scenes_planned": numbers(list(planned)), "scenes_shot": numbers(completed),
        "scenes_added": numbers(added), "scenes_not_shot": numbers(not_shot),
        "scenes_part_shot": numbers(partly), "to_boneyard": not_shot,
        "planned_eighths": planned_eighths, "planned_pages": clock.pages(planned_eighths),
        "shot_eighths": shot_eighths, "shot_pages": clock.pages(shot_eighths),
        "crew_call": sheet["crew_call"], "shooting_call": sheet["shooting_call"],
        "first_shot": f"{first_shot.astimezone(planned_wrap.tzinfo):%H:%M}",
        "first_shot_late_minutes": max(0, _minutes(datetime.fromisoformat(sheet["shooting_call_at"]), first_shot)),
        "wrap": f"{wrapped.astimezone(planned_wrap.tzinfo):%H:%M}", "planned_wrap": sheet["wrap"],
        "overtime_minutes": max(0, _minutes(planned_wrap, wrapped)),
        "late": [_who(row) | {"minutes_late": row["minutes_late"]} for row in log if row["was_late"]],
        "absent": [_who(row) for row in log if row["status"] == "no_show"],
        "attendance": log,
    }


def _minutes(planned: datetime, actual: datetime) -> int:
    return int((actual - planned).total_seconds() // 60)


def _who(row: dict) -> dict:
    return {"person_id": row["person_id"], "name": row["name"], "kind": row["kind"], "role": row["role"],
            "call": row["call"]}
