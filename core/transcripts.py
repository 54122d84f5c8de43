"""Transcripts of self-tapes: which files are transcribed, the limits a downloaded file must keep,
the shape a transcript takes on an application, and the word error rate a model is judged by.

The work itself (fetching the file from the chat, running Whisper) belongs to the media workers:
the core hands it over through `MediaWork` and the worker answers with AttachTranscript
(core/transcript_commands.py). A voice note with nobody speaking is still an answer (an empty
transcript); a file that can never be transcribed is an answer too, with its reason.
"""
import re
import unicodedata
from abc import ABC, abstractmethod
from dataclasses import dataclass

from core.errors import Rejected
from core.media import MB, MEDIA_KINDS

TRANSCRIBABLE = ("audio/", "video/")
# A voice note keeps the voice clip's upload limit, a video the showreel's (core/media.py).
MEDIA_KIND_BY_PREFIX = {"audio/": "voice_clip", "video/": "showreel"}
# A self-tape runs a few minutes; an hour of speech is about 60,000 characters. The subtitles
# keep every word; the text on the application is what a search needs.
TEXT_MAX_CHARS = 60_000
SEGMENTS_MAX = 2_000
DURATION_PLACES = 2  # seconds kept to the hundredth: subtitles need no finer


class Untranscribable(Rejected):
    """A file the worker can never turn into words (too large, gone from the chat, not audio).
    Its reason is written on the application for the casting director, not sent in a chat, so it
    is not one of the refusals a chat catalog translates."""


@dataclass(frozen=True)
class Segment:
    start_s: float
    end_s: float
    text: str


@dataclass(frozen=True)
class Transcription:
    """What a speech-to-text backend heard in one file."""

    text: str
    language: str
    duration_s: float
    model: str
    segments: tuple[Segment, ...] = ()


class SpeechToText(ABC):
    """A speech-to-text backend: faster-whisper on the worker's CPU, or an OpenAI-compatible API."""

    @abstractmethod
    def transcribe(self, audio: bytes, content_type: str, limit_s: float) -> Transcription:
        """The words in `audio`; Untranscribable when the file holds no sound we can decode or
        when hearing it would take longer than `limit_s`."""


class MediaWork(ABC):
    """Hands the media's slow work to a worker. The job reads the file's link from the
    application itself, so a job queued for a file the applicant has since replaced does nothing."""

    @abstractmethod
    async def transcribe(self, project_id: str, application_id: str, media_index: int, content_type: str) -> None:
        """Queue the transcription of the application's media item `media_index`: once per
        application and index, however often it is asked."""

    @abstractmethod
    async def transcribe_dailies(self, project_id: str, key: str, version: int) -> None:
        """Queue the subtitles of version `version` of the dailies labelled `key`
        (core/dailies_subtitles.py): once per project, label and version, however often it is
        asked. The job reads the version's file from the label's document itself."""


def transcribable(media: list[dict]) -> list[tuple[int, dict]]:
    """(index, item) of each voice note or video among an application's media."""
    return [(index, item) for index, item in enumerate(media)
            if str(item.get("content_type", "")).startswith(TRANSCRIBABLE)]


def media_kind(content_type: str) -> str:
    """The media kind (core/media.py) whose limits a file of this type keeps."""
    for prefix, kind in MEDIA_KIND_BY_PREFIX.items():
        if content_type.startswith(prefix):
            return kind
    raise Untranscribable("Only voice notes and videos are transcribed; this file is {content_type}.",
                          content_type=content_type or "of no stated type")


def max_bytes(content_type: str) -> int:
    return MEDIA_KINDS[media_kind(content_type)].max_bytes


def check_size(content_type: str, size_bytes: int, whole: bool = True) -> None:
    """Untranscribable when the file is empty or over its kind's upload limit. `whole` False:
    `size_bytes` is what was read before the limit stopped the download, not the file's size."""
    if size_bytes <= 0 and whole:
        raise Untranscribable("The file from the chat is empty.")
    limit = max_bytes(content_type)
    if size_bytes <= limit:
        return
    what = "voice note" if media_kind(content_type) == "voice_clip" else "video"
    if not whole:
        raise Untranscribable("A {what} can be at most {limit_mb} MB to be transcribed; this one is larger.",
                              what=what, limit_mb=limit // MB)
    raise Untranscribable("A {what} can be at most {limit_mb} MB to be transcribed; this one is {size_mb} MB.",
                          what=what, limit_mb=limit // MB, size_mb=-(-size_bytes // MB))


def transcript_entry(media_index: int, transcription: Transcription, at: str, media_id: str = "",
                     subtitles: dict[str, str] | None = None) -> dict:
    """A transcript as kept on the application: text, language, duration_s, model, at, plus
    the stored file and its subtitle files (media ids) when the worker kept them."""
    return {
        "media_index": media_index,
        "status": "done",
        "text": transcription.text.strip()[:TEXT_MAX_CHARS],
        "language": transcription.language,
        "duration_s": round(transcription.duration_s, DURATION_PLACES),
        "model": transcription.model,
        "at": at,
        "media_id": media_id,
        "subtitles": dict(subtitles or {}),
    }


def refusal_entry(media_index: int, reason: str, at: str) -> dict:
    """A file that can never be transcribed, with the reason a casting director reads."""
    return {"media_index": media_index, "status": "refused", "reason": reason, "at": at}


def transcript_for(application: dict, media_index: int) -> dict | None:
    return next((entry for entry in application.get("transcripts", []) if entry["media_index"] == media_index), None)


def words(text: str) -> list[str]:
    """The words a transcript is judged on: lowercase, without punctuation or apostrophes, so
    "Scene 12," and "scene 12" are the same two words, as they are to a casting director."""
    folded = unicodedata.normalize("NFKC", text).casefold().replace("'", "").replace("\u2019", "")
    return re.findall(r"\w+", folded)


def word_error_rate(reference: str, hypothesis: str) -> float:
    """(substitutions + deletions + insertions) / words in the reference, by edit distance over
    words. An empty reference scores 0 against an empty hypothesis and 1 against anything else."""
    said, heard = words(reference), words(hypothesis)
    if not said:
        return 0.0 if not heard else 1.0
    previous = list(range(len(heard) + 1))
    for i, word in enumerate(said, start=1):
        current = [i]
        for j, other in enumerate(heard, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (word != other)))
        previous = current
    return previous[-1] / len(said)
