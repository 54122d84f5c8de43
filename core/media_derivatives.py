"""The files the media worker makes from a kept self-tape (a thumbnail and a low-bandwidth copy
of a video, an evened-out copy of a voice note), recorded on the application once per media item.

The worker answers with AttachDerivedMedia: the media ids it kept, or why it could not. The entry
sits beside the transcript of the same item (core/transcripts.py) under `derived_media`.
"""
from dataclasses import dataclass

from core.commands import Command

DERIVED_KINDS = ("thumbnail", "video_low", "voice_normalised")


@dataclass(frozen=True)
class AttachDerivedMedia(Command):
    """Write the derived files (or the reason there are none) onto the application, once.

    `person_id` is the applicant's, who owns the files; `derived` maps a media kind of
    DERIVED_KINDS to the media id kept for it, None when the worker refused the file."""

    project_id: str
    application_id: str
    person_id: str
    media_index: int
    source_media_id: str  # the self-tape as kept, which the files were made from
    derived: dict[str, str] | None
    reason: str = ""


def derived_entry(media_index: int, source_media_id: str, derived: dict[str, str], at: str) -> dict:
    return {"media_index": media_index, "status": "done", "source_media_id": source_media_id,
            "media": {kind: derived[kind] for kind in DERIVED_KINDS if kind in derived}, "at": at}


def derived_refusal_entry(media_index: int, source_media_id: str, reason: str, at: str) -> dict:
    """A self-tape no copy could be made of, with the reason a casting director reads."""
    return {"media_index": media_index, "status": "refused", "source_media_id": source_media_id,
            "reason": reason, "at": at}


def derived_for(application: dict, media_index: int) -> dict | None:
    return next((entry for entry in application.get("derived_media", []) if entry["media_index"] == media_index),
                None)
