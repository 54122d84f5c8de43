"""Movie-shoot sequencing: the order to shoot scenes in so the cast waits least and the unit moves least.

Talent scheduling with locations (the Hexaly "movie shoot scheduling" model). An actor is paid every
day from the first day of their first scene to the last day of their last scene, so days spent on
hold between their scenes are the waste; every return to a location after the first visit costs that
location's fee (a company move). Some scenes must be shot before others (a wedding before the fight
that ruins the dress). The file format is described in bench/movie_shoot/README.md of the shared data.
"""
import time

from core.errors import Rejected
from core.scheduling.movie_shoot_file import MovieProblem, MovieResult, read_movie
from core.scheduling.movie_shoot_search import search_in_parallel

__all__ = ["MovieProblem", "MovieResult", "read_movie", "movie_cost", "solve_movie"]


def movie_cost(problem: MovieProblem, order: list[int]) -> int:
    """Holding cost of the cast plus company-move fees for `order`; refuses orders that break a rule."""
    scenes = problem.scene_count
    if sorted(order) != list(range(scenes)):
        raise Rejected("A shooting order must list every scene 0 to {last} exactly once.", last=scenes - 1)
    position = {scene: at for at, scene in enumerate(order)}
    for before, after in problem.precedences:
        if position[before] > position[after]:
            raise Rejected("Scene {before} must be shot before scene {after}, but this order shoots it after.",
                           before=before, after=after)
    first_day: dict[int, int] = {}
    last_day: dict[int, int] = {}
    worked: dict[int, int] = {}
    day = 0
    for scene in order:
        for actor in problem.scene_actors[scene]:
            first_day.setdefault(actor, day)
            last_day[actor] = day + problem.scene_days[scene]
            worked[actor] = worked.get(actor, 0) + problem.scene_days[scene]
        day += problem.scene_days[scene]
    holding = sum(problem.actor_day_costs[a] * (last_day[a] - first_day[a] - worked[a]) for a in first_day)
    visits = [0] * problem.location_count
    previous = None
    for scene in order:
        location = problem.scene_locations[scene]
        if location != previous:
            visits[location] += 1
        previous = location
    moves = sum(cost * (count - 1) for cost, count in zip(problem.location_visit_costs, visits) if count)
    return holding + moves


def solve_movie(problem: MovieProblem, limit_s: float = 60.0, workers: int = 2, seed: int = 0,
                *, max_rounds: int | None = None) -> MovieResult:
    """Best shooting order found within about `limit_s` seconds; exact (proved) up to 20 scenes.

    Longer scripts are searched by `workers` processes with seeds seed, seed+1, ... Given `seed` and
    `max_rounds` (a cap on search moves) the result does not depend on machine speed."""
    if limit_s <= 0:
        raise Rejected("The time limit must be positive, not {seconds} seconds.", seconds=limit_s)
    started = time.monotonic()
    if workers < 1:
        raise Rejected("The solver needs at least one worker, not {workers}.", workers=workers)
    order, cost, proved = search_in_parallel(problem, limit_s, workers, seed, max_rounds)
    return MovieResult(order, cost, proved, time.monotonic() - started)

