"""Transcripts of self-tapes: queued when an application with a voice note or a video arrives,
written onto the application (the office's copy and the applicant's) when the worker answers."""
from core import scopes
from core.bus import Result, Services
from core.handlers.self_tape_entries import write_entry_once
from core.media import share_uploads
from core.transcript_commands import AttachTranscript
from core.transcripts import refusal_entry, transcribable, transcript_entry, transcript_for


async def queue_transcriptions(services: Services, application: dict) -> None:
    """Hand each voice note and video of a new application to a worker. A retried application
    asks again, and the job id (the application's and the index's) makes it one job."""
    work = services.media_work  # the api's bus and unit tests' buses may have none
    if work is None:
        return  # the files stay links in the chat; nothing is lost but the words
    for index, item in transcribable(application.get("media", [])):
        if transcript_for(application, index) is None:
            await work.transcribe(application["project_id"], application["application_id"], index,
                                  item["content_type"])


async def attach_transcript(cmd: AttachTranscript, services: Services) -> Result:
    doc_id = f"application:{cmd.application_id}"
    office = scopes.office_db(cmd.project_id)
    application = await services.store.get(office, doc_id)
    if application is None or not 0 <= cmd.media_index < len(application.get("media", [])):
        return Result()  # withdrawn or erased while the worker listened: nothing to write on
    # The office's entry, once written, is the one both copies keep: a retry that crashed
    # between the two writes copies it rather than making a second one with a later time.
    entry = transcript_for(application, cmd.media_index) or _entry(cmd, services.clock.now().isoformat())
    # The kept self-tape and its subtitles become the project office's to play (core/media_access.py).
    await share_uploads(services.media, cmd.project_id, entry.get("media_id", ""), *entry.get("subtitles", {}).values())
    await write_entry_once(services, office, application, cmd.person_id, "transcripts", entry)
    return Result(ref=cmd.application_id)


def _entry(cmd: AttachTranscript, at: str) -> dict:
    if cmd.transcription is None:
        return refusal_entry(cmd.media_index, cmd.reason, at)
    return transcript_entry(cmd.media_index, cmd.transcription, at, cmd.media_id, cmd.subtitles)


TRANSCRIPT_HANDLERS = {AttachTranscript: attach_transcript}
