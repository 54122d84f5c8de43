"""Fountain syntax corners, each read into the Script model."""
from core.script.fountain import parse_fountain
from core.script.model import CENTERED, CHARACTER, DIALOGUE, LYRICS, PAGE_BREAK, PARENTHETICAL, TRANSITION

CORNERS = """Title: **THE LAST DANFO**
Credit: Written by
Author: Ada Obi
Contact:
\tLagos
\tNigeria

FADE IN:

INT. MARINA OFFICE - NIGHT #12#

ADA waits. [[prop: cutlass, lantern]]

ADA (V.O.)
Where is he?

OBI ^
(whispering)
Coming.

/* EXT. CUT SCENE - DAY

Nobody will shoot this. */

.BACK IN THE DANFO

@McCLANE
Yippee.

~Sweet mother, I no go forget you

> THE END OF PART ONE <

===

I/E DANFO - MOVING - DAY

Moving through traffic.

CUT TO:

INT./EXT. MARKET, DAY

# Act two

= The market chase.

> SMASH CUT TO:

EST. LAGOS SKYLINE - DUSK
"""


def _kinds(scene):
    return [element.kind for element in scene.elements]


def test_title_page_keys_and_emphasis_are_read():
    script = parse_fountain(CORNERS)

    assert script.title == "THE LAST DANFO"
    assert script.title_page["contact"] == "Lagos\nNigeria"


def test_every_heading_form_is_a_scene_and_the_boneyard_is_not():
    headings = [scene.heading for scene in parse_fountain(CORNERS).scenes]

    assert headings == [
        "INT. MARINA OFFICE - NIGHT", "BACK IN THE DANFO", "I/E DANFO - MOVING - DAY",
        "INT./EXT. MARKET, DAY", "EST. LAGOS SKYLINE - DUSK",
    ]


def test_scene_numbers_and_forced_headings_are_kept():
    scenes = parse_fountain(CORNERS).scenes

    assert (scenes[0].number, scenes[0].forced) == ("12", False)
    assert (scenes[1].number, scenes[1].forced) == (None, True)


def test_notes_leave_the_text_and_stay_with_their_scene():
    scene = parse_fountain(CORNERS).scenes[0]

    assert scene.notes == ["prop: cutlass, lantern"]
    assert scene.elements[0].text.strip() == "ADA waits."


def test_dual_dialogue_is_marked_on_the_second_speaker_only():
    elements = parse_fountain(CORNERS).scenes[0].elements
    cues = [(e.text, e.dual) for e in elements if e.kind == CHARACTER]

    assert cues == [("ADA (V.O.)", False), ("OBI", True)]
    assert _kinds(parse_fountain(CORNERS).scenes[0])[-3:] == [CHARACTER, PARENTHETICAL, DIALOGUE]


def test_forced_character_lyrics_centered_text_and_page_break():
    scene = parse_fountain(CORNERS).scenes[1]

    assert scene.elements[0].kind == CHARACTER and scene.elements[0].text == "McCLANE"
    assert _kinds(scene)[1:] == [DIALOGUE, LYRICS, CENTERED, PAGE_BREAK]


def test_transitions_plain_and_forced_and_sections_and_synopses_are_not_printed():
    scenes = parse_fountain(CORNERS).scenes

    assert [(e.kind, e.text) for e in scenes[2].elements][-1] == (TRANSITION, "CUT TO:")
    assert [(e.kind, e.text) for e in scenes[3].elements] == [(TRANSITION, "SMASH CUT TO:")]


def test_crlf_line_endings_read_the_same_as_lf():
    lf = parse_fountain(CORNERS)
    crlf = parse_fountain(CORNERS.replace("\n", "\r\n"))

    assert [s.heading for s in crlf.scenes] == [s.heading for s in lf.scenes]
    assert [_kinds(s) for s in crlf.scenes] == [_kinds(s) for s in lf.scenes]


def test_a_heading_needs_a_blank_line_before_it():
    script = parse_fountain("INT. HOUSE - DAY\n\nShe says\nINT. NOT A HEADING - DAY\n")

    assert [s.heading for s in script.scenes] == ["INT. HOUSE - DAY"]


def test_a_capitalised_line_before_a_blank_line_is_action_not_a_character():
    scene = parse_fountain("EXT. ROAD - DAY\n\nBOOM!\n\nADA\nRun.\n").scenes[0]

    assert [(e.kind, e.text) for e in scene.elements] == [("action", "BOOM!"), (CHARACTER, "ADA"), (DIALOGUE, "Run.")]


def test_two_spaces_keep_a_speech_together():
    scene = parse_fountain("EXT. ROAD - DAY\n\nADA\nFirst part.\n  \nSecond part.\n").scenes[0]

    assert [e.kind for e in scene.elements] == [CHARACTER, DIALOGUE]
    assert scene.elements[1].text == "First part.\n\nSecond part."


def test_a_note_on_its_own_line_inside_a_speech_does_not_end_it():
    scene = parse_fountain("EXT. ROAD - DAY\n\nADA\n[[she is tired]]\nRun.\n").scenes[0]

    assert [e.kind for e in scene.elements] == [CHARACTER, DIALOGUE]
    assert scene.notes == ["she is tired"]


def test_ext_int_written_as_action_is_flagged_not_counted():
    script = parse_fountain("INT. HOUSE - DAY\n\nHello.\n\nEXT/INT. CAR - DAY\n\nDriving.\n")

    assert len(script.scenes) == 1
    assert "EXT/INT. CAR - DAY" in script.warnings[0]


def test_fade_in_on_the_first_line_is_not_a_title_page():
    script = parse_fountain("FADE IN:\n\nINT. HOUSE - DAY\n\nQuiet.\n")

    assert script.title_page == {} and script.opening[0].text == "FADE IN:"
