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
    actors = _list_field(data, "actors", "a list of actors, each with an id and a daily cost")
    scenes = _list_field(data, "scenes", "a list of scenes, each with an id, a duration and its actors")
    if not scenes:
        raise Rejected("The talent file has no scenes to schedule.")
    rates: dict[str, int] = {}
    for entry in actors:
        actor_id = _id_of(entry, "actor")
        if actor_id in rates:
            raise Rejected(f"Actor {actor_id} is listed twice in the cast list.")
        rates[actor_id] = _whole(entry.get("cost"), f"Actor {actor_id}'s daily cost", least=0)
    read_scenes: list[tuple[str, int, tuple[str, ...]]] = []
    seen: set[str] = set()
    for entry in scenes:
        scene_id = _id_of(entry, "scene")
        if scene_id in seen:
            raise Rejected(f"Scene {scene_id} is listed twice.")
        seen.add(scene_id)
        days = _whole(entry.get("duration"), f"Scene {scene_id}'s duration in days", least=1)
        cast = _cast_of(entry, scene_id, rates)
        read_scenes.append((scene_id, days, cast))
    name = data.get("name", "")
    return (name if isinstance(name, str) else str(name)), list(rates.items()), read_scenes


def _list_field(data: dict, key: str, wanted: str) -> list:
    value = data.get(key)
    if not isinstance(value, list):
        raise Rejected(f"The talent file needs '{key}': {wanted}.")
    return value


def _id_of(entry: object, kind: str) -> str:
    if not isinstance(entry, dict) or "id" not in entry:
        raise Rejected(f"Every {kind} in the talent file needs an 'id' (found {entry!r}).")
    return _as_id(entry["id"], kind)


def _as_id(value: object, kind: str) -> str:
    # bool is an int in Python, but `true` is never a sensible scene or actor number.
    if isinstance(value, bool) or not isinstance(value, (str, int)) or str(value).strip() == "":
        raise Rejected(f"A {kind} id must be a name or a number (found {value!r}).")
    return str(value)


def _whole(value: object, what: str, least: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise Rejected(f"{what} must be a whole number (found {value!r}).")
    if value < least:
        raise Rejected(f"{what} must be at least {least} (found {value}).")
    return value


def _cast_of(entry: dict, scene_id: str, rates: dict[str, int]) -> tuple[str, ...]:
    listed = entry.get("actors", [])
    if not isinstance(listed, list):
        raise Rejected(f"Scene {scene_id}'s actors must be a list of actor ids (found {listed!r}).")
    cast: list[str] = []
    for value in listed:
        actor_id = _as_id(value, "actor")
        if actor_id not in rates:
            raise Rejected(f"Scene {scene_id} needs actor {actor_id}, who is not in the cast list.")
        if actor_id in cast:
            raise Rejected(f"Scene {scene_id} lists actor {actor_id} twice.")
        cast.append(actor_id)
    return tuple(cast)
