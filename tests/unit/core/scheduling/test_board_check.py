"""A hand-arranged stripboard is checked and timed by the optimiser: kept where it works, each
forced move explained, boneyard strips left in the boneyard."""
import pytest

from core.scheduling.board_check import schedule_from_board
from core.scheduling.shoot_errors import BadShootFile
from tests.unit.core.scheduling.test_shoot_builders import LIMIT_S, cast_member, placed, production, scene


def dates_of(schedule: dict) -> dict[str, str]:
    return {scene_id: entry["date"] for scene_id, entry in placed(schedule).items()}


def order_on(schedule: dict, day: str) -> list[str]:
    return next([slot["scene_id"] for slot in d["scenes"]] for d in schedule["days"] if d["date"] == day)


def test_a_workable_board_is_kept_day_for_day_and_in_its_order():
    data = production([scene(n, characters=("OBI",) if n in "13" else ("ADA",)) for n in "1234"], days=2)
    # Each actor on both days, and on day 1 the higher-numbered scene first: the AD's choice.
    board = {"days": [{"day": 1, "date": "", "scenes": ["3", "2"]}, {"day": 2, "date": "", "scenes": ["4", "1"]}],
             "boneyard": []}

    out = schedule_from_board(data, board, LIMIT_S)

    assert dates_of(out["schedule"]) == {"3": "2026-12-01", "2": "2026-12-01", "4": "2026-12-02", "1": "2026-12-02"}
    assert order_on(out["schedule"], "2026-12-01") == ["3", "2"]
    assert out["moved"] == []


def test_a_strip_on_a_day_its_actor_is_away_moves_and_the_reason_names_her():
    data = production([scene("1", characters=("OBI",)), scene("2"), scene("3", characters=("OBI",))], days=2)
    cast_member(data, "ada")["unavailable"] = ["2026-12-01"]
    board = {"days": [{"day": 1, "date": "2026-12-01", "scenes": ["1", "2"]},
                      {"day": 2, "date": "2026-12-02", "scenes": ["3"]}], "boneyard": []}

    out = schedule_from_board(data, board, LIMIT_S)

    assert dates_of(out["schedule"]) == {"1": "2026-12-01", "2": "2026-12-02", "3": "2026-12-02"}
    assert out["moved"] == [{"scene_id": "2", "from_date": "2026-12-01", "to_date": "2026-12-02",
                             "reason": "Ada is no longer free on 1 Dec."}]


def test_boneyard_strips_stay_out_and_strips_on_a_day_past_the_plan_find_a_place():
    data = production([scene("1"), scene("2"), scene("3", characters=("OBI",))], days=2)
    board = {"days": [{"day": 1, "date": "", "scenes": ["1"]}, {"day": 2, "date": "", "scenes": []},
                      {"day": 3, "date": "", "scenes": ["3"]}], "boneyard": ["2"]}

    out = schedule_from_board(data, board, LIMIT_S)

    assert "2" not in dates_of(out["schedule"]) and "2" in out["schedule"]["boneyard"]
    assert dates_of(out["schedule"])["1"] == "2026-12-01"
    assert dates_of(out["schedule"])["3"] in ("2026-12-01", "2026-12-02")


@pytest.mark.parametrize("board, words", [
    ({"boneyard": []}, "no days to check"),
    ({"days": [{"day": 4, "scenes": "12"}], "boneyard": []}, "Day 4 of the stripboard"),
    ({"days": [], "boneyard": "7"}, "boneyard is not a list"),
])
def test_a_malformed_board_is_refused_in_words(board, words):
    with pytest.raises(BadShootFile, match=words):
        schedule_from_board(production([scene("1")]), board, LIMIT_S)
