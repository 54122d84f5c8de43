"""Price every way of lifting a block of strips off the stripboard and dropping it back elsewhere.

Several blocks of the same length are priced together (one numpy pass), each at every drop point.
Drop point p of a block means "before the p-th strip of the board without the block". An actor's paid
span is piecewise linear in the start day of the drop point: outside the block it grows by the block's
days when the drop lands inside the actor's span; in the block and out of it, three ranges of points
give a constant and a slope each. Summing those over actors is done with difference arrays, so one
block costs O(actors + strips) numpy work instead of rebuilding the board at every point.
"""
import numpy as np

NONE = -1
BLOCKED = np.int64(1) << np.int64(60)


def price_drops(board, order: np.ndarray, starts: np.ndarray, length: int) -> np.ndarray:
    """Cost of the whole board for block k = order[starts[k]:starts[k]+length] dropped at each point:
    an array (blocks, strips - length + 1); illegal drops cost BLOCKED."""
    blocks, scenes = len(starts), len(order)
    rest_len = scenes - length
    points = rest_len + 1
    strip = np.arange(rest_len)
    rest = order[strip[None, :] + length * (strip[None, :] >= starts[:, None])]
    block = order[starts[:, None] + np.arange(length)[None, :]]
    rest_cast, block_cast = board.scene_cast[rest], board.scene_cast[block]  # (blocks, strips, actors)
    clock = np.zeros((blocks, points), dtype=np.int64)
    np.cumsum(board.days[rest], axis=1, out=clock[:, 1:])
    block_clock = np.zeros((blocks, length + 1), dtype=np.int64)
    np.cumsum(board.days[block], axis=1, out=block_clock[:, 1:])
    span = block_clock[:, -1:]
    in_rest, in_block = rest_cast.any(axis=1), block_cast.any(axis=1)
    first = rest_cast.argmax(axis=1)
    last = rest_len - 1 - rest_cast[:, ::-1].argmax(axis=1)
    opens = np.take_along_axis(block_clock, block_cast.argmax(axis=1), axis=1)
    closes = np.take_along_axis(block_clock, length - block_cast[:, ::-1].argmax(axis=1), axis=1)
    first_day = np.take_along_axis(clock, first, axis=1)
    last_day = np.take_along_axis(clock, last + 1, axis=1)
    rate = board.day_cost[None, :]
    rest_only, both = in_rest & ~in_block, in_rest & in_block
    fixed = (rate * np.where(rest_only, last_day - first_day, 0)).sum(axis=1)
    fixed += (rate * np.where(in_block & ~in_rest, closes - opens, 0)).sum(axis=1)
    held = np.where(both, rate, 0)
    lows = np.stack((first + 1, np.zeros_like(first), first + 1, last + 1))
    highs = np.stack((last, first, last, np.full_like(last, points - 1)))
    flat = np.stack((np.where(rest_only, rate * span, 0), held * (last_day + span - opens),
                     held * (last_day + span - first_day), held * (closes - first_day)))
    slope = np.stack((np.zeros_like(held), -held, np.zeros_like(held), held))
    row = (np.arange(blocks) * (points + 1))[None, :, None]
    paid = fixed[:, None] + _ranges(lows + row, highs + row, flat, blocks, points)
    paid += _ranges(lows + row, highs + row, slope, blocks, points) * clock
    total = paid + _visit_fees(board, rest, block) - board.worked_cost - board.free_first_visits
    _block_illegal(board, order, starts, length, total)
    return total


def _ranges(lows, highs, amounts, blocks: int, points: int) -> np.ndarray:
    """For each block row, the sum of amounts over the inclusive ranges lows..highs covering each point."""
    size = blocks * (points + 1)
    weights = amounts.ravel().astype(np.float64)
    steps = np.bincount(lows.ravel(), weights, size) - np.bincount(highs.ravel() + 1, weights, size)
    return np.rint(np.cumsum(steps.reshape(blocks, points + 1)[:, :points], axis=1)).astype(np.int64)


def _visit_fees(board, rest: np.ndarray, block: np.ndarray) -> np.ndarray:
    sites = board.site[rest]
    fees = board.fee[sites]
    base = fees[:, 0] + (fees[:, 1:] * (sites[:, 1:] != sites[:, :-1])).sum(axis=1)
    inner = board.site[block]
    inner_fees = (board.fee[inner[:, 1:]] * (inner[:, 1:] != inner[:, :-1])).sum(axis=1)
    head, tail = inner[:, :1], inner[:, -1:]
    edge = np.full((len(rest), 1), NONE)
    before, after = np.hstack((edge, sites)), np.hstack((sites, edge))  # strips either side of each point
    after_fee = np.hstack((fees, np.zeros((len(rest), 1), dtype=np.int64)))
    # the strip after the drop point pays a visit unless it continues the location just before it
    old_after = np.where((before != after) & (after != NONE), after_fee, 0)
    new_after = np.where((after != tail) & (after != NONE), after_fee, 0)
    new_head = np.where(before != head, board.fee[head], 0)
    return (base + inner_fees)[:, None] - old_after + new_after + new_head


def _block_illegal(board, order, starts, length, total) -> None:
    bound = board.bound[order[starts[:, None] + np.arange(length)[None, :]]].any(axis=1)
    if not bound.any():
        return
    position = np.empty(len(order), dtype=np.int64)
    position[order] = np.arange(len(order))
    for k in np.flatnonzero(bound):
        at = int(starts[k])

        def in_rest(scene: int) -> int:
            return position[scene] - length * (position[scene] >= at + length)

        lifted = set(int(s) for s in order[at:at + length])
        preds = [in_rest(p) for s in lifted for p in board.before[s] if p not in lifted]
        succs = [in_rest(q) for s in lifted for q in board.after[s] if q not in lifted]
        total[k, :max(preds, default=-1) + 1] = BLOCKED
        total[k, min(succs, default=len(order) - length) + 1:] = BLOCKED
