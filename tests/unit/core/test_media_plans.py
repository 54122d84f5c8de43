"""The ffmpeg commands planned from a self-tape's facts: a low-bandwidth copy that fits WhatsApp's
16 MB and plays over 2G, a thumbnail, an evened-out voice note, and what is refused."""
import pytest

from core.media import MB
from core.media_facts import MediaFacts, Picture, Unplayable
from core.media_plans import (
    LOUDNESS_LUFS, LOW_VIDEO_MAX_BYTES, SHORT_SIDE_PX, TOTAL_CAP_KBPS, VIDEO_MAX_S, VOICE_MAX_S, derivatives,
    low_video, low_video_kbps, scaled, thumbnail, voice_note,
)

LANDSCAPE_720P = Picture(1280, 720, 0, 30.0)


def video(duration_s=60.0, picture=LANDSCAPE_720P, has_sound=True) -> MediaFacts:
    return MediaFacts(duration_s, picture, has_sound)


def option(args, name: str) -> str:
    return args[args.index(name) + 1]


def test_a_video_gets_a_thumbnail_and_a_low_bandwidth_copy():
    thumb, low = derivatives(video())

    assert (thumb.kind, thumb.content_type, low.kind, low.content_type) == (
        "thumbnail", "image/jpeg", "video_low", "video/mp4")


def test_a_voice_note_gets_an_evened_out_copy():
    (voice,) = derivatives(MediaFacts(42.0, None, True))

    assert (voice.kind, voice.content_type) == ("voice_normalised", "audio/ogg")
    assert f"loudnorm=I={LOUDNESS_LUFS}" in option(voice.output_args, "-af")
    assert (option(voice.output_args, "-c:a"), option(voice.output_args, "-ac")) == ("libopus", "1")
    assert 24 <= int(option(voice.output_args, "-b:a").removesuffix("k")) <= 32


def test_a_short_self_tape_is_capped_at_what_2g_carries():
    video_kbps, audio_kbps = low_video_kbps(60.0, has_sound=True)

    assert video_kbps + audio_kbps == TOTAL_CAP_KBPS
    assert 250 <= TOTAL_CAP_KBPS <= 400


@pytest.mark.parametrize("duration_s", [60.0, 300.0, 480.0, 599.0, float(VIDEO_MAX_S)])
def test_every_allowed_length_fits_whatsapps_16_mb(duration_s):
    video_kbps, audio_kbps = low_video_kbps(duration_s, has_sound=True)

    assert (video_kbps + audio_kbps) * 1000 * duration_s / 8 < LOW_VIDEO_MAX_BYTES == 16 * MB
    assert video_kbps > 100  # still a picture a casting director can judge


def test_a_longer_video_gets_a_lower_rate_once_the_cap_no_longer_bites():
    rates = [sum(low_video_kbps(duration_s, True)) for duration_s in (450.0, 500.0, 600.0)]

    assert rates[0] < TOTAL_CAP_KBPS and rates[0] > rates[1] > rates[2]


def test_a_silent_video_spends_nothing_on_sound():
    low = low_video(video(has_sound=False))

    assert "-an" in low.output_args and "-c:a" not in low.output_args
    assert option(low.output_args, "-b:v") == f"{TOTAL_CAP_KBPS}k"


def test_the_low_copy_is_h264_with_mono_aac_and_its_index_first():
    args = low_video(video()).output_args

    assert (option(args, "-c:v"), option(args, "-profile:v"), option(args, "-pix_fmt")) == ("libx264", "main", "yuv420p")
    assert (option(args, "-c:a"), option(args, "-ac")) == ("aac", "1")
    assert option(args, "-movflags") == "+faststart"
    assert option(args, "-maxrate") == option(args, "-b:v")  # no burst above what 2G carries
    assert option(args, "-map_metadata") == "-1"  # the phone's GPS position stays behind


@pytest.mark.parametrize("picture, wanted", [
    (Picture(1920, 1080, 0, 30.0), f"scale=-2:{SHORT_SIDE_PX}"),
    (Picture(1080, 1920, 0, 30.0), f"scale={SHORT_SIDE_PX}:-2"),
    (Picture(1920, 1080, 90, 30.0), f"scale={SHORT_SIDE_PX}:-2"),  # stored sideways, shown upright
    (Picture(1920, 1080, 270, 30.0), f"scale={SHORT_SIDE_PX}:-2"),
    (Picture(1920, 1080, 180, 30.0), f"scale=-2:{SHORT_SIDE_PX}"),
    (Picture(320, 240, 0, 30.0), "scale=-2:240"),  # never enlarged
    (Picture(321, 241, 0, 30.0), "scale=-2:240"),  # H.264 wants even sides
])
def test_the_short_side_is_scaled_as_the_picture_is_shown(picture, wanted):
    assert scaled(video(picture=picture)) == wanted


def test_sixty_frames_a_second_become_thirty():
    fast = low_video(video(picture=Picture(1920, 1080, 0, 60.0))).output_args
    usual = low_video(video()).output_args

    assert option(fast, "-vf").endswith(",fps=30") and "fps=" not in option(usual, "-vf")
    assert option(fast, "-g") == option(usual, "-g")  # a keyframe as often in seconds


@pytest.mark.parametrize("duration_s, at", [(60.0, "1.000"), (5.0, "0.500"), (0.4, "0.040")])
def test_the_thumbnail_is_taken_a_second_in_or_a_tenth_into_a_short_clip(duration_s, at):
    thumb = thumbnail(video(duration_s))

    assert thumb.input_args == ("-ss", at)
    assert option(thumb.output_args, "-frames:v") == "1" and option(thumb.output_args, "-c:v") == "mjpeg"


def test_the_thumbnail_is_taken_within_a_picture_that_stops_before_the_sound():
    early_end = Picture(1280, 720, 0, 30.0, duration_s=2.0)

    assert thumbnail(video(60.0, picture=early_end)).input_args == ("-ss", "0.200")


def test_the_command_is_a_list_with_the_paths_as_single_arguments():
    argv = low_video(video()).argv("/tmp/a folder/source; rm -rf ~", "/tmp/out $(x).mp4")

    assert argv[0] == "ffmpeg" and "-nostdin" in argv
    assert argv[argv.index("-i") + 1] == "/tmp/a folder/source; rm -rf ~" and argv[-1] == "/tmp/out $(x).mp4"


def test_the_thumbnail_seeks_before_reading_the_file():
    argv = thumbnail(video()).argv("in", "out.jpg")

    assert argv.index("-ss") < argv.index("-i")


def test_a_video_over_the_length_limit_is_refused_with_its_length():
    with pytest.raises(Unplayable) as refused:
        derivatives(video(VIDEO_MAX_S + 61.0))

    assert refused.value.reason == ("A video can be at most 10 minutes for a copy that plays over 2G; "
                                    "this one runs 12 minutes.")
    assert refused.value.params == {"limit_min": VIDEO_MAX_S // 60, "minutes": 12}


def test_a_voice_note_over_its_limit_is_refused():
    with pytest.raises(Unplayable) as refused:
        derivatives(MediaFacts(VOICE_MAX_S + 1.0, None, True))

    assert refused.value.reason == "A voice note can be at most 30 minutes to be evened out; this one runs 31 minutes."
    derivatives(MediaFacts(float(VOICE_MAX_S), None, True))  # at the limit: made


def test_the_voice_plan_drops_a_picture_stream():
    assert "-vn" in voice_note(MediaFacts(10.0, None, True)).output_args
