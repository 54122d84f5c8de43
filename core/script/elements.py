"""Breakdown elements of one scene from its action lines and its Fountain note tags."""
import re

from core.script.lexicon import CATEGORIES, LEXICON, NOT_PEOPLE, NOTE_TAGS, PEOPLE
from core.script.model import ACTION, Scene

_PATTERNS = {
    category: re.compile(
        r"(?<![\w-])(" + "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
        + r")(?:e?s)?(?![\w-])",
        re.IGNORECASE,
    )
    for category, words in LEXICON.items()
}
_CANONICAL = {category: {word.lower(): word for word in words} for category, words in LEXICON.items()}
# A run of capitalised words ("EDWARD BLOOM", "MAMA T", "THE MAILMAN"); apostrophes and dots allowed.
_CAPS_RUN = re.compile(r"(?<![\w'])[A-Z][A-Z0-9'.\-]*(?:[ ]+[A-Z][A-Z0-9'.\-]*)*(?![\w'])")
_DESCRIBED = re.compile(r"^\s*(?:,\s*(?:AGE\s*)?\d|\(\s*\d|,\s*\d0'?s|,\s*(?:late|early|mid)[- ]\d0)", re.I)
_LEADING_ARTICLE = re.compile(r"^(?:THE|A|AN|TWO|THREE|SOME|HIS|HER|THEIR)\s+")
_NOTE_TAG = re.compile(r"^\s*([a-z _-]+)\s*:\s*(.+)$", re.IGNORECASE)


def action_text(scene: Scene) -> str:
    return "\n".join(element.text for element in scene.elements if element.kind == ACTION)


def elements_from_words(text: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {category: set() for category in CATEGORIES}
    for category, pattern in _PATTERNS.items():
        for match in pattern.finditer(text):
            found[category].add(_CANONICAL[category][match.group(1).lower()])
    return found


def elements_from_notes(notes: list[str]) -> dict[str, set[str]]:
    """[[prop: cutlass, lantern]] style notes; notes without a known tag are the writer's, not ours."""
    found: dict[str, set[str]] = {category: set() for category in CATEGORIES}
    for note in notes:
        tagged = _NOTE_TAG.match(note)
        if tagged and tagged.group(1).strip().lower() in NOTE_TAGS:
            category = NOTE_TAGS[tagged.group(1).strip().lower()]
            found[category] |= {item.strip() for item in tagged.group(2).split(",") if item.strip()}
    return found


def _known_speaker(run: str, speakers: set[str]) -> str | None:
    """The speaking character a capitalised run names: "EDWARD BLOOM" is EDWARD when EDWARD speaks."""
    words = run.split()
    for size in range(len(words), 0, -1):
        name = " ".join(words[:size])
        if name in speakers:
            return name
    return None


def people_in_capitals(text: str, speakers: set[str]) -> list[str]:
    """People named in capitals in action, in order: the industry's mark of a first appearance.

    A run counts when it names someone who speaks somewhere in the script, ends in a people word
    (MAILMAN, OLD WOMAN), or is followed by an age (", 40's", ", AGE 3", "(30)"). Other capitals
    (SOUNDS, props) are left to the keyword lists.
    """
    people: list[str] = []
    for match in _CAPS_RUN.finditer(text):
        run = _LEADING_ARTICLE.sub("", match.group(0).strip(" .-'"))
        if len(run.replace(" ", "")) < 2 or run in NOT_PEOPLE or not any(c.isalpha() for c in run):
            continue
        name = _known_speaker(run, speakers)
        if name is None and (run.split()[-1] in PEOPLE or _DESCRIBED.match(text[match.end():])):
            name = run
        if name and name not in people:
            people.append(name)
    return people
