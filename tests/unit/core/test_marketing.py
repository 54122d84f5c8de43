"""Marketing copy: the facts the model is told, what of its answer is kept (held to each platform's
length), and the refusals when no writer is configured or it cannot answer."""
import json

import pytest

from core.errors import Rejected
from core.marketing import (
    LIMIT_CHARS, NOT_CONFIGURED, MarketingUnavailable, MarketingWriter, film_facts, marketing_copy, read_copy,
)

BREAKDOWN = {"scenes": [
    {"id": "1", "set": "MARINA", "eighths": 12, "characters": ["ADA", "OBI"], "synopsis": "Ada counts money."},
    {"id": "2", "set": "JETTY", "eighths": 4, "characters": ["ADA"], "synopsis": "Obi ties up a canoe."},
    {"id": "3", "set": "MARINA", "eighths": 8, "characters": ["ADA", "MAMA T"]},
]}


def _answer(**changes) -> str:
    answer = {"logline": "A fisherman's daughter takes on the marina.", "synopsis": "Ada runs the jetty.",
              "social_posts": {"x": "Marina Nights, soon. #Nollywood", "instagram": "Meet Ada.",
                               "whatsapp_status": "Marina Nights is coming!"},
              "one_sheet": "MARINA NIGHTS. The tide turns."}
    answer.update(changes)
    return json.dumps(answer)


class Scripted(MarketingWriter):
    def __init__(self, reply: str | None):
        self.reply, self.asked = reply, []

    def write(self, messages):
        self.asked.append(messages)
        if self.reply is None:
            raise MarketingUnavailable("the model server answered HTTP 503")
        return self.reply


def test_the_facts_carry_the_title_genre_synopsis_and_the_breakdown_outline():
    facts = film_facts({"title": " Marina Nights "}, "thriller", "", BREAKDOWN)

    assert facts["title"] == "Marina Nights" and facts["genre"] == "thriller"
    assert facts["main_characters"][0] == "ADA" and facts["main_places"] == ["MARINA", "JETTY"]
    assert (facts["scenes"], facts["pages"]) == (3, 3)
    assert facts["opening_scenes"] == ["Ada counts money.", "Obi ties up a canoe."]


def test_the_copy_comes_back_in_pieces_and_the_model_was_told_the_facts():
    writer = Scripted(_answer())

    copy = marketing_copy(film_facts({"title": "Marina Nights"}, "drama", "Ada fights for the jetty.", None), writer)

    assert copy["social_posts"]["x"] == "Marina Nights, soon. #Nollywood" and copy["warnings"] == []
    sent = json.loads(writer.asked[0][-1]["content"])["film"]
    assert sent["synopsis"] == "Ada fights for the jetty." and "main_characters" not in sent


def test_a_piece_over_its_platforms_limit_is_cut_at_a_word_and_said():
    long_post = "word " * 100

    copy = read_copy(_answer(social_posts={"x": long_post, "instagram": "ok", "whatsapp_status": "ok"}))

    assert len(copy["social_posts"]["x"]) <= LIMIT_CHARS["x"] and copy["social_posts"]["x"].endswith("word…")
    assert copy["warnings"] == ["The x was longer than 280 characters and was cut."]


@pytest.mark.parametrize("content", ["Here is your copy!", json.dumps({"logline": "x"}), _answer(synopsis="  ")])
def test_an_answer_that_is_not_the_json_asked_for_is_unavailable(content):
    with pytest.raises(MarketingUnavailable):
        read_copy(content)


def test_without_a_writer_the_answer_says_which_settings_to_give():
    with pytest.raises(Rejected) as refused:
        marketing_copy(film_facts({"title": "Marina Nights"}, "", "A story.", None), None)

    assert refused.value.template == NOT_CONFIGURED and "NOLLYCREW_LLM_BASE_URL" in refused.value.reason


def test_a_writer_that_cannot_answer_is_a_refusal_with_its_reason():
    with pytest.raises(Rejected, match=r"could not answer \(the model server answered HTTP 503\)"):
        marketing_copy(film_facts({"title": "Marina Nights"}, "", "A story.", None), Scripted(None))


@pytest.mark.parametrize("project, genre, synopsis, words", [
    ({"title": ""}, "", "A story.", "needs a title"),
    ({"title": "T"}, "g" * 61, "A story.", "genre in at most 60"),
    ({"title": "T"}, "", "", "Give a synopsis, or read the script first"),
])
def test_missing_or_oversized_facts_are_refused(project, genre, synopsis, words):
    with pytest.raises(Rejected, match=words):
        film_facts(project, genre, synopsis, None)
