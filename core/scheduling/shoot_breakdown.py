"""From a script breakdown to a shoot-schedule file: sets become locations, characters become cast.

The breakdown knows the script (sets, characters, eighths); the office knows the production
(dates, who plays whom, which real place stands in for which set). This joins the two so a new
script version flows straight into the optimiser."""
from copy import deepcopy

from core.scheduling.shoot_errors import BadShootFile

PRODUCTION_SECTIONS = ("production", "working_day", "cast", "locations", "travel", "precedences", "weights")


def problem_from_breakdown(breakdown: list[dict], production: dict) -> dict:
    """The schedule file (docs/shoot-schedule-format.md) for these breakdown scenes.

    `production` holds the file's sections except scenes; each location lists the script "sets" it
    serves (matched without regard to case), and "scene_overrides" may give, by scene id, fields
    to set on a scene (date, minutes, light, boneyard). Characters are matched to cast members by the
    names in their "characters"; characters nobody plays are listed under "notes"."""
    if not isinstance(breakdown, list) or not breakdown:
        raise BadShootFile("The breakdown has no scenes to schedule.")
    locations = production.get("locations", [])
    by_set = {}
    for place in locations:
        for name in [place.get("name", ""), *place.get("sets", [])]:
            by_set.setdefault(_key(name), place.get("id"))
    overrides = production.get("scene_overrides", {})
    scenes, unplaced = [], {}
    for raw in breakdown:
        scene = deepcopy(raw)
        scene_id = str(scene.get("id", scene.get("number", "")))
        location_id = by_set.get(_key(scene.get("set", "")))
        if location_id is None and "location_id" not in overrides.get(scene_id, {}):
            unplaced.setdefault(scene.get("set", "") or "(no set)", []).append(scene_id)
            continue
        scene["location_id"] = location_id
        scene.update(overrides.get(scene_id, {}))
        scenes.append(scene)
    if unplaced:
        listed = "; ".join(f"{name} (scenes {', '.join(ids)})" for name, ids in unplaced.items())
        raise BadShootFile("These sets have no location yet; add them to a location's \"sets\": {sets}.", sets=listed)
    problem = {name: deepcopy(production[name]) for name in PRODUCTION_SECTIONS if name in production}
    problem["scenes"] = scenes
    played = {_key(name) for member in production.get("cast", []) for name in member.get("characters", [])}
    nobody = sorted({_key(name) for scene in scenes for name in scene.get("characters", []) + scene.get(
        "introduced", [])} - played)
    if nobody:
        problem["notes"] = [f"Characters with no cast member, not scheduled around: {', '.join(nobody)}."]
    return problem


def _key(name: str) -> str:
    return " ".join(str(name).upper().split())
