"""The media-copy job's choices that need no Redis, CouchDB or media: its id, its limits, and how
a tool's failure is told apart from a file's (the job runs for real with Debian's ffmpeg in
tests/integration/workers/test_media_copies.py and test_media_processing_queue.py)."""
import re
import sys

import pytest

from core.media_facts import MediaFacts, Picture, Unplayable
from core.media_plans import VIDEO_MAX_S, derivatives
from workers.media_processing import (
    JOB_TIMEOUT_S, PROBE_LIMIT_S, MediaToolFailed, ffmpeg_limit_s, processing_job_id, run_ffmpeg,
)
from workers.transcription import transcript_job_id


def test_one_job_id_per_application_and_file_apart_from_the_transcripts():
    first = processing_job_id("job1.person1", 0)

    assert first == processing_job_id("job1.person1", 0)
    assert len({first, processing_job_id("job1.person1", 1), processing_job_id("job1.person2", 0),
                transcript_job_id("job1.person1", 0)}) == 4
    assert re.fullmatch(r"[A-Za-z0-9_-]+", first)  # what RQ allows in a job id


def test_the_job_outlasts_every_ffmpeg_run_of_the_longest_video():
    longest = MediaFacts(float(VIDEO_MAX_S), Picture(1920, 1080, 0, 30.0), True)

    ffmpeg_s = sum(ffmpeg_limit_s(plan, longest) for plan in derivatives(longest))

    assert PROBE_LIMIT_S + ffmpeg_s < JOB_TIMEOUT_S


def test_a_missing_ffmpeg_is_retried_not_blamed_on_the_file():
    with pytest.raises(MediaToolFailed, match="is not installed"):
        run_ffmpeg(["nollycrew-no-such-ffmpeg", "-i", "x"], 5)


def test_a_run_past_its_limit_is_retried_not_blamed_on_the_file():
    with pytest.raises(MediaToolFailed, match="ran past its"):
        run_ffmpeg([sys.executable, "-c", "import time; time.sleep(30)"], 0.5)


def test_a_failed_conversion_is_a_refusal_with_a_reason():
    with pytest.raises(Unplayable) as refused:
        run_ffmpeg([sys.executable, "-c", "import sys; sys.exit('Invalid data found when processing input')"], 30)

    assert refused.value.reason == "We could not convert this file: it may be damaged part of the way through."
