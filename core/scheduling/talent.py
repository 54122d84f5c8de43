"""Talent scheduling: the order of scenes at one location that pays the cast the least.

An actor is paid every day from the first day of their first scene to the last day of their last,
the days they wait on hold included (Cheng, Diamond and Lin 1993; CSPLib 039). The order is found by
an exact dynamic programme over sets of scenes for each block of scenes linked by shared actors, when
the block is small enough to prove, after a fast draft that is the answer if the time limit runs out
first; bigger blocks get a local search that is not proved.
"""
import time
from dataclasses import dataclass

from core.errors import Rejected
from core.scheduling.talent_cast import CastBoard, cast_board
from core.scheduling.talent_draft import draft_order
from core.scheduling.talent_dp import least_hold_order, table_seconds
from core.scheduling.talent_reading import read_talent_fields

# The draft is a few milliseconds on a 20-strip block; this caps it when the proof still has to run.
DRAFT_SHARE_OF_LIMIT = 0.2


@dataclass(frozen=True)
class Actor:
    id: str
    daily_rate: int  # pay per shooting day, integer money units as in the file


@dataclass(frozen=True)
class Scene:
    id: str
    days: int
    actor_ids: tuple[str, ...]


@dataclass(frozen=True)
class TalentProblem:
    actors: tuple[Actor, ...]
    scenes: tuple[Scene, ...]
    name: str = ""


@dataclass(frozen=True)
class TalentResult:
    order: list[str]        # scene ids, first shot first
    total_cost: int         # cast pay for that order, hold days included
    proved_optimal: bool    # True only when no order can cost less
    seconds: float          # wall time spent solving


def read_talent(data: dict) -> TalentProblem:
    """A talent problem from its JSON form (actors [{id, cost}], scenes [{id, duration, actors}])."""
    name, actors, scenes = read_talent_fields(data)
    return TalentProblem(tuple(Actor(actor_id, rate) for actor_id, rate in actors),
                         tuple(Scene(scene_id, days, cast) for scene_id, days, cast in scenes), name)


def total_cost(problem: TalentProblem, order: list[str]) -> int:
    """Cast pay for shooting scenes in `order`, counted day by day from each actor's first to last scene."""
    by_id = {scene.id: scene for scene in problem.scenes}
    unknown = [scene_id for scene_id in order if scene_id not in by_id]
    if unknown:
        raise Rejected("The order names scenes that are not in the breakdown: {scenes}.",
                       scenes=", ".join(map(str, unknown)))
    if len(set(order)) != len(order):
        raise Rejected("The order shoots a scene twice; each scene must appear exactly once.")
    shot = set(order)
    missing = [scene.id for scene in problem.scenes if scene.id not in shot]
    if missing:
        raise Rejected("The order leaves out scenes {scenes}; every scene must be shot.", scenes=", ".join(missing))
    first_day: dict[str, int] = {}
    last_day: dict[str, int] = {}
    day = 0
    for scene_id in order:
        scene = by_id[scene_id]
        for actor_id in scene.actor_ids:
            first_day.setdefault(actor_id, day)
            last_day[actor_id] = day + scene.days
        day += scene.days
    rate = {actor.id: actor.daily_rate for actor in problem.actors}
    return sum(rate[actor_id] * (last_day[actor_id] - first_day[actor_id]) for actor_id in first_day)


def solve_talent(problem: TalentProblem, limit_s: float = 60.0, workers: int = 2) -> TalentResult:
    """The cheapest order found within `limit_s` seconds, and whether it is proved the cheapest.

    The exact programme runs on one core; `workers` is accepted for the shared solver signature."""
    if not limit_s > 0:
        raise Rejected("The time limit must be more than 0 seconds (got {seconds}).", seconds=limit_s)
    if workers < 1:
        raise Rejected("At least one worker is needed to schedule (got {workers}).", workers=workers)
    started_at = time.perf_counter()
    deadline = time.monotonic() + limit_s
    board = cast_board([(scene.id, scene.days, scene.actor_ids) for scene in problem.scenes],
                       {actor.id: actor.daily_rate for actor in problem.actors})
    blocks = board.unlinked_blocks()
    orders: dict[int, list[int]] = {}
    proved = True
    # Blocks that could be proved go first, smallest first; the others share whatever time is left.
    queue = sorted(range(len(blocks)), key=lambda number: table_seconds(board.only(blocks[number])))
    strips_left = sum(len(block) for block in blocks)
    for number in queue:
        block, left_s = board.only(blocks[number]), deadline - time.monotonic()
        if table_seconds(block) <= left_s:
            order, exact = _proved_or_draft(block, deadline)
        else:
            share_s = left_s * len(blocks[number]) / strips_left
            order, exact = draft_order(block, time.monotonic() + share_s, keep_shaking=True), False
        strips_left -= len(blocks[number])
        orders[number] = [blocks[number][strip] for strip in order]
        proved = proved and exact
    order = board.scene_order([strip for number in range(len(blocks)) for strip in orders[number]])
    return TalentResult(order, total_cost(problem, order), proved, time.perf_counter() - started_at)


def _proved_or_draft(block: CastBoard, deadline: float) -> tuple[list[int], bool]:
    """The exact order of a block small enough to prove, or a draft if the deadline comes first."""
    draft = draft_order(block, min(deadline, time.monotonic() + (deadline - time.monotonic()) * DRAFT_SHARE_OF_LIMIT))
    exact = least_hold_order(block, deadline)
    return (exact, True) if exact is not None else (draft, False)
