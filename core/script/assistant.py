"""The optional breakdown assistant (an LLM behind the BreakdownAssistant port): what it is asked,
and how its answer is merged. It only ever adds elements; the rule-based breakdown stays the floor."""
import copy

from core.script.breakdown import breakdown
from core.script.lexicon import CATEGORIES
from core.script.model import ACTION, PARENTHETICAL, Script
from core.script.ports import AssistantUnavailable, BreakdownAssistant

SCENES_PER_REQUEST = 20  # keeps each request well inside a small model's context
SCENE_TEXT_CHARS = 4000
ITEM_CHARS = 60
ITEMS_PER_CATEGORY = 30


def assistant_requests(script: Script, result: dict) -> list[dict]:
    """Per scene: id, heading and its action text (what is seen, not what is said), cut to length."""
    requests = []
    for scene, row in zip(script.scenes, result["scenes"]):
        text = "\n".join(e.text for e in scene.elements if e.kind in (ACTION, PARENTHETICAL))
        requests.append({"id": row["id"], "heading": row["heading"], "text": text[:SCENE_TEXT_CHARS]})
    return requests


def merge_suggestions(result: dict, suggestions: dict) -> tuple[dict, list[str]]:
    """(the breakdown with the suggested items added, warnings about suggestions we could not use)."""
    merged = copy.deepcopy(result)
    scenes = {scene["id"]: scene for scene in merged["scenes"]}
    warnings = []
    for scene_id, categories in suggestions.items():
        scene = scenes.get(str(scene_id))
        if scene is None or not isinstance(categories, dict):
            warnings.append(f"The assistant answered for scene {scene_id}, which is not in this script; ignored.")
            continue
        for category, items in categories.items():
            if category not in CATEGORIES or not isinstance(items, list):
                continue  # a category we do not keep; nothing to show people
            have = {item.lower() for item in scene["elements"][category]}
            for item in items[:ITEMS_PER_CATEGORY]:
                if isinstance(item, str) and item.strip() and item.strip().lower() not in have:
                    scene["elements"][category].append(item.strip()[:ITEM_CHARS])
                    have.add(item.strip().lower())
            scene["elements"][category].sort()
    return merged, warnings


def assisted_breakdown(script: Script, assistant: BreakdownAssistant) -> dict:
    """The breakdown with the assistant's elements merged in; if it is unavailable, the rule-based one
    with a warning saying so."""
    result = breakdown(script)
    requests = assistant_requests(script, result)
    for start in range(0, len(requests), SCENES_PER_REQUEST):
        try:
            suggestions = assistant.suggest_elements(requests[start:start + SCENES_PER_REQUEST])
        except AssistantUnavailable as unavailable:
            result["warnings"].append(
                f"The breakdown assistant could not help ({unavailable.reason}); elements from scene "
                f"{requests[start]['id']} on are from the keyword lists only."
            )
            return result
        result, warnings = merge_suggestions(result, suggestions)
        result["warnings"].extend(warnings)
    return result
