"""People's corrections to a breakdown, kept apart from it and re-applied to every re-parse.

A correction is a small dict, like a ledger entry never edited in place:
  {"scene": "12", "field": "elements.props", "add": ["cutlass"], "remove": ["knife"]}
  {"scene": "12", "field": "day_night", "set": "NIGHT"}
"heading" (the scene's heading when the correction was made) is optional and lets a correction find its
scene again in an unnumbered draft. A correction whose scene is gone is reported as orphaned.
"""
import copy

from core.errors import Rejected
from core.script.breakdown import MINUTES_PER_EIGHTH, character_index
from core.script.lexicon import CATEGORIES
from core.script.scene_matching import match_scenes

LIST_FIELDS = {"characters", "introduced", *(f"elements.{category}" for category in CATEGORIES)}
ALLOWED_VALUES = {"int_ext": {"INT", "EXT", "INT/EXT", ""}, "day_night": {"DAY", "NIGHT", "OTHER"}}
TEXT_FIELDS = {"heading", "set", "time_of_day", "synopsis"}
NUMBER_FIELDS = {"eighths", "estimated_minutes"}


def check_correction(correction: dict) -> None:
    """Rejected, with the reason, when a correction cannot be applied to any breakdown."""
    field = correction.get("field")
    if not str(correction.get("scene", "")).strip():
        raise Rejected("A correction must say which scene it is for (its scene number).")
    if field in LIST_FIELDS:
        items = list(correction.get("add", [])) + list(correction.get("remove", []))
        if not items or not all(isinstance(item, str) and item.strip() for item in items):
            raise Rejected("A correction to {field} must add or remove at least one name, written as text.",
                           field=field)
        return
    if "set" not in correction:
        raise Rejected("We cannot correct '{field}'; correct a list ({lists}...) with add/remove, or a scene "
                       "detail with set.", field=field, lists=", ".join(sorted(LIST_FIELDS)[:3]))
    value = correction["set"]
    if field in ALLOWED_VALUES and value not in ALLOWED_VALUES[field]:
        raise Rejected("{field} can be {values}, not {value}.",
                       field=field, values=", ".join(repr(v) for v in sorted(ALLOWED_VALUES[field])), value=repr(value))
    if field in NUMBER_FIELDS and not (isinstance(value, int) and not isinstance(value, bool) and value >= 1):
        raise Rejected("{field} must be a whole number of at least 1 (eighths of a page, or minutes).", field=field)
    if field in TEXT_FIELDS and not isinstance(value, str):
        raise Rejected("{field} must be text.", field=field)
    if field not in ALLOWED_VALUES and field not in NUMBER_FIELDS and field not in TEXT_FIELDS:
        raise Rejected("We cannot correct '{field}' of a scene.", field=field)


def _edit_list(items: list[str], correction: dict) -> list[str]:
    removed = set(correction.get("remove", []))
    kept = [item for item in items if item not in removed]
    return kept + [item for item in correction.get("add", []) if item not in kept]


def _apply(scene: dict, correction: dict) -> None:
    field = correction["field"]
    if field.startswith("elements."):
        category = field.split(".", 1)[1]
        scene["elements"][category] = sorted(_edit_list(scene["elements"].get(category, []), correction))
    elif field in LIST_FIELDS:  # characters or introduced: the cast list follows them
        scene[field] = _edit_list(scene.get(field, []), correction)
        scene["elements"]["cast"] = sorted(_edit_list(scene["elements"].get("cast", []), correction))
    else:
        scene[field] = correction["set"]
        if field == "eighths":
            scene["estimated_minutes"] = correction["set"] * MINUTES_PER_EIGHTH


def _target(correction: dict, scenes: dict[str, dict], moved: dict[str, str]) -> str | None:
    """The id of the scene a correction belongs to in this breakdown, or None when it is gone."""
    scene_id = str(correction["scene"])
    if scene_id in moved:
        return moved[scene_id]
    heading = correction.get("heading")
    if scene_id in scenes and (not heading or scenes[scene_id]["heading"] == heading):
        return scene_id
    order = list(scenes)
    same = [position for position, sid in enumerate(order) if heading and scenes[sid]["heading"] == heading]
    if len(same) > 1 and scene_id.isdigit():  # a heading used more than once: the one nearest its old place
        same.sort(key=lambda position: abs(position + 1 - int(scene_id)))
    return order[same[0]] if len(same) == 1 or (same and scene_id.isdigit()) else None


def apply_corrections(
    new_breakdown: dict, corrections: list[dict], previous: dict | None = None
) -> tuple[dict, list[dict]]:
    """(the breakdown with the corrections applied in order, the corrections that could not be applied).

    The input is not changed. Each correction finds its scene by id, checked against its "heading" when
    it carries one (else by that heading alone, if unique); with `previous`, the breakdown the corrections
    were made on, scenes are followed across the re-parse instead. Every correction not applied comes back
    as {"correction", "reason"}: its scene is gone (orphaned) or it is malformed; none is dropped silently.
    """
    result = copy.deepcopy(new_breakdown)
    scenes = {scene["id"]: scene for scene in result["scenes"]}
    moved: dict[str, str] = {}
    gone: set[str] = set()
    if previous is not None:
        pairs = match_scenes(previous, result)
        moved = {old["id"]: new["id"] for old, new in pairs}
        gone = {scene["id"] for scene in previous["scenes"]} - set(moved)
    not_applied = []
    for correction in corrections:
        try:
            check_correction(correction)
        except Rejected as error:
            not_applied.append({"correction": correction, "reason": error.reason})
            continue
        target = None if str(correction["scene"]) in gone else _target(correction, scenes, moved)
        if target is None:
            not_applied.append({"correction": correction, "reason":
                                f"Scene {correction['scene']} is not in this version of the script any more."})
            continue
        _apply(scenes[target], correction)
    result["characters"] = character_index(result["scenes"])
    return result, not_applied
