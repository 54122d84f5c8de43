"""The MediaStore port on local files: the embedded default (var/media)."""
import asyncio
import json
import uuid
from dataclasses import asdict
from pathlib import Path

from core.media import MediaStore, StoredMedia


class LocalMediaStore(MediaStore):
    def __init__(self, root: Path):
        self._root = root

    async def save(self, owner_id: str, kind: str, content_type: str, data: bytes) -> StoredMedia:
        media = StoredMedia(uuid.uuid4().hex, owner_id, kind, content_type, len(data))
        await asyncio.to_thread(self._write, media, data)
        return media

    async def load(self, media_id: str) -> tuple[StoredMedia, bytes] | None:
        return await asyncio.to_thread(self._read, media_id)

    async def describe(self, media_id: str) -> StoredMedia | None:
        return await asyncio.to_thread(self._describe, media_id)

    def _describe(self, media_id: str) -> StoredMedia | None:
        described = self._root / f"{media_id}.json"
        return StoredMedia(**json.loads(described.read_text())) if described.exists() else None

    def _write(self, media: StoredMedia, data: bytes) -> None:
        self._root.mkdir(parents=True, exist_ok=True)
        # Data first, its description last: a description always has its data.
        (self._root / media.media_id).write_bytes(data)
        (self._root / f"{media.media_id}.json").write_text(json.dumps(asdict(media)))

    def _read(self, media_id: str) -> tuple[StoredMedia, bytes] | None:
        media = self._describe(media_id)
        return None if media is None else (media, (self._root / media_id).read_bytes())
