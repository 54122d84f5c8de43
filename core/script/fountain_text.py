"""Fountain clean-up before line reading: line endings, boneyard, notes, emphasis, the title page."""
import re

_BONEYARD = re.compile(r"/\*.*?\*/", re.DOTALL)
_NOTE = re.compile(r"\[\[(.*?)\]\]", re.DOTALL)
_TITLE_KEY = re.compile(r"^([A-Za-z][A-Za-z ]*):(.*)$")
_TRANSITION_LIKE = re.compile(r"^[A-Z ]+:\s*$")  # "FADE IN:" opening a script is not a title page
_EMPHASIS = re.compile(r"(\*{1,3}|_)(?=\S)(.+?)(?<=\S)\1")
NOTE_MARK = "\x00"  # stands in for a removed note so that the line it sat on can be told apart


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")


def take_out_boneyard_and_notes(text: str) -> tuple[str, list[str]]:
    """The text with /* boneyard */ gone and each [[note]] replaced by a mark; the notes in order.

    Boneyard and notes may span lines; replacing them by one mark keeps the lines around them intact,
    so a note between a character cue and the dialogue does not split the speech.
    """
    text = _BONEYARD.sub(NOTE_MARK + "\x01" + NOTE_MARK, text)
    notes: list[str] = []

    def keep(found: re.Match) -> str:
        notes.append(" ".join(found.group(1).split()))
        return NOTE_MARK + str(len(notes) - 1) + NOTE_MARK

    return _NOTE.sub(keep, text), notes


def split_marks(line: str) -> tuple[str, list[int]]:
    """The line without marks, and the indexes of the notes that sat on it."""
    if NOTE_MARK not in line:
        return line, []
    pieces = line.split(NOTE_MARK)
    text = "".join(pieces[0::2])
    return text, [int(piece) for piece in pieces[1::2] if piece.isdigit()]


def plain(text: str) -> str:
    """Text without Fountain emphasis markers (*italic*, **bold**, _underline_)."""
    return _EMPHASIS.sub(r"\2", _EMPHASIS.sub(r"\2", text)).replace("\\*", "*").replace("\\_", "_")


def read_title_page(lines: list[str]) -> tuple[dict[str, str], int]:
    """Title-page keys (lower case) and the index of the first body line; no title page gives ({}, 0)."""
    if not lines or not _TITLE_KEY.match(lines[0]) or _TRANSITION_LIKE.match(lines[0]):
        return {}, 0
    page: dict[str, str] = {}
    key = ""
    index = 0
    for index, line in enumerate(lines):
        if not line.strip():
            return page, index + 1
        found = _TITLE_KEY.match(line)
        if found and not line[:1].isspace():
            key = found.group(1).strip().lower()
            page[key] = plain(found.group(2).strip())
        elif key:
            page[key] = (page[key] + "\n" + plain(line.strip())).strip()
    return page, index + 1
