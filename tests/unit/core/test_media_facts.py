"""ffprobe's JSON answer read into the facts the media plans need: length, picture, rotation, sound."""
import pytest

from core.media_facts import MediaFacts, Picture, Unplayable, facts_from_probe, rotation


def video_stream(width=1280, height=720, **extra) -> dict:
    return {"index": 0, "codec_type": "video", "codec_name": "h264", "width": width, "height": height,
            "avg_frame_rate": "30000/1001", "r_frame_rate": "30000/1001", "duration": "61.500000", **extra}


AUDIO = {"index": 1, "codec_type": "audio", "codec_name": "aac", "channels": 2, "duration": "61.480000"}


def probe(*streams, duration="61.533000") -> dict:
    return {"streams": list(streams), "format": {"format_name": "mov,mp4,m4a,3gp,3g2,mj2", "duration": duration}}


def test_a_phone_video_with_sound():
    facts = facts_from_probe(probe(video_stream(), AUDIO))

    assert facts == MediaFacts(61.533, Picture(1280, 720, 0, pytest.approx(29.97, abs=0.01), 61.5), True)


@pytest.mark.parametrize("side_data, tags, turned", [
    ([{"side_data_type": "Display Matrix", "rotation": -90}], {}, 270),
    ([{"side_data_type": "Display Matrix", "rotation": 90}], {}, 90),
    ([{"side_data_type": "Display Matrix", "rotation": 180}], {}, 180),
    ([], {"rotate": "90"}, 90),  # older phones: a tag
    ([{"side_data_type": "Display Matrix", "rotation": -89.98}], {}, 270),
    ([], {}, 0),
])
def test_rotation_is_read_to_the_nearest_quarter_turn(side_data, tags, turned):
    assert rotation(video_stream(side_data_list=side_data, tags=tags)) == turned


def test_a_portrait_video_stored_sideways_is_shown_upright():
    stream = video_stream(1920, 1080, side_data_list=[{"side_data_type": "Display Matrix", "rotation": -90}])

    assert facts_from_probe(probe(stream, AUDIO)).picture.shown_size == (1080, 1920)


def test_a_voice_note_with_album_art_is_sound_only():
    art = video_stream(600, 600, disposition={"attached_pic": 1})

    facts = facts_from_probe(probe({"codec_type": "audio", "codec_name": "opus"}, art, duration="12.04"))

    assert (facts.picture, facts.has_sound, facts.duration_s) == (None, True, 12.04)


def test_the_longest_stream_stands_in_for_a_missing_container_duration():
    facts = facts_from_probe(probe(video_stream(), AUDIO, duration="N/A"))

    assert facts.duration_s == 61.5


def test_a_silent_video_has_no_sound():
    assert facts_from_probe(probe(video_stream())).has_sound is False


def test_a_stream_without_a_frame_rate_is_taken_as_a_phone_shoots():
    stream = video_stream(avg_frame_rate="0/0", r_frame_rate="0/0")

    assert facts_from_probe(probe(stream)).picture.fps == 30.0


@pytest.mark.parametrize("answer, reason", [
    ({"streams": [], "format": {"duration": "3.0"}}, "This file has no picture or sound we can play."),
    ({"streams": [{"codec_type": "data"}], "format": {}}, "This file has no picture or sound we can play."),
    ({}, "This file has no picture or sound we can play."),
    (probe(AUDIO | {"duration": "N/A"}, duration="N/A"),
     "We cannot tell how long this file runs: it may be damaged or cut short."),
    (probe(video_stream(width=0), AUDIO), "This video does not say how large its picture is: it may be damaged."),
])
def test_what_ffprobe_cannot_describe_is_refused_with_a_reason(answer, reason):
    with pytest.raises(Unplayable) as refused:
        facts_from_probe(answer)

    assert refused.value.reason == reason
