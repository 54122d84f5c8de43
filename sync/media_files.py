"""The MediaStore port on local files: the embedded default (var/media).

Each file is `<media_id>` with its description `<media_id>.json` beside it; the projects it was
submitted to are empty marker files in `<media_id>.projects/`, one per project, so two processes
sharing a file with two productions at once cannot lose one. Links are our own URL,
/media/<id>?expires=..&sig=.., signed with HMAC so the api can serve them without a sign-in.
"""
import asyncio
import hashlib
import hmac
import json
import re
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from core.errors import Rejected
from core.media import LINK_MAX_S, MediaStore, StoredMedia, check_declared

MEDIA_ID = re.compile(r"[a-f0-9]{32}")
PROJECT_ID = re.compile(r"[a-z0-9_-]{1,80}")


class LocalMediaStore(MediaStore):
    def __init__(self, root: Path, link_secret: str = "", public_url: str = "",
                 clock: Callable[[], float] = time.time):
        """`link_secret` signs links (none: this store makes no links); `public_url` is put in
        front of them (none: links are paths on the api that serves them)."""
        self._root, self._secret, self._public_url, self._clock = root, link_secret.encode(), public_url, clock

    async def save(self, owner_id: str, kind: str, content_type: str, data: bytes,
                   derived_from: str | None = None) -> StoredMedia:
        media = StoredMedia(uuid.uuid4().hex, owner_id, kind, content_type, len(data), derived_from or "")
        await asyncio.to_thread(self._write, media, data)
        return media

    async def load(self, media_id: str) -> tuple[StoredMedia, bytes] | None:
        return await asyncio.to_thread(self._read, media_id)

    async def describe(self, media_id: str) -> StoredMedia | None:
        return await asyncio.to_thread(self._describe, media_id)

    async def share_with_project(self, media_id: str, project_id: str) -> None:
        if not PROJECT_ID.fullmatch(project_id):
            raise ValueError(f"not a project id: {project_id!r}")
        await asyncio.to_thread(self._share, media_id, project_id)

    async def link(self, media_id: str, expires_s: int = LINK_MAX_S) -> str:
        if not self._secret:
            raise NotImplementedError("this local media store has no link secret, so it makes no links")
        expires = int(self._clock()) + max(1, min(expires_s, LINK_MAX_S))
        return f"{self._public_url}/media/{media_id}?expires={expires}&sig={self._signature(media_id, expires)}"

    def link_is_good(self, media_id: str, expires: str, sig: str) -> bool:
        """A link this store made for this file, not yet expired."""
        if not self._secret or not expires.isdigit() or len(expires) > 12:
            return False
        left_s = int(expires) - self._clock()
        if not 0 <= left_s <= LINK_MAX_S:
            return False
        return hmac.compare_digest(sig, self._signature(media_id, int(expires)))

    async def upload_link(self, owner_id: str, kind: str, content_type: str, size: int) -> dict:
        """Local files are uploaded through the api itself, which checks them on the way in."""
        check_declared(kind, content_type, size)
        return {"media_id": "", "method": "POST", "url": f"{self._public_url}/media/{kind}", "fields": {},
                "expires_s": LINK_MAX_S}

    async def complete_upload(self, owner_id: str, media_id: str) -> StoredMedia:
        media = await self.describe(media_id)
        if media is None or media.owner_id != owner_id:
            raise Rejected("We cannot find that upload: please send the file again.")
        return media  # checked when it arrived (web/media_routes.py)

    def path_of(self, media_id: str) -> Path | None:
        """The file itself, for the api to stream (with byte ranges, as video players ask)."""
        path = self._root / media_id
        return path if MEDIA_ID.fullmatch(media_id) and path.exists() else None

    def _signature(self, media_id: str, expires: int) -> str:
        return hmac.new(self._secret, f"media-link:{media_id}:{expires}".encode(), hashlib.sha256).hexdigest()

    def _describe(self, media_id: str) -> StoredMedia | None:
        if not MEDIA_ID.fullmatch(media_id):
            return None  # ids come from intents too: never a path outside the store
        described = self._root / f"{media_id}.json"
        if not described.exists():
            return None
        shared = self._root / f"{media_id}.projects"
        projects = tuple(sorted(p.name for p in shared.iterdir())) if shared.is_dir() else ()
        return StoredMedia(**{**json.loads(described.read_text()), "projects": projects})

    def _write(self, media: StoredMedia, data: bytes) -> None:
        self._root.mkdir(parents=True, exist_ok=True)
        # Data first, its description last: a description always has its data.
        (self._root / media.media_id).write_bytes(data)
        description = {key: value for key, value in asdict(media).items() if key != "projects"}
        (self._root / f"{media.media_id}.json").write_text(json.dumps(description))

    def _read(self, media_id: str) -> tuple[StoredMedia, bytes] | None:
        media = self._describe(media_id)
        return None if media is None else (media, (self._root / media_id).read_bytes())

    def _share(self, media_id: str, project_id: str) -> None:
        if self._describe(media_id) is None:
            raise LookupError(f"no media {media_id!r} to share")
        shared = self._root / f"{media_id}.projects"
        shared.mkdir(exist_ok=True)
        (shared / project_id).touch()
