"""Steps the dailies and self-tape browser tests share: the api on a port chosen before it starts
(so the media store's signed links, made from the public address, point at it), generated video
made with Debian's ffmpeg, and a producer's project seeded through the bus."""
import socket
import subprocess
import uuid
from pathlib import Path

import pytest

from core.commands import CreateProject

FFMPEG_LIMIT_S = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def new_phone() -> str:
    return "+23480" + str(uuid.uuid4().int)[:8]


def pattern_mp4(path: Path, seconds: int, width: int = 320, height: int = 240, fps: int = 25) -> Path:
    """A few seconds of ffmpeg's test pattern with a tone, as H.264 and AAC in MP4 (moov first)."""
    if not any((Path(folder) / "ffmpeg").exists() for folder in ("/usr/bin", "/usr/local/bin")):
        pytest.skip("Debian's ffmpeg is not installed: apt-get install ffmpeg")
    subprocess.run([
        "ffmpeg", "-v", "error", "-y",
        "-f", "lavfi", "-i", f"testsrc=duration={seconds}:size={width}x{height}:rate={fps}",
        "-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}", "-c:v", "libx264", "-pix_fmt", "yuv420p",
        "-profile:v", "main", "-c:a", "aac", "-shortest", "-movflags", "+faststart", str(path),
    ], check=True, timeout=FFMPEG_LIMIT_S, capture_output=True)
    return path


def poster_jpeg(video: Path, path: Path) -> Path:
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-ss", "1", "-i", str(video), "-frames:v", "1", str(path)],
                   check=True, timeout=FFMPEG_LIMIT_S, capture_output=True)
    return path


async def seed_project(bus, producer_id: str, title: str) -> str:
    return await bus.handle(CreateProject(f"project_request:{uuid.uuid4().hex}", producer_id, title))


async def docs(couch, db: str, prefix: str) -> list[dict]:
    return [dict(doc.data) async for doc in couch.database(db).docs(prefix=prefix)]


async def wait_until_ready(video, least_ready_state: int = 2) -> float:
    """Plays the (muted) video until the browser has a frame to show; its currentTime then."""
    return await video.evaluate("""(video, least) => new Promise((done, failed) => {
        video.muted = true;
        const check = () => video.readyState >= least && done(video.currentTime);
        video.addEventListener('error', () => failed(new Error('media error ' + (video.error && video.error.code))));
        ['loadeddata', 'canplay', 'timeupdate'].forEach((name) => video.addEventListener(name, check));
        if (video.readyState === 0) { video.load(); }
        video.play().catch(() => {});
        check();
    })""", least_ready_state)
