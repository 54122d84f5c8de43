import itertools
import json
import os
import random
from pathlib import Path

import pytest

from core.errors import Rejected
from core.scheduling.talent import read_talent, solve_talent, total_cost
from core.scheduling.talent_cast import cast_board
from core.scheduling.talent_dp import MOST_STRIPS_FOR_TABLE

SHARED = Path(os.environ.get("NOLLYCREW_SHARED", Path(__file__).resolve().parents[4] / ".." / "shared"))
TALENT_DIR = SHARED / "bench" / "talent"
# Instances the exact programme proves in milliseconds; the whole set runs in bench/talent.py.
QUICK_INSTANCES = ["tiny", "tiny2", "small", "small2", "concert", "rehearsal_smith", "film10", "film12",
                   "csplib_Film2"]


def problem(actors: dict, scenes: list[tuple]) -> object:
    """A talent problem from {actor: daily cost} and [(scene id, days, [actors])]."""
    return read_talent({"actors": [{"id": a, "cost": c} for a, c in actors.items()],
                        "scenes": [{"id": s, "duration": d, "actors": list(cast)} for s, d, cast in scenes]})


def brute_force_least(talent) -> int:
    return min(total_cost(talent, list(order)) for order in itertools.permutations(s.id for s in talent.scenes))


def made_up(seed: int):
    """Small random problems with what the reductions act on: repeated casts, one-scene actors, empty casts."""
    rng = random.Random(seed)
    actors = {f"A{i}": rng.choice([0, 1, 2, 3, 5, 8, 20]) for i in range(rng.randint(2, 6))}
    casts = [rng.sample(sorted(actors), rng.randint(0, len(actors))) for _ in range(4)]
    scenes = []
    for number in range(rng.randint(3, 7)):
        cast = rng.choice(casts) if rng.random() < 0.3 else rng.sample(sorted(actors), rng.randint(0, len(actors)))
        scenes.append((str(number + 1), rng.randint(1, 4), cast))
    return problem(actors, scenes)


# --- the evaluator, on cases worked by hand -------------------------------------------------------------

ADA_AND_OBI = problem({"ADA": 3, "OBI": 5}, [("1", 1, ["ADA"]), ("2", 2, ["OBI"]), ("3", 1, ["ADA", "OBI"])])


def test_pay_counts_the_days_an_actor_waits_between_their_scenes():
    # ADA works day 1, waits days 2-3 for OBI's scene, works day 4: 4 days x 3. OBI: days 2-4, 3 x 5.
    assert total_cost(ADA_AND_OBI, ["1", "2", "3"]) == 4 * 3 + 3 * 5


def test_shooting_the_shared_scene_between_saves_the_waiting():
    # ADA days 1-2 (2 x 3), OBI days 2-4 (3 x 5): nobody waits.
    assert total_cost(ADA_AND_OBI, ["1", "3", "2"]) == 2 * 3 + 3 * 5


def test_an_actor_in_no_scene_costs_nothing():
    talent = problem({"ADA": 3, "EXTRA": 100}, [("1", 2, ["ADA"]), ("2", 1, [])])
    assert total_cost(talent, ["2", "1"]) == 2 * 3


@pytest.mark.parametrize("order, words", [
    (["1", "2"], "leaves out scenes 3"),
    (["1", "2", "3", "3"], "twice"),
    (["1", "2", "9"], "not in the breakdown"),
])
def test_an_order_that_is_not_every_scene_once_is_refused(order, words):
    with pytest.raises(Rejected, match=words):
        total_cost(ADA_AND_OBI, order)


# --- the solver against brute force -------------------------------------------------------------------

@pytest.mark.parametrize("seed", range(40))
def test_solver_finds_the_least_pay_of_all_orders(seed):
    talent = made_up(seed)
    result = solve_talent(talent, limit_s=10)
    assert sorted(result.order) == sorted(scene.id for scene in talent.scenes)
    assert result.total_cost == total_cost(talent, result.order)
    assert result.total_cost == brute_force_least(talent)
    assert result.proved_optimal


def test_the_shared_scene_goes_between_on_the_hand_worked_case():
    result = solve_talent(ADA_AND_OBI, limit_s=5)
    assert result.total_cost == 2 * 3 + 3 * 5
    assert result.order.index("3") == 1


def distinct_casts(rng: random.Random, actors: list[str], count: int, size: int) -> list[list[str]]:
    return [list(cast) for cast in rng.sample(list(itertools.combinations(actors, size)), count)]


def test_a_board_too_big_to_prove_still_gets_a_full_order_unproved():
    rng = random.Random(7)
    actors = {f"A{i}": rng.randint(1, 9) for i in range(12)}
    casts = distinct_casts(rng, sorted(actors), MOST_STRIPS_FOR_TABLE + 6, 4)
    talent = problem(actors, [(f"S{n}", rng.randint(1, 3), cast) for n, cast in enumerate(casts)])
    blocks = cast_board([(s.id, s.days, s.actor_ids) for s in talent.scenes], dict(actors))
    assert max(len(block) for block in blocks.unlinked_blocks()) > MOST_STRIPS_FOR_TABLE
    result = solve_talent(talent, limit_s=2)
    assert sorted(result.order) == sorted(scene.id for scene in talent.scenes)
    assert result.total_cost == total_cost(talent, result.order)
    assert not result.proved_optimal


def test_blocks_sharing_no_actor_are_proved_one_by_one_even_when_together_too_big():
    rng = random.Random(3)
    crews = [{f"{side}{i}": rng.randint(1, 9) for i in range(6)} for side in "AB"]
    halves = [problem(crew, [(f"{n}{side}", rng.randint(1, 3), cast)
                             for n, cast in enumerate(distinct_casts(rng, sorted(crew), 15, 3))])
              for crew, side in zip(crews, "AB")]
    together = read_talent({"actors": [{"id": a.id, "cost": a.daily_rate} for half in halves for a in half.actors],
                            "scenes": [{"id": s.id, "duration": s.days, "actors": list(s.actor_ids)}
                                       for pair in zip(*(half.scenes for half in halves)) for s in pair]})
    assert len(together.scenes) > MOST_STRIPS_FOR_TABLE
    result = solve_talent(together, limit_s=20)
    assert result.proved_optimal
    assert result.total_cost == sum(solve_talent(half, limit_s=20).total_cost for half in halves)
    assert result.total_cost == total_cost(together, result.order)


def test_pay_too_large_for_the_table_is_drafted_and_priced_exactly_not_wrapped():
    star_pay = 10**18  # past what 64-bit table cells can add up safely
    talent = problem({"ADA": star_pay, "OBI": star_pay, "CHI": 1},
                     [("1", 3, ["ADA", "CHI"]), ("2", 2, ["OBI"]), ("3", 1, ["ADA", "OBI"]), ("4", 1, ["CHI"])])
    result = solve_talent(talent, limit_s=5)
    assert not result.proved_optimal
    assert result.total_cost == total_cost(talent, result.order) == brute_force_least(talent)


def test_scene_ids_become_strings_whatever_the_file_used():
    talent = read_talent({"actors": [{"id": 0, "cost": 1}], "scenes": [{"id": 7, "duration": 1, "actors": [0]}]})
    assert solve_talent(talent, limit_s=5).order == ["7"]


# --- the public instances ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name", QUICK_INSTANCES)
def test_solver_proves_the_published_optimum(name):
    path = TALENT_DIR / f"{name}.json"
    if not path.exists():
        pytest.skip(f"../shared/bench/talent/{name}.json not present: the public instances are not installed here")
    data = json.loads(path.read_text())
    talent = read_talent(data)
    result = solve_talent(talent, limit_s=10)
    assert result.proved_optimal
    assert result.total_cost == data["known_optimum"]["total_cost"]
    assert total_cost(talent, result.order) == result.total_cost
    assert sorted(result.order) == sorted(str(scene["id"]) for scene in data["scenes"])


# --- bad input --------------------------------------------------------------------------------------------

GOOD_ACTORS = [{"id": "ADA", "cost": 3}]


@pytest.mark.parametrize("data, words", [
    ({}, "empty"),
    ([], "one JSON object"),
    ({"actors": GOOD_ACTORS, "scenes": []}, "no scenes"),
    ({"actors": GOOD_ACTORS}, "needs 'scenes'"),
    ({"scenes": [{"id": 1, "duration": 1, "actors": []}]}, "needs 'actors'"),
    ({"actors": GOOD_ACTORS, "scenes": [{"id": 1, "duration": 1, "actors": ["OBI"]}]},
     "Scene 1 needs actor OBI, who is not in the cast list"),
    ({"actors": GOOD_ACTORS, "scenes": [{"id": 1, "duration": 0, "actors": ["ADA"]}]}, "at least 1"),
    ({"actors": GOOD_ACTORS, "scenes": [{"id": 1, "duration": -2, "actors": ["ADA"]}]}, "at least 1"),
    ({"actors": GOOD_ACTORS, "scenes": [{"id": 1, "duration": 1.5, "actors": ["ADA"]}]}, "whole number"),
    ({"actors": [{"id": "ADA", "cost": 2.5}], "scenes": [{"id": 1, "duration": 1, "actors": ["ADA"]}]},
     "daily cost must be a whole number"),
    ({"actors": [{"id": "ADA", "cost": -1}], "scenes": [{"id": 1, "duration": 1, "actors": ["ADA"]}]},
     "at least 0"),
    ({"actors": GOOD_ACTORS * 2, "scenes": [{"id": 1, "duration": 1, "actors": ["ADA"]}]}, "listed twice"),
    ({"actors": GOOD_ACTORS, "scenes": [{"id": 1, "duration": 1, "actors": []}] * 2}, "Scene 1 is listed twice"),
    ({"actors": GOOD_ACTORS, "scenes": [{"id": 1, "duration": 1, "actors": ["ADA", "ADA"]}]}, "ADA twice"),
    ({"actors": GOOD_ACTORS, "scenes": [{"duration": 1, "actors": []}]}, "needs an 'id'"),
    ({"actors": GOOD_ACTORS, "scenes": [{"id": True, "duration": 1, "actors": []}]}, "name or a number"),
])
def test_bad_talent_files_are_refused_in_words(data, words):
    with pytest.raises(Rejected, match=words):
        read_talent(data)


@pytest.mark.parametrize("limit_s, workers, words", [(0, 2, "more than 0 seconds"), (5, 0, "one worker")])
def test_a_limit_or_worker_count_that_cannot_work_is_refused(limit_s, workers, words):
    with pytest.raises(Rejected, match=words):
        solve_talent(ADA_AND_OBI, limit_s=limit_s, workers=workers)
