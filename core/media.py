"""Uploads: what each kind may be, judged from the bytes themselves, and the storage port.

Headshots, self-tapes, ID documents and the rest all go through one port; local files are the
embedded default (sync/media_files.py) and S3 comes with the media issue. The type is read
from the file's first bytes, not from what the phone claims, and each kind has its size limit.
"""
from abc import ABC, abstractmethod
from dataclasses import dataclass

from core.errors import Rejected

MB = 1024 * 1024


@dataclass(frozen=True)
class MediaKind:
    types: frozenset[str]
    max_bytes: int
    public: bool  # shown to every signed-in person (a headshot), or only to its owner (an ID)


MEDIA_KINDS = {
    "headshot": MediaKind(frozenset({"image/jpeg", "image/png", "image/webp"}), 5 * MB, True),
    "selfie": MediaKind(frozenset({"image/jpeg", "image/png"}), 5 * MB, False),
    "id_document": MediaKind(frozenset({"image/jpeg", "image/png", "application/pdf"}), 10 * MB, False),
    "voice_clip": MediaKind(frozenset({"audio/ogg", "audio/mpeg", "audio/mp4"}), 16 * MB, True),
    # WhatsApp's own limit for video is 16 MB; a showreel from a laptop may be longer.
    "showreel": MediaKind(frozenset({"video/mp4"}), 100 * MB, True),
    # Fountain is plain text, Final Draft (.fdx) is XML; a feature's PDF is rarely over 2 MB.
    "script": MediaKind(frozenset({"text/plain", "application/xml", "application/pdf"}), 20 * MB, False),
    # Made by the media worker from a self-tape's transcript (workers/transcription.py), shown as
    # the self-tape is; nobody uploads them (their text reads as plain text, which this refuses).
    "subtitles": MediaKind(frozenset({"text/vtt", "application/x-subrip"}), 1 * MB, True),
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
    allowed = MEDIA_KINDS.get(kind)
    if allowed is None:
        raise Rejected("We take uploads of: {kinds}.", kinds=", ".join(sorted(MEDIA_KINDS)))
    if size == 0:
        raise Rejected("The file is empty.")
    if size > allowed.max_bytes:
        raise Rejected("A {kind} can be at most {megabytes} MB.",
                       kind=kind.replace("_", " "), megabytes=allowed.max_bytes // MB)
    content_type = sniff(head)
    if content_type not in allowed.types:
        names = ", ".join(sorted(t.split("/")[1].upper() for t in allowed.types))
        raise Rejected("A {kind} must be one of: {file_types}. This file is not.",
                       kind=kind.replace("_", " "), file_types=names)
    return content_type


@dataclass(frozen=True)
class StoredMedia:
    media_id: str
    owner_id: str
    kind: str
    content_type: str
    size: int


class MediaStore(ABC):
    @abstractmethod
    async def save(self, owner_id: str, kind: str, content_type: str, data: bytes) -> StoredMedia: ...

    @abstractmethod
    async def load(self, media_id: str) -> tuple[StoredMedia, bytes] | None: ...

    @abstractmethod
    async def describe(self, media_id: str) -> StoredMedia | None:
        """What is stored under `media_id` (owner, kind, type, size), without its bytes."""


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
