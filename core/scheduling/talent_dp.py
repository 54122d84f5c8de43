"""Exact talent scheduling by dynamic programme over every set of strips still to shoot.

Garcia de la Banda, Stuckey and Chu (2011): what shooting strip s next costs depends only on the set
Q of strips not yet shot. The actors on hold during s are those who started before it (they are in a
strip outside Q) and still have a strip after it (in Q without s), less the cast of s. Dropping s
from Q only drops actors of s, who are masked out anyway, so "a strip after it" is "a strip in Q":
    hold(Q) = min over s in Q of  days(s) * pay(started(Q) & needed(Q) & ~cast(s)) + hold(Q - s)
and hold(all strips) is the least hold pay. numpy sweeps every set of the same size at once, smallest
sets first, so the whole table of 2^n sets takes about n * 2^(n-1) vector steps.
"""
import time

import numpy as np

from core.scheduling.talent_cast import SLICE_BITS, SLICE_MASK, CastBoard

# 2^24 sets: about 0.5 GB of tables and 10-30 s; past that the table is minutes and gigabytes.
MOST_STRIPS_FOR_TABLE = 24
# Measured cost of one (set, strip) step with one 16-actor slice is 0.03-0.07 us on a shared 2-core machine;
# the estimate, with room to spare, decides whether a proof can finish before the deadline at all.
STEP_S = 1.0e-7
EXTRA_SLICE_SHARE = 0.3
# numpy integers wrap silently: a board whose pay could pass 2^62 is left to the draft, never mis-added.
MOST_HOLD_IN_TABLE = 2**62


def table_seconds(board: CastBoard) -> float:
    """Rough wall time of `least_hold_order` on this board; infinite when it cannot run at all."""
    count = len(board.casts)
    if count > MOST_STRIPS_FOR_TABLE or _worst_hold(board) >= MOST_HOLD_IN_TABLE:
        return float("inf")
    return count * 2 ** max(count - 1, 0) * STEP_S * (1 + EXTRA_SLICE_SHARE * max(len(board.pay_tables) - 1, 0))


def least_hold_order(board: CastBoard, deadline: float) -> list[int] | None:
    """A strip order of least hold pay; None if the board is past the table's size or pay range, or
    if `deadline` (time.monotonic) passes first."""
    count = len(board.casts)
    if count > MOST_STRIPS_FOR_TABLE or _worst_hold(board) >= MOST_HOLD_IN_TABLE:
        return None
    if count <= 1:
        return list(range(count))
    everything = (1 << count) - 1
    needed = _needed_slices(board, count)
    # int32 halves the memory traffic whenever no order could pay more than 2^31 in holds.
    money = np.int32 if _worst_hold(board) < np.iinfo(np.int32).max // 2 else np.int64
    tables = [np.asarray(table, dtype=money) for table in board.pay_tables]
    hold = np.zeros(1 << count, dtype=money)
    for sets in _sets_by_size(count)[1:]:
        if time.monotonic() > deadline:
            return None
        hold[sets] = _best_next(board, sets, sets ^ everything, needed, tables, hold)
    return _walk_back(board, hold, count)


def _worst_hold(board: CastBoard) -> int:
    """More than any order could pay in holds: everyone held for every day."""
    return sum(board.daily_rates) * sum(board.days)


def _best_next(board, sets, started_sets, needed, tables, hold) -> np.ndarray:
    """For each set Q in `sets` (all the same size), the least hold pay to shoot Q."""
    best = np.full(len(sets), np.iinfo(hold.dtype).max, dtype=hold.dtype)
    # Actors already on location who must stay for a strip in Q: the same whichever strip goes next.
    staying = [slice_[started_sets] & slice_[sets] for slice_ in needed]
    for strip, days in enumerate(board.days):
        has = (sets >> strip) & 1 == 1
        rest = sets[has] ^ (1 << strip)
        pay = np.zeros(len(rest), dtype=hold.dtype)
        for k, table in enumerate(tables):
            off_cast = ~np.uint16((board.casts[strip] >> (SLICE_BITS * k)) & SLICE_MASK)
            pay += table[staying[k][has] & off_cast]
        best[has] = np.minimum(best[has], pay * hold.dtype.type(days) + hold[rest])
    return best


def _needed_slices(board: CastBoard, count: int) -> list[np.ndarray]:
    """For every set of strips, the union of their casts, one uint16 array per 16-actor slice."""
    slices = []
    for k in range(len(board.pay_tables)):
        union = np.zeros(1 << count, dtype=np.uint16)
        for strip, cast in enumerate(board.casts):
            low = 1 << strip
            union[low:2 * low] = union[:low] | np.uint16((cast >> (SLICE_BITS * k)) & SLICE_MASK)
        slices.append(union)
    return slices


def _sets_by_size(count: int) -> list[np.ndarray]:
    """Every subset of `count` strips as a bit mask, grouped by how many strips it holds."""
    sets = np.arange(1 << count, dtype=np.int32)
    sizes = np.zeros(1 << count, dtype=np.int8)
    for strip in range(count):
        sizes += ((sets >> strip) & 1).astype(np.int8)
    del sets
    order = np.argsort(sizes, kind="stable").astype(np.int32)
    bounds = np.searchsorted(sizes[order], np.arange(count + 2))
    return [order[bounds[size]:bounds[size + 1]] for size in range(count + 1)]


def _walk_back(board: CastBoard, hold: np.ndarray, count: int) -> list[int]:
    """Follow the table from the full set, taking the first strip that keeps the least pay."""
    order, left, started = [], (1 << count) - 1, 0
    while left:
        needed = 0
        for strip in range(count):
            if left >> strip & 1:
                needed |= board.casts[strip]
        for strip in range(count):
            if not left >> strip & 1:
                continue
            rest = left ^ (1 << strip)
            step = board.days[strip] * board.pay(started & needed & ~board.casts[strip])
            if step + int(hold[rest]) == int(hold[left]):
                order.append(strip)
                started |= board.casts[strip]
                left = rest
                break
        else:  # unreachable unless the table is wrong; say so rather than loop forever
            raise AssertionError("talent table has no step matching its own optimum")
    return order
