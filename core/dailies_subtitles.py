"""Subtitles for dailies: what was said in a take, written once on the version it was heard in.

The upload handler (core/handlers/dailies.py) hands the version to the media worker through
core.transcripts.MediaWork.transcribe_dailies. The worker loads the take from the media store,
hears it with the self-tapes' speech backend, keeps SRT and VTT made from the take (so whoever may
play the take may read them, core/media_access.py) and answers with AttachDailiesSubtitles. A take
nobody speaks in, or one too long to hear, is an answer too: refused, with its reason.
"""
from dataclasses import dataclass

from core.commands import Command
from core.transcripts import DURATION_PLACES, TEXT_MAX_CHARS, Transcription, Untranscribable

# A take runs seconds to a few minutes; a long single-camera oner, a quarter of an hour. Half an
# hour heard by tiny.en at 5x real time (the bench's floor on two cores) is six minutes of CPU,
# well inside the job's transcription limit (config: transcription_limit_s, 15 minutes).
SPEECH_MAX_S = 30 * 60
NO_SPEECH = "Nobody speaks in this take, so it has no subtitles."
# Mute ("MOS") takes are common: inserts, drone shots, a second camera without a mic.
NO_SOUND = "This take has no sound track, so it has no subtitles."
TOO_LONG = "A take can be at most {limit_min} minutes long to be subtitled; this one runs {minutes} minutes."


@dataclass(frozen=True)
class AttachDailiesSubtitles(Command):
    """The media worker's answer for one version of a label: what was said (without segments:
    they live on in the subtitle files) and the SRT and VTT media ids, or None and the reason.
    `media_id` is the take the worker heard: an answer for another file writes nothing."""

    project_id: str
    key: str  # the label's key, core.dailies.label_key ("12a-3")
    version: int
    media_id: str
    transcription: Transcription | None
    reason: str = ""
    subtitles: dict[str, str] | None = None  # {"srt": media id, "vtt": media id}


def check_take(duration_s: float | None, has_sound: bool) -> None:
    """Untranscribable when the take has no sound track or runs past SPEECH_MAX_S; a length the
    container does not state (None) is left to the speech backend's own time limit."""
    if not has_sound:
        raise Untranscribable(NO_SOUND)
    if duration_s is not None and duration_s > SPEECH_MAX_S:
        raise Untranscribable(TOO_LONG, limit_min=SPEECH_MAX_S // 60, minutes=-(-int(duration_s) // 60))


def check_speech(transcription: Transcription) -> None:
    if not transcription.text.strip() or not transcription.segments:
        raise Untranscribable(NO_SPEECH)


def heard_entry(transcription: Transcription, at: str) -> dict:
    """The version's "transcript" when the take was heard. Every entry has the same keys, so a
    screen reads `status` and `reason` without asking which kind it has."""
    return {"status": "done", "text": transcription.text.strip()[:TEXT_MAX_CHARS],
            "language": transcription.language, "duration_s": round(transcription.duration_s, DURATION_PLACES),
            "model": transcription.model, "reason": "", "at": at}


def refused_entry(reason: str, at: str) -> dict:
    return {"status": "refused", "text": "", "language": "", "duration_s": None, "model": "", "reason": reason,
            "at": at}


def answer_entry(cmd: AttachDailiesSubtitles, at: str) -> tuple[dict, dict[str, str]]:
    """(transcript, subtitles) as the version keeps them; a refusal has no subtitles."""
    if cmd.transcription is None:
        return refused_entry(cmd.reason, at), {}
    return heard_entry(cmd.transcription, at), dict(cmd.subtitles or {})


def has_transcript(version: dict) -> bool:
    return "transcript" in version


def with_subtitles(doc: dict, number: int, media_id: str, transcript: dict, subtitles: dict[str, str]) -> dict | None:
    """The label's document with the worker's answer on version `number`; None when that version
    has an answer already (a retried job: the first one stands), is gone, or holds another file."""
    versions, changed = [], False
    for version in doc.get("versions", []):
        if version["number"] == number and version["media_id"] == media_id and not has_transcript(version):
            version, changed = {**version, "subtitles": subtitles, "transcript": transcript}, True
        versions.append(version)
    return {**doc, "versions": versions} if changed else None
