"""The worker's answer about one self-tape: what was said in it, or why it cannot be transcribed.
The core hands the work over through core.transcripts.MediaWork."""
from dataclasses import dataclass

from core.commands import Command
from core.transcripts import Transcription


@dataclass(frozen=True)
class AttachTranscript(Command):
    """Write a transcript (or the reason there is none) onto the application, once per media item.

    `person_id` is the applicant's: the audit entry of this command holds what they said, and an
    erasure finds entries by the person ids they name. The segments stay in the subtitle files
    (`subtitles`: {"srt": media id, "vtt": media id}), so the transcription comes without them."""

    project_id: str
    application_id: str
    person_id: str
    media_index: int
    transcription: Transcription | None
    reason: str = ""
    media_id: str = ""  # the file as kept in the media store
    subtitles: dict[str, str] | None = None
