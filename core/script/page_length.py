"""Page length: lay each scene out as it prints on US Letter in 12-pt Courier, 55 lines to a page,
then count eighths of a page the way a first AD measures them on a stripboard."""
import textwrap

from core.script.model import (
    ACTION, CENTERED, CHARACTER, DIALOGUE, LYRICS, PAGE_BREAK, PARENTHETICAL, TRANSITION, Element, Scene,
)

LINES_PER_PAGE = 55
EIGHTHS_PER_PAGE = 8
# Characters per printed line for each element (Courier 12: ten characters an inch).
WIDTH_CHARS = {
    ACTION: 61, CENTERED: 61, TRANSITION: 61, LYRICS: 35, DIALOGUE: 35, PARENTHETICAL: 26, CHARACTER: 38,
}
HEADING_WIDTH_CHARS = 61
# Dialogue and parentheticals sit right under their cue; every other element has a blank line above.
_NO_GAP_AFTER = {CHARACTER, PARENTHETICAL, DIALOGUE}
_NO_GAP_KINDS = {DIALOGUE, PARENTHETICAL}


def _wrapped(text: str, width: int) -> int:
    total = 0
    for paragraph in text.split("\n"):
        total += max(1, len(textwrap.wrap(paragraph, width, break_long_words=True, break_on_hyphens=False)))
    return total


def element_lines(element: Element, previous_kind: str | None) -> int:
    """Printed lines an element takes, the blank line above it included."""
    if element.kind == PAGE_BREAK:
        return 0
    gap = 0 if (element.kind in _NO_GAP_KINDS and previous_kind in _NO_GAP_AFTER) else 1
    return gap + _wrapped(element.text, WIDTH_CHARS.get(element.kind, WIDTH_CHARS[ACTION]))


def scene_lines(scene: Scene) -> int:
    """Printed lines from the scene's heading to the line before the next heading."""
    total = 1 + _wrapped(scene.heading, HEADING_WIDTH_CHARS)  # the heading and the blank line above it
    previous = None
    for element in scene.elements:
        total += element_lines(element, previous)
        previous = element.kind
    return total


def eighths_of(lines: int) -> int:
    """Nearest eighth of a page, never less than 1/8: a scene on the board is at least one eighth.

    Rounding to nearest (rather than up) keeps the total of the eighths close to the page count.
    """
    return max(1, (lines * EIGHTHS_PER_PAGE * 2 + LINES_PER_PAGE) // (LINES_PER_PAGE * 2))


def pages_text(eighths: int) -> str:
    """Eighths as a stripboard writes them: "3/8", "1", "1 3/8"."""
    whole, rest = divmod(eighths, EIGHTHS_PER_PAGE)
    if not rest:
        return str(whole)
    return f"{whole} {rest}/8" if whole else f"{rest}/8"
