"""The bus with its audit log: every command it carries out leaves one entry in `ops`.

A wrapper, so core/bus.py stays free of writes of its own; the entry is written after the
command succeeded (a refusal changed nothing, so there is nothing to audit)."""
import uuid

from core import scopes
from core.audit import ENTRY_PREFIX, audit_entry
from core.bus import MessageBus
from core.commands import Command


class AuditedBus:
    def __init__(self, bus: MessageBus):
        self._bus = bus
        self.services = bus.services

    async def handle(self, command: Command, channel: str = "system") -> str | None:
        ref = await self._bus.handle(command)
        at = self.services.clock.now()
        entry = audit_entry(command, ref, at, channel)
        # Time first so the log reads in order; the uuid keeps two entries of one instant apart.
        entry["_id"] = f"{ENTRY_PREFIX}{entry['at']}:{uuid.uuid4().hex}"
        await self.services.store.create(scopes.OPS, entry)
        return ref
