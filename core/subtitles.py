"""Subtitles from a transcript's segments: SRT for editors (Premiere, DaVinci, VLC) and WebVTT for
the browser's <track>. Pure text; the worker stores the files beside the self-tape."""
from collections.abc import Iterable

from core.transcripts import Segment

# A cue shorter than this flashes past unread; Whisper's segments rarely are, but a stray
# one-word segment at the end of a file can be.
MIN_CUE_S = 0.5
LINE_MAX_CHARS = 42  # the broadcast rule of thumb for one subtitle line


def srt(segments: Iterable[Segment]) -> str:
    """SubRip: numbered cues, "HH:MM:SS,mmm --> HH:MM:SS,mmm", a blank line between cues."""
    cues = [f"{number}\n{_stamp(start, ',')} --> {_stamp(end, ',')}\n{text}\n"
            for number, (start, end, text) in enumerate(_cues(segments), start=1)]
    return "\n".join(cues)


def vtt(segments: Iterable[Segment]) -> str:
    """WebVTT: the "WEBVTT" header, then cues with "HH:MM:SS.mmm --> HH:MM:SS.mmm"."""
    cues = [f"{_stamp(start, '.')} --> {_stamp(end, '.')}\n{text}\n" for start, end, text in _cues(segments)]
    return "\n".join(["WEBVTT\n", *cues])


def _cues(segments: Iterable[Segment]) -> list[tuple[float, float, str]]:
    """Cues in time order, each at least MIN_CUE_S long and never running into the next one;
    silent segments are left out."""
    kept = sorted((s for s in segments if s.text.strip()), key=lambda s: (s.start_s, s.end_s))
    cues = []
    for position, segment in enumerate(kept):
        start = max(0.0, segment.start_s)
        end = max(segment.end_s, start + MIN_CUE_S)
        if position + 1 < len(kept):
            end = max(start, min(end, kept[position + 1].start_s))
        cues.append((start, end, _lines(segment.text)))
    return cues


def _lines(text: str) -> str:
    """At most two lines, broken at the space nearest the middle when one line would be too long.
    "-->" and blank lines would end a cue early in both formats, so they never reach one."""
    flat = " ".join(text.replace("-->", "->").split())
    if len(flat) <= LINE_MAX_CHARS or " " not in flat:
        return flat
    middle = len(flat) // 2
    spaces = [i for i, char in enumerate(flat) if char == " "]
    cut = min(spaces, key=lambda i: abs(i - middle))
    return f"{flat[:cut]}\n{flat[cut + 1:]}"


def _stamp(seconds: float, separator: str) -> str:
    millis = int(round(seconds * 1000))
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{separator}{millis:03d}"
