"""The breakdown editor's corrections (web/app/src/script.js), run in node and handed to the core:
every correction the page makes is one the core accepts, and applied by the core they turn the
scene into what the person saw in the editor."""
import copy
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from core.script.corrections import apply_corrections, check_correction
from core.script.lexicon import CATEGORIES
from tests.unit.shoot_fakes import EKO_NIGHTS
from workers.script_reading import read_upload

NODE = shutil.which("node")
MODULE = Path(__file__).resolve().parents[4] / "web" / "app" / "src" / "script.js"
HARNESS = """
import { readFileSync } from "node:fs";
const script = await import(process.argv[1]);
const { calls } = JSON.parse(readFileSync(0, "utf8"));
const pages = (eighths) => `${eighths}/8`;
console.log(JSON.stringify(calls.map(([name, ...args]) => name === "categories" ? script.ELEMENT_CATEGORIES
  : name === "describeCorrection" ? script[name](args[0], pages) : script[name](...args))));
"""


def run(*calls):
    if NODE is None:
        pytest.skip("node is not installed: web/app/src/script.js cannot be run here")
    done = subprocess.run([NODE, "--input-type=module", "-e", HARNESS, MODULE.as_uri()],
                          input=json.dumps({"calls": calls}), capture_output=True, text=True, timeout=30, check=True)
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def breakdown():
    return read_upload("p", 1, "eko.fountain", EKO_NIGHTS.encode()).breakdown


def edited(scene, **changes):
    """What the editor hands correctionsFor: eighths, characters and every category's list."""
    body = {"eighths": scene["eighths"], "characters": list(scene["characters"]),
            "elements": {category: list(scene["elements"].get(category, [])) for category in CATEGORIES}}
    for category, items in changes.pop("elements", {}).items():
        body["elements"][category] = items
    return {**body, **changes}


def test_the_editor_offers_every_category_of_the_core_but_cast():
    [categories] = run(["categories"])

    assert sorted(key for key, _ in categories) == sorted(set(CATEGORIES) - {"cast"})


def test_corrections_the_core_accepts_and_that_make_the_scene_as_edited(breakdown):
    scene = breakdown["scenes"][2]  # EXT. MARINA - DAY: ADA and OBI
    wanted = edited(scene, eighths=scene["eighths"] + 5, characters=["ADA", "MAMA T"],
                    elements={"props": ["cutlass", *scene["elements"].get("props", [])], "vehicles": ["okada"]})

    [corrections] = run(["correctionsFor", scene, wanted])

    assert {c["field"] for c in corrections} == {"eighths", "characters", "elements.props", "elements.vehicles"}
    for correction in corrections:
        check_correction(correction)  # raises Rejected if the core would refuse it
    corrected, not_applied = apply_corrections(breakdown, corrections)
    assert not_applied == []
    after = next(s for s in corrected["scenes"] if s["id"] == scene["id"])
    assert after["eighths"] == wanted["eighths"]
    assert after["characters"] == wanted["characters"]
    assert after["elements"]["cast"] == sorted(wanted["characters"])
    for category in ("props", "vehicles"):
        assert sorted(after["elements"][category]) == sorted(wanted["elements"][category])
    untouched = [s for s in corrected["scenes"] if s["id"] != scene["id"]]
    assert untouched == [s for s in breakdown["scenes"] if s["id"] != scene["id"]]


def test_a_removal_is_a_correction_and_no_change_is_none(breakdown):
    scene = copy.deepcopy(breakdown["scenes"][0])
    scene["elements"]["props"] = ["machete", "phone"]

    removed, nothing = run(["correctionsFor", scene, edited(scene, elements={"props": ["phone"]})],
                           ["correctionsFor", scene, edited(scene)])

    assert removed == [{"scene": scene["id"], "heading": scene["heading"], "field": "elements.props",
                        "remove": ["machete"]}]
    assert nothing == []


def test_a_correction_in_words():
    props = {"scene": "1", "field": "elements.props", "add": ["cutlass"], "remove": ["knife"]}
    lines = run(["describeCorrection", props],
                ["describeCorrection", {"scene": "1", "field": "eighths", "set": 11}],
                ["describeCorrection", {"scene": "1", "field": "characters", "add": ["OBI"]}])

    assert lines == ["Props: add cutlass; remove knife", "Length set to 11/8 pages", "Characters: add OBI"]
