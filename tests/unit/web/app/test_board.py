"""The hand-edited stripboard's moves and the merge a person makes of two offline versions
(web/app/src/board.js), run in node: both moves survive whichever version CouchDB picked as the
winner, every scene stays on the board exactly once, and strips take the core's colours."""
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from core.call_sheets.stripboard import STRIP_COLOURS, strip_colour

NODE = shutil.which("node")
MODULE = Path(__file__).resolve().parents[4] / "web" / "app" / "src" / "board.js"
HARNESS = """
import { readFileSync } from "node:fs";
const board = await import(process.argv[1]);
const { calls } = JSON.parse(readFileSync(0, "utf8"));
console.log(JSON.stringify(calls.map(([name, ...args]) => board[name](...args))));
"""
SCHEDULE = {
    "version": 2,
    "days": [{"day": 1, "date": "2026-12-10", "scenes": [{"scene_id": "1"}, {"scene_id": "2"}, {"scene_id": "3"}]},
             {"day": 2, "date": "2026-12-11", "scenes": [{"scene_id": "4"}, {"scene_id": "5"}]}],
    "boneyard": ["6"],
}
BASE = {"source": {"from": "schedule", "edited": False},
        "days": [{"day": 1, "date": "2026-12-10", "scenes": ["1", "2", "3"]},
                 {"day": 2, "date": "2026-12-11", "scenes": ["4", "5"]}],
        "boneyard": ["6"]}


def run(*calls):
    if NODE is None:
        pytest.skip("node is not installed: web/app/src/board.js cannot be run here")
    done = subprocess.run([NODE, "--input-type=module", "-e", HARNESS, MODULE.as_uri()],
                          input=json.dumps({"calls": calls}), capture_output=True, text=True, timeout=30, check=True)
    return json.loads(done.stdout)


def scenes_of(board):
    return sorted([s for day in board["days"] for s in day["scenes"]] + board["boneyard"])


def test_a_board_from_the_published_schedule_keeps_its_days_and_boneyard():
    [board] = run(["boardFromSchedule", SCHEDULE, {"from": "schedule", "version": 2}])

    assert board["days"] == BASE["days"]
    assert board["boneyard"] == ["6"]
    assert board["source"] == {"from": "schedule", "version": 2, "edited": False}


def test_moves_keep_every_scene_once_and_mark_the_board_hand_edited():
    to_day, to_boneyard, before_first, nudged = run(
        ["moveStrip", BASE, "1", 2], ["moveStrip", BASE, "4", "boneyard"], ["moveStrip", BASE, "6", 1, 0],
        ["nudgeStrip", BASE, "3", -1],
    )

    assert to_day["days"][1]["scenes"] == ["4", "5", "1"] and to_day["days"][0]["scenes"] == ["2", "3"]
    assert to_boneyard["boneyard"] == ["6", "4"]
    assert before_first["days"][0]["scenes"] == ["6", "1", "2", "3"] and before_first["boneyard"] == []
    assert nudged["days"][0]["scenes"] == ["1", "3", "2"]
    for board in (to_day, to_boneyard, before_first, nudged):
        assert scenes_of(board) == scenes_of(BASE)
        assert board["source"]["edited"] is True


@pytest.mark.parametrize("winner_moved", ["1", "4"])
def test_keeping_both_offline_moves_whichever_version_won(winner_moved):
    phone, laptop = run(["moveStrip", BASE, "1", 2], ["moveStrip", BASE, "4", "boneyard"])
    mine, other = (phone, laptop) if winner_moved == "1" else (laptop, phone)
    # The person keeps, for each differing strip, the version that moved it.
    keep_other = {"4": "other"} if winner_moved == "1" else {"1": "other"}

    diffs, merged = run(["differences", mine, other], ["merge", mine, other, keep_other])

    assert sorted(diff["sceneId"] for diff in diffs) == ["1", "4"]
    assert merged["days"][0]["scenes"] == ["2", "3"]
    assert merged["days"][1]["scenes"] == ["5", "1"]
    assert sorted(merged["boneyard"]) == ["4", "6"]
    assert scenes_of(merged) == scenes_of(BASE)


def test_a_day_only_the_other_version_added_comes_along_with_its_strips():
    [with_day] = run(["addDay", BASE])
    [other] = run(["moveStrip", with_day, "6", 3])

    [merged] = run(["merge", BASE, other, {"6": "other"}])

    assert [day["day"] for day in merged["days"]] == [1, 2, 3]
    assert merged["days"][2]["scenes"] == ["6"] and merged["boneyard"] == []


@pytest.mark.parametrize("int_ext, day_night", [
    ("INT", "DAY"), ("EXT", "DAY"), ("INT", "NIGHT"), ("EXT", "NIGHT"), ("INT/EXT", "NIGHT"), ("", "DAWN"),
])
def test_strip_colours_are_the_cores(int_ext, day_night):
    [colour] = run(["stripColour", {"int_ext": int_ext, "day_night": day_night}])

    assert colour == strip_colour(int_ext, day_night)[0]
    assert colour in {name for name, _ in STRIP_COLOURS.values()}


def test_pages_are_written_in_eighths_as_a_first_ad_does():
    assert run(["pages", 11], ["pages", 8], ["pages", 3], ["pages", 16]) == ["1 3/8", "1", "3/8", "2"]
