"""Phone-like media made by Debian's ffmpeg for the media-copy tests and bench/transcode.py:
a test pattern with a tone (or a spoken WAV) at a phone's size, rate and bitrate, a phone's
rotation written as it writes it, and a voice note recorded too quietly."""
import re
import shutil
import subprocess
from pathlib import Path

import pytest

# H.264 at about a phone camera's rate (8 Mbit/s at 720p); ultrafast keeps making it cheap.
PHONE_CRF = 23
TONE_HZ = 440
LOUDNESS = re.compile(r"^\s*I:\s+(-?[\d.]+|-inf) LUFS", re.MULTILINE)


def require_ffmpeg() -> None:
    if shutil.which("ffmpeg") is None or shutil.which("ffprobe") is None:
        pytest.skip("ffmpeg not installed: `apt-get install ffmpeg` (.ci/run installs it)")


def phone_video(path: Path, seconds: float, width: int = 1280, height: int = 720, fps: int = 30,
                sound: bool = True, rotation_deg: int = 0, speech: Path | None = None, location: str = "") -> Path:
    """An MP4 as a phone writes it: H.264 and AAC, the picture stored `width` x `height` and
    turned by `rotation_deg` for display (written as the phone writes it: a display matrix),
    with the phone's GPS position (ISO 6709, "+06.4541+003.3947/") when `location` is given."""
    require_ffmpeg()
    inputs = ["-f", "lavfi", "-i", f"testsrc2=size={width}x{height}:rate={fps}"]
    if speech is not None:
        inputs += ["-stream_loop", "-1", "-i", str(speech)]
    elif sound:
        inputs += ["-f", "lavfi", "-i", f"sine=frequency={TONE_HZ}:sample_rate=48000"]
    audio = ["-c:a", "aac", "-b:a", "128k"] if sound or speech is not None else []
    plain = path.with_name(path.stem + "-plain.mp4") if rotation_deg else path
    tags = ["-metadata", f"location={location}"] if location else []
    _ffmpeg(*inputs, *tags, "-t", f"{seconds}", "-c:v", "libx264", "-preset", "ultrafast", "-crf", str(PHONE_CRF),
            "-pix_fmt", "yuv420p", *audio, "-shortest", str(plain))
    if rotation_deg:
        # ffmpeg 5 writes the display matrix when remuxing with this tag, as a phone's file has it.
        _ffmpeg("-i", str(plain), "-c", "copy", "-metadata:s:v:0", f"rotate={rotation_deg}", str(path))
        plain.unlink()
    return path


def quiet_voice_note(path: Path, speech: Path, gain_db: float = -30.0) -> Path:
    """`speech` as a WhatsApp voice note (Ogg Opus, mono) recorded far from the phone."""
    _ffmpeg("-i", str(speech), "-af", f"volume={gain_db}dB", "-c:a", "libopus", "-b:a", "32k", "-ac", "1",
            "-ar", "48000", str(path))
    return path


def integrated_loudness(path: Path) -> float:
    """EBU R128 integrated loudness in LUFS, as ffmpeg's ebur128 filter measures it."""
    require_ffmpeg()
    answer = subprocess.run(["ffmpeg", "-nostdin", "-hide_banner", "-i", str(path), "-af", "ebur128",
                             "-f", "null", "-"], capture_output=True, text=True, check=True)
    found = LOUDNESS.findall(answer.stderr)
    return float(found[-1]) if found else float("-inf")  # the summary comes last


def _ffmpeg(*args: str) -> None:
    subprocess.run(["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y", *args],
                   check=True, capture_output=True)
