"""The rules of dailies subtitles: a take too long or with nobody speaking is refused with its
reason, and the worker's answer lands on its own version once, never on another file."""
import pytest

from core.dailies_subtitles import (
    NO_SOUND, NO_SPEECH, SPEECH_MAX_S, AttachDailiesSubtitles, answer_entry, check_speech, check_take, with_subtitles,
)
from core.transcripts import TEXT_MAX_CHARS, Segment, Transcription, Untranscribable

SAID = "Cut. Going again from the top, everyone."
HEARD = Transcription(SAID, "en", 6.456, "tiny.en", (Segment(0.4, 2.9, SAID),))
AT = "2026-11-28T09:00:00+00:00"


def label(*media_ids: str) -> dict:
    return {"_id": "dailies:12a-3", "type": "dailies", "label": "12A/3", "key": "12a-3",
            "versions": [{"number": n, "media_id": m, "comments": []} for n, m in enumerate(media_ids, start=1)]}


@pytest.mark.parametrize("duration_s", [None, 0.0, 59.5, float(SPEECH_MAX_S)])
def test_a_take_within_the_limit_or_of_unknown_length_goes_on(duration_s):
    check_take(duration_s, has_sound=True)


def test_a_mute_take_is_refused_whatever_its_length():
    for duration_s in (None, 30.0, SPEECH_MAX_S * 2.0):
        with pytest.raises(Untranscribable) as refused:
            check_take(duration_s, has_sound=False)
        assert refused.value.reason == NO_SOUND


def test_a_take_past_the_limit_is_refused_in_whole_minutes():
    with pytest.raises(Untranscribable) as refused:
        check_take(SPEECH_MAX_S + 61.0, has_sound=True)

    assert refused.value.reason == (f"A take can be at most {SPEECH_MAX_S // 60} minutes long to be subtitled; "
                                    f"this one runs {SPEECH_MAX_S // 60 + 2} minutes.")


@pytest.mark.parametrize("heard", [
    Transcription("", "en", 12.0, "tiny.en"),
    Transcription("   ", "en", 12.0, "tiny.en", (Segment(0.0, 1.0, " "),)),
    Transcription("you", "en", 12.0, "tiny.en"),  # text without a timed segment cannot be a subtitle
])
def test_a_take_nobody_speaks_in_is_refused(heard):
    with pytest.raises(Untranscribable, match="^Nobody speaks in this take"):
        check_speech(heard)


def test_a_take_with_speech_goes_on():
    check_speech(HEARD)


def test_an_answer_is_a_transcript_and_subtitles_or_a_refusal_with_the_same_keys():
    heard = AttachDailiesSubtitles("p1", "12a-3", 1, "m1", HEARD, "", {"srt": "s1", "vtt": "v1"})
    refused = AttachDailiesSubtitles("p1", "12a-3", 1, "m1", None, NO_SPEECH)

    transcript, subtitles = answer_entry(heard, AT)
    assert transcript == {"status": "done", "text": SAID, "language": "en", "duration_s": 6.46, "model": "tiny.en",
                          "reason": "", "at": AT}
    assert subtitles == {"srt": "s1", "vtt": "v1"}
    transcript, subtitles = answer_entry(refused, AT)
    assert (transcript["status"], transcript["reason"], transcript["text"], subtitles) == ("refused", NO_SPEECH, "", {})
    assert set(transcript) == set(answer_entry(heard, AT)[0])


def test_a_long_take_keeps_the_text_a_search_needs():
    long = Transcription("word " * TEXT_MAX_CHARS, "en", 1700.0, "tiny.en", (Segment(0, 1, "word"),))

    transcript, _ = answer_entry(AttachDailiesSubtitles("p1", "k", 1, "m1", long, "", {}), AT)

    assert len(transcript["text"]) == TEXT_MAX_CHARS


def test_the_answer_lands_on_its_version_only():
    transcript, subtitles = answer_entry(AttachDailiesSubtitles("p1", "12a-3", 2, "m2", HEARD, "", {"vtt": "v"}), AT)

    changed = with_subtitles(label("m1", "m2"), 2, "m2", transcript, subtitles)

    first, second = changed["versions"]
    assert "transcript" not in first and "subtitles" not in first
    assert (second["transcript"], second["subtitles"], second["media_id"]) == (transcript, {"vtt": "v"}, "m2")


@pytest.mark.parametrize("number, media_id", [
    (3, "m2"),  # no such version
    (2, "m1"),  # version 2 holds another file than the one heard
])
def test_an_answer_for_a_missing_version_or_another_file_changes_nothing(number, media_id):
    assert with_subtitles(label("m1", "m2"), number, media_id, {"status": "done"}, {}) is None


def test_the_first_answer_stands():
    first = with_subtitles(label("m1"), 1, "m1", {"status": "refused", "reason": NO_SPEECH}, {})

    assert with_subtitles(first, 1, "m1", {"status": "done"}, {"srt": "s"}) is None
