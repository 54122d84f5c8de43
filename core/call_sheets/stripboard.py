"""The stripboard: one strip per scene in shooting order, a black strip at the end of each shoot day,
and the boneyard (scenes not yet scheduled) after the last day.

Strip colours follow the common industry convention: INT DAY white, EXT DAY yellow, INT NIGHT blue,
EXT NIGHT green. An INT/EXT scene takes the EXT colour, because its exterior half decides when it can
be shot; a scene whose time of day is neither DAY nor NIGHT (DAWN, CONTINUOUS...) takes the DAY colour
and keeps its own time of day on the strip."""
from core.call_sheets import shoot_clock as clock

STRIP_COLOURS = {  # name, RGB hex
    ("INT", "DAY"): ("white", "#FFFFFF"),
    ("EXT", "DAY"): ("yellow", "#FFF176"),
    ("INT", "NIGHT"): ("blue", "#90CAF9"),
    ("EXT", "NIGHT"): ("green", "#A5D6A7"),
}
DAY_BREAK_COLOUR = ("black", "#000000")


def strip_colour(int_ext: str, day_night: str) -> tuple[str, str]:
    """(colour name, hex) for a scene; see the module docstring for the mixed cases."""
    # A heading with no INT/EXT reads as an interior: the cheaper assumption to be wrong about.
    inside = "INT" if int_ext in ("INT", "") else "EXT"
    night = "NIGHT" if day_night == "NIGHT" else "DAY"
    return STRIP_COLOURS[(inside, night)]


def stripboard(schedule: dict, scenes_by_id: dict[str, dict]) -> dict:
    """{"schedule_version", "strips": [scene strips and day breaks in order], "boneyard": [scene strips],
    "cast_numbers": {character: number}, "total_eighths", "total_pages"}."""
    numbers = clock.cast_numbers(scenes_by_id)
    strips, total = [], 0
    for day in clock.shoot_days(schedule):
        shoot_day, day_eighths = clock.shoot_date(day), 0
        for slot in day.get("scenes", []):
            strip = _scene_strip(clock.scene(scenes_by_id, slot["scene_id"]), numbers)
            strips.append({**strip, "day_number": int(day["day"]), "location_id": slot.get("location_id", ""),
                           "start": slot.get("start", "")})
            day_eighths += strip["eighths"]
        total += day_eighths
        strips.append({
            "kind": "day_break", "day_number": int(day["day"]), "date": day["date"],
            "eighths": day_eighths, "pages": clock.pages(day_eighths),
            "colour": DAY_BREAK_COLOUR[0], "hex": DAY_BREAK_COLOUR[1],
            "label": f"End of day {day['day']} - {clock.day_label(shoot_day)} - {clock.pages(day_eighths)} pages",
        })
    boneyard = [_scene_strip(clock.scene(scenes_by_id, scene_id), numbers)
                for scene_id in schedule.get("boneyard", [])]
    return {"schedule_version": schedule.get("version"), "strips": strips, "boneyard": boneyard,
            "boneyard_pages": clock.pages(sum(strip["eighths"] for strip in boneyard)) if boneyard else "0",
            "cast_numbers": numbers, "total_eighths": total, "total_pages": clock.pages(total)}


def _scene_strip(scene: dict, numbers: dict[str, int]) -> dict:
    colour, hex_colour = strip_colour(scene.get("int_ext", ""), scene.get("day_night", ""))
    cast = sorted(numbers[name] for name in clock.scene_characters(scene))
    return {
        "kind": "scene", "scene_id": str(scene.get("id", scene.get("number"))),
        "number": scene.get("number", ""), "int_ext": clock.int_ext_short(scene.get("int_ext", "")),
        "set": scene.get("set", ""), "day_night": scene.get("day_night", ""),
        "time_of_day": scene.get("time_of_day", ""), "synopsis": scene.get("synopsis", ""),
        "eighths": clock.eighths(scene), "pages": clock.pages(clock.eighths(scene)),
        "cast_numbers": cast, "colour": colour, "hex": hex_colour,
    }
