"""Self-tapes transcribed in the background: the MediaWork port on RQ, and the job itself.

The job takes ids, reads the file's link from the application, fetches the file from the chat,
keeps it in the media store, hears it (faster-whisper, or the OpenAI API when configured), keeps
SRT and VTT subtitles beside it, and answers the core with AttachTranscript. A file that can
never be transcribed is an answer too (with its reason); only I/O failures make RQ retry.

Dailies take the same road from the media store (the office uploaded the take there): the job
hears it with the same backend, keeps subtitles derived from the take and answers with
AttachDailiesSubtitles (core/dailies_subtitles.py).
"""
import asyncio
import dataclasses
import io

import structlog
from redis import Redis
from rq import Queue, Retry
from rq.exceptions import DuplicateJobError

from config.settings import Settings
from core import scopes, subtitles
from core.dailies import dailies_doc_id
from core.dailies_subtitles import AttachDailiesSubtitles, check_speech, check_take, has_transcript
from core.media import MediaStore, StoredMedia
from core.transcript_commands import AttachTranscript
from core.transcripts import MediaWork, SpeechToText, Transcription, Untranscribable, media_kind, transcript_for
from workers import context, media_processing, queues
from workers.channel_media import ChatAccounts, fetch_chat_media

log = structlog.get_logger()
# Media work has its own queue and worker so no message waits behind a five-minute showreel.
QUEUE = queues.MEDIA
RETRY_INTERVALS_S = [10, 60, 300, 1800]
# Room around the transcription limit for the download, the media store and the answer.
FETCH_AND_STORE_S = 420
SUBTITLE_TYPES = {"srt": "application/x-subrip", "vtt": "text/vtt"}
SUBTITLES_KIND = "subtitles"


class RqMediaWork(MediaWork):
    def __init__(self, redis: Redis, limit_s: int = Settings.model_fields["transcription_limit_s"].default):
        self._queue, self._limit_s = Queue(QUEUE, connection=redis), limit_s

    async def transcribe(self, project_id: str, application_id: str, media_index: int, content_type: str) -> None:
        try:
            await asyncio.to_thread(
                self._queue.enqueue, transcribe_self_tape, project_id, application_id, media_index,
                job_id=transcript_job_id(application_id, media_index), unique=True,
                job_timeout=self._limit_s + FETCH_AND_STORE_S,
                retry=Retry(max=len(RETRY_INTERVALS_S), interval=RETRY_INTERVALS_S),
            )
        except DuplicateJobError:
            pass  # queued, running or finished already; a late repeat finds the transcript written

    async def transcribe_dailies(self, project_id: str, key: str, version: int) -> None:
        try:
            await asyncio.to_thread(
                self._queue.enqueue, subtitle_dailies, project_id, key, version,
                job_id=dailies_job_id(project_id, key, version), unique=True,
                job_timeout=self._limit_s + FETCH_AND_STORE_S,
                retry=Retry(max=len(RETRY_INTERVALS_S), interval=RETRY_INTERVALS_S),
            )
        except DuplicateJobError:
            pass  # queued, running or finished already; a late repeat finds the subtitles written


def transcript_job_id(application_id: str, media_index: int) -> str:
    return queues.job_id("transcript", f"{application_id}:{media_index}")


def transcribe_self_tape(project_id: str, application_id: str, media_index: int) -> str:
    """Ids in; "transcribed", "refused" or "done before" out, for the job's record."""
    settings = Settings()
    return asyncio.run(_transcribe(project_id, application_id, media_index, speech_from_settings(settings),
                                   ChatAccounts.from_settings(settings), settings.transcription_limit_s))


async def _transcribe(project_id: str, application_id: str, media_index: int, speech: SpeechToText,
                      accounts: ChatAccounts, limit_s: float) -> str:
    async with context.current().open_session() as session:
        application = await session.store.get(scopes.office_db(project_id), f"application:{application_id}")
        media = (application or {}).get("media", [])
        if application is None or not 0 <= media_index < len(media):
            return "done before"
        done = transcript_for(application, media_index)
        if done is None:
            command = await hear(application, media_index, session.bus.services.media, speech, accounts, limit_s)
            await session.bus.handle(command)
            kept_id, outcome = command.media_id, "transcribed" if command.transcription is not None else "refused"
        else:
            kept_id, outcome = done.get("media_id", ""), "done before"
        if kept_id:
            # The copies (thumbnail, low-bandwidth video, evened-out voice note) are a job of their
            # own. A retry queues it too, in case a worker died before this line: one job id, one job.
            await asyncio.to_thread(media_processing.queue_processing, context.current().redis, project_id,
                                    application_id, media_index)
        return outcome


async def hear(application: dict, media_index: int, store: MediaStore | None, speech: SpeechToText,
               accounts: ChatAccounts, limit_s: float) -> AttachTranscript:
    """The answer for one media item: its transcript with the kept file and subtitles, or why not."""
    item, owner = application["media"][media_index], application["person_id"]
    try:
        content_type = item["content_type"]
        data = await fetch_chat_media(item["url"], content_type, accounts)
        kept = await store.save(owner, media_kind(content_type), content_type, data) if store else None
        heard = await asyncio.to_thread(speech.transcribe, data, content_type, limit_s)
    except Untranscribable as refusal:
        log.info("self_tape_refused", application_id=application["application_id"], media_index=media_index,
                 reason=refusal.reason)
        return _answer(application, media_index, None, refusal.reason)
    subtitle_ids = await _keep_subtitles(store, owner, heard) if store and heard.segments else {}
    # The segments live on in the subtitle files; the command (and its audit entry) stays small.
    return _answer(application, media_index, dataclasses.replace(heard, segments=()), "",
                   kept.media_id if kept else "", subtitle_ids)


def _answer(application: dict, media_index: int, transcription: Transcription | None, reason: str,
            media_id: str = "", subtitle_ids: dict[str, str] | None = None) -> AttachTranscript:
    return AttachTranscript(application["project_id"], application["application_id"], application["person_id"],
                            media_index, transcription, reason, media_id, subtitle_ids)


async def _keep_subtitles(store: MediaStore, owner: str, heard: Transcription,
                          derived_from: str | None = None) -> dict[str, str]:
    texts = {"srt": subtitles.srt(heard.segments), "vtt": subtitles.vtt(heard.segments)}
    kept = {}
    for name, text in texts.items():
        kept[name] = (await store.save(owner, SUBTITLES_KIND, SUBTITLE_TYPES[name], text.encode(),
                                       derived_from=derived_from)).media_id
    return kept


def dailies_job_id(project_id: str, key: str, version: int) -> str:
    return queues.job_id("dailies-subtitles", f"{project_id}:{key}:{version}")


def subtitle_dailies(project_id: str, key: str, version: int) -> str:
    """Ids in; "transcribed", "refused", "done before" or "nothing kept" out, for the job's record."""
    settings = Settings()
    return asyncio.run(_subtitle_dailies(project_id, key, version, speech_from_settings(settings),
                                         settings.transcription_limit_s))


async def _subtitle_dailies(project_id: str, key: str, version: int, speech: SpeechToText, limit_s: float) -> str:
    async with context.current().open_session() as session:
        doc = await session.store.get(scopes.office_db(project_id), dailies_doc_id(key))
        found = next((v for v in (doc or {}).get("versions", []) if v["number"] == version), None)
        if found is None or has_transcript(found):
            return "done before"
        store = session.bus.services.media
        kept = await store.load(found["media_id"]) if store is not None else None
        if kept is None:
            return "nothing kept"  # erased with its owner's data since the upload
        command = await hear_dailies(project_id, key, version, *kept, store, speech, limit_s)
        await session.bus.handle(command)
        return "transcribed" if command.transcription is not None else "refused"


async def hear_dailies(project_id: str, key: str, version: int, take: StoredMedia, data: bytes, store: MediaStore,
                       speech: SpeechToText, limit_s: float) -> AttachDailiesSubtitles:
    """The answer for one take: what was said and its subtitles (kept as the take's own, so
    whoever may play the take may read them), or why there are none."""
    try:
        check_take(*await asyncio.to_thread(take_facts, data))
        heard = await asyncio.to_thread(speech.transcribe, data, take.content_type, limit_s)
        check_speech(heard)
    except Untranscribable as refusal:
        log.info("dailies_not_subtitled", project_id=project_id, key=key, version=version, reason=refusal.reason)
        return AttachDailiesSubtitles(project_id, key, version, take.media_id, None, refusal.reason)
    subtitle_ids = await _keep_subtitles(store, take.owner_id, heard, derived_from=take.media_id)
    return AttachDailiesSubtitles(project_id, key, version, take.media_id, dataclasses.replace(heard, segments=()),
                                  "", subtitle_ids)


def take_facts(data: bytes) -> tuple[float | None, bool]:
    """(how long the file runs, whether it has a sound track) as its container says, read without
    decoding it. A length the container does not state is None; a file it cannot read at all is
    (None, True), so the speech backend says what is wrong with it."""
    import av  # faster-whisper's own decoder; the api process, which imports this module, never needs it

    try:
        with av.open(io.BytesIO(data)) as container:
            seconds = container.duration / av.time_base if container.duration else None
            return seconds, bool(container.streams.audio)
    except av.error.FFmpegError:
        return None, True


def speech_from_settings(settings: Settings) -> SpeechToText:
    """The OpenAI API when its base URL is set, else Whisper on this machine."""
    if settings.transcription_api_base_url:
        from workers.openai_speech import OpenAISpeechToText

        return OpenAISpeechToText(settings.transcription_api_base_url,
                                  settings.transcription_api_key.get_secret_value(), settings.transcription_api_model)
    from workers.whisper_speech import WhisperSpeechToText  # CTranslate2 loads only where it is used

    return WhisperSpeechToText(settings.whisper_model_dir, settings.whisper_cpu_threads, settings.whisper_compute_type)
