"""Script versions: matching scenes across drafts, what changed, and corrections re-applied."""
import pytest

from core.errors import Rejected
from core.script.breakdown import breakdown
from core.script.fountain import parse_fountain
from core.script.versions import apply_corrections, check_correction, diff, diff_breakdowns

DRAFT_ONE = """INT. MARINA OFFICE - NIGHT

ADA counts money by a lantern.

ADA
Where is he?

EXT. JETTY - DAY

OBI ties up a canoe.

OBI
Morning.

INT. KITCHEN - DAY

MAMA T stirs a pot.

MAMA T
Eat.
"""


def _draft(text: str, numbered: bool = False) -> dict:
    if numbered:
        count = iter(range(1, 100))
        text = "\n".join(line + f" #{next(count)}#" if line.startswith(("INT.", "EXT.")) else line
                         for line in text.split("\n"))
    return breakdown(parse_fountain(text))


def test_the_same_draft_has_no_changes():
    changes = diff(_draft(DRAFT_ONE), _draft(DRAFT_ONE))

    assert (changes["added"], changes["removed"], changes["changed"], changes["unchanged"]) == ([], [], [], 3)


def test_an_inserted_scene_is_added_and_later_scenes_only_renumbered():
    inserted = DRAFT_ONE.replace("EXT. JETTY - DAY", "EXT. ROAD - DAY\n\nA DANFO passes.\n\nEXT. JETTY - DAY")

    changes = diff(_draft(DRAFT_ONE), _draft(inserted))

    assert changes["added"] == ["2"] and changes["removed"] == [] and changes["changed"] == []
    assert changes["renumbered"] == [{"id": "3", "old_id": "2"}, {"id": "4", "old_id": "3"}]


def test_a_rewritten_scene_reports_what_changed():
    rewritten = DRAFT_ONE.replace("EXT. JETTY - DAY", "EXT. JETTY - NIGHT").replace(
        "OBI ties up a canoe.", "OBI ties up a canoe. A DOG barks.\n\nADA\nYou came.")

    changes = diff_breakdowns(_draft(DRAFT_ONE), _draft(rewritten))

    assert [c["id"] for c in changes["changed"]] == ["2"]
    what = changes["changed"][0]["changes"]
    assert what["heading"] == {"old": "EXT. JETTY - DAY", "new": "EXT. JETTY - NIGHT"}
    assert what["characters"] == {"added": ["ADA"], "removed": []}
    assert what["elements"]["animals"] == {"added": ["dog"], "removed": []}


def test_numbered_drafts_match_by_scene_number_even_when_headings_change():
    old = _draft(DRAFT_ONE, numbered=True)
    new = _draft(DRAFT_ONE.replace("INT. KITCHEN - DAY", "EXT. COMPOUND - DAY"), numbered=True)

    changes = diff(old, new)

    assert changes["added"] == [] and changes["removed"] == []
    assert changes["changed"][0]["id"] == "3" and "heading" in changes["changed"][0]["changes"]


def test_a_cut_scene_is_removed():
    cut = DRAFT_ONE.split("EXT. JETTY - DAY")[0] + DRAFT_ONE.split("Morning.\n")[1]

    changes = diff(_draft(DRAFT_ONE), _draft(cut))

    assert changes["removed"] == ["2"] and changes["added"] == []


def test_corrections_are_applied_and_the_parse_is_not_touched():
    parsed = _draft(DRAFT_ONE)
    corrections = [
        {"scene": "1", "field": "elements.props", "add": ["cutlass"], "remove": ["lantern"]},
        {"scene": "2", "field": "day_night", "set": "NIGHT"},
        {"scene": "3", "field": "eighths", "set": 4},
        {"scene": "3", "field": "introduced", "add": ["BABA"]},
    ]

    corrected, not_applied = apply_corrections(parsed, corrections)

    assert not_applied == []
    assert corrected["scenes"][0]["elements"]["props"] == ["cutlass", "money"]
    assert corrected["scenes"][1]["day_night"] == "NIGHT"
    assert (corrected["scenes"][2]["eighths"], corrected["scenes"][2]["estimated_minutes"]) == (4, 24)
    assert corrected["characters"]["BABA"]["first_scene"] == "3"
    assert "BABA" in corrected["scenes"][2]["elements"]["cast"]
    assert parsed["scenes"][0]["elements"]["props"] == ["lantern", "money"]


def test_a_correction_follows_its_scene_by_heading_after_an_inserted_scene():
    inserted = DRAFT_ONE.replace("EXT. JETTY - DAY", "EXT. ROAD - DAY\n\nA DANFO passes.\n\nEXT. JETTY - DAY")
    correction = {"scene": "2", "heading": "EXT. JETTY - DAY", "field": "elements.props", "add": ["rope"]}

    corrected, not_applied = apply_corrections(_draft(inserted), [correction])

    assert not_applied == []
    assert "rope" in corrected["scenes"][2]["elements"]["props"]
    assert "rope" not in corrected["scenes"][1]["elements"]["props"]


def test_with_the_previous_breakdown_corrections_follow_renumbered_scenes():
    old = _draft(DRAFT_ONE)
    inserted = _draft(DRAFT_ONE.replace("EXT. JETTY - DAY", "EXT. ROAD - DAY\n\nA DANFO passes.\n\nEXT. JETTY - DAY"))

    corrected, _ = apply_corrections(inserted, [{"scene": "3", "field": "set", "set": "MAMA'S KITCHEN"}], previous=old)

    assert corrected["scenes"][3]["set"] == "MAMA'S KITCHEN"


def test_a_correction_whose_scene_is_gone_is_reported_as_orphaned():
    cut = DRAFT_ONE.split("EXT. JETTY - DAY")[0]
    correction = {"scene": "2", "heading": "EXT. JETTY - DAY", "field": "day_night", "set": "NIGHT"}

    corrected, not_applied = apply_corrections(_draft(cut), [correction])

    assert not_applied == [{"correction": correction,
                            "reason": "Scene 2 is not in this version of the script any more."}]
    assert len(corrected["scenes"]) == 1


@pytest.mark.parametrize("correction, reason", [
    ({"field": "day_night", "set": "NIGHT"}, "which scene"),
    ({"scene": "1", "field": "day_night", "set": "NOON"}, "day_night can be"),
    ({"scene": "1", "field": "eighths", "set": 0}, "whole number of at least 1"),
    ({"scene": "1", "field": "elements.props"}, "add or remove at least one"),
    ({"scene": "1", "field": "elements.spaceships", "add": ["x"]}, "cannot correct"),
])
def test_malformed_corrections_are_refused_with_a_reason(correction, reason):
    with pytest.raises(Rejected, match=reason):
        check_correction(correction)


def test_a_heading_used_twice_sends_the_correction_to_the_one_nearest_its_old_place():
    twice = DRAFT_ONE + "\nINT. MARINA OFFICE - NIGHT\n\nADA sleeps.\n"
    inserted = twice.replace("EXT. JETTY - DAY", "EXT. ROAD - DAY\n\nA DANFO passes.\n\nEXT. JETTY - DAY")
    correction = {"scene": "4", "heading": "INT. MARINA OFFICE - NIGHT", "field": "day_night", "set": "DAY"}

    corrected, not_applied = apply_corrections(_draft(inserted), [correction])

    assert not_applied == []
    assert [s["day_night"] for s in corrected["scenes"]] == ["NIGHT", "DAY", "DAY", "DAY", "DAY"]
    assert corrected["scenes"][4]["heading"] == "INT. MARINA OFFICE - NIGHT"
