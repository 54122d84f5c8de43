import itertools
import random

import numpy as np

from core.errors import Rejected
from core.scheduling.movie_shoot import movie_cost, read_movie
from core.scheduling.movie_shoot_beam import beam_order
from core.scheduling.movie_shoot_board import Board
from core.scheduling.movie_shoot_drops import BLOCKED
from tests.unit.core.scheduling.test_movie_shoot import random_movie


def cost_or_none(problem, order):
    try:
        return movie_cost(problem, [int(s) for s in order])
    except Rejected:
        return None


def a_board(seed: int):
    problem = read_movie(random_movie(random.Random(seed), scenes=14, actors=5, sites=3, pairs=6))
    board = Board(problem)
    return problem, board, beam_order(board, width=4, seed=seed)


def test_every_priced_drop_matches_the_evaluator_and_illegal_drops_are_blocked():
    for seed in range(4):
        problem, board, order = a_board(seed)
        assert board.cost(order) == movie_cost(problem, [int(s) for s in order])
        for length in (1, 3, 5):
            starts = np.arange(len(order) - length + 1)
            costs = board.price_drops(order, starts, length)
            for k, at in enumerate(starts):
                rest = np.concatenate((order[:at], order[at + length:]))
                for point in range(len(rest) + 1):
                    moved = np.concatenate((rest[:point], order[at:at + length], rest[point:]))
                    truth = cost_or_none(problem, moved)
                    if truth is None:
                        assert costs[k, point] >= BLOCKED
                    else:
                        assert costs[k, point] == truth


def test_a_resequenced_run_is_the_best_arrangement_of_those_strips():
    for seed in range(4):
        problem, board, order = a_board(seed)
        for at, length in ((0, 6), (4, 6), (8, 6), (2, 5)):
            improved = board.resequence(order, at, length)
            best = min(c for perm in itertools.permutations(order[at:at + length])
                       if (c := cost_or_none(problem, [*order[:at], *perm, *order[at + length:]])) is not None)
            assert movie_cost(problem, [int(s) for s in improved]) == best
