"""The core's refusals reach a person in their language: every `Rejected(...)` template can be
extracted, fills exactly its fields, and is translated in the four catalogs of refusals."""
import ast
import importlib
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from bots import i18n
from bots.replies import render
from core.errors import Rejected

REPO = Path(__file__).resolve().parents[3]
SOURCE_DIRS = ("core", "sync", "workers")


def source_files() -> list[Path]:
    return sorted(path for folder in SOURCE_DIRS for path in (REPO / folder).rglob("*.py"))


def rejected_calls(path: Path) -> list[tuple[int, str | None, set[str] | None]]:
    """(line, template or None, keyword names or None for a **spread) of each Rejected(...)."""
    source = path.read_text()
    keywords = {}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) in i18n.REFUSAL_CLASSES:
            names = {keyword.arg for keyword in node.keywords}
            keywords[node.lineno] = None if None in names else names
    calls = []
    for lineno, english in i18n.refusal_templates(source):
        owner = max(line for line in keywords if line <= lineno)  # the call this template belongs to
        calls.append((lineno, english, keywords[owner]))
    return calls


def extracted_now() -> set[str]:
    with (REPO / "babel-refusals.cfg").open() as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    found = set()
    for pattern, method in method_map:
        folder = pattern.split("/")[0]
        for path in sorted((REPO / folder).rglob("*.py")):
            for _, message, _, _ in extract_from_file(method, path, options=options_map[pattern]):
                found.add(message)
    return found


def read(path: Path) -> dict[str, object]:
    with path.open("rb") as po:
        return {message.id: message for message in read_po(po) if message.id}


@pytest.fixture(scope="module")
def catalogs():
    return {language: read(i18n.catalog_path(language, i18n.REFUSALS_DOMAIN)) for language in i18n.TRANSLATED_LANGUAGES}


@pytest.fixture(scope="module")
def templates():
    return extracted_now()


def test_every_refusal_is_a_template_a_catalog_can_hold():
    built = [f"{path.relative_to(REPO)}:{line}" for path in source_files()
             for line, english, _ in rejected_calls(path) if english is None]

    assert not built, f"Rejected(...) takes a literal template and keyword params, not an f-string: {built}"


def test_every_kind_of_refusal_is_extracted():
    for path in sorted((REPO / "core").rglob("*.py")):  # the refusal kinds live in core/
        importlib.import_module(".".join(path.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__"))
    kinds, found = {Rejected}, set()
    while kinds:
        kind = kinds.pop()
        found.add(kind.__name__)
        kinds |= set(kind.__subclasses__())

    assert found == i18n.REFUSAL_CLASSES | i18n.UNTRANSLATED_REFUSALS, "list a new Rejected subclass in bots/i18n.py"


def test_every_refusal_fills_exactly_its_fields():
    mismatched = []
    for path in source_files():
        for line, english, names in rejected_calls(path):
            # Without params a template is not formatted, so it may show braces (a JSON shape).
            if english and names and set(i18n.placeholders(english)) != names:
                mismatched.append(f"{path.relative_to(REPO)}:{line} {sorted(names)} for {english!r}")

    assert not mismatched, mismatched


def test_the_refusals_template_is_up_to_date(templates):
    pot = read(i18n.LOCALE_DIR / "refusals.pot")

    assert set(pot) == templates, "bots/locale/refusals.pot is out of date: run `make catalogs`"


@pytest.mark.parametrize("language", i18n.TRANSLATED_LANGUAGES)
def test_every_refusal_is_translated(catalogs, templates, language):
    messages = catalogs[language]
    missing = sorted(english for english in templates if english not in messages or not messages[english].string.strip())
    fuzzy = sorted(english for english in templates if english in messages and messages[english].fuzzy)

    assert not missing, f"{len(missing)} refusals have no {language} translation, e.g. {missing[:3]}"
    assert not fuzzy, f"{len(fuzzy)} {language} refusals are fuzzy: a translator must check them, e.g. {fuzzy[:3]}"


@pytest.mark.parametrize("language", i18n.TRANSLATED_LANGUAGES)
def test_a_translated_refusal_keeps_its_fields_and_commands(catalogs, language):
    broken = []
    for english, message in catalogs[language].items():
        kept = Counter(i18n.placeholders(message.string)) == Counter(i18n.placeholders(english))
        lost = i18n.commands_in(english) - i18n.commands_in(message.string)
        if message.string and (not kept or lost):
            broken.append(english)

    assert not broken, f"{language} translations that change fields or commands: {broken[:3]}"


@pytest.mark.parametrize("language", i18n.TRANSLATED_LANGUAGES)
def test_the_refusal_catalogs_are_nfc(language):
    text = i18n.catalog_path(language, i18n.REFUSALS_DOMAIN).read_text("utf-8")

    assert unicodedata.normalize("NFC", text) == text


def test_a_refusal_carries_its_english_and_how_to_say_it_again():
    refusal = Rejected("The audition window at {start} is full. Choose another window.", start="10:00")

    assert refusal.reason == "The audition window at 10:00 is full. Choose another window."
    assert refusal.outcome() == {"reason": refusal.reason, "reason_params": {"start": "10:00"},
                                 "reason_template": "The audition window at {start} is full. Choose another window."}


def test_a_template_without_fields_keeps_its_braces():
    assert Rejected("Send the list as JSON, like {\"a\": 1}.").reason == "Send the list as JSON, like {\"a\": 1}."


def test_a_refusal_is_said_in_the_persons_language(catalogs):
    english, yoruba = next((english, message.string) for english, message in catalogs["yo"].items()
                           if message.string and not i18n.placeholders(english))
    refusal = Rejected(english)

    said = render("intent_rejected", refusal.outcome(), language="yo")

    assert yoruba in said and english not in said


def test_a_refusal_the_catalog_lacks_is_said_in_english():
    refusal = Rejected("A refusal no catalog has heard of, for {name}.", name="Ada")

    assert i18n.refusal(refusal.template, refusal.params, "ha") == "A refusal no catalog has heard of, for Ada."
