"""A good talent order fast, with no proof: the upper bound and the answer when time runs out.

A greedy first cut (cheapest next strip), then local search: take each strip out and put it back
where it holds the least pay, until no strip moves. On boards too big to prove, the search then
shakes the order (moves a random run of strips elsewhere) and settles it again, keeping the best,
until the deadline or until many shakes in a row find nothing better.
"""
import random
import time

from core.scheduling.talent_cast import CastBoard

# Shakes in a row without a better order before the search calls the draft good enough.
STALE_SHAKES = 400
LONGEST_RUN_SHAKEN = 4


def draft_order(board: CastBoard, deadline: float, keep_shaking: bool = False, seed: int = 0) -> list[int]:
    """A strip order with low hold pay; with `keep_shaking`, searches on until `deadline` or staleness."""
    order = _settle(board, _first_cut(board, deadline), deadline)
    if not keep_shaking or len(order) < 3:
        return order
    rng = random.Random(seed)
    best, best_cost, stale = order, board.hold_cost(order), 0
    while stale < STALE_SHAKES and best_cost > 0 and time.monotonic() < deadline:
        candidate = _settle(board, _shake(best, rng), deadline)
        cost = board.hold_cost(candidate)
        stale = 0 if cost < best_cost else stale + 1
        if cost <= best_cost:  # equal moves let the search drift across plateaus
            best, best_cost = candidate, cost
    return best


def _first_cut(board: CastBoard, deadline: float) -> list[int]:
    """Shoot next the strip that holds the least pay now, then the one starting the fewest new actors.

    Past the deadline (thousands of strips) the rest follow in board order: an answer, if a poor one."""
    left = list(range(len(board.casts)))
    started, order = 0, []
    while left:
        if time.monotonic() > deadline:
            return order + left
        needed = 0
        for strip in left:
            needed |= board.casts[strip]
        staying = started & needed

        def score(strip: int) -> tuple[int, int, int]:
            cast = board.casts[strip]
            return (board.days[strip] * board.pay(staying & ~cast), board.pay(cast & ~started), strip)

        best = min(left, key=score)
        left.remove(best)
        order.append(best)
        started |= board.casts[best]
    return order


def _shake(order: list[int], rng: random.Random) -> list[int]:
    """Move a short run of consecutive strips to another place."""
    length = rng.randint(1, min(LONGEST_RUN_SHAKEN, len(order) - 1))
    start = rng.randrange(len(order) - length + 1)
    run, rest = order[start:start + length], order[:start] + order[start + length:]
    place = rng.randrange(len(rest) + 1)
    return rest[:place] + run + rest[place:]


def _settle(board: CastBoard, order: list[int], deadline: float) -> list[int]:
    """Reinsert each strip at its cheapest place until a full pass moves nothing."""
    cost = board.hold_cost(order)
    moved = True
    while moved and cost > 0:
        moved = False
        for strip in list(order):
            if time.monotonic() > deadline:
                return order
            rest = [other for other in order if other != strip]
            place, new_cost = _cheapest_place(board, rest, strip)
            if new_cost < cost:
                order, cost, moved = rest[:place] + [strip] + rest[place:], new_cost, True
    return order


def _cheapest_place(board: CastBoard, rest: list[int], strip: int) -> tuple[int, int]:
    """Where in `rest` to put `strip` for the least hold pay, and that pay, in O(len(rest)) pay look-ups.

    With `strip` at place j, a strip at k < j has the new cast after it, one at k >= j has it before;
    so the pay is a prefix sum of one per-strip figure plus a suffix sum of another, plus the strip's own."""
    count, cast = len(rest), board.casts[strip]
    before = [0] * (count + 1)   # cast of rest[:k]
    after = [0] * (count + 1)    # cast of rest[k:]
    for k in range(count):
        before[k + 1] = before[k] | board.casts[rest[k]]
    for k in range(count - 1, -1, -1):
        after[k] = after[k + 1] | board.casts[rest[k]]
    pay, days, casts = board.pay, board.days, board.casts
    early = [days[r] * pay(before[k] & (after[k + 1] | cast) & ~casts[r]) for k, r in enumerate(rest)]
    late = [days[r] * pay((before[k] | cast) & after[k + 1] & ~casts[r]) for k, r in enumerate(rest)]
    late_from = [0] * (count + 1)
    for k in range(count - 1, -1, -1):
        late_from[k] = late_from[k + 1] + late[k]
    best_place, best_cost, early_sum = 0, None, 0
    for place in range(count + 1):
        total = early_sum + late_from[place] + days[strip] * pay(before[place] & after[place] & ~cast)
        if best_cost is None or total < best_cost:
            best_place, best_cost = place, total
        if place < count:
            early_sum += early[place]
    return best_place, best_cost
