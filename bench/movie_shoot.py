"""Movie-shoot sequencing on the ten Hexaly instances (movie5 ... movie300), one line per instance.

Prints scenes, actors, locations, precedences, the cost found, whether it is proved optimal, and the
seconds taken; every cost is re-checked with the independent evaluator (movie_cost). No optima are
published for these instances. Other work on the machine shares the CPU, so times and, for the long
scripts, costs are noisy.

    python -m bench.movie_shoot [--limit-s 60] [--seed 0]
"""
import argparse
import os
from pathlib import Path

from core.scheduling.movie_shoot import movie_cost, read_movie, solve_movie

INSTANCES = ["movie5", "movie10", "movie12", "movie15", "movie20", "movie30", "movie50", "movie100",
             "movie200", "movie300"]


def shared_dir() -> Path:
    return Path(os.environ.get("NOLLYCREW_SHARED", Path(__file__).resolve().parents[1] / ".." / "shared"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit-s", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    folder = shared_dir() / "bench" / "movie_shoot"
    print(f"{'instance':<10}{'scenes':>7}{'actors':>7}{'locs':>6}{'precs':>6}{'cost':>9}  proved  seconds")
    for name in INSTANCES:
        path = folder / f"{name}.txt"
        if not path.exists():
            print(f"{name:<10} missing: {path}")
            continue
        problem = read_movie(path.read_text())
        result = solve_movie(problem, limit_s=args.limit_s, seed=args.seed)
        checked = movie_cost(problem, result.order)
        if checked != result.cost:
            raise SystemExit(f"{name}: solver says {result.cost}, evaluator says {checked}")
        print(f"{name:<10}{problem.scene_count:>7}{problem.actor_count:>7}{problem.location_count:>6}"
              f"{len(problem.precedences):>6}{result.cost:>9}  {str(result.proved_optimal):<6}  "
              f"{result.seconds:7.1f}", flush=True)


if __name__ == "__main__":
    main()
