"""Reading what people type: folded words, synonyms in five languages, numbers, minutes, naira."""
import pytest

from bots.flows.words import fold, means, minutes, naira_minor, number, numbers, whole_message_means, yes_or_no


@pytest.mark.parametrize(("typed", "folded"), [
    ("Bẹ́ẹ̀ni", "beeni"), ("BEENI!", "beeni"), ("  Kwụsị ", "kwusi"), ("Ƙarfe", "karfe"), ("help?", "help"),
    ("A'a", "a'a"), ("Be\u0301e\u0300ni", "beeni"),  # decomposed accents fold like composed ones
])
def test_fold_strips_diacritics_case_and_punctuation(typed, folded):
    assert fold(typed) == folded


@pytest.mark.parametrize(("typed", "meaning"), [
    ("yes", "yes"), ("Bẹ́ẹ̀ni", "yes"), ("ee", "yes"), ("eh", "yes"), ("No wahala", "yes"), ("oya", "yes"),
    ("no", "no"), ("Rárá", "no"), ("mba", "no"), ("a'a", "no"), ("No, I am sick", "no"), ("I am late", None),
    ("maybe", None),
])
def test_yes_or_no_in_five_languages(typed, meaning):
    assert yes_or_no(typed) == meaning


@pytest.mark.parametrize(("typed", "meaning"), [
    ("STOP", "stop"), ("Dúró", "stop"), ("tsaya", "stop"), ("kwụsị", "stop"), ("fagilé", "cancel"),
    ("soke", "cancel"), ("kagbuo", "cancel"), ("Wetin", "help"), ("ìrànlọ́wọ́", "help"), ("taimako", "help"),
    ("enyemaka", "help"), ("Menu", "menu"),
])
def test_keywords_work_in_every_language(typed, meaning):
    assert whole_message_means(typed, meaning)


def test_a_reason_that_starts_with_stop_is_not_a_stop():
    assert means("stop by later", "stop") and not whole_message_means("stop by later", "stop")


@pytest.mark.parametrize(("typed", "picked"), [("2", 2), ("2.", 2), ("#3", 3), (" 11 ", 11), ("two", None), ("2 3", None)])
def test_number_reads_one_pick(typed, picked):
    assert number(typed) == picked


@pytest.mark.parametrize(("typed", "picked"), [("1 3 5", [1, 3, 5]), ("1,3", [1, 3]), ("1, 3 and 5", [1, 3, 5]), ("1 x", None), ("", None)])
def test_numbers_reads_several_picks(typed, picked):
    assert numbers(typed) == picked


@pytest.mark.parametrize(("typed", "eta"), [("20", 20), ("20 min", 20), ("20mins", 20), ("1h", 60), ("1 hour", 60), ("1h30", 90), ("soon", None), ("", None)])
def test_minutes_reads_an_eta(typed, eta):
    assert minutes(typed) == eta


@pytest.mark.parametrize(("typed", "kobo"), [("25000", 2_500_000), ("25,000", 2_500_000), ("N25,000", 2_500_000), ("₦25k", 2_500_000), ("2.5k", 250_000), ("abc", None), ("0", None), ("0.5", None)])
def test_naira_minor_reads_a_day_rate_in_kobo(typed, kobo):
    assert naira_minor(typed) == kobo


@pytest.mark.parametrize("text, picked", [("2", 2), ("#2", 2), ("2. Yorùbá", 2), ("1) YES", 1), ("20 mins", None),
                                          ("2 people", None)])
def test_a_tapped_telegram_button_carries_its_number(text, picked):
    assert number(text) == picked
