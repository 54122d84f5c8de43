"""The breakdown of a scene: its shape, characters, page length, time, elements."""
import pytest

from core.errors import Rejected
from core.script.breakdown import MINUTES_PER_EIGHTH, breakdown
from core.script.characters import cue_name
from core.script.fountain import parse_fountain
from core.script.lexicon import CATEGORIES
from core.script.model import ACTION, Element, Scene, Script
from core.script.page_length import LINES_PER_PAGE, eighths_of, pages_text

SCRIPT = """Title: Okada Run

EXT. MARINA - NIGHT #12#

MAMA T, 60s, sells roasted corn from a tray. ADA arrives on an OKADA, blood on her wrapper.

ADA (CONT'D)
Mama, hide this.

MAMA T (O.S.)
(calling)
What is it?

A crowd of HAWKERS watches. [[prop: cutlass]] [[vfx: smoke plume]]

INT. MAMA T'S KITCHEN - DAY #13#

A GOAT wanders in. OBI enters.

OBI (V.O.)
She never came back.

ADA
I did.
"""


@pytest.fixture
def result():
    return breakdown(parse_fountain(SCRIPT))


def test_each_scene_has_the_shared_breakdown_shape(result):
    scene = result["scenes"][0]

    assert {"id", "number", "heading", "int_ext", "set", "time_of_day", "day_night", "eighths",
            "estimated_minutes", "characters", "introduced", "elements", "synopsis"} <= set(scene)
    assert (scene["id"], scene["number"], scene["int_ext"], scene["set"], scene["day_night"]) == (
        "12", "12", "EXT", "MARINA", "NIGHT")
    assert set(scene["elements"]) == set(CATEGORIES)
    assert scene["synopsis"].startswith("MAMA T, 60s, sells roasted corn")


@pytest.mark.parametrize("cue, name", [
    ("ADA (V.O.)", "ADA"), ("ADA (O.S.)", "ADA"), ("ADA (CONT'D)", "ADA"), ("ADA (cont'd)", "ADA"),
    ("ADA (O.C.)", "ADA"), ("ADA (PRE-LAP)", "ADA"), ("ADA (V.O.)(CONT'D)", "ADA"), ("ADA CONT'D", "ADA"),
    ("ADA ^", "ADA"), ("@McCLANE", "MCCLANE"), ("MAMA  T", "MAMA T"), ("DR. BENNETT (O.S.)", "DR. BENNETT"),
])
def test_cue_extensions_are_stripped(cue, name):
    assert cue_name(cue) == name


def test_speaking_and_introduced_characters(result):
    first, second = result["scenes"]

    assert first["characters"] == ["ADA", "MAMA T"]
    assert first["introduced"] == ["MAMA T", "ADA"]
    assert second["characters"] == ["OBI", "ADA"]
    assert second["introduced"] == ["OBI"]  # ADA was introduced in scene 12; a GOAT is not a person
    assert result["characters"]["ADA"] == {"scenes": ["12", "13"], "first_scene": "12", "speaking": True}


def test_elements_come_from_the_word_lists_and_from_note_tags(result):
    elements = result["scenes"][0]["elements"]

    assert elements["props"] == ["cutlass", "tray"]
    assert elements["vehicles"] == ["okada"]
    assert elements["wardrobe"] == ["wrapper"]
    assert elements["makeup"] == ["blood"]
    assert elements["extras"] == ["crowd", "hawker"]
    assert elements["visual_effects"] == ["smoke plume"]
    assert elements["cast"] == ["ADA", "MAMA T"]
    assert result["scenes"][1]["elements"]["animals"] == ["goat"]


def test_minutes_follow_eighths_at_the_documented_rate(result):
    for scene in result["scenes"]:
        assert scene["estimated_minutes"] == scene["eighths"] * MINUTES_PER_EIGHTH


def test_a_one_line_scene_is_one_eighth_and_a_full_page_is_eight():
    assert eighths_of(1) == 1
    assert eighths_of(LINES_PER_PAGE) == 8
    assert eighths_of(LINES_PER_PAGE + LINES_PER_PAGE // 8) == 9


def test_eighths_grow_with_the_scene():
    short = Scene("INT. ROOM - DAY", elements=[Element(ACTION, "She sits.")])
    long = Scene("INT. ROOM - DAY", elements=[Element(ACTION, "She sits. " * 400)])

    counted = breakdown(Script("fountain", scenes=[short, long]))["scenes"]

    assert counted[0]["eighths"] == 1
    assert counted[1]["eighths"] > 8


@pytest.mark.parametrize("eighths, text", [(1, "1/8"), (8, "1"), (11, "1 3/8"), (16, "2")])
def test_pages_are_written_as_on_a_stripboard(eighths, text):
    assert pages_text(eighths) == text


def test_repeated_scene_numbers_get_a_suffix_and_a_warning():
    script = parse_fountain("INT. A - DAY #5#\n\nOne.\n\nINT. B - DAY #5#\n\nTwo.\n")

    result = breakdown(script)

    assert [s["id"] for s in result["scenes"]] == ["5", "5-2"]
    assert any("5 is used twice" in warning for warning in result["warnings"])


def test_scenes_without_day_or_night_are_listed_in_one_warning():
    result = breakdown(parse_fountain("INT. A - DAY\n\nOne.\n\nINT. B - LATER\n\nTwo.\n\n.OUTSIDE\n\nThree.\n"))

    assert "2 scene(s) do not say DAY or NIGHT: 2, 3" in " ".join(result["warnings"])
    assert "1 scene(s) do not say INT. or EXT.: 3" in " ".join(result["warnings"])


def test_a_script_with_no_scenes_is_refused():
    with pytest.raises(Rejected, match="We found no scene headings"):
        breakdown(Script("fountain"))
