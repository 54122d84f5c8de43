"""Commands of the dailies review (core/dailies.py) and the parsers of the intents that ask for them.

The office uploads (an office intent); anyone who may review comments from their own database
(a user intent naming the project), since invited reviewers cannot write in the office's.
core/intents.py wires INTENT_PARSERS.
"""
from dataclasses import dataclass
from typing import TYPE_CHECKING

from core.commands import Command
from core.dailies import DEFAULT_FRAME_RATE_FPS, TIMECODE_MAX_S

if TYPE_CHECKING:
    from core.intents import _Fields


@dataclass(frozen=True)
class UploadDailies(Command):
    """A producer's rushes for one scene and take: a new version each time the label returns."""

    intent_id: str
    project_id: str
    by: str
    media_id: str  # a "dailies" upload of `by`
    label: str  # scene and take, "12A/3"
    note: str = ""
    frame_rate_fps: int = DEFAULT_FRAME_RATE_FPS


@dataclass(frozen=True)
class CommentOnDailies(Command):
    intent_id: str
    person_id: str
    project_id: str
    label: str
    version: int
    text: str
    at_s: float | None = None  # seconds from the start of the take...
    timecode: str = ""  # ...or "HH:MM:SS:FF" at the version's frame rate (this wins when both come)


@dataclass(frozen=True)
class InviteDailiesReviewer(Command):
    intent_id: str
    project_id: str
    by: str
    person_id: str


@dataclass(frozen=True)
class RemoveDailiesReviewer(Command):
    """The invitation taken back: no more links, no more comments (those made stay)."""

    intent_id: str
    project_id: str
    by: str
    person_id: str


def _dailies_upload(intent_id: str, project_id: str, f: "_Fields") -> Command:
    return UploadDailies(intent_id, project_id, f.author(), f.text("media_id"), f.text("label"), f.text("note", ""),
                         f.integer("frame_rate_fps", DEFAULT_FRAME_RATE_FPS))


def _dailies_comment(intent_id: str, person_id: str, f: "_Fields") -> Command:
    timecode = f.text("timecode", "")
    at_s = None if timecode else f.number("at_s", 0, TIMECODE_MAX_S)
    return CommentOnDailies(intent_id, person_id, f.text("project_id"), f.text("label"), f.integer("version"),
                            f.text("text"), at_s, timecode)


def _dailies_reviewer_invite(intent_id: str, project_id: str, f: "_Fields") -> Command:
    return InviteDailiesReviewer(intent_id, project_id, f.author(), f.text("person_id"))


def _dailies_reviewer_remove(intent_id: str, project_id: str, f: "_Fields") -> Command:
    return RemoveDailiesReviewer(intent_id, project_id, f.author(), f.text("person_id"))


# Intent type -> (kind of database it is written in, parser); core/intents.py wires these.
INTENT_PARSERS = {
    "dailies_upload": ("office", _dailies_upload),
    "dailies_comment": ("user", _dailies_comment),
    "dailies_reviewer_invite": ("office", _dailies_reviewer_invite),
    "dailies_reviewer_remove": ("office", _dailies_reviewer_remove),
}
