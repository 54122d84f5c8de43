"""The talent problem boiled down to strips of cast bit masks, the form every talent solver works on.

Three reductions that never lose the best order (Garcia de la Banda, Stuckey and Chu 2011):
- an actor in one scene only is never held, so their pay is fixed and they leave the masks;
- scenes needing exactly the same (held-able) cast are shot back to back, so they become one strip
  whose duration is the sum: splitting them can only add hold days;
- scenes needing none of the held-able cast go last, where nobody is waiting for them.
"""
from dataclasses import dataclass, replace

# Pay is looked up per 16 actors at a time: a 65,536-entry table per slice stays in the CPU cache.
SLICE_BITS = 16
SLICE_MASK = (1 << SLICE_BITS) - 1


@dataclass(frozen=True)
class CastBoard:
    """Strips in input order: each strip is one or more scene ids shot back to back."""

    strips: tuple[tuple[str, ...], ...]
    days: tuple[int, ...]           # shooting days of each strip
    casts: tuple[int, ...]          # bit mask over `held_actor_ids` of each strip
    held_actor_ids: tuple[str, ...]  # actors in two or more scenes: the only ones who can be held
    daily_rates: tuple[int, ...]     # pay per day of each held-able actor, same order
    last_scene_ids: tuple[str, ...]  # scenes with none of the held-able cast, shot at the end
    pay_tables: tuple[tuple[int, ...], ...]  # per 16-actor slice: mask -> pay per day

    def pay(self, cast: int) -> int:
        """Pay per day of the actors in `cast`."""
        total = 0
        for table in self.pay_tables:
            total += table[cast & SLICE_MASK]
            cast >>= SLICE_BITS
        return total

    def unlinked_blocks(self) -> list[list[int]]:
        """Groups of strips that share no held-able actor with any other group, in input order.

        Shooting each group as one block never holds anyone for another group's strips, so the best
        order is the best order of each block, block after block: each can be solved (and proved) alone."""
        blocks: list[tuple[int, list[int]]] = []  # (cast of the block, its strips)
        for strip, cast in enumerate(self.casts):
            joined, rest = (cast, [strip]), []
            for block in blocks:
                if block[0] & joined[0]:
                    joined = (block[0] | joined[0], sorted(block[1] + joined[1]))
                else:
                    rest.append(block)
            blocks = rest + [joined]
        return sorted((strips for _, strips in blocks), key=lambda strips: strips[0])

    def only(self, strips: list[int]) -> "CastBoard":
        """The board of just these strips (same actors and pay), for solving one block alone."""
        return replace(self, strips=tuple(self.strips[i] for i in strips), days=tuple(self.days[i] for i in strips),
                       casts=tuple(self.casts[i] for i in strips), last_scene_ids=())

    def scene_order(self, strip_order: list[int]) -> list[str]:
        """Scene ids for an order of strips, the cast-less scenes after them."""
        return [scene for strip in strip_order for scene in self.strips[strip]] + list(self.last_scene_ids)

    def hold_cost(self, strip_order: list[int]) -> int:
        """Pay for held (waiting) days of this strip order: total pay minus the fixed part."""
        count = len(strip_order)
        after = [0] * (count + 1)  # cast still needed strictly after position i
        for i in range(count - 1, -1, -1):
            after[i] = after[i + 1] | self.casts[strip_order[i]]
        before, cost = 0, 0
        for i, strip in enumerate(strip_order):
            cast = self.casts[strip]
            cost += self.days[strip] * self.pay(before & after[i + 1] & ~cast)
            before |= cast
        return cost


def pay_tables(daily_rates: list[int]) -> tuple[tuple[int, ...], ...]:
    """For each slice of 16 actors, the pay per day of every subset of that slice."""
    tables = []
    for start in range(0, len(daily_rates), SLICE_BITS):
        rates = daily_rates[start:start + SLICE_BITS]
        table = [0] * (1 << len(rates))
        for mask in range(1, len(table)):
            low = mask & -mask
            table[mask] = table[mask ^ low] + rates[low.bit_length() - 1]
        tables.append(tuple(table))
    return tuple(tables)


def cast_board(scenes: list[tuple[str, int, tuple[str, ...]]], daily_rate: dict[str, int]) -> CastBoard:
    """Reduce scenes (id, days, actor ids) to strips; actor ids must all be in `daily_rate`."""
    appearances: dict[str, int] = {}
    for _, _, actors in scenes:
        for actor in actors:
            appearances[actor] = appearances.get(actor, 0) + 1
    held = [actor for actor in daily_rate if appearances.get(actor, 0) >= 2]
    bit = {actor: 1 << i for i, actor in enumerate(held)}
    strip_of: dict[int, int] = {}
    strips: list[list[str]] = []
    days: list[int] = []
    casts: list[int] = []
    last: list[str] = []
    for scene_id, duration, actors in scenes:
        cast = 0
        for actor in actors:
            cast |= bit.get(actor, 0)
        if cast == 0:
            last.append(scene_id)
            continue
        if cast not in strip_of:
            strip_of[cast] = len(strips)
            strips.append([])
            days.append(0)
            casts.append(cast)
        strips[strip_of[cast]].append(scene_id)
        days[strip_of[cast]] += duration
    rates = [daily_rate[actor] for actor in held]
    return CastBoard(tuple(tuple(s) for s in strips), tuple(days), tuple(casts), tuple(held), tuple(rates),
                     tuple(last), pay_tables(rates))
