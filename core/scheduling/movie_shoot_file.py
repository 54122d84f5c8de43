"""The movie-shoot file (Hexaly's format): counts, costs, scene days and locations, who is in which
scene, and which scenes must be shot before which. Refused in plain words when short, garbled or
self-contradictory."""
from dataclasses import dataclass

from core.errors import Rejected


@dataclass(frozen=True)
class MovieProblem:
    actor_day_costs: tuple[int, ...]
    location_visit_costs: tuple[int, ...]
    scene_days: tuple[int, ...]
    scene_locations: tuple[int, ...]
    scene_actors: tuple[tuple[int, ...], ...]  # for each scene, the actors in it
    precedences: tuple[tuple[int, int], ...]  # (before, after) scene pairs

    @property
    def scene_count(self) -> int:
        return len(self.scene_days)

    @property
    def actor_count(self) -> int:
        return len(self.actor_day_costs)

    @property
    def location_count(self) -> int:
        return len(self.location_visit_costs)


@dataclass(frozen=True)
class MovieResult:
    order: list[int]
    cost: int
    proved_optimal: bool
    seconds: float


def read_movie(text: str) -> MovieProblem:
    """Parse the whitespace-separated integer format; refuse anything short, long or out of range."""
    try:
        numbers = [int(token) for token in text.split()]
    except ValueError as exc:
        raise Rejected("The movie-shoot file must hold whole numbers only: {problem}.", problem=str(exc)) from None
    if len(numbers) < 4:
        raise Rejected("The movie-shoot file is too short: it must start with the counts of actors, "
                       "scenes, locations and precedences.")
    actors, scenes, locations, precedence_count = numbers[:4]
    if actors < 0 or scenes < 1 or locations < 1 or precedence_count < 0:
        raise Rejected("The movie-shoot file's counts make no sense: {actors} actors, {scenes} scenes, "
                       "{locations} locations, {precedences} precedences.",
                       actors=actors, scenes=scenes, locations=locations, precedences=precedence_count)
    expected = 4 + actors + locations + 2 * scenes + actors * scenes + 2 * precedence_count
    if len(numbers) != expected:
        raise Rejected("The movie-shoot file holds {count} numbers but its counts ({actors} actors, {scenes} "
                       "scenes, {locations} locations, {precedences} precedences) call for {expected}; it is cut "
                       "short or garbled.", count=len(numbers), actors=actors, scenes=scenes, locations=locations,
                       precedences=precedence_count, expected=expected)
    at = 4

    def take(count: int) -> list[int]:
        nonlocal at
        at += count
        return numbers[at - count:at]

    actor_costs, location_costs = take(actors), take(locations)
    days, scene_locations = take(scenes), take(scenes)
    rows = [take(scenes) for _ in range(actors)]
    pairs = [tuple(take(2)) for _ in range(precedence_count)]
    if any(cost < 0 for cost in actor_costs + location_costs):
        raise Rejected("A daily actor cost or a location visit cost is negative; costs must be 0 or more.")
    for scene, length in enumerate(days):
        if length < 1:
            raise Rejected("Scene {scene} lasts {days} days; every scene needs at least one day.",
                           scene=scene, days=length)
    for scene, location in enumerate(scene_locations):
        if not 0 <= location < locations:
            raise Rejected("Scene {scene} is at location {location}, but the locations are numbered 0 to {last}.",
                           scene=scene, location=location, last=locations - 1)
    for actor, row in enumerate(rows):
        if any(value not in (0, 1) for value in row):
            raise Rejected("Actor {actor}'s row must be 0 (not in the scene) or 1 (in the scene) for each scene.",
                           actor=actor)
    for before, after in pairs:
        if not (0 <= before < scenes and 0 <= after < scenes) or before == after:
            raise Rejected("The precedence {before} before {after} names a scene that does not exist (scenes are 0 "
                           "to {last}) or a scene before itself.", before=before, after=after, last=scenes - 1)
    _refuse_cycle(scenes, pairs)
    cast = tuple(tuple(a for a in range(actors) if rows[a][s]) for s in range(scenes))
    return MovieProblem(tuple(actor_costs), tuple(location_costs), tuple(days), tuple(scene_locations),
                        cast, tuple(pairs))


def _refuse_cycle(scenes: int, pairs: list[tuple[int, int]]) -> None:
    after: list[list[int]] = [[] for _ in range(scenes)]
    for before, later in pairs:
        after[before].append(later)
    state = [0] * scenes  # 0 unseen, 1 on the current path, 2 done
    for root in range(scenes):
        if state[root]:
            continue
        path, stack = [root], [iter(after[root])]
        state[root] = 1
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                stack.pop()
            elif state[nxt] == 1:
                loop = path[path.index(nxt):] + [nxt]
                raise Rejected("Scenes {scenes} must each come before the other; no shooting order can satisfy that.",
                               scenes=" -> ".join(map(str, loop)))
            elif state[nxt] == 0:
                state[nxt] = 1
                path.append(nxt)
                stack.append(iter(after[nxt]))
