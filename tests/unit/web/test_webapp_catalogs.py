"""The web app speaks to cast and crew in the bots' five languages: every t("...") of the app's
source is in web/app/locale/webapp.pot, translated (not fuzzy) in each language with the same
{fields}, in NFC; the build reads the catalogs as Babel does; and a refusal of the core reads in
the app exactly as the bots say it."""
import json
import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from bots import i18n

REPO = Path(__file__).resolve().parents[3]
APP = REPO / "web" / "app"
LOCALE = APP / "locale"
SOURCE = APP / "src"
NODE = shutil.which("node")
# t( anywhere but as the end of a longer name, and not followed by a quote: text extraction misses.
NOT_A_LITERAL = re.compile(r"(?<![\w.$])t\(\s*(?![\"'])")


def catalog_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "webapp.po"


def read(path: Path) -> dict[str, object]:
    with path.open("rb") as po:
        return {message.id: message for message in read_po(po) if message.id}


def current(path: Path) -> dict[str, str]:
    """What bots/i18n.py counts as translated: a text, not fuzzy."""
    return {english: message.string for english, message in read(path).items() if message.string and not message.fuzzy}


def extracted_now() -> set[str]:
    """What `make catalogs` would write into webapp.pot today (web/app/babel.cfg, keyword t)."""
    with (APP / "babel.cfg").open() as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    inside = str(SOURCE.relative_to(REPO))

    def in_source(path: str) -> bool:
        relative = str(Path(path).resolve().relative_to(REPO)) if Path(path).is_absolute() else path
        return inside.startswith(relative) or relative.startswith(inside)

    found = extract_from_dir(str(REPO), method_map, options_map, keywords={"t": None},
                             directory_filter=in_source)
    return {message for _, _, message, _, _ in found}


@pytest.fixture(scope="module")
def templates() -> set[str]:
    return extracted_now()


@pytest.fixture(scope="module")
def catalogs() -> dict[str, dict]:
    return {language: read(catalog_path(language)) for language in i18n.TRANSLATED_LANGUAGES}


def test_the_app_speaks_the_bots_languages():
    folders = {path.name for path in LOCALE.iterdir() if path.is_dir()}

    assert folders == set(i18n.TRANSLATED_LANGUAGES)


def test_every_text_to_translate_is_a_literal():
    found = [f"{path.relative_to(REPO)}:{source[:match.start()].count(chr(10)) + 1}"
             for path in sorted(SOURCE.rglob("*.js")) if path.name != "i18n.js"  # where t is made, not called
             for source in [path.read_text("utf-8")]
             for match in NOT_A_LITERAL.finditer(source)]

    assert not found, f"t() takes the English as a literal string, or extraction misses it: {found}"


def test_the_crew_view_is_extracted(templates):
    assert "My calls" in templates and "Refused: {reason}" in templates


def test_the_template_is_up_to_date(templates):
    pot = read(LOCALE / "webapp.pot")

    assert set(pot) == templates, "web/app/locale/webapp.pot is out of date: run `make catalogs`"


@pytest.mark.parametrize("language", i18n.TRANSLATED_LANGUAGES)
def test_every_text_is_translated(catalogs, templates, language):
    messages = catalogs[language]
    missing = sorted(english for english in templates if english not in messages or not messages[english].string.strip())
    fuzzy = sorted(english for english in templates if english in messages and messages[english].fuzzy)

    assert not missing, f"{len(missing)} texts have no {language} translation, e.g. {missing[:3]}"
    assert not fuzzy, f"{len(fuzzy)} {language} texts are fuzzy: a translator must check them, e.g. {fuzzy[:3]}"


@pytest.mark.parametrize("language", i18n.TRANSLATED_LANGUAGES)
def test_a_translation_keeps_its_fields(catalogs, language):
    changed = [english for english, message in catalogs[language].items()
               if message.string and Counter(i18n.placeholders(message.string)) != Counter(i18n.placeholders(english))]

    assert not changed, f"{language} translations that change the {{fields}}: {changed[:3]}"


@pytest.mark.parametrize("language", i18n.TRANSLATED_LANGUAGES)
def test_the_catalogs_are_nfc(language):
    text = catalog_path(language).read_text("utf-8")

    assert unicodedata.normalize("NFC", text) == text


@pytest.fixture(scope="module")
def compiled() -> dict:
    """The catalogs as the build compiles them into the bundle (web/app/compile_catalogs.mjs)."""
    if NODE is None:
        pytest.skip("node is not installed: the web app's build cannot be run here")
    answer = subprocess.run([NODE, str(APP / "compile_catalogs.mjs")], capture_output=True, text=True, check=True)
    return json.loads(answer.stdout)


@pytest.mark.parametrize("language", i18n.TRANSLATED_LANGUAGES)
def test_the_build_reads_the_catalogs_as_babel_does(compiled, language):
    refusals = i18n.catalog_path(language, i18n.REFUSALS_DOMAIN)

    assert compiled["webapp"][language] == current(catalog_path(language))
    assert compiled["refusals"][language] == current(refusals)


REFUSAL_HARNESS = """
import { pathToFileURL } from "node:url";
const [i18nPath, modulePath, language, outcome] = process.argv.slice(1);
globalThis.WEBAPP_CATALOGS = {};
globalThis.REFUSAL_CATALOGS = { [language]: pathToFileURL(modulePath).href };
const i18n = await import(pathToFileURL(i18nPath).href);
const before = i18n.refusalText(JSON.parse(outcome), language);
const loaded = await i18n.loadRefusals(language);
console.log(JSON.stringify({ before, loaded, after: i18n.refusalText(JSON.parse(outcome), language) }));
"""


@pytest.mark.parametrize("language", i18n.TRANSLATED_LANGUAGES)
def test_a_refusal_reads_in_the_app_as_the_bots_say_it(compiled, tmp_path, language):
    from core.errors import Rejected

    refusal = Rejected("You are booked from {start} to {end}.", start="2026-12-01", end="2026-12-03")
    module = tmp_path / f"refusals-{language}.mjs"
    module.write_text(f"export default {json.dumps(compiled['refusals'][language])};\n", "utf-8")

    answer = subprocess.run([NODE, "--input-type=module", "-e", REFUSAL_HARNESS, str(SOURCE / "i18n.js"), str(module),
                             language, json.dumps(refusal.outcome())], capture_output=True, text=True, check=True)
    said = json.loads(answer.stdout)

    assert said["before"] == refusal.reason  # English until the language's refusals are on the phone
    assert said["loaded"] is True
    assert said["after"] == i18n.refusal(refusal.template, refusal.params, language) != refusal.reason
