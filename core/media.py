"""Uploads: what each kind may be, judged from the bytes themselves, and the storage port.

Headshots, self-tapes, dailies and the rest all go through one port: local files are the
embedded default (sync/media_files.py), S3 or any S3-compatible store the other
(sync/s3_media.py). The type is read from the file's first bytes, not from what the phone
claims, and each kind has its size limit. Who may see a file is core/media_access.py's rule.
"""
from abc import ABC, abstractmethod
from dataclasses import dataclass

from core.errors import Rejected

MB = 1024 * 1024
GB = 1024 * MB
# A link to a file (or for an upload) lasts at most this long: a forwarded link soon dies.
LINK_MAX_S = 900
SNIFF_BYTES = 512  # enough to tell a Fountain script (text) from binary

# Who may see a file of a kind (core/media_access.py applies these).
EVERYONE = "everyone"  # every signed-in person: a headshot
OWNER = "owner"  # its owner only: an ID document, a selfie, a script
SUBMITTED = "submitted"  # its owner and the office of each project it was submitted to: a self-tape
AS_SOURCE = "as_source"  # whoever may see the file it was made from (a thumbnail, a smaller video)


@dataclass(frozen=True)
class MediaKind:
    types: frozenset[str]
    max_bytes: int
    seen_by: str  # EVERYONE, OWNER, SUBMITTED or AS_SOURCE


MEDIA_KINDS = {
    "headshot": MediaKind(frozenset({"image/jpeg", "image/png", "image/webp"}), 5 * MB, EVERYONE),
    "selfie": MediaKind(frozenset({"image/jpeg", "image/png"}), 5 * MB, OWNER),
    "id_document": MediaKind(frozenset({"image/jpeg", "image/png", "application/pdf"}), 10 * MB, OWNER),
    # Self-tapes: a voice note and a video an applicant sends are for the productions applied to.
    "voice_clip": MediaKind(frozenset({"audio/ogg", "audio/mpeg", "audio/mp4"}), 16 * MB, SUBMITTED),
    # WhatsApp's own limit for video is 16 MB; a showreel from a laptop may be longer.
    "showreel": MediaKind(frozenset({"video/mp4"}), 100 * MB, SUBMITTED),
    # Fountain is plain text, Final Draft (.fdx) is XML; a feature's PDF is rarely over 2 MB.
    "script": MediaKind(frozenset({"text/plain", "application/xml", "application/pdf"}), 20 * MB, OWNER),
    # Made by the media worker from a self-tape's transcript (workers/transcription.py), shown as
    # the self-tape is; nobody uploads them (their text reads as plain text, which this refuses).
    "subtitles": MediaKind(frozenset({"text/vtt", "application/x-subrip"}), 1 * MB, AS_SOURCE),
    # Made by the ffmpeg worker from an upload: a still, a video small enough for WhatsApp and
    # 2G, a voice note at an even loudness. Each is seen by whoever sees its source.
    "thumbnail": MediaKind(frozenset({"image/jpeg"}), 1 * MB, AS_SOURCE),
    "video_low": MediaKind(frozenset({"video/mp4"}), 16 * MB, AS_SOURCE),
    "voice_normalised": MediaKind(frozenset({"audio/ogg"}), 16 * MB, AS_SOURCE),
    # Rushes from set: the office and the reviewers it invites (core/dailies.py), through links.
    # A day's card can be larger; one take's rushes at 1080p for review are well under 2 GB.
    "dailies": MediaKind(frozenset({"video/mp4"}), 2 * GB, SUBMITTED),
}

# The first bytes of each type we take (file signatures).
_SIGNATURES = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"%PDF-", "application/pdf"),
    (b"OggS", "audio/ogg"),
    (b"ID3", "audio/mpeg"),
    (b"\xff\xfb", "audio/mpeg"),
)


def sniff(head: bytes) -> str | None:
    """The content type the first bytes show, or None."""
    for signature, content_type in _SIGNATURES:
        if head.startswith(signature):
            return content_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"<?xml"):
        return "application/xml"
    if head[4:8] == b"ftyp":  # ISO media: M4A audio or MP4 video
        return "audio/mp4" if head[8:12] in (b"M4A ", b"M4B ") else "video/mp4"
    return "text/plain" if _is_text(head) else None


def _is_text(head: bytes) -> bool:
    """UTF-8 without control bytes other than tab, newlines and form feed (a screenplay's page
    break); the head may end inside a character, so its last three bytes may be cut."""
    if not head or any(byte < 32 and byte not in b"\t\n\r\x0c" for byte in head):
        return False
    for cut in range(4):
        try:
            head[: len(head) - cut].decode("utf-8")
            return True
        except UnicodeDecodeError:
            continue
    return False


def check_upload(kind: str, head: bytes, size: int) -> str:
    """The upload's content type, or a refusal that says what is wrong."""
    allowed = check_size(kind, size)
    content_type = sniff(head)
    if content_type not in allowed.types:
        _refuse_type(kind, allowed)
    return content_type


def check_declared(kind: str, content_type: str, size: int) -> MediaKind:
    """Before an upload link is made: the kind, the type and the size the phone declares. The
    bytes are still checked when the upload is complete (the phone may have been wrong)."""
    allowed = check_size(kind, size)
    if content_type not in allowed.types:
        _refuse_type(kind, allowed)
    return allowed


def check_size(kind: str, size: int) -> MediaKind:
    allowed = MEDIA_KINDS.get(kind)
    if allowed is None:
        raise Rejected("We take uploads of: {kinds}.", kinds=", ".join(sorted(MEDIA_KINDS)))
    if size == 0:
        raise Rejected("The file is empty.")
    if size > allowed.max_bytes:
        raise Rejected("A {kind} can be at most {megabytes} MB.",
                       kind=kind.replace("_", " "), megabytes=allowed.max_bytes // MB)
    return allowed


def _refuse_type(kind: str, allowed: MediaKind) -> None:
    names = ", ".join(sorted(t.split("/")[1].upper() for t in allowed.types))
    raise Rejected("A {kind} must be one of: {file_types}. This file is not.",
                   kind=kind.replace("_", " "), file_types=names)


@dataclass(frozen=True)
class StoredMedia:
    media_id: str
    owner_id: str
    kind: str
    content_type: str
    size: int
    derived_from: str = ""  # the upload this file was made from (a thumbnail's video)
    projects: tuple[str, ...] = ()  # projects it was submitted to: their offices may see it


class MediaStore(ABC):
    """Where uploads are kept. `save`, `load` and `describe` every store has; links, uploads
    straight to the store and sharing with a project are the media issue's, and a store (or a
    test's fake) without them says so when asked."""

    @abstractmethod
    async def save(self, owner_id: str, kind: str, content_type: str, data: bytes,
                   derived_from: str | None = None) -> StoredMedia:
        """Keep checked bytes. `derived_from`: the media id of the upload this was made from,
        whose access the new file follows."""

    @abstractmethod
    async def load(self, media_id: str) -> tuple[StoredMedia, bytes] | None: ...

    @abstractmethod
    async def describe(self, media_id: str) -> StoredMedia | None:
        """What is stored under `media_id` (owner, kind, type, size, projects), without its bytes."""

    async def share_with_project(self, media_id: str, project_id: str) -> None:
        """Record that the file was submitted to the project (an application cites it, dailies
        are uploaded to it): the project's office may see it from now on. Repeats change nothing;
        LookupError when there is no such file."""
        raise NotImplementedError(f"{type(self).__name__} cannot share files with a project")

    async def link(self, media_id: str, expires_s: int = LINK_MAX_S) -> str:
        """A URL that fetches the file without signing in, for at most LINK_MAX_S seconds.
        Whoever asks must have checked that the person may see the file."""
        raise NotImplementedError(f"{type(self).__name__} makes no links")

    async def upload_link(self, owner_id: str, kind: str, content_type: str, size: int) -> dict:
        """How the owner's phone sends a file of this kind straight to the store:
        {"media_id", "method", "url", "fields", "expires_s"}; Rejected for a kind, type or size
        the kind does not take. The upload is not kept until `complete_upload` has checked it."""
        raise NotImplementedError(f"{type(self).__name__} takes no direct uploads")

    async def complete_upload(self, owner_id: str, media_id: str) -> StoredMedia:
        """Check an upload sent through `upload_link` (type read from its first bytes, size):
        kept, or deleted and Rejected with the reason."""
        raise NotImplementedError(f"{type(self).__name__} takes no direct uploads")


async def require_own_upload(store: MediaStore | None, person_id: str, ref: str, kind: str, what: str) -> None:
    """A media id cited in a command must be this person's upload of that kind. Links (https)
    are taken as they are; a bus without a media store cannot check, and takes them too."""
    if store is None or ref.startswith("https://"):
        return
    media = await store.describe(ref)
    if media is None or media.owner_id != person_id:
        raise Rejected("We cannot find your {what} upload: please upload it again.", what=what)
    if media.kind != kind:
        raise Rejected("That upload is a {kind}; please upload your {what}.",
                       kind=media.kind.replace("_", " "), what=what)


async def share_uploads(store: MediaStore | None, project_id: str, *media_ids: str) -> None:
    """Files cited in a production's work (a self-tape and its subtitles on an application,
    dailies): from now on that production's office may see them. Links (https) and empty ids are
    not ours to share; a bus without a media store has nothing to record."""
    if store is None:
        return
    for media_id in media_ids:
        if media_id and not media_id.startswith("https://"):
            await store.share_with_project(media_id, project_id)
