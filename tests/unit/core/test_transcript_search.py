"""Searching the applications' transcripts: words without case or diacritics, ranking by what
was said, a snippet around the match and the time it is said from the subtitles."""
import pytest

from core.errors import Rejected
from core.subtitles import vtt
from core.transcript_search import (
    QUERY_MAX_WORDS, query_terms, search_key, search_transcripts, segments_from_vtt, with_timecode,
)
from core.transcripts import Segment


def application(application_id: str, *texts: str, name="Ada Obi", status="received") -> dict:
    transcripts = [{"media_index": index, "status": "done", "text": text, "language": "en", "media_id": f"m-{index}",
                    "subtitles": {"srt": f"srt-{index}", "vtt": f"vtt-{index}"}}
                   for index, text in enumerate(texts)]
    return {"_id": f"application:{application_id}", "type": "application", "application_id": application_id,
            "person_id": application_id.split(".")[-1], "applicant": {"name": name, "department": "cast"},
            "job_title": "Lead actress", "status": status, "transcripts": transcripts}


ADA = application("job1.ada", "Good morning. I grew up in Lagos and I speak Yoruba and English.")
BAYO = application("job1.bayo", "I am Bayo from Ibadan. I have acted in Lagos, Lagos Island mostly, "
                                "and also in Abuja.", name="Bayo Ade")
CHIDI = application("job1.chidi", "Chidi here, from Enugu. I love Nollywood.", name="Chidi Eze")


def ids(hits) -> list[str]:
    return [hit.application_id for hit in hits]


def test_who_said_lagos_ranked_by_how_often():
    hits = search_transcripts([ADA, BAYO, CHIDI], "Lagos")

    assert ids(hits) == ["job1.bayo", "job1.ada"]
    assert [hit.matches for hit in hits] == [2, 1]
    assert hits[0].applicant_name == "Bayo Ade" and hits[0].words_found == ("lagos",)


def test_saying_more_of_the_words_ranks_above_saying_one_often():
    hits = search_transcripts([ADA, BAYO, CHIDI], "Lagos Yoruba")

    assert ids(hits) == ["job1.ada", "job1.bayo"]
    assert hits[0].words_found == ("lagos", "yoruba")


def test_the_words_said_together_rank_above_the_same_words_apart():
    apart = application("job1.apart", "Island life is calm. Lagos is loud.")

    hits = search_transcripts([apart, BAYO], "Lagos Island")

    assert ids(hits) == ["job1.bayo", "job1.apart"]


def test_case_and_diacritics_do_not_matter():
    osun = application("job1.funke", "Mo wá láti Ọ̀ṣun, and I act in Yorùbá films.")

    assert ids(search_transcripts([osun], "osun YORUBA")) == ["job1.funke"]
    assert ids(search_transcripts([ADA], "yorùbá")) == ["job1.ada"]
    assert search_key("Ọ̀ṣun") == search_key("OSUN") == "osun"


def test_a_longer_word_finds_the_words_it_starts_a_short_one_only_itself():
    plural = application("job1.ngozi", "I have done many auditions this year.")

    assert ids(search_transcripts([plural], "audition")) == ["job1.ngozi"]
    assert search_transcripts([application("job1.x", "the last scene")], "la") == []


def test_the_snippet_shows_the_words_around_the_match():
    long = application("job1.emeka", " ".join(f"word{n}" for n in range(30)) + " I was born in Lagos in 1990 "
                       + " ".join(f"tail{n}" for n in range(30)))

    (hit,) = search_transcripts([long], "lagos")

    assert "I was born in Lagos in 1990" in hit.snippet
    assert hit.snippet.startswith("\u2026") and hit.snippet.endswith("\u2026")
    assert len(hit.snippet.split()) <= 17


def test_a_short_transcript_is_its_own_snippet():
    (hit,) = search_transcripts([CHIDI], "enugu")

    assert hit.snippet == "Chidi here, from Enugu. I love Nollywood."


def test_the_best_matching_self_tape_of_an_application_is_the_one_shown():
    two = application("job1.tola", "A photo caption.", "My monologue is set in Lagos. Lagos never sleeps.")

    (hit,) = search_transcripts([two], "lagos")

    assert (hit.media_index, hit.media_id, hit.subtitles["vtt"]) == (1, "m-1", "vtt-1")


def test_a_hit_carries_the_media_workers_copies_of_its_self_tape():
    copied = {**ADA, "derived_media": [{"media_index": 0, "status": "done", "source_media_id": "m-0",
                                        "media": {"thumbnail": "t-0", "video_low": "l-0"}, "at": "x"}]}

    (hit,) = search_transcripts([copied], "lagos")
    (bare,) = search_transcripts([ADA], "lagos")

    assert (hit.copies, bare.copies) == ({"thumbnail": "t-0", "video_low": "l-0"}, {})


def test_refused_and_empty_transcripts_are_not_searched():
    refused = {**ADA, "application_id": "job1.refused",
               "transcripts": [{"media_index": 0, "status": "refused", "reason": "gone", "at": "x"}]}
    none = {**ADA, "application_id": "job1.none", "transcripts": []}

    assert search_transcripts([refused, none, {"application_id": "job1.bare"}], "lagos") == []


def test_the_limit_keeps_the_best():
    many = [application(f"job1.p{n:02d}", "Lagos " * (n + 1)) for n in range(30)]

    hits = search_transcripts(many, "lagos", limit=5)

    assert ids(hits) == [f"job1.p{n:02d}" for n in (29, 28, 27, 26, 25)]


@pytest.mark.parametrize("query", ["", "   ", "?!", "..."])
def test_a_search_without_a_word_is_refused(query):
    with pytest.raises(Rejected, match="Type a word to look for"):
        query_terms(query)


def test_a_search_of_too_many_words_is_refused():
    with pytest.raises(Rejected) as refused:
        query_terms(" ".join(f"w{n}" for n in range(QUERY_MAX_WORDS + 1)))

    assert refused.value.params == {"most": QUERY_MAX_WORDS}
    assert query_terms("Lagos lagos LAGOS") == ("lagos",)


def test_the_time_it_is_said_comes_from_the_subtitles():
    segments = (Segment(0.0, 3.2, "Good morning."), Segment(3.2, 7.9, "I grew up in Lagos,"),
                Segment(7.9, 11.0, "and I speak Yoruba."))
    (hit,) = search_transcripts([ADA], "lagos")

    parsed = segments_from_vtt(vtt(segments))

    assert [(s.start_s, s.text) for s in parsed] == [(s.start_s, s.text) for s in segments]
    assert with_timecode(hit, parsed).start_s == 3.2
    assert with_timecode(hit, parsed[:1]).start_s is None


def test_webvtt_cues_over_two_lines_and_hours_are_read():
    text = "WEBVTT\n\nNOTE a comment\n\n01:02:03.500 --> 01:02:06.000\nfirst line\nsecond line\n\n" \
           "00:10.250 --> 00:12.000\nshort stamp\n"

    assert [(s.start_s, s.end_s, s.text) for s in segments_from_vtt(text)] == [
        (3723.5, 3726.0, "first line second line"), (10.25, 12.0, "short stamp")]
