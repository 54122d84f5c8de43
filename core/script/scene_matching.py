"""Which scenes of a new draft are the old draft's scenes: by number, or by heading and content."""
import difflib

SAME_SCENE_RATIO = 0.6  # heading + opening action at least this alike: a rewritten scene, not a new one
MOVED_SCENE_RATIO = 0.8  # stricter for a scene that also changed place in the script


def _signature(scene: dict) -> str:
    return f"{scene['heading']}\n{' '.join(scene['characters'])}\n{scene['synopsis']}"


def _alike(old: dict, new: dict, floor: float) -> float:
    matcher = difflib.SequenceMatcher(None, _signature(old), _signature(new), autojunk=False)
    if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:  # cheap upper bounds first
        return 0.0
    return matcher.ratio()


def _pair_by_content(olds: list[dict], news: list[dict], ratio: float) -> list[tuple[dict, dict]]:
    """Most-alike pairs first, each scene used once."""
    scored = sorted(
        ((_alike(old, new, ratio), i, j) for i, old in enumerate(olds) for j, new in enumerate(news)), reverse=True
    )
    used_old, used_new, pairs = set(), set(), []
    for score, i, j in scored:
        if score >= ratio and i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            pairs.append((olds[i], news[j]))
    return pairs


def match_scenes(old: dict, new: dict) -> list[tuple[dict, dict]]:
    """(old scene, new scene) pairs. Writer-numbered drafts match by number; others by heading order,
    then by heading and content alike (difflib), so an inserted scene does not shift every match."""
    if old.get("scene_numbers") == "writer" and new.get("scene_numbers") == "writer":
        by_id = {scene["id"]: scene for scene in new["scenes"]}
        return [(scene, by_id[scene["id"]]) for scene in old["scenes"] if scene["id"] in by_id]
    olds, news = old["scenes"], new["scenes"]
    headings = difflib.SequenceMatcher(
        None, [s["heading"] for s in olds], [s["heading"] for s in news], autojunk=False
    )
    pairs, loose_old, loose_new = [], [], []
    for tag, i1, i2, j1, j2 in headings.get_opcodes():
        if tag == "equal":
            pairs.extend(zip(olds[i1:i2], news[j1:j2]))
        elif tag == "replace":
            found = _pair_by_content(olds[i1:i2], news[j1:j2], SAME_SCENE_RATIO)
            pairs.extend(found)
            loose_old += [s for s in olds[i1:i2] if all(s is not a for a, _ in found)]
            loose_new += [s for s in news[j1:j2] if all(s is not b for _, b in found)]
        else:
            loose_old += olds[i1:i2]
            loose_new += news[j1:j2]
    return pairs + _pair_by_content(loose_old, loose_new, MOVED_SCENE_RATIO)
