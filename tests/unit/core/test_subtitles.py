"""SRT and WebVTT from transcript segments."""
from core.subtitles import LINE_MAX_CHARS, MIN_CUE_S, srt, vtt
from core.transcripts import Segment

SCENE = (
    Segment(0.0, 3.8, "The director wants everyone on set early."),
    Segment(3.8, 7.25, "Please bring your costume."),
)


def test_srt_numbers_cues_with_comma_milliseconds():
    assert srt(SCENE) == (
        "1\n00:00:00,000 --> 00:00:03,800\nThe director wants everyone on set early.\n\n"
        "2\n00:00:03,800 --> 00:00:07,250\nPlease bring your costume.\n"
    )


def test_vtt_has_its_header_and_dot_milliseconds():
    assert vtt(SCENE) == (
        "WEBVTT\n\n"
        "00:00:00.000 --> 00:00:03.800\nThe director wants everyone on set early.\n\n"
        "00:00:03.800 --> 00:00:07.250\nPlease bring your costume.\n"
    )


def test_times_past_an_hour_carry_hours():
    assert "01:01:01,500 --> 01:01:03,000" in srt([Segment(3661.5, 3663.0, "Cut!")])


def test_silent_segments_are_left_out_and_cues_come_in_time_order():
    cues = srt([Segment(5.0, 6.0, "Second."), Segment(2.0, 3.0, "   "), Segment(0.0, 1.0, "First.")])

    assert cues.index("First.") < cues.index("Second.") and cues.count("-->") == 2
    assert cues.startswith("1\n00:00:00,000")


def test_a_short_cue_is_lengthened_but_never_into_the_next():
    cues = vtt([Segment(1.0, 1.1, "Go."), Segment(10.0, 10.05, "Wait.")])

    assert "00:00:01.000 --> 00:00:01.500" in cues  # MIN_CUE_S
    assert f"00:00:10.000 --> 00:00:{10 + MIN_CUE_S:06.3f}" in cues
    assert "00:00:01.000 --> 00:00:01.100" in vtt([Segment(1.0, 1.1, "Go."), Segment(1.1, 2.0, "Now.")])


def test_a_long_line_is_broken_in_two_near_its_middle():
    text = "The gaffer needs the generator at the marina before the sun goes down tonight"
    lines = srt([Segment(0.0, 4.0, text)]).split("\n")[2:4]

    assert " ".join(lines) == text
    assert all(len(line) <= LINE_MAX_CHARS for line in lines)


def test_a_cue_text_cannot_end_the_cue_early():
    cues = vtt([Segment(0.0, 2.0, "Line one\n\nline --> two")])

    assert "\n\n" not in cues.split("WEBVTT\n\n")[1].rstrip("\n") and cues.count("-->") == 1
