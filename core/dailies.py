"""Dailies review: rushes the office uploads, a version per upload of a scene and take, and
time-coded notes kept on the version they were made on.

Documents in the office database: "dailies:<key>" for one label (a scene and take, "12A/3"),
its versions in upload order, each with its file and its comments; "dailies_reviewers", the
people outside the office whom the production invited to watch (the director's agent, an
investor, a distributor). Files are "dailies" media shared with the project; reviewers stream
them through links that die within 15 minutes (web/dailies_routes.py). Once the media worker has
heard a version it carries "subtitles" ({"srt", "vtt"} media ids) and "transcript"
(core/dailies_subtitles.py).
"""
import re

from core.errors import Rejected
from core.project_roles import sees_office

REVIEWERS_ID = "dailies_reviewers"
LABEL_MAX_CHARS = 40
NOTE_MAX_CHARS = 500
COMMENT_MAX_CHARS = 1000
COMMENTS_PER_VERSION_MAX = 500  # a long review session; the document stays well under 1 MB
VERSIONS_MAX = 50
REVIEWERS_MAX = 50
# Nigerian productions shoot PAL (25) or cinema (24); phones record 30 or 60. Frames in a
# timecode count at the version's rate; drop-frame timecode is not taken.
FRAME_RATES_FPS = (24, 25, 30, 50, 60)
DEFAULT_FRAME_RATE_FPS = 25
TIMECODE_MAX_S = 24 * 3600
TIMECODE = re.compile(r"(\d{1,2}):([0-5]\d):([0-5]\d)(?::(\d{1,2}))?")


def label_key(label: str) -> str:
    """The label as it goes in a document id and a URL: "12A/3" -> "12a-3"."""
    key = re.sub(r"[^a-z0-9]+", "-", label.strip().lower()).strip("-")
    if not key or len(label.strip()) > LABEL_MAX_CHARS:
        raise Rejected("Label dailies with the scene and take, like 12A/3, in at most {most} characters.",
                       most=LABEL_MAX_CHARS)
    return key


def dailies_doc_id(key: str) -> str:
    return f"dailies:{key}"


def check_frame_rate(fps: int) -> int:
    if fps not in FRAME_RATES_FPS:
        raise Rejected("The frame rate must be one of: {rates}.", rates=", ".join(map(str, FRAME_RATES_FPS)))
    return fps


def comment_time(at_s: float | None, timecode: str, fps: int) -> tuple[float, str]:
    """(seconds from the start, "HH:MM:SS:FF") from either: the timecode when given."""
    if timecode:
        match = TIMECODE.fullmatch(timecode.strip())
        if match is None:
            raise Rejected("A timecode is HH:MM:SS:FF, like 00:01:12:05, or seconds from the start.")
        hours, minutes, seconds, frames = (int(part or 0) for part in match.groups())
        if frames >= fps:
            raise Rejected("At {fps} frames a second the frames go from 00 to {last}.", fps=fps, last=fps - 1)
        at_s = hours * 3600 + minutes * 60 + seconds + frames / fps
    if at_s is None or not 0 <= at_s < TIMECODE_MAX_S:
        raise Rejected("Say where in the take the note is: seconds from the start, or HH:MM:SS:FF.")
    return round(at_s, 3), timecode_text(at_s, fps)


def timecode_text(at_s: float, fps: int) -> str:
    frames_total = int(at_s * fps + 1e-6)  # a frame starts at its time: never round up into the next
    seconds, frames = divmod(frames_total, fps)
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}:{frames:02d}"


def with_version(doc: dict, version: dict) -> dict | None:
    """The label's document with one more version; None when this intent added it already."""
    if any(v["source_intent"] == version["source_intent"] for v in doc["versions"]):
        return None
    cited = next((v for v in doc["versions"] if v["media_id"] == version["media_id"]), None)
    if cited is not None:
        raise Rejected("That file is already version {number} of {label}.", number=cited["number"],
                       label=doc["label"])
    if len(doc["versions"]) >= VERSIONS_MAX:
        raise Rejected("{label} has {most} versions already: label the next one as a new take.",
                       label=doc["label"], most=VERSIONS_MAX)
    return {**doc, "versions": [*doc["versions"], {**version, "number": len(doc["versions"]) + 1}]}


def find_version(doc: dict | None, label: str, number: int) -> dict:
    if doc is None:
        raise Rejected("No dailies are labelled {label} in this production.", label=label)
    version = next((v for v in doc["versions"] if v["number"] == number), None)
    if version is None:
        raise Rejected("{label} has no version {number}: the latest is version {latest}.",
                       label=doc["label"], number=number, latest=len(doc["versions"]))
    return version


def with_comment(doc: dict, number: int, comment: dict) -> dict | None:
    """The document with the comment on version `number`; None when this intent made it already."""
    versions = []
    for version in doc["versions"]:
        if version["number"] == number:
            comments = version.get("comments", [])
            if any(c["source_intent"] == comment["source_intent"] for c in comments):
                return None
            if len(comments) >= COMMENTS_PER_VERSION_MAX:
                raise Rejected("Version {number} of {label} has {most} comments; upload a new version to go on.",
                               number=number, label=doc["label"], most=COMMENTS_PER_VERSION_MAX)
            comments = sorted([*comments, comment], key=lambda c: (c["at_s"], c["at"]))
            version = {**version, "comments": comments}
        versions.append(version)
    return {**doc, "versions": versions}


def may_review(roles: set[str], person_id: str, reviewers: dict | None) -> bool:
    """The office and the people it invited watch and comment; cast and crew do not."""
    invited = {r["person_id"] for r in (reviewers or {}).get("people", [])}
    return sees_office(roles) or person_id in invited


def with_reviewer(reviewers: dict, reviewer: dict) -> dict | None:
    if any(r["person_id"] == reviewer["person_id"] for r in reviewers["people"]):
        return None
    if len(reviewers["people"]) >= REVIEWERS_MAX:
        raise Rejected("A production can invite at most {most} people to review dailies.", most=REVIEWERS_MAX)
    return {**reviewers, "people": [*reviewers["people"], reviewer]}
