"""What the benchmarks share for timing work in this process."""
import time


def best_of(work, runs: int) -> tuple[float, object]:
    """The fastest of `runs` calls of `work` in seconds (the others are noise from the machine),
    and the last call's result."""
    best, result = float("inf"), None
    for _ in range(runs):
        started = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - started)
    return best, result
