"""What is transcribed, the size limits a file from the chat keeps, and the word error rate."""
import pytest

from core.media import MB, MEDIA_KINDS
from core.transcripts import (
    Transcription, Untranscribable, check_size, media_kind, refusal_entry, transcribable, transcript_entry,
    transcript_for, word_error_rate, words,
)

VOICE = {"url": "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1", "content_type": "audio/ogg"}
VIDEO = {"url": "https://api.telegram.org/file/bot{token}/videos/file_2.mp4", "content_type": "video/mp4"}
PHOTO = {"url": "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME2", "content_type": "image/jpeg"}


def test_voice_notes_and_videos_are_transcribed_photos_are_not():
    assert transcribable([PHOTO, VOICE, PHOTO, VIDEO]) == [(1, VOICE), (3, VIDEO)]
    assert transcribable([PHOTO, {"url": "https://x", "content_type": None}]) == []


@pytest.mark.parametrize("content_type, kind", [("audio/ogg", "voice_clip"), ("audio/amr", "voice_clip"),
                                                ("video/mp4", "showreel"), ("video/3gpp", "showreel")])
def test_each_file_keeps_the_limit_of_its_upload_kind(content_type, kind):
    assert media_kind(content_type) == kind
    check_size(content_type, MEDIA_KINDS[kind].max_bytes)  # at the limit: taken

    with pytest.raises(Untranscribable, match=f"at most {MEDIA_KINDS[kind].max_bytes // MB} MB"):
        check_size(content_type, MEDIA_KINDS[kind].max_bytes + 1)


def test_a_refusal_says_how_large_the_file_was_in_words():
    with pytest.raises(Untranscribable) as refused:
        check_size("audio/ogg", 20 * MB + 5)

    assert refused.value.reason == "A voice note can be at most 16 MB to be transcribed; this one is 21 MB."


def test_a_download_stopped_at_the_limit_does_not_claim_a_size():
    with pytest.raises(Untranscribable, match="this one is larger"):
        check_size("video/mp4", MEDIA_KINDS["showreel"].max_bytes + 1, whole=False)


def test_an_empty_file_and_a_photo_are_refused():
    with pytest.raises(Untranscribable, match="empty"):
        check_size("audio/ogg", 0)
    with pytest.raises(Untranscribable, match="image/jpeg"):
        media_kind("image/jpeg")


def test_a_transcript_entry_has_the_fields_an_application_keeps():
    heard = Transcription("  I am ready for the part.  ", "en", 3.14159, "tiny.en")

    entry = transcript_entry(0, heard, "2026-11-20T09:00:00+01:00", "m1", {"srt": "s1", "vtt": "v1"})

    assert entry == {"media_index": 0, "status": "done", "text": "I am ready for the part.", "language": "en",
                     "duration_s": 3.14, "model": "tiny.en", "at": "2026-11-20T09:00:00+01:00",
                     "media_id": "m1", "subtitles": {"srt": "s1", "vtt": "v1"}}


def test_the_transcript_of_an_index_is_found_on_the_application():
    refused = refusal_entry(2, "The chat no longer has this file.", "2026-11-20T09:00:00+01:00")
    application = {"transcripts": [refused]}

    assert transcript_for(application, 2) == refused
    assert transcript_for(application, 0) is None and transcript_for({}, 0) is None


def test_words_ignore_case_and_punctuation():
    assert words("Scene 12, Ada's line!") == words("scene 12 adas line") == ["scene", "12", "adas", "line"]


@pytest.mark.parametrize("reference, hypothesis, errors, length", [
    ("bring your costume to the set", "bring your costume to the set", 0, 6),
    ("bring your costume to the set", "bring the costume to set", 2, 6),  # one substitution, one deletion
    ("call time is early", "the call time is very early", 2, 4),  # two insertions
    ("mama t is on set", "", 5, 5),
])
def test_the_word_error_rate_counts_edits_over_the_reference(reference, hypothesis, errors, length):
    assert word_error_rate(reference, hypothesis) == pytest.approx(errors / length)


def test_an_empty_reference_is_matched_only_by_silence():
    assert word_error_rate("", "") == 0.0 and word_error_rate("", "hello") == 1.0
