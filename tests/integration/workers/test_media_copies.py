"""Debian's ffmpeg making the copies of generated phone media: a minute of 720p video becomes a
copy under WhatsApp's 16 MB that ffprobe reads as H.264 of the same length, with a JPEG
thumbnail; a sideways-stored portrait video comes out upright; a quiet voice note comes out near
-16 LUFS; a damaged or over-long file is refused with its reason."""
import json
import os
import random
import subprocess

import pytest

from core.media import MB
from core.media_facts import Unplayable
from core.media_plans import LOUDNESS_LUFS, LOW_VIDEO_MAX_BYTES, SHORT_SIDE_PX, VIDEO_MAX_S
from tests.unit.workers.media_samples import integrated_loudness, phone_video, quiet_voice_note
from tests.unit.workers.speech_samples import CASTING_READ, spoken_wav
from workers.media_processing import make_copies

LOUDNESS_TOLERANCE_LU = 3.0  # single-pass loudnorm on a short clip lands within a few LU


def probed(path) -> dict:
    answer = subprocess.run(["ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams",
                             str(path)], capture_output=True, text=True, check=True)
    return json.loads(answer.stdout)


def copies_of(source, folder) -> dict:
    """{kind: path of the copy} for the file at `source`."""
    written = {}
    for plan, data in make_copies(source.read_bytes()):
        written[plan.kind] = folder / f"{plan.kind}{plan.suffix}"
        written[plan.kind].write_bytes(data)
    return written


def stream(probe: dict, codec_type: str) -> dict | None:
    return next((s for s in probe["streams"] if s["codec_type"] == codec_type), None)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


LAGOS_ISLAND = "+06.4541+003.3947/"


@pytest.fixture(scope="module")
def minute_of_720p(folder):
    return phone_video(folder / "phone-720p.mp4", 60, 1280, 720, location=LAGOS_ISLAND)


@pytest.fixture(scope="module")
def minute_copies(minute_of_720p, folder):
    return copies_of(minute_of_720p, folder)


def test_a_minute_of_720p_becomes_a_whatsapp_sized_copy_that_plays(minute_of_720p, minute_copies):
    low = minute_copies["video_low"]
    assert os.path.getsize(minute_of_720p) > os.path.getsize(low)
    assert os.path.getsize(low) <= LOW_VIDEO_MAX_BYTES == 16 * MB
    probe = probed(low)
    picture, sound = stream(probe, "video"), stream(probe, "audio")
    assert (picture["codec_name"], picture["profile"], picture["pix_fmt"]) == ("h264", "Main", "yuv420p")
    assert (picture["width"], picture["height"]) == (640, SHORT_SIDE_PX)
    assert (sound["codec_name"], sound["channels"]) == ("aac", 1)
    assert float(probe["format"]["duration"]) == pytest.approx(60.0, abs=1.0)
    data = low.read_bytes()
    assert data.index(b"moov") < data.index(b"mdat")  # faststart: it plays before it has all arrived
    assert probed(minute_of_720p)["format"]["tags"]["location"] == LAGOS_ISLAND
    assert "location" not in probe["format"].get("tags", {})  # where the actor lives stays on the phone


def test_the_thumbnail_is_a_jpeg_of_the_picture(minute_copies):
    thumb = minute_copies["thumbnail"]

    assert thumb.read_bytes()[:3] == b"\xff\xd8\xff"
    picture = stream(probed(thumb), "video")
    assert (picture["codec_name"], picture["width"], picture["height"]) == ("mjpeg", 640, SHORT_SIDE_PX)
    assert os.path.getsize(thumb) < MB  # the thumbnail kind's limit


def test_a_portrait_video_stored_sideways_comes_out_upright_at_thirty_frames(folder):
    sideways = phone_video(folder / "portrait.mp4", 2, 1920, 1080, fps=60, rotation_deg=90)

    made = copies_of(sideways, folder)

    low = stream(probed(made["video_low"]), "video")
    assert (low["width"], low["height"]) == (SHORT_SIDE_PX, 640)
    assert low["avg_frame_rate"] == "30/1"
    assert not any("rotation" in side for side in low.get("side_data_list", []))  # upright in the pixels
    thumb = stream(probed(made["thumbnail"]), "video")
    assert (thumb["width"], thumb["height"]) == (SHORT_SIDE_PX, 640)


def test_a_silent_video_gets_a_copy_without_sound(folder):
    silent = phone_video(folder / "silent.mp4", 3, 640, 480, sound=False)

    probe = probed(copies_of(silent, folder)["video_low"])

    assert stream(probe, "audio") is None and stream(probe, "video")["height"] == SHORT_SIDE_PX


def test_a_quiet_voice_note_comes_out_near_the_target_loudness(folder):
    speech = folder / "speech.wav"
    speech.write_bytes(spoken_wav(" ".join(CASTING_READ), folder))
    quiet = quiet_voice_note(folder / "quiet.ogg", speech)

    made = copies_of(quiet, folder)

    assert list(made) == ["voice_normalised"]
    evened = made["voice_normalised"]
    before, after = integrated_loudness(quiet), integrated_loudness(evened)
    assert before < LOUDNESS_LUFS - 20
    assert after == pytest.approx(LOUDNESS_LUFS, abs=LOUDNESS_TOLERANCE_LU)
    probe = probed(evened)
    sound = stream(probe, "audio")
    assert (probe["format"]["format_name"], sound["codec_name"], sound["channels"]) == ("ogg", "opus", 1)
    assert float(probe["format"]["duration"]) == pytest.approx(float(probed(quiet)["format"]["duration"]), abs=0.5)


def test_a_picture_that_stops_before_the_sound_still_gets_its_thumbnail(folder):
    early = folder / "picture-stops.mp4"
    subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    "testsrc2=size=640x360:rate=30:duration=0.3", "-f", "lavfi", "-i", "sine=duration=5",
                    "-c:v", "libx264", "-c:a", "aac", str(early)], check=True)

    made = copies_of(early, folder)

    assert made["thumbnail"].read_bytes()[:3] == b"\xff\xd8\xff"
    assert float(probed(made["video_low"])["format"]["duration"]) == pytest.approx(5.0, abs=0.5)


@pytest.mark.parametrize("damage", ["noise", "cut short"])
def test_a_damaged_file_is_refused_with_the_reason(minute_of_720p, damage):
    # Fixed noise: about one random file in forty looks to ffprobe like a stream of unknown
    # length, which is refused too, but in other words ("We cannot tell how long...").
    data = random.Random(0).randbytes(200_000) if damage == "noise" else minute_of_720p.read_bytes()[:300_000]

    with pytest.raises(Unplayable) as refused:
        make_copies(data)

    assert refused.value.reason == "This file is not a video or voice note we can play: it may be damaged or cut short."


def test_a_video_over_the_length_limit_is_refused_before_any_encoding(folder):
    long = phone_video(folder / "long.mp4", VIDEO_MAX_S + 30, 64, 64, fps=1, sound=False)

    with pytest.raises(Unplayable, match="A video can be at most 10 minutes .* this one runs 11 minutes"):
        make_copies(long.read_bytes())
