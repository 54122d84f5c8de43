"""Casting recommendations: the hard filters, the ranking and its ties, the cached vectors, the reason."""
import hashlib
from datetime import date

import pytest

from core.casting_recommendations import PartBrief, brief_from_casting_call, recommend, word_overlap
from core.embeddings import Embeddings, ProfileVectors
from core.errors import Rejected
from core.search import DirectoryIndex


class WordCounts(Embeddings):
    """A stand-in model: each word adds 1 to one of 64 slots, so shared words mean nearby vectors."""

    def __init__(self):
        self.texts_seen: list[str] = []

    @property
    def model_name(self) -> str:
        return "word-counts-64"

    def embed(self, texts):
        self.texts_seen += texts
        vectors = []
        for text in texts:
            vector = [0.0] * 64
            for word in text.casefold().replace(".", " ").replace(",", " ").split():
                vector[hashlib.sha1(word.encode()).digest()[0] % 64] += 1.0
            vectors.append(vector)
        return vectors


def _actor(person_id: str, name: str = "", rev: str = "1-a", **fields) -> dict:
    doc = {"_id": f"person:{person_id}", "_rev": rev, "type": "person", "person_id": person_id, "roles": ["actor"],
           "name": name or person_id.title(), "gender": "female", "state": "Lagos", "city": "Ikeja",
           "languages": ["english", "yoruba"], "playing_age": {"min": 25, "max": 35},
           "bio": "Plays market traders with comic timing."}
    return {**doc, **fields}


def _index(*docs: dict) -> DirectoryIndex:
    index = DirectoryIndex()
    for doc in docs:
        index.upsert(doc)
    return index


BRIEF = PartBrief(name="Iya Basira", description="A market trader with comic timing", playing_age_min=28,
                  playing_age_max=40, gender="female", languages=("yoruba",), state="Lagos",
                  rate_max_minor=100_000_00, rate_per="day", shoot_start=date(2027, 2, 1), shoot_end=date(2027, 2, 3))


def _ids(result) -> list[str]:
    return [candidate.person_id for candidate in result.candidates]


def test_each_hard_filter_leaves_out_who_fails_it():
    index = _index(
        _actor("fits"),
        _actor("male", gender="male"),
        _actor("tooyoung", playing_age={"min": 16, "max": 22}),
        _actor("noage", playing_age=None),
        _actor("nogender", gender=None),
        _actor("igboonly", languages=["english", "igbo"]),
        _actor("abuja", state="FCT", city="Abuja"),
        _actor("dear", rate={"amount_minor": 150_000_00, "currency": "NGN", "per": "day"}),
        _actor("cheap", rate={"amount_minor": 50_000_00, "currency": "NGN", "per": "day"}),
        _actor("busy", busy_days=["2027-02-02"]),
        _actor("crew", roles=["crew"]),
    )

    result = recommend(index, BRIEF, ProfileVectors(WordCounts()))

    assert sorted(_ids(result)) == ["cheap", "fits"]  # no rate given stays in, as in search
    assert result.considered == 2 and result.ranked_by == "word-counts-64"


def test_an_open_part_takes_any_gender_and_age():
    index = _index(_actor("a", gender="male", playing_age=None), _actor("b"))
    brief = PartBrief(name="Passer-by", description="a market trader", gender="any")

    assert sorted(_ids(recommend(index, brief, None))) == ["a", "b"]


def test_the_closest_profile_comes_first_and_ties_go_by_name_then_id():
    index = _index(
        _actor("far", "Ada Obi", bio="Stern army general who commands soldiers."),
        _actor("near2", "Bisi Lawal", bio="Comic market trader."),
        _actor("near1", "Bisi Lawal", bio="Comic market trader."),
        _actor("near0", "Amaka Eze", bio="Comic market trader."),
    )

    result = recommend(index, BRIEF, ProfileVectors(WordCounts()))

    assert _ids(result) == ["near0", "near1", "near2", "far"]
    assert result.candidates[0].score > result.candidates[-1].score


def test_the_keyword_ranking_puts_shared_words_first():
    index = _index(_actor("general", bio="Stern army general."), _actor("trader", bio="Plays a comic market trader."))

    result = recommend(index, BRIEF, None)

    assert _ids(result) == ["trader", "general"] and result.ranked_by == "keywords"
    assert list(word_overlap("market trader", ["market trader", "army", ""])) == [1.0, 0.0, 0.0]


def test_vectors_are_embedded_once_per_revision():
    model = WordCounts()
    vectors = ProfileVectors(model)
    index = _index(_actor("a"), _actor("b"))
    recommend(index, BRIEF, vectors, limit=1)
    assert vectors.embedded == 2

    recommend(index, BRIEF, vectors, limit=1)
    assert vectors.embedded == 2
    index.upsert(_actor("b", rev="2-b", bio="Now a comic pepper seller."))
    recommend(index, BRIEF, vectors, limit=1)

    assert vectors.embedded == 3 and len(vectors) == 2


def test_the_reason_says_age_languages_place_rate_dates_and_the_closest_words():
    index = _index(_actor("a", rate={"amount_minor": 50_000_00, "currency": "NGN", "per": "day"},
                          bio="Known for comic market trader roles. Also sings."))

    reason = recommend(index, BRIEF, ProfileVectors(WordCounts())).candidates[0].reason

    assert reason.startswith("Plays 25–35, speaks Yoruba, based in Ikeja, ₦50,000/day, free on the shoot dates; ")
    assert "close match on 'Known for comic market trader roles" in reason


def test_a_casting_call_document_becomes_a_brief():
    call = {"role_name": "Ada", "character_description": "A nurse", "playing_age": {"min": 20, "max": 30},
            "gender": "female", "languages": ["igbo"], "location": {"city": "Enugu", "state": "Enugu"},
            "rate": {"amount_minor": 5_000_000, "currency": "NGN"}, "rate_per": "day",
            "start_date": "2027-03-01", "end_date": "2027-03-04"}

    brief = brief_from_casting_call(call)

    assert (brief.playing_age_min, brief.state, brief.rate_max_minor, brief.shoot_end) == (
        20, "Enugu", 5_000_000, date(2027, 3, 4))
    assert brief.text == "Ada. A nurse"


@pytest.mark.parametrize("brief, limit, words", [
    (PartBrief(name="Ada", description="  "), 10, "Describe the character of Ada first"),
    (BRIEF, 0, "Ask for 1 to 100 recommendations."),
    (BRIEF, 101, "Ask for 1 to 100 recommendations."),
])
def test_a_part_without_a_description_or_a_wrong_limit_is_refused(brief, limit, words):
    with pytest.raises(Rejected, match=words):
        recommend(_index(_actor("a")), brief, None, limit=limit)


def test_vectors_of_profiles_gone_from_the_directory_can_be_swept():
    vectors = ProfileVectors(WordCounts())
    recommend(_index(_actor("a"), _actor("b")), BRIEF, vectors)

    assert vectors.keep_only(["person:b"]) == 1 and len(vectors) == 1
