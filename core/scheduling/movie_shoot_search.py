"""Search for a cheap shooting order: exact for short scripts, annealing on the stripboard otherwise.

Up to EXACT_SCENES scenes the subset DP of the whole script is solved and proved optimal. Beyond that
a start board from beam search (a greedy one under short limits) is improved by simulated annealing
whose move lifts one of a few random blocks of strips and drops it at its cheapest legal point; every
few moves a short run of strips is re-sequenced exactly, which polishes what block moves cannot reach,
and when no better board has been seen for a while the best one is shaken and the search goes on from
there. The random stream is seeded, so a run with `max_rounds` is repeatable; a run bounded only by time
depends on the machine's speed. Several workers run independent seeds in separate processes.
"""
import math
import random
import time
from concurrent.futures import ProcessPoolExecutor

import numpy as np

from core.scheduling.movie_shoot_beam import beam_order
from core.scheduling.movie_shoot_board import Board
from core.scheduling.movie_shoot_drops import BLOCKED
from core.scheduling.movie_shoot_file import MovieProblem
from core.scheduling.movie_shoot_subsets import MAX_ACTORS, Run, best_run_order

EXACT_SCENES = 20  # 2^20 shot sets: about two seconds
BEAM_WIDTH = 20  # partial boards kept per length; about 1.5 s for 300 scenes
BEAM_MIN_LIMIT_S = 10.0  # below this the quick greedy board is the start
RUN_STRIPS = 12  # exact re-sequencing window: 2^12 shot sets, a few milliseconds
MAX_BLOCK_STRIPS = 12
RESEQUENCE_EVERY_MOVES = 25
STALL_MOVES = 250  # moves without a new best before the board is shaken
KICK_MOVES = 6
BLOCKS_PER_MOVE = 8  # blocks priced together; the cheapest drop among them is the candidate move
START_TEMPERATURE_SHARE = 0.1  # of the start board's cost per scene: a worse move is often taken
FINAL_TEMPERATURE_SHARE = 0.002  # of the start temperature: the last moves accept almost nothing worse
WORKER_START_S = 0.5  # allowance for starting a worker process, taken off its time limit


def search_in_parallel(problem: MovieProblem, limit_s: float, workers: int, seed: int,
                       max_rounds: int | None) -> tuple[list[int], int, bool]:
    """search_order in `workers` processes with seeds seed, seed+1, ...; the cheapest order wins
    (the lowest seed on a tie, so a capped run stays repeatable)."""
    if workers <= 1 or _is_short(problem):
        return search_order(problem, limit_s, seed, max_rounds)
    worker_limit_s = max(limit_s - WORKER_START_S, limit_s / 2)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        runs = [pool.submit(search_order, problem, worker_limit_s, seed + k, max_rounds) for k in range(workers)]
        results = [run.result() for run in runs]
    return min(results, key=lambda result: result[1])


def search_order(problem: MovieProblem, limit_s: float, seed: int,
                 max_rounds: int | None) -> tuple[list[int], int, bool]:
    """(order, cost, proved optimal) for `problem` within about `limit_s` seconds."""
    deadline = time.monotonic() + limit_s
    board = Board(problem)
    if _is_short(problem):
        order = np.array(_whole_script(board))
        return [int(s) for s in order], board.cost(order), True
    start = beam_order(board, BEAM_WIDTH, seed) if limit_s >= BEAM_MIN_LIMIT_S else _greedy(board)
    order = _anneal(board, start, deadline, random.Random(seed), max_rounds)
    return [int(s) for s in order], board.cost(order), False


def _is_short(problem: MovieProblem) -> bool:
    return problem.scene_count <= EXACT_SCENES and problem.actor_count <= MAX_ACTORS


def _whole_script(board: Board) -> list[int]:
    problem = board.problem
    sites = sorted(set(problem.scene_locations))
    local = {site: i for i, site in enumerate(sites)}
    run = Run(
        days=list(problem.scene_days),
        casts=[sum(1 << a for a in cast) for cast in problem.scene_actors],
        locations=[local[site] for site in problem.scene_locations],
        move_costs=[problem.location_visit_costs[site] for site in sites],
        actor_day_costs=list(problem.actor_day_costs),
        before=[sum(1 << p for p in board.before[s]) for s in range(problem.scene_count)],
    )
    return best_run_order(run)[0]


def _greedy(board: Board) -> np.ndarray:
    """Shoot next the ready scene that keeps the fewest idle actors on hold and avoids a move."""
    waiting = [len(b) for b in board.before]
    remaining = board.in_scene.sum(axis=1)
    started = np.zeros(len(remaining), dtype=bool)
    order: list[int] = []
    ready = [s for s in range(board.scenes) if not waiting[s]]
    site = -1
    while ready:
        def price(scene: int) -> tuple[int, int]:
            cast = board.in_scene[:, scene]
            still_on = started & (remaining - cast > 0) & ~cast
            hold = int(board.day_cost[still_on].sum()) * int(board.days[scene])
            move = 0 if board.site[scene] == site else int(board.fee[board.site[scene]])
            opens = int(board.day_cost[cast & ~started].sum())
            return hold + move, opens
        scene = min(ready, key=price)
        ready.remove(scene)
        order.append(scene)
        cast = board.in_scene[:, scene]
        started |= cast
        remaining -= cast
        site = board.site[scene]
        for then in board.after[scene]:
            waiting[then] -= 1
            if not waiting[then]:
                ready.append(then)
    return np.array(order, dtype=np.int64)


def _anneal(board: Board, order: np.ndarray, deadline: float, rng: random.Random,
            max_rounds: int | None) -> np.ndarray:
    cost = board.cost(order)
    best, best_cost = order, cost
    start_temperature = max(1.0, START_TEMPERATURE_SHARE * cost / board.scenes)
    started, rounds = time.monotonic(), 0
    longest = max(1, min(MAX_BLOCK_STRIPS, board.scenes // 4))
    last_gain = 0
    while True:
        now = time.monotonic()
        if now >= deadline:
            break
        # with a round cap the schedule follows rounds only, so the run does not depend on speed
        progress = rounds / max_rounds if max_rounds is not None else (now - started) / (deadline - started)
        if progress >= 1.0:
            break
        rounds += 1
        temperature = start_temperature * FINAL_TEMPERATURE_SHARE ** progress
        if rounds - last_gain > STALL_MOVES:
            order, last_gain = _kick(board, best, rng, longest), rounds
            cost = board.cost(order)
        elif rounds % RESEQUENCE_EVERY_MOVES == 0:
            length = min(RUN_STRIPS, board.scenes)
            order = board.resequence(order, rng.randrange(board.scenes - length + 1), length)
            cost = board.cost(order)
        else:
            length = rng.randint(1, longest)
            places = board.scenes - length + 1
            starts = np.array(rng.sample(range(places), min(BLOCKS_PER_MOVE, places)))
            costs = board.price_drops(order, starts, length)
            costs[np.arange(len(starts)), starts] = BLOCKED  # dropping a block back where it was is no move
            pick, point = divmod(int(np.argmin(costs)), costs.shape[1])
            delta = int(costs[pick, point]) - cost
            if costs[pick, point] >= BLOCKED or (delta > 0 and rng.random() >= math.exp(-delta / temperature)):
                continue
            at = int(starts[pick])
            rest = np.concatenate((order[:at], order[at + length:]))
            order = np.concatenate((rest[:point], order[at:at + length], rest[point:]))
            cost += delta
        if cost < best_cost:
            best, best_cost, last_gain = order, cost, rounds
    return best


def _kick(board: Board, order: np.ndarray, rng: random.Random, longest: int) -> np.ndarray:
    """Shake a stuck board: a few blocks dropped at random legal points, whatever they cost."""
    for _ in range(KICK_MOVES):
        length = rng.randint(1, longest)
        at = rng.randrange(board.scenes - length + 1)
        legal = np.flatnonzero(board.price_drops(order, np.array([at]), length)[0] < BLOCKED)
        point = int(legal[rng.randrange(len(legal))])
        rest = np.concatenate((order[:at], order[at + length:]))
        order = np.concatenate((rest[:point], order[at:at + length], rest[point:]))
    return order
