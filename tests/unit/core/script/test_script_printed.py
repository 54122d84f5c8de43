"""Classifying positioned PDF lines (as the PDF adapter hands them over) by their indent."""
from core.script.model import ACTION, CHARACTER, DIALOGUE, PARENTHETICAL, TRANSITION
from core.script.printed import PrintedLine, classify_printed_lines

LINE_PT = 12


def _page(rows: list[tuple[float, str]], page: int = 2, top_pt: float = 720) -> list[PrintedLine]:
    """rows: (indent from the left edge in inches, text); a None text leaves a blank line."""
    lines, y = [], top_pt
    for x_in, text in rows:
        if text is not None:
            lines.append(PrintedLine(page=page, x_in=x_in, y_pt=y, text=text))
        y -= LINE_PT
    return lines


PAGE = _page([
    (7.2, "2."),
    (1.5, "INT. MARINA OFFICE - NIGHT"), (1.5, None),
    (1.5, "ADA waits by the window, counting the"), (1.5, "boats."), (1.5, None),
    (3.5, "ADA (V.O.)"), (2.9, "(whispering)"), (2.5, "Where is he? He said"), (2.5, "nine."), (1.5, None),
    (6.0, "CUT TO:"), (1.5, None),
    (1.5, "INT. VW GTI, NORTHBOUND ON THE GOLDEN GATE BRIDGE, MINUTES"), (1.5, "LATER"), (1.5, None),
    (1.5, "Driving."), (1.5, None),
    (3.8, "THE END"),
])


def test_lines_are_classified_by_indent_and_wrapped_lines_joined():
    scene = classify_printed_lines(PAGE, page_count=2).scenes[0]

    assert [(e.kind, e.text) for e in scene.elements] == [
        (ACTION, "ADA waits by the window, counting the\nboats."), (CHARACTER, "ADA (V.O.)"),
        (PARENTHETICAL, "(whispering)"), (DIALOGUE, "Where is he? He said\nnine."), (TRANSITION, "CUT TO:"),
    ]


def test_a_wrapped_slugline_is_one_heading_and_page_numbers_are_dropped():
    script = classify_printed_lines(PAGE, page_count=2)

    assert [s.heading for s in script.scenes] == [
        "INT. MARINA OFFICE - NIGHT", "INT. VW GTI, NORTHBOUND ON THE GOLDEN GATE BRIDGE, MINUTES LATER",
    ]
    assert script.page_count == 2


def test_centered_capitals_without_speech_after_them_are_not_a_character():
    last = classify_printed_lines(PAGE, page_count=2).scenes[-1]

    assert CHARACTER not in [e.kind for e in last.elements]


def test_scene_numbers_in_the_left_margin_are_read():
    lines = _page([(1.5, "Opening."), (1.5, None), (1.0, "12 INT. HOUSE - DAY 12"), (1.5, None), (1.5, "Quiet.")])

    scene = classify_printed_lines(lines, page_count=1).scenes[0]

    assert (scene.number, scene.heading) == ("12", "INT. HOUSE - DAY")


def test_a_title_page_gives_the_title():
    title_page = _page([(3.4, "THE LAST DANFO"), (3.7, "written by"), (3.6, "Ada Obi")], page=1)

    script = classify_printed_lines(title_page + PAGE, page_count=2)

    assert script.title == "THE LAST DANFO"
