"""Reading a printed (PDF) screenplay from its text lines and their distance from the left edge.

The PDF adapter outside core hands over lines with positions; this module decides what each line is,
using the page layout every screenplay shares: action and headings at the margin, dialogue about an
inch in, parentheticals about an inch and a half in, character cues about two inches in.
"""
import re
from collections import Counter
from dataclasses import dataclass

from core.script.model import (
    ACTION, CHARACTER, DIALOGUE, PARENTHETICAL, TRANSITION, Element, Scene, Script,
)
from core.script.sluglines import PRINTED_SLUG

DIALOGUE_FROM_IN = 0.6  # indent from the action margin, inches
CUE_FROM_IN = 1.4
TRANSITION_FROM_IN = 3.2
SAME_PARAGRAPH_GAP_PT = 16  # a gap bigger than about one and a third lines starts a new paragraph
_PAGE_NUMBER = re.compile(r"^\d+[A-Z]?\.?$")
_SCENE_NUMBER = re.compile(r"^[A-Z]?\d+[A-Z]?\.?$")
_FURNITURE = re.compile(r"^\(?(MORE|CONTINUED|CONT'D)\)?:?$|^CONTINUED:?(\s*\(\d+\))?$")


@dataclass(frozen=True)
class PrintedLine:
    page: int  # 1-based
    x_in: float  # left edge of the line's first character, inches from the page's left edge
    y_pt: float  # baseline height from the bottom of the page, points
    text: str


def _margin(lines: list[PrintedLine]) -> float:
    """The action margin: the most common left edge, to a tenth of an inch."""
    common = Counter(round(line.x_in, 1) for line in lines).most_common(1)
    return common[0][0] if common else 1.5


def _looks_like_cue(text: str) -> bool:
    name = re.sub(r"\(.*?\)", "", text).strip()
    return bool(name) and name == name.upper() and any(c.isalpha() for c in name) and not name.endswith(":")


def _speech_follows(line: PrintedLine, after: PrintedLine | None, margin: float) -> bool:
    """A cue is always followed, on the next printed line, by dialogue or a parenthetical."""
    if after is None or after.page != line.page or line.y_pt - after.y_pt > SAME_PARAGRAPH_GAP_PT:
        return False
    indent = after.x_in - margin
    return DIALOGUE_FROM_IN <= indent < CUE_FROM_IN or after.text.lstrip().startswith("(")


def classify_printed_lines(lines: list[PrintedLine], page_count: int) -> Script:
    """A Script from positioned PDF lines. Only INT./EXT.-style sluglines can be headings here."""
    script = Script(source_format="pdf", page_count=page_count)
    body = [line for line in lines if line.text.strip()]
    margin = _margin(body)
    speaking = False
    previous: PrintedLine | None = None
    first_page = [line.text.strip() for line in body if line.page == 1]
    if first_page and not any(PRINTED_SLUG.match(text + " ") for text in first_page):
        script.title = first_page[0]  # a title page: its first line is the title
    for position, line in enumerate(body):
        after = body[position + 1] if position + 1 < len(body) else None
        text = " ".join(line.text.split())
        indent = line.x_in - margin
        first, _, rest = text.partition(" ")
        if _FURNITURE.match(text.upper()) or (indent > TRANSITION_FROM_IN and _PAGE_NUMBER.match(text)):
            continue
        number = None
        if indent < -0.3 and _SCENE_NUMBER.match(first) and rest:
            number, text, indent = first.rstrip("."), rest, 0.0  # scene number printed in the left margin
        new_paragraph = (previous is None or previous.page != line.page
                         or previous.y_pt - line.y_pt > SAME_PARAGRAPH_GAP_PT)
        elements = script.scenes[-1].elements if script.scenes else script.opening
        if indent < DIALOGUE_FROM_IN and PRINTED_SLUG.match(text + " "):
            if number and text.endswith(" " + number):
                text = text[: -len(number) - 1].rstrip()  # the same number printed in the right margin too
            script.scenes.append(Scene(heading=text, number=number, source_line=line.page))
            speaking = False
        elif (indent < DIALOGUE_FROM_IN and not new_paragraph and previous is not None and script.scenes
              and not elements and text == text.upper()):
            script.scenes[-1].heading += " " + text  # a long slugline wrapped onto a second line
        elif indent >= TRANSITION_FROM_IN or (indent >= CUE_FROM_IN and text.endswith(("TO:", "OUT.", "IN:"))):
            elements.append(Element(TRANSITION, text))
            speaking = False
        elif indent >= CUE_FROM_IN and _looks_like_cue(text) and new_paragraph \
                and _speech_follows(line, after, margin):
            elements.append(Element(CHARACTER, text))
            speaking = True
        elif indent >= DIALOGUE_FROM_IN and speaking:
            kind = PARENTHETICAL if text.startswith("(") or (elements and elements[-1].kind == PARENTHETICAL
                                                            and not elements[-1].text.endswith(")")) else DIALOGUE
            if elements and elements[-1].kind == kind and not new_paragraph:
                elements[-1].text += "\n" + text
            else:
                elements.append(Element(kind, text))
        else:
            speaking = False
            if elements and elements[-1].kind == ACTION and not new_paragraph:
                elements[-1].text += "\n" + text
            else:
                elements.append(Element(ACTION, text))
        previous = line
    return script
