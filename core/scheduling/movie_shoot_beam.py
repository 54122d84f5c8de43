"""A first stripboard by beam search over "which scenes are already shot".

Like the exact subset DP, a scene's cost only depends on the set of scenes already shot (who has been
called and still has work left) and on the last location. The beam keeps the `width` cheapest partial
boards of each length, priced by their exact cost so far plus a guess of the hold still to come: every
actor called and not yet wrapped is charged a share of the days left without them, which steers the
beam towards wrapping actors out instead of calling new ones early.
"""
import numpy as np

HOLD_GUESS_SHARE = 0.3  # share of the days still to shoot without an open actor charged to them


def beam_order(board, width: int, seed: int = 0) -> np.ndarray:
    """A complete legal order (scene ids) from a beam of `width` partial boards; `seed` only picks the
    random fingerprints that spot two partial boards with the same shot set and last location."""
    scenes, cast = board.scenes, board.scene_cast
    rate = board.day_cost.astype(np.float64)
    days = board.days
    cast_days = cast * days[:, None]  # (scenes, actors)
    draw = np.random.default_rng(seed)
    keys = draw.integers(1, 2 ** 62, size=scenes)  # fingerprint of a shot set: xor of its scenes' keys
    site_keys = draw.integers(1, 2 ** 62, size=len(board.fee))
    waiting = np.array([len(board.before[then]) for then in range(scenes)], dtype=np.int64)
    later = np.zeros((scenes, scenes), dtype=np.int64)
    for first in range(scenes):
        later[first, board.after[first]] = 1
    shot = np.zeros((1, scenes), dtype=bool)
    blocked = waiting[None, :].copy()
    left = cast_days.sum(axis=0)[None, :].astype(np.int64)  # actor's days still to shoot
    called = np.zeros((1, len(rate)), dtype=bool)
    site = np.full(1, -1)
    spent = np.zeros(1, dtype=np.int64)
    fingerprint = np.zeros(1, dtype=np.int64)
    orders = np.zeros((1, 0), dtype=np.int64)
    for _ in range(scenes):
        ready = ~shot & (blocked == 0)
        open_calls = called & (left > 0)
        hold_rate = (open_calls.astype(np.float64) @ rate)[:, None] - (open_calls * rate) @ cast.T.astype(np.float64)
        step = np.rint(hold_rate).astype(np.int64) * days[None, :]
        step += np.where(board.site[None, :] != site[:, None], board.fee[board.site][None, :], 0)
        still = (left[:, None, :] - cast_days[None, :, :]) > 0  # (beam, scene, actor)
        will_open = (called[:, None, :] | cast[None, :, :]) & still
        after_days = int(days.sum()) - (shot * days).sum(axis=1)[:, None] - days[None, :]
        idle = np.maximum(after_days[:, :, None] - (left[:, None, :] - cast_days[None, :, :]), 0)
        guess = HOLD_GUESS_SHARE * ((will_open * idle) @ rate)
        score = np.where(ready, spent[:, None] + step + guess, np.inf)
        flat = np.argsort(score, axis=None, kind="stable")[:width * 4]
        flat = flat[np.isfinite(score.ravel()[flat])]
        parent, scene = np.divmod(flat, scenes)
        state_key = fingerprint[parent] ^ keys[scene] ^ site_keys[board.site[scene]]
        _, first_seen = np.unique(state_key, return_index=True)  # the cheapest of equal states
        keep = np.sort(first_seen)[:width]
        parent, scene = parent[keep], scene[keep]
        shot = shot[parent]
        shot[np.arange(len(scene)), scene] = True
        blocked = blocked[parent] - later[scene]
        left = left[parent] - cast_days[scene]
        called = called[parent] | cast[scene]
        spent = spent[parent] + step[parent, scene]
        site = board.site[scene]
        fingerprint = fingerprint[parent] ^ keys[scene]
        orders = np.hstack((orders[parent], scene[:, None]))
    return orders[int(np.argmin(spent))]
