"""Every reply exists in all five languages, keeps its placeholders and commands, and the
catalogs follow the English templates."""
import io
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from bots import i18n
from bots.replies import SOURCES, TEMPLATES, english, render
from tests.unit.bots.test_replies import passed

REPO = Path(__file__).resolve().parents[3]
TEMPLATE_NAMES = sorted(set().union(*SOURCES))


def read_catalog(path: Path):
    with path.open("rb") as po:
        return read_po(po)


def catalog_messages(path: Path) -> dict[str, object]:
    """Template name -> message, for every entry (the header has no context)."""
    return {message.context: message for message in read_catalog(path) if message.id}


def extracted_now() -> dict[str, str]:
    """Template name -> English, extracted as `make catalogs` would, from the files babel.cfg lists."""
    with (REPO / "babel.cfg").open() as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    found = {}
    for pattern, method in method_map:
        for path in sorted(REPO.glob(pattern)):
            for _, message, _, context in extract_from_file(method, path, options=options_map[pattern]):
                found[context] = message[1] if isinstance(message, tuple) else message
    return found


@pytest.fixture(scope="module")
def catalogs():
    return {language: catalog_messages(i18n.catalog_path(language)) for language in i18n.TRANSLATED_LANGUAGES}


@pytest.mark.parametrize("language", i18n.TRANSLATED_LANGUAGES)
@pytest.mark.parametrize("template", TEMPLATE_NAMES)
def test_every_template_is_translated(catalogs, language, template):
    message = catalogs[language].get(template)

    assert message is not None, f"{template} is not in the {language} catalog: run `make catalogs`"
    assert message.id == english(template), f"{template} in {language} translates old English: run `make catalogs`"
    assert message.string.strip(), f"{template} has no {language} translation"
    assert not message.fuzzy, f"the {language} translation of {template} is fuzzy: a translator must check it"


@pytest.mark.parametrize("language", i18n.TRANSLATED_LANGUAGES)
@pytest.mark.parametrize("template", TEMPLATE_NAMES)
def test_a_translation_keeps_the_placeholders_and_the_commands(catalogs, language, template):
    source = english(template)
    translation = catalogs[language][template].string

    assert Counter(i18n.placeholders(translation)) == Counter(i18n.placeholders(source))
    lost = i18n.commands_in(source) - i18n.commands_in(translation)
    assert not lost, f"the {language} {template} must keep the commands {sorted(lost)} in English capitals"


@pytest.mark.parametrize("path", [i18n.LOCALE_DIR / "messages.pot"]
                         + [i18n.catalog_path(language) for language in i18n.TRANSLATED_LANGUAGES],
                         ids=lambda path: path.parent.parent.name if path.suffix == ".po" else "pot")
def test_catalogs_are_utf8_nfc(path):
    text = path.read_bytes().decode("utf-8")

    not_nfc = [line for line in text.splitlines() if unicodedata.normalize("NFC", line) != line]
    assert not not_nfc, f"{path.name} has text not in NFC (use precomposed letters): {not_nfc[:3]}"


def test_yoruba_igbo_and_hausa_use_their_own_letters(catalogs):
    # A catalog typed without underdots or hooks would pass every other check.
    letters = {"yo": "ẹọṣ", "ig": "ịọụ", "ha": "ɓɗƙ"}
    for language, needed in letters.items():
        text = "".join(message.string for message in catalogs[language].values())
        assert all(letter in text for letter in needed), f"{language} lacks some of {needed}"


def test_the_catalogs_are_up_to_date_with_the_templates(catalogs):
    now = extracted_now()
    template = {message.context: message.id for message in read_catalog(i18n.LOCALE_DIR / "messages.pot") if message.id}

    assert now == {name: english(name) for name in TEMPLATE_NAMES}, "babel.cfg must list every module in SOURCES"
    assert template == now, "messages.pot is out of date: run `make catalogs`"
    for language, messages in catalogs.items():
        assert {name: message.id for name, message in messages.items()} == now, f"{language}: run `make catalogs`"


def test_template_names_are_not_repeated_across_sources():
    assert sum(len(source) for source in SOURCES) == len(TEMPLATE_NAMES)


@pytest.mark.parametrize("template", [name for name in TEMPLATE_NAMES if name.endswith(i18n.SMS_SUFFIX)])
def test_an_sms_form_needs_only_what_its_full_form_is_given(template):
    full = set(i18n.placeholders(english(template.removesuffix(i18n.SMS_SUFFIX))))

    assert set(i18n.placeholders(english(template))) <= full | {"rate"}


@pytest.mark.parametrize("language", i18n.LANGUAGES)
@pytest.mark.parametrize("template", TEMPLATE_NAMES)
def test_every_template_renders_in_every_language(catalogs, language, template):
    params, booking = passed(template)

    text = render(template, params, booking, language=language)

    assert text and "{" not in text and "}" not in text
    # Every value the template shows is there (an SMS form shows fewer than its full form is given).
    shown = set(i18n.placeholders(english(template)))
    assert all(str(value) in text for key, value in params.items() if key in shown)
    if language != i18n.SOURCE_LANGUAGE and catalogs[language][template].string != english(template):
        assert text != render(template, params, booking), f"{template} went out in English, not {language}"


def test_a_booking_in_yoruba_keeps_names_and_money_as_given():
    params, booking = passed("booking_made")

    text = render("booking_made", params, booking, language="yo")

    assert text.startswith("A ti gbà ọ́ gẹ́gẹ́ bí Gaffer lórí Eko Nights")
    assert "₦45,000/day" in text and "YES" in text and "NO" in text


def test_every_catalog_loads_with_every_template(catalogs):
    counts = i18n.load_catalogs()
    refusals = len(read_catalog(i18n.LOCALE_DIR / "refusals.pot"))  # its messages, the header not counted

    assert counts == {language: (len(TEMPLATE_NAMES), refusals) for language in i18n.TRANSLATED_LANGUAGES}


def test_an_unknown_language_gets_english():
    assert render("welcome", {}, language="fr") == render("welcome", {}) == TEMPLATES["welcome"]


def test_a_translation_of_older_english_is_not_sent():
    # As after the English is edited and before `make catalogs` and a translator catch up.
    assert i18n.translate("welcome", "Welcome aboard NollyCrew!", "yo") == "Welcome aboard NollyCrew!"
    assert i18n.translate("welcome", TEMPLATES["welcome"], "yo") != TEMPLATES["welcome"]


def test_the_extractor_takes_every_templates_dict_with_the_name_as_context():
    source = (
        b'SHARE_BUTTON = "share_button"\n'
        b'FLOW_TEMPLATES = {\n'
        b'    # Asked first, before anything else.\n'
        b'    "ask_language": "Reply 1 for English, 2 for Pidgin. {hint}",\n'
        b'    "ask_role": ("What is your role? " "Reply HELP if unsure."),\n'
        b'    SHARE_BUTTON: "Share my phone number",\n'
        b'    **{"built_" + name: "at run time" for name in NAMES},\n'
        b'}\n'
        b'OTHER = {"not_a_reply": "ignored"}\n'
    )

    found = list(i18n.extract_reply_templates(io.BytesIO(source), {}, [], {}))

    assert [(funcname, messages) for _, funcname, messages, _ in found] == [
        ("pgettext", ("ask_language", "Reply 1 for English, 2 for Pidgin. {hint}")),
        ("pgettext", ("ask_role", "What is your role? Reply HELP if unsure.")),
        ("pgettext", ("share_button", "Share my phone number")),
    ]
    assert found[0][3] == ["Asked first, before anything else.", "Keep exactly: {hint}"]
    assert found[1][3] == ["Keep in English capitals: HELP"]


def test_the_extractor_refuses_a_template_it_cannot_translate():
    source = b'TEMPLATES = {"welcome": "Hello " + NAME}\n'

    with pytest.raises(ValueError, match="plain string"):
        list(i18n.extract_reply_templates(io.BytesIO(source), {}, [], {}))
