"""Reading a talent problem from its JSON form, refusing bad input in words a first AD can act on.

Ids may be strings or whole numbers in the file (the public instances number them); they are strings
from here on, as everywhere in NollyCrew. Pay and durations must be whole numbers: money is never a
float, and a scene takes whole shooting days.
"""
from core.errors import Rejected


def read_talent_fields(data: dict) -> tuple[str, list[tuple[str, int]], list[tuple[str, int, tuple[str, ...]]]]:
    """(name, [(actor id, daily rate)], [(scene id, days, actor ids)]) from the file's dict."""
    if not isinstance(data, dict):
        raise Rejected("The talent file must be one JSON object with a list of actors and a list of scenes.")
    if not data:
        raise Rejected("The talent file is empty; it needs a list of actors and a list of scenes.")
    actors, scenes = data.get("actors"), data.get("scenes")
    if not isinstance(actors, list):
        raise Rejected("The talent file needs 'actors': a list of actors, each with an id and a daily cost.")
    if not isinstance(scenes, list):
        raise Rejected("The talent file needs 'scenes': a list of scenes, each with an id, a duration and its actors.")
    if not scenes:
        raise Rejected("The talent file has no scenes to schedule.")
    rates: dict[str, int] = {}
    for entry in actors:
        actor_id = _id_of(entry, "actor")
        if actor_id in rates:
            raise Rejected("Actor {actor} is listed twice in the cast list.", actor=actor_id)
        cost = entry.get("cost")
        if not _whole(cost):
            raise Rejected("Actor {actor}'s daily cost must be a whole number (found {value}).",
                           actor=actor_id, value=repr(cost))
        if cost < 0:
            raise Rejected("Actor {actor}'s daily cost must be at least 0 (found {value}).", actor=actor_id, value=cost)
        rates[actor_id] = cost
    read_scenes: list[tuple[str, int, tuple[str, ...]]] = []
    seen: set[str] = set()
    for entry in scenes:
        scene_id = _id_of(entry, "scene")
        if scene_id in seen:
            raise Rejected("Scene {scene} is listed twice.", scene=scene_id)
        seen.add(scene_id)
        days = entry.get("duration")
        if not _whole(days):
            raise Rejected("Scene {scene}'s duration in days must be a whole number (found {value}).",
                           scene=scene_id, value=repr(days))
        if days < 1:
            raise Rejected("Scene {scene}'s duration in days must be at least 1 (found {value}).",
                           scene=scene_id, value=days)
        cast = _cast_of(entry, scene_id, rates)
        read_scenes.append((scene_id, days, cast))
    name = data.get("name", "")
    return (name if isinstance(name, str) else str(name)), list(rates.items()), read_scenes


def _id_of(entry: object, kind: str) -> str:
    if not isinstance(entry, dict) or "id" not in entry:
        raise Rejected("Every actor in the talent file needs an 'id' (found {entry})." if kind == "actor" else
                       "Every scene in the talent file needs an 'id' (found {entry}).", entry=repr(entry))
    return _as_id(entry["id"], kind)


def _as_id(value: object, kind: str) -> str:
    # bool is an int in Python, but `true` is never a sensible scene or actor number.
    if isinstance(value, bool) or not isinstance(value, (str, int)) or str(value).strip() == "":
        raise Rejected("An actor id must be a name or a number (found {value})." if kind == "actor" else
                       "A scene id must be a name or a number (found {value}).", value=repr(value))
    return str(value)


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _cast_of(entry: dict, scene_id: str, rates: dict[str, int]) -> tuple[str, ...]:
    listed = entry.get("actors", [])
    if not isinstance(listed, list):
        raise Rejected("Scene {scene}'s actors must be a list of actor ids (found {value}).",
                       scene=scene_id, value=repr(listed))
    cast: list[str] = []
    for value in listed:
        actor_id = _as_id(value, "actor")
        if actor_id not in rates:
            raise Rejected("Scene {scene} needs actor {actor}, who is not in the cast list.",
                           scene=scene_id, actor=actor_id)
        if actor_id in cast:
            raise Rejected("Scene {scene} lists actor {actor} twice.", scene=scene_id, actor=actor_id)
        cast.append(actor_id)
    return tuple(cast)
