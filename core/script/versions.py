"""Script versions: what changed between two breakdowns; corrections re-applied to a new parse.

The public surface for versions is here: diff / diff_breakdowns, apply_corrections, check_correction.
"""
from core.script.corrections import apply_corrections, check_correction
from core.script.lexicon import CATEGORIES
from core.script.scene_matching import match_scenes

__all__ = ["apply_corrections", "check_correction", "diff", "diff_breakdowns", "scene_changes"]

def _list_change(old: list[str], new: list[str]) -> dict | None:
    added, removed = sorted(set(new) - set(old)), sorted(set(old) - set(new))
    return {"added": added, "removed": removed} if added or removed else None


def scene_changes(old: dict, new: dict) -> dict:
    """What changed between two versions of one scene: heading, characters, eighths, elements."""
    changes: dict = {}
    if old["heading"] != new["heading"]:
        changes["heading"] = {"old": old["heading"], "new": new["heading"]}
    if old["eighths"] != new["eighths"]:
        changes["eighths"] = {"old": old["eighths"], "new": new["eighths"]}
    for field in ("characters", "introduced"):
        changed = _list_change(old.get(field, []), new.get(field, []))
        if changed:
            changes[field] = changed
    elements = {}
    for category in CATEGORIES:
        changed = _list_change(old["elements"].get(category, []), new["elements"].get(category, []))
        if changed:
            elements[category] = changed
    if elements:
        changes["elements"] = elements
    return changes


def diff(old_breakdown: dict, new_breakdown: dict) -> dict:
    """Scenes added, removed, changed (with what changed) and renumbered between two breakdowns.

    Returns {"added": [new ids], "removed": [old ids], "changed": [{"id", "old_id", "changes"}],
    "renumbered": [{"id", "old_id"}], "unchanged": count of matched scenes with no change}.
    """
    pairs = match_scenes(old_breakdown, new_breakdown)
    matched_old = {id(old) for old, _ in pairs}
    matched_new = {id(new): old for old, new in pairs}
    changed, renumbered = [], []
    for scene in new_breakdown["scenes"]:
        old = matched_new.get(id(scene))
        if old is not None:
            changes = scene_changes(old, scene)
            if changes:
                changed.append({"id": scene["id"], "old_id": old["id"], "changes": changes})
            elif old["id"] != scene["id"]:
                renumbered.append({"id": scene["id"], "old_id": old["id"]})
    return {
        "added": [s["id"] for s in new_breakdown["scenes"] if id(s) not in matched_new],
        "removed": [s["id"] for s in old_breakdown["scenes"] if id(s) not in matched_old],
        "changed": changed,
        "renumbered": renumbered,  # same scene, new running number (an inserted or cut scene before it)
        "unchanged": len(pairs) - len(changed),
    }


def diff_breakdowns(old_breakdown: dict, new_breakdown: dict) -> dict:
    """The same as diff; the name the office handlers use."""
    return diff(old_breakdown, new_breakdown)
