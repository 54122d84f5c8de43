"""The dailies subtitle job's choices that need no Redis, CouchDB or model: the answer it builds
from what a speech backend heard (subtitles kept as the take's own), the takes it refuses, and
the job id that makes a repeat one job. The job runs for real, with tiny.en, in
tests/integration/workers/test_dailies_subtitles_queue.py."""
import io
import re
from fractions import Fraction

import av
import numpy
import pytest

from core.dailies_subtitles import NO_SOUND, NO_SPEECH, SPEECH_MAX_S
from core.transcripts import Segment, SpeechToText, Transcription, Untranscribable
from tests.unit.media_fakes import SharingMemoryMedia
from workers.transcription import dailies_job_id, hear_dailies, take_facts

SAID = ("Turn over.", "Mama, the generator has packed up again.")
HEARD = Transcription(" ".join(SAID), "en", 5.0, "tiny.en", (Segment(0.0, 1.2, SAID[0]), Segment(1.5, 4.8, SAID[1])))
LIMIT_S = 900
PICTURE_RATE_FPS = Fraction(1, 10)
SOUND_RATE_HZ = 8000


class HeardSpeech(SpeechToText):
    """A backend that hears what it was given to hear, and counts how often it was asked."""

    def __init__(self, heard: Transcription | Untranscribable):
        self.heard, self.asked = heard, 0

    def transcribe(self, audio: bytes, content_type: str, limit_s: float) -> Transcription:
        self.asked += 1
        if isinstance(self.heard, Untranscribable):
            raise self.heard
        return self.heard


def black_video(seconds: int, sound: bool = True) -> bytes:
    """An MP4 that runs `seconds` (ten at least): a small black picture, a frame every ten
    seconds, and a silent sound track (or none: a mute take). Cheap even half an hour long."""
    out = io.BytesIO()
    with av.open(out, "w", format="mp4") as video:
        picture = video.add_stream("mpeg4", rate=PICTURE_RATE_FPS)
        picture.width = picture.height = 16
        picture.pix_fmt = "yuv420p"
        track = video.add_stream("aac", rate=SOUND_RATE_HZ) if sound else None
        if track is not None:
            track.layout = "mono"
        black = numpy.zeros((16, 16, 3), dtype=numpy.uint8)
        for number in range(max(1, int(seconds * PICTURE_RATE_FPS))):
            frame = av.VideoFrame.from_ndarray(black, format="rgb24")
            frame.pts = number
            video.mux(picture.encode(frame))
        video.mux(picture.encode(None))
        for second in range(seconds if track is not None else 0):
            frame = av.AudioFrame.from_ndarray(numpy.zeros((1, SOUND_RATE_HZ), dtype=numpy.float32),
                                               format="fltp", layout="mono")
            frame.sample_rate, frame.pts = SOUND_RATE_HZ, second * SOUND_RATE_HZ
            video.mux(track.encode(frame))
        if track is not None:
            video.mux(track.encode(None))
    return out.getvalue()


@pytest.fixture
async def take():
    store = SharingMemoryMedia()
    data = black_video(5)
    return store, await store.save("producer1", "dailies", "video/mp4", data), data


async def test_what_was_heard_becomes_subtitles_that_follow_the_take(take):
    store, kept, data = take

    answer = await hear_dailies("p1", "12a-3", 2, kept, data, store, HeardSpeech(HEARD), LIMIT_S)

    assert (answer.project_id, answer.key, answer.version, answer.media_id, answer.reason) == (
        "p1", "12a-3", 2, kept.media_id, "")
    assert answer.transcription.text == HEARD.text and answer.transcription.segments == ()
    for name, content_type in (("srt", "application/x-subrip"), ("vtt", "text/vtt")):
        subtitles, text = await store.load(answer.subtitles[name])
        assert (subtitles.kind, subtitles.content_type, subtitles.owner_id, subtitles.derived_from) == (
            "subtitles", content_type, "producer1", kept.media_id)
        assert all(line in text.decode() for line in SAID)
    assert (await store.load(answer.subtitles["vtt"]))[1].decode().startswith("WEBVTT\n\n00:00:00.000 --> 00:00:01.200")


async def test_a_take_nobody_speaks_in_is_refused_and_nothing_kept(take):
    store, kept, data = take
    silence = Transcription("", "en", 5.0, "tiny.en")

    answer = await hear_dailies("p1", "12a-3", 1, kept, data, store, HeardSpeech(silence), LIMIT_S)

    assert (answer.transcription, answer.reason, answer.subtitles) == (None, NO_SPEECH, None)
    assert list(store.files) == [kept.media_id]


async def test_a_take_past_the_limit_is_refused_before_it_is_heard():
    store = SharingMemoryMedia()
    data = black_video(SPEECH_MAX_S + 60)
    kept = await store.save("producer1", "dailies", "video/mp4", data)
    speech = HeardSpeech(HEARD)

    answer = await hear_dailies("p1", "12a-3", 1, kept, data, store, speech, LIMIT_S)

    assert answer.transcription is None and speech.asked == 0
    assert answer.reason.startswith(f"A take can be at most {SPEECH_MAX_S // 60} minutes long")


async def test_the_backends_own_refusal_is_the_answer(take):
    store, kept, data = take
    stopped = Untranscribable("Transcribing this file took longer than {limit_s} seconds, so it was stopped.",
                              limit_s=LIMIT_S)

    answer = await hear_dailies("p1", "12a-3", 1, kept, data, store, HeardSpeech(stopped), LIMIT_S)

    assert (answer.transcription, answer.reason) == (None, stopped.reason)


async def test_a_mute_take_is_refused_before_it_is_heard():
    store = SharingMemoryMedia()
    data = black_video(5, sound=False)
    kept = await store.save("producer1", "dailies", "video/mp4", data)
    speech = HeardSpeech(HEARD)

    answer = await hear_dailies("p1", "12a-3", 1, kept, data, store, speech, LIMIT_S)

    assert (answer.transcription, answer.reason, speech.asked) == (None, NO_SOUND, 0)


def test_the_length_and_the_sound_track_are_read_from_the_container():
    seconds, has_sound = take_facts(black_video(20))
    assert seconds == pytest.approx(20.0, abs=1.0) and has_sound
    assert take_facts(black_video(20, sound=False))[1] is False
    assert take_facts(b"not a video at all" * 20) == (None, True)  # the speech backend says what is wrong


def test_one_job_id_per_project_label_and_version():
    first = dailies_job_id("p1", "12a-3", 1)

    assert first == dailies_job_id("p1", "12a-3", 1)
    assert len({first, dailies_job_id("p1", "12a-3", 2), dailies_job_id("p1", "14-1", 1),
                dailies_job_id("p2", "12a-3", 1)}) == 4
    assert re.fullmatch(r"[A-Za-z0-9_-]+", first)  # what RQ allows in a job id
