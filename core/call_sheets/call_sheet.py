"""The call sheet for one shoot day, and the personal version sent to each person called.

A call sheet is bound to the schedule version it was built from ("schedule_version"): when the
schedule is republished, sheets built from the old version are stale and must be rebuilt."""
from core.call_sheets import call_sheet_rows as rows, production_sheet, shoot_clock as clock
from core.errors import Rejected


def call_sheet(schedule: dict, day_number: int, scenes_by_id: dict[str, dict], production: dict,
               *, draft_ok: bool = False) -> dict:
    """Everything the unit needs for shoot day `day_number` (see the module docstring for the shape
    of `production`). A draft schedule is refused unless `draft_ok` (for a preview)."""
    if schedule.get("status") != "published" and not draft_ok:
        raise Rejected("Schedule version {version} is a draft: publish it before sending call sheets.",
                       version=schedule.get("version", "?"))
    production_sheet.check(production)
    days = clock.shoot_days(schedule)
    index = next((i for i, day in enumerate(days) if str(day["day"]) == str(day_number)), None)
    if index is None:
        raise Rejected("There is no shoot day {day} in schedule version {version}.",
                       day=day_number, version=schedule.get("version", "?"))
    day, timezone = days[index], schedule.get("timezone") or production.get("timezone") or "Africa/Lagos"
    shoot_day, numbers = clock.shoot_date(day), clock.cast_numbers(scenes_by_id)
    crew_call = clock.minute_of(day["call"])
    wrap = clock.minute_of(day["wrap"], crew_call)
    scenes = rows.scene_rows(day, scenes_by_id, numbers)
    if not scenes:
        raise Rejected("Shoot day {day} ({date}) has no scenes scheduled.", day=day_number, date=day["date"])
    shooting_call = min(row["start_min"] for row in scenes)
    locations = rows.location_blocks(scenes, production, shoot_day, timezone)
    cast_characters = {member["character"] for member in production["cast"]}
    names_by_location = {place["id"]: place["name"] for place in production["locations"]}
    return {
        "type": "call_sheet", "schedule_version": schedule.get("version"),
        "production_id": production.get("id", ""), "title": production["title"],
        "company": production.get("company", ""), "timezone": timezone,
        "day_number": int(day["day"]), "days_total": len(days), "date": day["date"],
        "date_label": f"{shoot_day:%A} {shoot_day.day} {shoot_day:%B %Y}",
        "crew_call": clock.clock_of(crew_call), "crew_call_at": clock.at(shoot_day, crew_call, timezone).isoformat(),
        "shooting_call": clock.clock_of(shooting_call),
        "shooting_call_at": clock.at(shoot_day, shooting_call, timezone).isoformat(),
        "wrap": clock.clock_of(wrap), "wrap_at": clock.at(shoot_day, wrap, timezone).isoformat(),
        "scenes": scenes,
        "total_eighths": sum(row["eighths"] for row in scenes),
        "total_pages": clock.pages(sum(row["eighths"] for row in scenes)),
        "cast": rows.cast_rows(scenes, production, numbers, shoot_day, timezone),
        "uncast_characters": sorted({part["character"] for row in scenes for part in row["cast"]}
                                    - cast_characters),
        "crew": rows.crew_departments(production, crew_call, shoot_day, timezone),
        "locations": locations,
        "sunrise": locations[0]["sunrise"] if locations else "",
        "sunset": locations[0]["sunset"] if locations else "",
        "moves": [{**move, "from_name": names_by_location.get(move.get("from"), move.get("from", "")),
                   "to_name": names_by_location.get(move.get("to"), move.get("to", ""))}
                  for move in day.get("moves", [])],
        "notes": (production.get("notes") or {}).get(day["date"], ""),
        "set_code": str((production.get("set_codes") or {}).get(day["date"], "")),
        "contacts": production_sheet.office_contacts(production),
        "advance": _advance(days[index + 1], scenes_by_id, numbers) if index + 1 < len(days) else None,
    }


def personal_call_sheet(sheet: dict, person_id: str) -> dict:
    """One person's sheet: their own call and pickup, the scenes with theirs marked, the general
    information, and no phone numbers but their own and the office contacts'."""
    mine = called(sheet, person_id)
    if mine is None:
        raise Rejected("Nobody with id {person} is called on day {day} ({date}).",
                       person=person_id, day=sheet["day_number"], date=sheet["date"])
    own_scenes = set(mine.get("scenes", [row["number"] for row in sheet["scenes"]]))
    hidden = {"cast", "crew"}
    return {
        **{key: value for key, value in sheet.items() if key not in hidden},
        "type": "personal_call_sheet", "person": mine,
        "scenes": [{**row, "yours": row["number"] in own_scenes} for row in sheet["scenes"]],
    }


def called(sheet: dict, person_id: str) -> dict | None:
    """The person's row on the sheet, with "kind" cast or crew; None when they are not called."""
    for row in sheet["cast"]:
        if row["person_id"] == person_id:
            return {**row, "kind": "cast", "role": f"as {row['character']}"}
    for department in sheet["crew"]:
        for row in department["people"]:
            if row["person_id"] == person_id:
                return {**row, "kind": "crew", "department": department["department"]}
    return None


def everyone_called(sheet: dict) -> list[dict]:
    """Cast then crew, each with "kind", in call-sheet order."""
    people = [{**row, "kind": "cast"} for row in sheet["cast"]]
    for department in sheet["crew"]:
        people += [{**row, "kind": "crew", "department": department["department"]} for row in department["people"]]
    return people


def _advance(day: dict, scenes_by_id: dict, numbers: dict[str, int]) -> dict:
    """The next shoot day in brief, so the unit can prepare."""
    scenes = rows.scene_rows(day, scenes_by_id, numbers)
    shoot_day = clock.shoot_date(day)
    return {"day_number": int(day["day"]), "date": day["date"],
            "date_label": f"{shoot_day:%A} {shoot_day.day} {shoot_day:%B %Y}",
            "crew_call": clock.clock_of(clock.minute_of(day["call"])), "scenes": scenes,
            "total_pages": clock.pages(sum(row["eighths"] for row in scenes))}
