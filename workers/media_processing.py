"""Copies of a kept self-tape made with Debian's ffmpeg: a video's thumbnail and low-bandwidth
copy (16 MB, plays over 2G), a voice note evened out to a common loudness.

The transcription job (workers/transcription.py) queues this once it has kept the file. The job
takes ids, reads the kept file's id from the application's transcript, asks ffprobe what the
file is, runs the ffmpeg commands core/media_plans.py writes (a list of arguments, never a shell
string, each with a timeout) in a folder of its own, keeps the outputs in the media store and
answers the core with AttachDerivedMedia. A file that can never be copied is an answer too;
only I/O failures and timeouts make RQ retry.
"""
import asyncio
import json
import subprocess
import tempfile
from pathlib import Path

import structlog
from redis import Redis
from rq import Queue, Retry
from rq.exceptions import DuplicateJobError

from core import scopes
from core.media import MB, MediaStore, StoredMedia
from core.media_derivatives import AttachDerivedMedia, derived_for
from core.media_facts import MediaFacts, Unplayable, facts_from_probe
from core.media_plans import LOW_VIDEO_MAX_BYTES, VIDEO_MAX_S, Derivative, derivatives
from core.transcripts import transcript_for
from workers import context, queues

log = structlog.get_logger()
QUEUE = queues.MEDIA
RETRY_INTERVALS_S = [10, 60, 300, 1800]
PROBE_LIMIT_S = 30
# ffmpeg's limit per file: a start-up allowance plus the media's own length. bench/transcode.py
# measures about 0.1 s per second of 720p phone video on two quiet cores and 0.5-0.7 s at 1080p
# on cores four other jobs share: real time leaves room for a loaded worker.
FFMPEG_START_S = 60
FFMPEG_S_PER_MEDIA_S = 1.0
STDERR_TAIL_CHARS = 2000
STORE_S = 300  # reading the self-tape from the media store and keeping the copies (S3 over a slow link)
# ffprobe, the thumbnail, the low copy of the longest video, and the media store.
JOB_TIMEOUT_S = PROBE_LIMIT_S + 2 * FFMPEG_START_S + int(VIDEO_MAX_S * FFMPEG_S_PER_MEDIA_S) + STORE_S
NOT_CONVERTED = "We could not convert this file: it may be damaged part of the way through."
PROBE = ("ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams")


class MediaToolFailed(Exception):
    """ffmpeg or ffprobe is missing or ran out of time: RQ tries the job again later."""


def processing_job_id(application_id: str, media_index: int) -> str:
    return queues.job_id("derive", f"{application_id}:{media_index}")


def queue_processing(redis: Redis, project_id: str, application_id: str, media_index: int) -> None:
    """Queue the copies of one kept self-tape: one job however often it is asked."""
    try:
        Queue(QUEUE, connection=redis).enqueue(
            process_self_tape, project_id, application_id, media_index,
            job_id=processing_job_id(application_id, media_index), unique=True, job_timeout=JOB_TIMEOUT_S,
            retry=Retry(max=len(RETRY_INTERVALS_S), interval=RETRY_INTERVALS_S),
        )
    except DuplicateJobError:
        pass  # queued, running or finished already; a late repeat finds the copies recorded


def process_self_tape(project_id: str, application_id: str, media_index: int) -> str:
    """Ids in; "derived", "refused", "done before" or "nothing kept" out, for the job's record."""
    return asyncio.run(_process(project_id, application_id, media_index))


async def _process(project_id: str, application_id: str, media_index: int) -> str:
    async with context.current().open_session() as session:
        application = await session.store.get(scopes.office_db(project_id), f"application:{application_id}")
        if application is None or derived_for(application, media_index) is not None:
            return "done before"
        media_id = (transcript_for(application, media_index) or {}).get("media_id")
        store = session.bus.services.media
        kept = await store.load(media_id) if store is not None and media_id else None
        if kept is None:
            return "nothing kept"
        command = await derive(application, media_index, *kept, store)
        await session.bus.handle(command)
        return "derived" if command.derived is not None else "refused"


async def derive(application: dict, media_index: int, source: StoredMedia, data: bytes,
                 store: MediaStore) -> AttachDerivedMedia:
    """The answer for one kept self-tape: the ids of its copies, or why none could be made."""
    try:
        made = await asyncio.to_thread(make_copies, data)
    except Unplayable as refusal:
        log.info("self_tape_not_copied", application_id=application["application_id"], media_index=media_index,
                 reason=refusal.reason)
        return _answer(application, media_index, source, None, refusal.reason)
    derived = {}
    for plan, output in made:
        kept = await store.save(source.owner_id, plan.kind, plan.content_type, output, derived_from=source.media_id)
        derived[plan.kind] = kept.media_id
    return _answer(application, media_index, source, derived, "")


def _answer(application: dict, media_index: int, source: StoredMedia, derived: dict[str, str] | None,
            reason: str) -> AttachDerivedMedia:
    return AttachDerivedMedia(application["project_id"], application["application_id"], application["person_id"],
                              media_index, source.media_id, derived, reason)


def make_copies(data: bytes) -> list[tuple[Derivative, bytes]]:
    """Each planned copy of the file and its bytes; Unplayable when ffprobe or ffmpeg cannot read it."""
    with tempfile.TemporaryDirectory(prefix="nollycrew-media-") as folder:
        source = Path(folder) / "source"
        source.write_bytes(data)
        facts = facts_from_probe(probe(source))
        made = []
        for plan in derivatives(facts):
            target = Path(folder) / f"{plan.kind}{plan.suffix}"
            run_ffmpeg(plan.argv(str(source), str(target)), ffmpeg_limit_s(plan, facts))
            output = target.read_bytes() if target.exists() else b""
            if not output:  # ffmpeg can succeed and write nothing: a seek past a video that ends early
                raise Unplayable(NOT_CONVERTED)
            if plan.kind == "video_low" and len(output) > LOW_VIDEO_MAX_BYTES:
                raise Unplayable("We could not make a copy of this video small enough for WhatsApp ({limit_mb} MB).",
                                 limit_mb=LOW_VIDEO_MAX_BYTES // MB)
            made.append((plan, output))
        return made


def probe(path: Path) -> dict:
    """ffprobe's JSON answer about the file; Unplayable when it cannot read the file at all."""
    answer = _run([*PROBE, str(path)], PROBE_LIMIT_S)
    if answer.returncode != 0:
        log.info("ffprobe_refused", stderr=answer.stderr[-STDERR_TAIL_CHARS:])
        raise Unplayable("This file is not a video or voice note we can play: it may be damaged or cut short.")
    return json.loads(answer.stdout or "{}")


def run_ffmpeg(argv: list[str], limit_s: float) -> None:
    answer = _run(argv, limit_s)
    if answer.returncode != 0:
        log.info("ffmpeg_refused", stderr=answer.stderr[-STDERR_TAIL_CHARS:])
        raise Unplayable(NOT_CONVERTED)


def ffmpeg_limit_s(plan: Derivative, facts: MediaFacts) -> float:
    """A thumbnail decodes a frame or two; a copy decodes and encodes the whole file."""
    if plan.kind == "thumbnail":
        return FFMPEG_START_S
    return FFMPEG_START_S + facts.duration_s * FFMPEG_S_PER_MEDIA_S


def _run(argv: list[str], limit_s: float) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(argv, capture_output=True, text=True, errors="replace", timeout=limit_s,
                              stdin=subprocess.DEVNULL, check=False)
    except FileNotFoundError:
        raise MediaToolFailed(f"{argv[0]} is not installed on this worker (Debian's ffmpeg package)") from None
    except subprocess.TimeoutExpired:
        raise MediaToolFailed(f"{argv[0]} ran past its {limit_s:.0f} s limit") from None
