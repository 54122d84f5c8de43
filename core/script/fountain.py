"""Fountain (fountain.io 1.1) to the Script model, syntax corners included."""
import re

from core.script.fountain_text import (
    normalise_newlines, plain, read_title_page, split_marks, take_out_boneyard_and_notes,
)
from core.script.model import (
    ACTION, CENTERED, CHARACTER, DIALOGUE, LYRICS, PAGE_BREAK, PARENTHETICAL, TRANSITION,
    Element, Scene, Script,
)
from core.script.sluglines import FOUNTAIN_SLUG, PRINTED_SLUG

_SCENE_NUMBER = re.compile(r"\s*#([A-Za-z0-9.\-]+)#\s*$")
_PAGE_BREAK = re.compile(r"^={3,}$")
_CUE_EXTENSIONS = re.compile(r"\(.*?\)")


def _is_cue(text: str) -> bool:
    """A character cue: capitals (extensions in brackets may be lower case: "(cont'd)")."""
    name = _CUE_EXTENSIONS.sub("", text.rstrip("^")).strip()
    return bool(name) and any(c.isalpha() for c in name) and name == name.upper() and not name.endswith(":")


class _Reader:
    """Walks the body lines once; `blank_before` is the Fountain rule that most elements need."""

    def __init__(self, notes: list[str]):
        self.script = Script(source_format="fountain")
        self.notes = notes
        self.in_speech = False
        self.dual_next = False

    def add(self, kind: str, text: str, *, join: bool = False) -> None:
        elements = self.script.scenes[-1].elements if self.script.scenes else self.script.opening
        if join and elements and elements[-1].kind == kind:
            elements[-1].text += "\n" + text
            return
        elements.append(Element(kind, text, dual=self.dual_next and kind in (CHARACTER, DIALOGUE, PARENTHETICAL)))

    def attach_notes(self, indexes: list[int]) -> None:
        if self.script.scenes:
            self.script.scenes[-1].notes.extend(self.notes[i] for i in indexes)

    def heading(self, text: str, forced: bool, line_no: int) -> None:
        number = None
        found = _SCENE_NUMBER.search(text)
        if found:
            number, text = found.group(1), text[: found.start()]
        heading = " ".join(plain(text).split())
        self.script.scenes.append(Scene(heading=heading, number=number, forced=forced, source_line=line_no))

    def line(self, raw: str, blank_before: bool, blank_after: bool, line_no: int) -> None:
        text = raw.strip()
        if self.in_speech:
            kind = PARENTHETICAL if text.startswith("(") and text.endswith(")") else DIALOGUE
            self.add(kind, plain(text), join=kind == DIALOGUE)
            return
        if _PAGE_BREAK.match(text):
            self.add(PAGE_BREAK, "")
        elif text.startswith("#") or (text.startswith("=") and not text.startswith("==")):
            return  # sections and synopses are the writer's outline, never printed
        elif text.startswith("!"):
            self.add(ACTION, plain(text[1:]), join=not blank_before)
        elif text.startswith(".") and not text.startswith("..") and blank_before:
            self.heading(text[1:], True, line_no)
        elif blank_before and FOUNTAIN_SLUG.match(text + " "):
            self.heading(text, False, line_no)
        elif text.startswith(">") and text.endswith("<"):
            self.add(CENTERED, plain(text[1:-1].strip()))
        elif text.startswith(">"):
            self.add(TRANSITION, plain(text[1:].strip()))
        elif blank_before and blank_after and text.isupper() and text.endswith("TO:"):
            self.add(TRANSITION, text)
        elif text.startswith("~"):
            self.add(LYRICS, plain(text[1:].strip()), join=not blank_before)
        elif blank_before and not blank_after and (text.startswith("@") or _is_cue(text)):
            self.dual_next = text.endswith("^")
            self.add(CHARACTER, text.lstrip("@").rstrip("^").strip())
            self.in_speech = True
        else:
            if blank_before and PRINTED_SLUG.match(text + " "):
                self.script.warnings.append(
                    f"Line {line_no}: '{text}' looks like a scene heading but Fountain reads it as action; "
                    "start it with INT. or EXT., or put a '.' in front to make it a heading."
                )
            self.add(ACTION, plain(raw.rstrip()), join=not blank_before)


def parse_fountain(source: str) -> Script:
    """Fountain text to a Script; lines before the first heading go to `opening`."""
    text, notes = take_out_boneyard_and_notes(normalise_newlines(source))
    lines = text.split("\n")
    title_page, start = read_title_page(lines)
    reader = _Reader(notes)
    reader.script.title_page = title_page
    reader.script.title = title_page.get("title", "").replace("\n", " ")
    # (text or None, notes on it, line number); a line that held only notes or boneyard is None, so
    # it neither separates paragraphs nor joins them.
    body = []
    for index in range(start, len(lines)):
        line, held = split_marks(lines[index])
        body.append((None if held and not line.strip() else line, held, index + 1))
    following = [""] * len(body)  # the next real line after each one, to tell "blank after"
    upcoming = ""
    for position in range(len(body) - 1, -1, -1):
        following[position] = upcoming
        upcoming = body[position][0] if body[position][0] is not None else upcoming
    blank_before = True
    for position, (line, held, line_no) in enumerate(body):
        if line is None:
            reader.attach_notes(held)
            continue
        if not line.strip():
            if reader.in_speech and line == "  ":
                reader.add(DIALOGUE, "", join=True)  # two spaces: a deliberate blank inside a speech
                continue
            reader.in_speech = False
            blank_before = True
            continue
        reader.line(line, blank_before, not following[position].strip(), line_no)
        reader.attach_notes(held)
        blank_before = False
    return reader.script
