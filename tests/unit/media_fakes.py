"""A media store in memory with the whole port (sources, sharing with projects, links), and a
bus that has it and the dailies handlers, for the media and dailies unit tests."""
import dataclasses
import itertools

from core.bus import MessageBus, Services
from core.handlers import COMMAND_HANDLERS, EVENT_HANDLERS
from core.handlers.dailies import DAILIES_HANDLERS
from core.media import LINK_MAX_S, MediaStore, StoredMedia
from tests.unit.fakes import FixedClock, MemoryOutbox, MemorySpaces, MemoryStore


class SharingMemoryMedia(MediaStore):
    def __init__(self):
        self.files: dict[str, tuple[StoredMedia, bytes]] = {}
        self.links: list[tuple[str, int]] = []
        self._ids = itertools.count(1)

    async def save(self, owner_id, kind, content_type, data, derived_from=None):
        media = StoredMedia(f"{next(self._ids):032x}", owner_id, kind, content_type, len(data), derived_from or "")
        self.files[media.media_id] = (media, data)
        return media

    async def load(self, media_id):
        return self.files.get(media_id)

    async def describe(self, media_id):
        found = self.files.get(media_id)
        return found[0] if found else None

    async def share_with_project(self, media_id, project_id):
        media, data = self.files[media_id]  # LookupError (KeyError) when missing, as the port says
        projects = tuple(sorted({*media.projects, project_id}))
        self.files[media_id] = (dataclasses.replace(media, projects=projects), data)

    async def link(self, media_id, expires_s=LINK_MAX_S):
        self.links.append((media_id, expires_s))
        return f"memory://{media_id}?expires_s={min(expires_s, LINK_MAX_S)}"


def make_media_bus() -> MessageBus:
    services = Services(store=MemoryStore(), spaces=MemorySpaces(), outbox=MemoryOutbox(), clock=FixedClock(),
                        media=SharingMemoryMedia())
    return MessageBus(services, {**COMMAND_HANDLERS, **DAILIES_HANDLERS}, EVENT_HANDLERS)
