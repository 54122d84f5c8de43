"""Exact shooting order of a few scenes by dynamic programming over the set of scenes already shot.

What a scene costs depends only on which scenes are already in the can, not their order: an actor is
on hold during scene s when they worked before it and still have work after it. So the best order of
n scenes is a shortest path over the 2^n shot sets, with the last location as extra state because a
company move is paid when the location changes. The same routine re-sequences a run of consecutive
strips inside a longer stripboard, given who was already called before the run and who is needed
after it, and where the unit comes from and goes to. Actors are bit masks, so a run may involve at
most 62 actors; everything is integers, so equal costs compare exactly.
"""
from dataclasses import dataclass

import numpy as np

NONE = -1
UNREACHABLE = np.int64(1) << np.int64(60)
ROWS_PER_CHUNK = 1 << 20  # caps the temporary (shot set x scene) arrays at a few tens of MB
MAX_ACTORS = 62


@dataclass(frozen=True)
class Run:
    """n strips to put in order; actors and locations are numbered locally to the run."""
    days: list[int]
    casts: list[int]  # actor bit mask per scene
    locations: list[int]  # local location per scene
    move_costs: list[int]  # fee to start a visit, per local location
    actor_day_costs: list[int]  # per local actor bit
    before: list[int]  # scene bit mask that must precede each scene, within the run
    called_before: int = 0  # actors who worked before the run
    needed_after: int = 0  # actors who work after the run
    arrive_from: int = NONE  # location of the strip just before the run
    leave_to: int = NONE  # location of the strip just after the run


def best_run_order(run: Run) -> tuple[list[int], int]:
    """Best order (local scene indices) and its value: hold cost inside the run plus visit fees started
    inside it, less the fee of the next visit when the run ends at the same location."""
    n, sites = len(run.days), len(run.move_costs)
    size, full = 1 << n, (1 << n) - 1
    cast = np.array(run.casts, dtype=np.int64)
    worked = np.zeros(size, dtype=np.int64)
    shot = np.zeros(size, dtype=np.int8)
    for s in range(n):
        worked[1 << s:2 << s] = worked[:1 << s] | cast[s]
        shot[1 << s:2 << s] = shot[:1 << s] + 1
    held_in = worked | run.called_before
    held_after = worked[full ^ np.arange(size, dtype=np.int64)] | run.needed_after
    price = _mask_pricer(run.actor_day_costs)
    fee = np.array(run.move_costs, dtype=np.int64)
    loc = np.array(run.locations, dtype=np.int64)
    days = np.array(run.days, dtype=np.int64)
    bits = np.int64(1) << np.arange(n, dtype=np.int64)
    need = np.array(run.before, dtype=np.int64)
    # column `sites` stands for "no strip yet shot and no location to arrive from"
    best = np.full((size, sites + 1), UNREACHABLE, dtype=np.int64)
    best[0, run.arrive_from if run.arrive_from != NONE else sites] = 0
    best_any = np.full(size, UNREACHABLE, dtype=np.int64)
    best_any[0] = 0
    by_site = [np.flatnonzero(loc == site) for site in range(sites)]
    layers = np.argsort(shot, kind="stable")
    edges = np.concatenate(([0], np.cumsum(np.bincount(shot, minlength=n + 1))))
    chunk = max(1, ROWS_PER_CHUNK // max(n, 1))
    for k in range(1, n + 1):
        layer = layers[edges[k]:edges[k + 1]]
        for lo in range(0, len(layer), chunk):
            after = layer[lo:lo + chunk]
            prior = after[:, None] ^ bits[None, :]
            legal = ((after[:, None] & bits) != 0) & ((prior & need) == need)
            arrive = np.minimum(best[prior, loc[None, :]], best_any[prior] + fee[loc][None, :])
            hold = price(held_in[prior] & held_after[after][:, None] & ~cast[None, :]) * days[None, :]
            value = np.where(legal, arrive + hold, UNREACHABLE)
            for site, members in enumerate(by_site):
                if len(members):
                    best[after, site] = value[:, members].min(axis=1)
            best_any[after] = best[after].min(axis=1)
    return _walk_back(run, best, best_any, held_in, held_after, price)


def _walk_back(run, best, best_any, held_in, held_after, price) -> tuple[list[int], int]:
    n, sites = len(run.days), len(run.move_costs)
    full = (1 << n) - 1
    closing = best[full, :sites].copy()
    if run.leave_to != NONE:
        closing[run.leave_to] -= run.move_costs[run.leave_to]
    site = int(np.argmin(closing))
    value = int(closing[site])
    order: list[int] = []
    done = full
    while done:
        target = int(best[done, site])
        for s in range(n):
            prior = done ^ (1 << s)
            if not done >> s & 1 or run.locations[s] != site or prior & run.before[s] != run.before[s]:
                continue
            hold = int(price(np.array([held_in[prior] & held_after[done] & ~run.casts[s]]))[0]) * run.days[s]
            stay, move = int(best[prior, site]), int(best_any[prior]) + run.move_costs[site]
            if min(stay, move) + hold == target:
                order.append(s)
                done = prior
                if done and stay + hold != target:
                    site = int(np.argmin(best[prior, :sites]))
                break
        else:
            raise AssertionError("shot-set table is inconsistent")  # a bug, never bad input
    order.reverse()
    return order, value


def _mask_pricer(day_costs: list[int]):
    """Daily cost of a set of actors given as a bit mask, one table lookup per byte of the mask."""
    if len(day_costs) > MAX_ACTORS:
        raise ValueError(f"at most {MAX_ACTORS} actors in one run")
    tables = []
    for first in range(0, len(day_costs), 8):
        costs = day_costs[first:first + 8]
        table = np.zeros(256, dtype=np.int64)
        for byte in range(256):
            table[byte] = sum(c for b, c in enumerate(costs) if byte >> b & 1)
        tables.append((first, table))

    def price(masks: np.ndarray) -> np.ndarray:
        total = np.zeros(masks.shape, dtype=np.int64)
        for first, table in tables:
            total += table[(masks >> first) & 255]
        return total
    return price
