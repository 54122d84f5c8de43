"""What publishing a schedule draft writes: the schedule cast and crew read, a call sheet per
shoot day, and the office's stripboard, day out of days and production sheet of that version.

The shoot plan (office database, "shoot_plan") is the schedule file of
docs/shoot-schedule-format.md without its scenes, which come from the breakdown, plus what only
call sheets need: "contacts" (producer, director, first_ad: name and phone), "company", "crew",
each cast member's person_id, phone, pickup and makeup_minutes, each location's parking and
nearest_hospital, and "notes" by date. Pure: documents in, documents out.
"""
import hashlib
from dataclasses import dataclass

from core.call_sheets import production_sheet as sheet_rules
from core.call_sheets.call_sheet import call_sheet
from core.call_sheets.day_out_of_days import day_out_of_days
from core.call_sheets.stripboard import stripboard
from core.errors import Rejected
from core.scheduling.shoot_breakdown import problem_from_breakdown
from core.scheduling.shoot_input import read_problem

SET_CODE_DIGITS = 4
PLAN_SECTIONS = ("production", "cast", "locations")


@dataclass(frozen=True)
class Publication:
    project_docs: list[dict]
    office_docs: list[dict]
    dates: tuple[str, ...]
    moved: list[dict]


def check_plan(plan: dict, breakdown: dict | None = None) -> None:
    """Refuse a plan the optimiser or the call sheets could not use, saying what is wrong. With
    the breakdown at hand the whole schedule file is checked, sets matched to locations too."""
    missing = [name for name in PLAN_SECTIONS if name not in plan]
    if missing:
        raise Rejected("The shoot plan needs its {sections}.", sections=", ".join(missing))
    if breakdown is not None:
        read_problem(problem_from_breakdown(breakdown["scenes"], plan))
    sheet_rules.check(production_sheet(plan, {"project_id": "check", "title": "check"}, {}))


def production_sheet(plan: dict, project: dict, set_codes: dict[str, str]) -> dict:
    """The call sheets' view of the plan: one cast row per character played."""
    contacts = plan.get("contacts", {})
    cast = [
        {"person_id": member.get("person_id") or member["id"], "name": member["name"], "character": character,
         "phone": member.get("phone", ""), "pickup": member.get("pickup"),
         "makeup_minutes": member.get("makeup_minutes", 0)}
        for member in plan["cast"] for character in member.get("characters", [])
    ]
    return {
        "id": project["project_id"], "title": plan["production"].get("title") or project["title"],
        "company": plan.get("company", ""), "timezone": plan["production"].get("timezone", "Africa/Lagos"),
        **{role: contacts[role] for role in ("producer", "director", "first_ad") if role in contacts},
        "cast": cast, "crew": plan.get("crew", []), "locations": plan["locations"],
        "notes": plan.get("notes", {}), "set_codes": set_codes,
    }


def set_code(seed: str, day: str) -> str:
    """The day's check-in code: unguessable to anyone without the office's seed, the same every
    time the same day is published (a reprint must not change what is taped to the set)."""
    digest = hashlib.sha256(f"{seed}:{day}".encode()).digest()
    return f"{int.from_bytes(digest[:4], 'big') % 10 ** SET_CODE_DIGITS:0{SET_CODE_DIGITS}d}"


def publication(draft: dict, breakdown: dict, plan: dict, project: dict, current: dict | None,
                seed: str, now: str) -> Publication:
    scenes_by_id = {str(scene["id"]): scene for scene in breakdown["scenes"]}
    schedule = {**draft, "status": "published", "published_at": now}
    dates = tuple(day["date"] for day in schedule["days"])
    moved = moves(current, schedule)
    schedule["moved"] = moved
    codes = {day: set_code(seed, day) for day in dates}
    sheet = production_sheet(plan, project, codes)
    call_sheets = [
        {"_id": f"call_sheet:{day['date']}", **_without_phones(call_sheet(schedule, day["day"], scenes_by_id, sheet))}
        for day in schedule["days"] if day["scenes"]
    ]
    # A day no longer shot keeps its document, marked withdrawn, so devices that hold it learn so.
    withdrawn = [
        {"_id": f"call_sheet:{day}", "type": "call_sheet", "date": day, "withdrawn": True,
         "schedule_version": draft["version"]}
        for day in sorted({d["date"] for d in (current or {}).get("days", [])} - set(dates))
    ]
    return Publication(
        # The schedule last: a publish cut short is retried whole, as it is not yet published.
        project_docs=[*call_sheets, *withdrawn, {"_id": "schedule", "type": "schedule", **schedule}],
        office_docs=[
            # With the scenes as published: the ICS feed and printed sheets agree with the call
            # sheets even after a new script version changes the breakdown.
            {"_id": "production_sheet", "type": "production_sheet", "version": draft["version"], **sheet,
             "scenes_by_id": {scene_id: scenes_by_id[scene_id] for scene_id in _dates_by_scene(schedule)
                              if scene_id in scenes_by_id}},
            {"_id": "stripboard", "type": "stripboard", "version": draft["version"],
             **stripboard(schedule, scenes_by_id)},
            {"_id": "day_out_of_days", "type": "day_out_of_days", "version": draft["version"],
             **day_out_of_days(schedule, scenes_by_id, sheet["cast"])},
        ],
        dates=dates,
        moved=moved,
    )


def moves(current: dict | None, schedule: dict) -> list[dict]:
    """Scenes on another day than in the schedule published before, with the solver's reason
    where it gave one."""
    if current is None:
        return []
    before, after = _dates_by_scene(current), _dates_by_scene(schedule)
    reasons = {move["scene_id"]: move.get("reason", "") for move in schedule.get("moved_by_solver", [])}
    return [
        {"scene_id": scene_id, "from_date": before.get(scene_id), "to_date": after.get(scene_id),
         "reason": reasons.get(scene_id, "")}
        for scene_id in sorted(set(before) | set(after), key=_scene_order)
        if before.get(scene_id) != after.get(scene_id)
    ]


def _dates_by_scene(schedule: dict) -> dict[str, str | None]:
    found = {slot["scene_id"]: day["date"] for day in schedule["days"] for slot in day["scenes"]}
    return {**{scene_id: None for scene_id in schedule.get("boneyard", [])}, **found}


def _scene_order(scene_id: str) -> tuple:
    digits = "".join(ch for ch in scene_id if ch.isdigit())
    return (int(digits) if digits else 0, scene_id)


def _without_phones(sheet: dict) -> dict:
    """Every member reads the shared sheet: only the office contacts keep their numbers there;
    each person's own number is on their personal sheet."""
    cast = [{**row, "phone": ""} for row in sheet["cast"]]
    crew = [{**department, "people": [{**person, "phone": ""} for person in department.get("people", [])]}
            for department in sheet["crew"]]
    return {**sheet, "cast": cast, "crew": crew}
