"""The breakdown: every scene in the shape scheduling and call sheets read (see docs/breakdown-rules.md)."""
import math

from core.errors import Rejected
from core.script.characters import cue_name
from core.script.elements import action_text, elements_from_notes, elements_from_words, people_in_capitals
from core.script.lexicon import CATEGORIES, GROUPS
from core.script.model import ACTION, CHARACTER, Scene, Script
from core.script.page_length import LINES_PER_PAGE, element_lines, eighths_of, scene_lines
from core.script.sluglines import read_heading

# A Nollywood unit shoots about 10-12 pages in a 10-hour day: 48 minutes a page, 6 minutes an eighth.
MINUTES_PER_EIGHTH = 6
SYNOPSIS_CHARS = 160
NO_SCENES = (
    "We found no scene headings (lines like INT. HOUSE - DAY), so this script cannot be broken down. "
    "Check that each scene starts with INT. or EXT., or export the script again from your writing app."
)



def no_scenes_found() -> Rejected:
    """The refusal of a script without scene headings (the reader refuses it too, before a breakdown)."""
    return Rejected(NO_SCENES)


def _synopsis(scene: Scene) -> str:
    first = next((e.text for e in scene.elements if e.kind == ACTION and e.text.strip()), "")
    line = " ".join(first.split())
    return line if len(line) <= SYNOPSIS_CHARS else line[: SYNOPSIS_CHARS - 3].rstrip() + "..."


def _scene_ids(script: Script) -> tuple[list[str], list[str]]:
    """The writer's scene numbers when given, else the running count; repeats get a suffix and a warning."""
    ids, warnings, seen = [], [], set()
    for position, scene in enumerate(script.scenes, start=1):
        wanted = scene.number or str(position)
        chosen, copy = wanted, 1
        while chosen in seen:
            copy += 1
            chosen = f"{wanted}-{copy}"
        if chosen != wanted:
            warnings.append(f"Scene number {wanted} is used twice; the second one is called {chosen} here.")
        seen.add(chosen)
        ids.append(chosen)
    return ids, warnings


def _speakers(scene: Scene) -> list[str]:
    names = []
    for element in scene.elements:
        name = cue_name(element.text) if element.kind == CHARACTER else ""
        if name and name not in names:
            names.append(name)
    return names


def _unsure_warning(scenes: list[dict]) -> list[str]:
    no_ie = [s["id"] for s in scenes if not s["int_ext"]]
    no_dn = [s["id"] for s in scenes if s["day_night"] == "OTHER"]
    warnings = []
    if no_ie:
        warnings.append(f"{len(no_ie)} scene(s) do not say INT. or EXT.: {', '.join(no_ie[:20])}"
                        f"{', ...' if len(no_ie) > 20 else ''}. Set them before scheduling.")
    if no_dn:
        warnings.append(f"{len(no_dn)} scene(s) do not say DAY or NIGHT: {', '.join(no_dn[:20])}"
                        f"{', ...' if len(no_dn) > 20 else ''}. Set them before scheduling.")
    return warnings


def character_index(scenes: list[dict]) -> dict[str, dict]:
    """Per character: the scenes they speak or are introduced in, the first of them, and if they speak."""
    characters: dict[str, dict] = {}
    for scene in scenes:
        for name in scene["characters"] + [p for p in scene["introduced"] if p not in scene["characters"]]:
            entry = characters.setdefault(name, {"scenes": [], "first_scene": scene["id"], "speaking": False})
            entry["scenes"].append(scene["id"])
            entry["speaking"] = entry["speaking"] or name in scene["characters"]
    return characters


def breakdown(script: Script) -> dict:
    """The whole breakdown: title, pages, scenes (common.md "Breakdown scene" shape), characters, warnings."""
    if not script.scenes:
        raise no_scenes_found()
    ids, warnings = _scene_ids(script)
    all_speakers = {name for scene in script.scenes for name in _speakers(scene)}
    met = {cue_name(e.text) for e in script.opening if e.kind == CHARACTER}  # narrators before scene 1
    scenes = []
    for scene_id, scene in zip(ids, script.scenes):
        speaking = _speakers(scene)
        action = action_text(scene)
        named = [p for p in people_in_capitals(action, all_speakers) if p not in met]
        groups = {p for p in named if p.split()[-1] in GROUPS and p not in all_speakers}
        introduced = [p for p in named if p not in groups]
        met |= set(speaking) | set(introduced)
        found = elements_from_words(action)
        for category, items in elements_from_notes(scene.notes).items():
            found[category] |= items
        found["cast"] |= set(speaking) | set(introduced)
        found["extras"] |= {group.lower() for group in groups}
        eighths = eighths_of(scene_lines(scene))
        scenes.append({
            "id": scene_id, "number": scene_id, "heading": scene.heading, **read_heading(scene.heading),
            "eighths": eighths, "estimated_minutes": eighths * MINUTES_PER_EIGHTH,
            "characters": speaking, "introduced": introduced,
            "elements": {category: sorted(found[category]) for category in CATEGORIES},
            "synopsis": _synopsis(scene),
        })
    if script.page_count:
        pages = script.page_count
    else:
        opening = sum(element_lines(e, None) for e in script.opening)
        pages = math.ceil((opening + sum(scene_lines(s) for s in script.scenes)) / LINES_PER_PAGE)
    return {
        "title": script.title, "source_format": script.source_format, "pages": pages,
        "total_eighths": sum(s["eighths"] for s in scenes), "scenes": scenes, "characters": character_index(scenes),
        "scene_numbers": "writer" if all(scene.number for scene in script.scenes) else "sequence",
        "warnings": script.warnings + warnings + _unsure_warning(scenes),
    }
