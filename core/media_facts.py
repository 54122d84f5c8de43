"""What ffprobe says about a self-tape, reduced to the facts the media plans need (core/media_plans.py).

The worker runs `ffprobe -print_format json -show_format -show_streams`; this reads its answer.
Phones write rotation as a display matrix (ffprobe's side data) or, on older ones, a `rotate`
tag; a voice note in an M4A may carry its album art as a "video" stream, which is no picture.
"""
from dataclasses import dataclass

from core.errors import Rejected

DEFAULT_FPS = 30.0  # a stream that does not say its rate: what phones shoot
QUARTER_TURN_DEG = 90
FULL_TURN_DEG = 360


class Unplayable(Rejected):
    """A self-tape the worker cannot make a copy of (damaged, too long, no sound or picture). Its
    reason is written on the application for the casting director, not sent in a chat."""


@dataclass(frozen=True)
class Picture:
    width: int  # as stored, before the phone's rotation
    height: int
    rotation_deg: int  # 0, 90, 180 or 270
    fps: float
    duration_s: float | None = None  # the picture's own, when said: it can stop before the sound

    @property
    def shown_size(self) -> tuple[int, int]:
        """(width, height) as the picture is seen: a portrait phone video is often stored sideways."""
        turned = self.rotation_deg in (90, 270)
        return (self.height, self.width) if turned else (self.width, self.height)


@dataclass(frozen=True)
class MediaFacts:
    duration_s: float
    picture: Picture | None  # None: sound only (a voice note)
    has_sound: bool


def facts_from_probe(probe: dict) -> MediaFacts:
    """The facts of ffprobe's JSON answer, or Unplayable when it holds nothing we can use."""
    streams = [stream for stream in probe.get("streams", []) if isinstance(stream, dict)]
    pictures = [s for s in streams if s.get("codec_type") == "video"
                and not (s.get("disposition") or {}).get("attached_pic")]
    has_sound = any(s.get("codec_type") == "audio" for s in streams)
    if not pictures and not has_sound:
        raise Unplayable("This file has no picture or sound we can play.")
    duration_s = _duration_s(probe, streams)
    if duration_s is None:
        raise Unplayable("We cannot tell how long this file runs: it may be damaged or cut short.")
    return MediaFacts(duration_s, _picture(pictures[0]) if pictures else None, has_sound)


def _duration_s(probe: dict, streams: list[dict]) -> float | None:
    """The container's duration, else the longest stream's; None when neither is a positive number."""
    container = [(probe.get("format") or {}).get("duration")]
    for said in container, [stream.get("duration") for stream in streams]:
        seconds = [value for value in map(_number, said) if value is not None and value > 0]
        if seconds:
            return max(seconds)
    return None


def _picture(stream: dict) -> Picture:
    width, height = _number(stream.get("width")), _number(stream.get("height"))
    if not width or not height or width <= 0 or height <= 0:
        raise Unplayable("This video does not say how large its picture is: it may be damaged.")
    own_s = _number(stream.get("duration"))
    return Picture(int(width), int(height), rotation(stream), _fps(stream), own_s if own_s and own_s > 0 else None)


def rotation(stream: dict) -> int:
    """The turn a player applies, to the nearest quarter: 0, 90, 180 or 270 degrees."""
    turn = next((_number(side.get("rotation")) for side in stream.get("side_data_list") or []
                 if isinstance(side, dict) and _number(side.get("rotation")) is not None), None)
    if turn is None:
        turn = _number((stream.get("tags") or {}).get("rotate")) or 0.0
    quarters = round(turn / QUARTER_TURN_DEG)
    return quarters * QUARTER_TURN_DEG % FULL_TURN_DEG


def _fps(stream: dict) -> float:
    for key in ("avg_frame_rate", "r_frame_rate"):
        numerator, _, denominator = str(stream.get(key, "")).partition("/")
        top, bottom = _number(numerator), _number(denominator or "1")
        if top and bottom and top > 0 and bottom > 0:
            return top / bottom
    return DEFAULT_FPS


def _number(value) -> float | None:
    """ffprobe writes numbers as strings, and "N/A" where it does not know."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number == number and abs(number) != float("inf") else None
