"""Video transcode time per minute of phone video: Debian's ffmpeg making the thumbnail and the
low-bandwidth copy (core/media_plans.py) of generated phone-like videos, and the evened-out copy
of a voice note. Best of RUNS per row.

    .venv/bin/python -m bench.transcode [--seconds 60] [--runs 2] [--longest]

The sources are ffmpeg's testsrc2 pattern with a tone, H.264 at about a phone camera's bitrate:
720p and 1080p at 30 fps, 1080p at 60 fps, and a portrait 1080p stored sideways as phones write
it. The pattern moves everywhere in the frame, so it is harder to encode than a face against a
wall: real self-tapes should go a little faster. Other helpers load the same 2 cores while this
runs, so the figures are noisy; best of RUNS takes the least disturbed run.
"""
import argparse
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from bench.timing import best_of
from core.media import MB
from core.media_facts import facts_from_probe
from core.media_plans import LOW_VIDEO_MAX_BYTES, VIDEO_MAX_S, derivatives
from tests.unit.workers.media_samples import phone_video, quiet_voice_note
from workers.media_processing import ffmpeg_limit_s, probe, run_ffmpeg

RUNS = 2
SECONDS_PER_MINUTE = 60
# (name, stored width, stored height, fps, rotation)
PHONE_VIDEOS = (
    ("720p30", 1280, 720, 30, 0),
    ("1080p30", 1920, 1080, 30, 0),
    ("1080p60", 1920, 1080, 60, 0),
    ("1080p30 portrait", 1920, 1080, 30, 90),
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="length of each generated video")
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--longest", action="store_true",
                        help="also the longest video taken (VIDEO_MAX_S, at 360p): does its copy fit 16 MB?")
    args = parser.parse_args()
    if shutil.which("ffmpeg") is None:
        print("skipped: ffmpeg not installed (apt-get install ffmpeg)")
        return 0
    version = subprocess.run(["ffmpeg", "-version"], capture_output=True, text=True).stdout.split("\n")[0]
    print(f"{version}; {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} "
          f"(other work on these cores slows every row); best of {args.runs}")
    print(f"{'source':<18}{'source MB':>10}{'thumb s':>9}{'copy s':>8}{'copy MB':>9}{'copy kbit/s':>12}"
          f"{'of 16 MB':>9}{'s per min':>11}{'x real time':>13}")
    with tempfile.TemporaryDirectory(prefix="bench-transcode-") as folder:
        folder = Path(folder)
        for name, width, height, fps, rotation in PHONE_VIDEOS:
            source = phone_video(folder / f"{name.replace(' ', '-')}.mp4", args.seconds, width, height, fps,
                                 rotation_deg=rotation)
            _row(name, source, folder, args.runs)
        if args.longest:
            longest = phone_video(folder / "longest.mp4", VIDEO_MAX_S - 2, 640, 360, 30)
            _row(f"{VIDEO_MAX_S // SECONDS_PER_MINUTE} min 360p", longest, folder, 1)
        speech = _speech(folder, args.seconds)
        if speech is not None:
            _row("voice note", quiet_voice_note(folder / "voice.ogg", speech), folder, args.runs)
    return 0


def _row(name: str, source: Path, folder: Path, runs: int) -> None:
    facts = facts_from_probe(probe(source))
    seconds, sizes = {}, {}
    for plan in derivatives(facts):
        target = folder / f"out-{plan.kind}{plan.suffix}"
        argv = plan.argv(str(source), str(target))
        seconds[plan.kind], _ = best_of(lambda: run_ffmpeg(argv, ffmpeg_limit_s(plan, facts)), runs)
        sizes[plan.kind] = target.stat().st_size
    main_kind = "video_low" if "video_low" in seconds else "voice_normalised"
    total_s = sum(seconds.values())
    per_minute = total_s * SECONDS_PER_MINUTE / facts.duration_s
    kbps = sizes[main_kind] * 8 / facts.duration_s / 1000
    fits = "" if sizes[main_kind] <= LOW_VIDEO_MAX_BYTES else "  OVER 16 MB"
    thumb = f"{seconds['thumbnail']:.2f}" if "thumbnail" in seconds else "-"
    print(f"{name:<18}{source.stat().st_size / MB:>10.1f}{thumb:>9}"
          f"{seconds[main_kind]:>8.2f}{sizes[main_kind] / MB:>9.2f}{kbps:>12.0f}"
          f"{sizes[main_kind] / LOW_VIDEO_MAX_BYTES:>9.0%}{per_minute:>11.2f}"
          f"{facts.duration_s / total_s:>12.1f}x{fits}")


def _speech(folder: Path, seconds: float) -> Path | None:
    """About `seconds` of espeak-ng speech as a WAV, or None without espeak-ng."""
    if shutil.which("espeak-ng") is None:
        print("voice note row skipped: espeak-ng not installed")
        return None
    sentence = "Good morning, my name is Ada and I am reading for the part of the lawyer. "
    wav = folder / "speech.wav"
    subprocess.run(["espeak-ng", "-w", str(wav), sentence * max(1, int(seconds / 4.5))], check=True,
                   capture_output=True)
    return wav


if __name__ == "__main__":
    started = time.perf_counter()
    code = main()
    print(f"bench took {time.perf_counter() - started:.0f} s")
    raise SystemExit(code)
