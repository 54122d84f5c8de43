"""Talent scheduling on the 21 public instances: is each proved optimal, and in how many seconds?

    .venv/bin/python -m bench.talent [--limit-s 60] [--workers 2] [--draft-s 2] [--movies-limit-s 10]

The issue asks for all 21 proved optimal in at most 5 s each on 2 cores. Other processes share the
CPU while this runs, so seconds are noisy. Every answer is re-priced with the independent evaluator
and checked against the published optimum; a mismatch is printed in capitals and exits 1.

Two more figures: `draft` is what the unproved local search alone reaches in --draft-s (what bigger
boards get), and a second table solves the cast part of the movie-shoot instances (locations and
precedences ignored) as larger talent problems, with no known optimum.
"""
import argparse
import json
import os
import sys
import time
from pathlib import Path

from core.scheduling.talent import read_talent, solve_talent, total_cost
from core.scheduling.talent_cast import cast_board
from core.scheduling.talent_draft import draft_order

SHARED = Path(os.environ.get("NOLLYCREW_SHARED", Path(__file__).resolve().parents[1] / ".." / "shared"))
TALENT_DIR = SHARED / "bench" / "talent"
MOVIE_DIR = SHARED / "bench" / "movie_shoot"
TARGET_S = 5.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.talent", description=__doc__)
    parser.add_argument("--limit-s", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--draft-s", type=float, default=2.0, help="time for the unproved search alone")
    parser.add_argument("--movies-limit-s", type=float, default=10.0, help="0 skips the movie-shoot casts")
    args = parser.parse_args(argv)
    files = sorted(TALENT_DIR.glob("*.json"))
    if not files:
        print(f"skipped: no instances in {TALENT_DIR} (../shared/bench/talent not present)")
        return 0
    print(f"{'instance':<18}{'scenes':>7}{'actors':>7}{'total_cost':>11}{'known':>7}{'proved':>8}{'seconds':>9}"
          f"{'draft':>8}")
    proved, slowest, wrong = 0, 0.0, []
    for path in files:
        data = json.loads(path.read_text())
        talent = read_talent(data)
        result = solve_talent(talent, limit_s=args.limit_s, workers=args.workers)
        known = (data.get("known_optimum") or {}).get("total_cost")
        problems = _check(talent, result, known)
        draft = _draft_cost(talent, args.draft_s)
        if draft < result.total_cost and result.proved_optimal:
            problems.append(f"the draft {draft} beats the proved optimum {result.total_cost}")
        wrong += [f"{path.stem}: {problem}" for problem in problems]
        proved += result.proved_optimal
        slowest = max(slowest, result.seconds)
        print(f"{path.stem:<18}{len(talent.scenes):>7}{len(talent.actors):>7}{result.total_cost:>11}"
              f"{known if known is not None else '-':>7}{str(result.proved_optimal):>8}{result.seconds:>9.3f}"
              f"{draft:>8}" + ("  <<< " + "; ".join(problems).upper() if problems else ""))
    print(f"summary: {proved} proved optimal / {len(files)}, max seconds {slowest:.3f} "
          f"(target {TARGET_S:g} s each), mismatches {len(wrong)}")
    for line in wrong:
        print(f"MISMATCH {line}")
    if args.movies_limit_s > 0:
        wrong += _movie_casts(args.movies_limit_s, args.workers)
    return 1 if wrong else 0


def _draft_cost(talent, draft_s: float) -> int:
    """Total pay of the order the shaken local search finds alone, the same fixed pay included."""
    board = cast_board([(scene.id, scene.days, scene.actor_ids) for scene in talent.scenes], _rates(talent))
    order = draft_order(board, time.monotonic() + draft_s, keep_shaking=True)
    return total_cost(talent, board.scene_order(order))


def _movie_casts(limit_s: float, workers: int) -> list[str]:
    """Solve the cast part of each movie-shoot instance; return what is wrong, in words."""
    files = sorted(MOVIE_DIR.glob("movie*.txt"), key=lambda path: int(path.stem[len("movie"):]))
    if not files:
        print(f"skipped: no movie-shoot instances in {MOVIE_DIR}")
        return []
    print(f"\ncast part of the movie-shoot instances, {limit_s:g} s limit (no published optimum)")
    print(f"{'instance':<18}{'scenes':>7}{'actors':>7}{'total_cost':>11}{'hold_cost':>10}{'proved':>8}{'seconds':>9}")
    wrong = []
    for path in files:
        talent = _talent_of_movie(path.read_text())
        result = solve_talent(talent, limit_s=limit_s, workers=workers)
        problems = _check(talent, result, None)
        wrong += [f"{path.stem}: {problem}" for problem in problems]
        fixed = sum(scene.days * sum(_rates(talent)[a] for a in scene.actor_ids) for scene in talent.scenes)
        print(f"{path.stem:<18}{len(talent.scenes):>7}{len(talent.actors):>7}{result.total_cost:>11}"
              f"{result.total_cost - fixed:>10}{str(result.proved_optimal):>8}{result.seconds:>9.3f}"
              + ("  <<< " + "; ".join(problems).upper() if problems else ""))
    return wrong


def _rates(talent) -> dict[str, int]:
    return {actor.id: actor.daily_rate for actor in talent.actors}


def _talent_of_movie(text: str):
    """Actors, durations and casts of a movie-shoot file (README format); locations and precedences dropped."""
    numbers = [int(word) for word in text.split()]
    actors, scenes, locations = numbers[0], numbers[1], numbers[2]
    at = 4
    costs = numbers[at:at + actors]
    at += actors + locations
    days = numbers[at:at + scenes]
    at += 2 * scenes
    rows = [numbers[at + a * scenes:at + (a + 1) * scenes] for a in range(actors)]
    return read_talent({"actors": [{"id": a, "cost": costs[a]} for a in range(actors)],
                        "scenes": [{"id": s, "duration": days[s], "actors": [a for a in range(actors) if rows[a][s]]}
                                   for s in range(scenes)]})


def _check(talent, result, known: int | None) -> list[str]:
    """What is wrong with a result, in words; empty when it is right."""
    problems = []
    if sorted(result.order) != sorted(scene.id for scene in talent.scenes):
        return ["order is not every scene exactly once"]
    repriced = total_cost(talent, result.order)
    if repriced != result.total_cost:
        problems.append(f"solver says {result.total_cost} but the order costs {repriced}")
    if known is not None and result.proved_optimal and repriced != known:
        problems.append(f"proved {repriced} but the published optimum is {known}")
    if known is not None and repriced < known:
        problems.append(f"cost {repriced} beats the published optimum {known}: evaluator or data wrong")
    return problems


if __name__ == "__main__":
    sys.exit(main())
