"""The rows of a call sheet: scenes, cast calls, crew calls by department, locations."""
from datetime import date

from core.call_sheets import production_sheet, shoot_clock as clock
from core.errors import Rejected
from core.scheduling.daylight import daylight

MAP_LINK = "https://www.google.com/maps/search/?api=1&query={lat},{lon}"


def scene_rows(day: dict, scenes_by_id: dict, numbers: dict[str, int]) -> list[dict]:
    """The day's scenes in shooting order, with times as minutes kept for the callers' arithmetic."""
    call_min = clock.minute_of(day["call"])
    rows = []
    for slot in day.get("scenes", []):
        found = clock.scene(scenes_by_id, slot["scene_id"])
        start = clock.minute_of(slot["start"], call_min)
        end = clock.minute_of(slot["end"], call_min)
        rows.append({
            "scene_id": str(slot["scene_id"]), "number": found.get("number", str(slot["scene_id"])),
            "heading": found.get("heading", ""), "set": found.get("set", ""),
            "int_ext": clock.int_ext_short(found.get("int_ext", "")),
            "day_night": found.get("day_night", ""), "synopsis": found.get("synopsis", ""),
            "cast": [{"number": numbers.get(name), "character": name}
                     for name in clock.scene_characters(found)],
            "eighths": clock.eighths(found), "pages": clock.pages(clock.eighths(found)),
            "location_id": slot.get("location_id", ""),
            "start": clock.clock_of(start), "end": clock.clock_of(end), "start_min": start, "end_min": end,
        })
    return rows


def cast_rows(scenes: list[dict], production: dict, numbers: dict[str, int],
              shoot_day: date, timezone: str) -> list[dict]:
    """Each cast member in today's scenes: pickup, then makeup, then on set for their first scene."""
    first_needed: dict[str, dict] = {}
    for row in scenes:
        for part in row["cast"]:
            first_needed.setdefault(part["character"], row)
    rows = []
    for member in production["cast"]:
        first = first_needed.get(member["character"])
        if first is None:
            continue
        on_set = first["start_min"]
        call = on_set - int(member.get("makeup_minutes", 0))
        pickup = member.get("pickup") or None
        if pickup:
            lead = int(pickup.get("minutes_before_call", production_sheet.DEFAULT_PICKUP_LEAD_MIN))
            pickup = {"place": pickup.get("place", ""), "time": clock.clock_of(call - lead),
                      "at": clock.at(shoot_day, call - lead, timezone).isoformat()}
        rows.append({
            "person_id": member["person_id"], "cast_number": numbers.get(member["character"]),
            "name": member["name"], "character": member["character"], "phone": member.get("phone", ""),
            "pickup": pickup, "call": clock.clock_of(call), "call_at": clock.at(shoot_day, call, timezone).isoformat(),
            "makeup": clock.clock_of(call), "makeup_minutes": int(member.get("makeup_minutes", 0)),
            "on_set": clock.clock_of(on_set), "on_set_at": clock.at(shoot_day, on_set, timezone).isoformat(),
            "scenes": [row["number"] for row in scenes
                       if member["character"] in {part["character"] for part in row["cast"]}],
        })
    return sorted(rows, key=lambda row: (row["cast_number"] or 0, row["name"]))


def crew_departments(production: dict, crew_call_min: int, shoot_day: date, timezone: str) -> list[dict]:
    """Crew grouped by department; each person's call is the general call moved by their offset."""
    departments: dict[str, list[dict]] = {}
    for member in production["crew"]:
        call = crew_call_min + int(member.get("call_offset_minutes", 0))
        departments.setdefault(member["department"], []).append({
            "person_id": member["person_id"], "name": member["name"], "role": member["role"],
            "phone": member.get("phone", ""), "call": clock.clock_of(call),
            "call_at": clock.at(shoot_day, call, timezone).isoformat(),
        })
    return [{"department": name, "people": sorted(people, key=lambda person: (person["call"], person["name"]))}
            for name, people in sorted(departments.items(), key=lambda item: production_sheet.department_rank(item[0]))]


def location_blocks(scenes: list[dict], production: dict, shoot_day: date, timezone: str) -> list[dict]:
    """Each place the unit works today, in the order it gets there, with its sun and hospital."""
    blocks, seen = [], set()
    for row in scenes:
        if not row["location_id"] or row["location_id"] in seen:
            continue
        seen.add(row["location_id"])
        place = production_sheet.location(production, row["location_id"])
        try:
            lat, lon = float(place["latitude"]), float(place["longitude"])
        except (TypeError, ValueError):
            raise Rejected("Location {location} has no usable latitude and longitude.", location=place["name"])
        sun = daylight(lat, lon, shoot_day, timezone)
        blocks.append({
            "id": place["id"], "name": place["name"], "address": place["address"],
            "latitude": lat, "longitude": lon, "parking": place.get("parking", ""),
            "map_link": MAP_LINK.format(lat=lat, lon=lon),
            "nearest_hospital": place.get("nearest_hospital") or None,
            "sunrise": f"{sun.sunrise:%H:%M}", "sunset": f"{sun.sunset:%H:%M}",
            "scenes": [other["number"] for other in scenes if other["location_id"] == place["id"]],
        })
    return blocks
