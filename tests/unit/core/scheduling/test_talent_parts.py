"""The pieces under solve_talent: the strip board's reductions, the exact table, the draft."""
import itertools
import random
import time

from core.scheduling.talent_cast import cast_board
from core.scheduling.talent_dp import MOST_STRIPS_FOR_TABLE, least_hold_order, table_seconds
from core.scheduling.talent_draft import draft_order


def random_board(seed: int, scenes: int = 7):
    rng = random.Random(seed)
    rates = {f"A{i}": rng.randint(0, 9) for i in range(rng.randint(3, 7))}
    rows = [(f"S{n}", rng.randint(1, 3), tuple(rng.sample(sorted(rates), rng.randint(1, len(rates)))))
            for n in range(scenes)]
    return cast_board(rows, rates)


def test_scenes_with_the_same_cast_become_one_strip_of_summed_days():
    board = cast_board([("1", 2, ("ADA", "OBI")), ("2", 1, ("OBI",)), ("3", 3, ("OBI", "ADA"))], {"ADA": 4, "OBI": 1})
    assert board.strips == (("1", "3"), ("2",))
    assert board.days == (5, 1)


def test_an_actor_in_one_scene_only_never_counts_as_held():
    board = cast_board([("1", 1, ("ADA", "CAMEO")), ("2", 1, ("ADA",)), ("3", 1, ())], {"ADA": 4, "CAMEO": 50})
    assert board.held_actor_ids == ("ADA",)
    assert board.strips == (("1", "2"),)  # without the cameo their casts are the same
    assert board.last_scene_ids == ("3",)


def test_pay_adds_the_daily_rates_across_slices_of_sixteen_actors():
    rates = {f"A{i}": i + 1 for i in range(40)}
    board = cast_board([("1", 1, tuple(rates)), ("2", 1, tuple(rates))], rates)
    everyone = (1 << 40) - 1
    assert board.pay(everyone) == sum(rates.values())
    assert board.pay(1 << 39 | 1 << 16 | 1) == 40 + 17 + 1


def test_strips_sharing_no_actor_fall_into_separate_blocks():
    rates = {"ADA": 1, "OBI": 1, "CHI": 1, "EMEKA": 1}
    board = cast_board([("1", 1, ("ADA", "OBI")), ("2", 1, ("CHI", "EMEKA")), ("3", 1, ("ADA",)),
                        ("4", 1, ("EMEKA",)), ("5", 1, ("OBI",)), ("6", 1, ("CHI",))], rates)
    assert board.unlinked_blocks() == [[0, 2, 4], [1, 3, 5]]
    assert board.only([1, 3, 5]).strips == (("2",), ("4",), ("6",))


def test_a_block_past_the_table_size_has_no_finite_proof_time():
    rates = {f"A{i}": 1 for i in range(MOST_STRIPS_FOR_TABLE + 1)}
    rows = [(str(i), 1, (f"A{i}", f"A{i + 1}")) for i in range(MOST_STRIPS_FOR_TABLE)]
    assert table_seconds(cast_board(rows, rates)) < float("inf")
    rows.append(("last", 1, (f"A{MOST_STRIPS_FOR_TABLE}", "A0")))
    assert table_seconds(cast_board(rows, rates)) == float("inf")


def test_the_table_order_holds_the_least_of_all_strip_orders():
    for seed in range(15):
        board = random_board(seed)
        best = min(board.hold_cost(list(order)) for order in itertools.permutations(range(len(board.casts))))
        order = least_hold_order(board, time.monotonic() + 10)
        assert sorted(order) == list(range(len(board.casts)))
        assert board.hold_cost(order) == best


def test_the_table_gives_up_when_the_deadline_has_passed():
    assert least_hold_order(random_board(1), time.monotonic() - 1) is None


def test_the_draft_is_a_full_order_no_cheaper_than_the_proved_least():
    for seed in range(15):
        board = random_board(seed, scenes=9)
        draft = draft_order(board, time.monotonic() + 10)
        assert sorted(draft) == list(range(len(board.casts)))
        assert board.hold_cost(draft) >= board.hold_cost(least_hold_order(board, time.monotonic() + 10))


def test_shaking_the_draft_never_makes_it_worse_and_keeps_every_strip():
    for seed in range(8):
        board = random_board(seed, scenes=9)
        settled = draft_order(board, time.monotonic() + 10)
        shaken = draft_order(board, time.monotonic() + 10, keep_shaking=True, seed=seed)
        assert sorted(shaken) == list(range(len(board.casts)))
        assert board.hold_cost(shaken) <= board.hold_cost(settled)
        assert board.hold_cost(shaken) >= board.hold_cost(least_hold_order(board, time.monotonic() + 10))
