"""What a reply costs on a feature phone, and that every reply fits two SMS parts."""
import pytest

from bots import i18n, sms
from bots.replies import SOURCES, TEMPLATES, never_cut, render
from tests.unit.bots.test_replies import PASSED, passed


@pytest.mark.parametrize("text, expected", [
    ("Reply JOBS to see open jobs.", "GSM-7"),
    ("Café à Lagos: è é ù ì ò à Ñ ß @ £ ¥ §", "GSM-7"),  # all in the GSM basic set
    ("Price {rate} [set A] ~ 5 € | ^\\", "GSM-7"),  # the extension table is still GSM-7
    ("Rate ₦45,000/day", "UCS-2"),  # the naira sign is not in GSM 03.38
    ("Ẹ kú àbọ̀", "UCS-2"),  # Yoruba underdots
    ("Nnọọ na NollyCrew", "UCS-2"),  # Igbo ọ
    ("Barka da zuwa, an ɗauke ku", "UCS-2"),  # Hausa hooked letters
    ("Call at 06:30 🎬", "UCS-2"),
    ("e\u0301", "UCS-2"),  # a decomposed é: send NFC
    ("\u00e9", "GSM-7"),
    ("", "GSM-7"),
])
def test_encoding(text, expected):
    assert sms.encoding(text) == expected


@pytest.mark.parametrize("text, parts", [
    ("a" * sms.SINGLE_GSM_SEPTETS, 1),
    ("a" * (sms.SINGLE_GSM_SEPTETS + 1), 2),
    ("a" * (2 * sms.PART_GSM_SEPTETS), 2),
    ("a" * (2 * sms.PART_GSM_SEPTETS + 1), 3),
    ("€" * (sms.SINGLE_GSM_SEPTETS // 2), 1),  # two septets each
    ("€" * (sms.SINGLE_GSM_SEPTETS // 2 + 1), 2),
    # 152 septets, then an escape pair that would straddle the parts: it moves whole to part two.
    ("a" * (sms.PART_GSM_SEPTETS - 1) + "€" + "a" * (sms.PART_GSM_SEPTETS - 2), 2),
    ("a" * (sms.PART_GSM_SEPTETS - 1) + "€" + "a" * (sms.PART_GSM_SEPTETS - 1), 3),
    ("ọ" * sms.SINGLE_UCS2_UNITS, 1),
    ("ọ" * (sms.SINGLE_UCS2_UNITS + 1), 2),
    ("ọ" * (2 * sms.PART_UCS2_UNITS), 2),
    ("ọ" * (2 * sms.PART_UCS2_UNITS + 1), 3),
    ("🎬" * (sms.SINGLE_UCS2_UNITS // 2), 1),  # two UTF-16 code units each
    ("🎬" * (sms.SINGLE_UCS2_UNITS // 2 + 1), 2),
    ("ọ" * (sms.PART_UCS2_UNITS - 1) + "🎬" + "ọ" * (sms.PART_UCS2_UNITS - 2), 2),
    ("ọ" * (sms.PART_UCS2_UNITS - 1) + "🎬" + "ọ" * (sms.PART_UCS2_UNITS - 1), 3),
    ("", 1),
])
def test_segments(text, parts):
    assert sms.segments(text) == parts


def test_one_diacritic_shrinks_a_part_from_160_to_70_characters():
    english = "a" * 100

    assert sms.segments(english) == 1
    assert sms.segments(english[:-1] + "ẹ") == 2


@pytest.mark.parametrize("language", ["yo", "ig"])
@pytest.mark.parametrize("template", ["welcome", "jobs_none", "checked_in", "not_understood"])
def test_yoruba_and_igbo_replies_go_as_ucs2(language, template):
    params, booking = passed(template)

    assert sms.encoding(render(template, params, booking, language=language)) == "UCS-2"


@pytest.mark.parametrize("language", i18n.LANGUAGES)
@pytest.mark.parametrize("template", sorted(PASSED))
def test_every_reply_fits_two_sms_parts_in_every_language(language, template):
    params, booking = passed(template)
    short_form = template + i18n.SMS_SUFFIX if any(template + i18n.SMS_SUFFIX in s for s in SOURCES) else template

    text = render(template, params, booking, language=language, channel="sms")

    if never_cut(template):  # agreed wording goes whole: at most one part more
        assert text == render(template, params, booking, language=language) and sms.segments(text) <= 3
        return
    assert sms.segments(text) <= 2
    # It fits as written: fit_sms is the net for long lists and names, not for the templates.
    assert text == render(short_form, params, booking, language=language)


def test_a_short_reply_is_left_alone():
    text = "Confirmed: Gaffer on Eko Nights. See you on set!"

    assert sms.fit_sms(text) == text


def jobs_reply(count: int, language: str) -> str:
    lines = "\n".join(f"{n}KQ2D: Focus puller, Eko Nights {n}, Lekki, from 2026-12-0{n}" for n in range(1, count + 1))
    return render("jobs_list", {"lines": lines}, language=language)


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_a_long_list_loses_whole_lines_and_keeps_what_to_reply(language):
    full = jobs_reply(9, language)
    lines = full.split("\n")
    assert sms.segments(full) > 2

    fitted = sms.fit_sms(full)

    kept = fitted.split("\n")
    assert sms.segments(fitted) <= 2
    assert kept[0] == lines[0] and kept[-1] == lines[-1]  # what the list is; how to apply
    assert kept[1:-2] == lines[1:len(kept) - 2]  # the first jobs, untouched
    mark = sms.CUT_MARK[sms.encoding(full)]
    assert kept[-2] == f"{mark} +{len(lines) - len(kept) + 1}"  # how many jobs were left out


def test_the_sms_channel_fits_a_long_list_itself():
    lines = "\n".join(f"{n}KQ2D: Focus puller, Eko Nights {n}, Lekki, from 2026-12-0{n}" for n in range(1, 10))

    text = render("jobs_list", {"lines": lines}, language="yo", channel="sms")

    assert sms.segments(text) <= 2 and text.endswith("Fi APPLY <kóòdù> ránṣẹ́ láti béèrè.")


@pytest.mark.parametrize("text", [
    "Your call sheet for tomorrow: " + "generator truck parks behind the market, " * 12,
    "Ìpè ọ̀la: " + "ọkọ̀ jẹnẹrétọ̀ dúró lẹ́yìn ọjà, " * 8,
])
def test_a_long_paragraph_is_cut_at_a_whole_word(text):
    fitted = sms.fit_sms(text)

    mark = sms.CUT_MARK[sms.encoding(text)]
    assert sms.segments(fitted) <= 2
    assert fitted.endswith(mark) and sms.encoding(fitted) == sms.encoding(text)
    kept = fitted.removesuffix(mark)
    assert text.startswith(kept)
    assert text[len(kept)] in " ,"  # the next character ends the word (or is the dropped comma)
    # And nothing shorter was chosen: one more word would not fit.
    next_word_end = text.index(" ", len(kept) + 2)
    assert sms.segments(text[:next_word_end] + mark) > 2


def test_a_single_word_too_long_for_the_budget_is_cut_by_characters():
    link = "https://nollycrew.ng/paper/" + "a" * 400

    fitted = sms.fit_sms(link, max_segments=1)

    assert sms.segments(fitted) == 1 and fitted.endswith("...") and link.startswith(fitted[:-3])


def test_a_budget_below_one_part_is_refused():
    with pytest.raises(ValueError, match="at least one segment"):
        sms.fit_sms("Hello", max_segments=0)
