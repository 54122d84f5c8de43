"""The bus the staff-chat tests run on: make_bus's, with the staff handlers and in-memory
StaffReads and BroadcastBatches (Services carries them once config/bootstrap.py wires them)."""
from datetime import datetime

from core import scopes
from core.bus import MessageBus
from core.handlers import COMMAND_HANDLERS, EVENT_HANDLERS
from core.handlers.admin_chat import ADMIN_CHAT_HANDLERS
from core.handlers.crew_calls import CREW_CALL_HANDLERS
from core.handlers.project_threads import THREAD_HANDLERS
from core.staff_chat_commands import BroadcastBatches, StaffReads
from tests.unit.core.handlers.failed_job_fakes import MemoryFailedJobs
from tests.unit.fakes import FixedClock, MemorySpaces, MemoryStore, make_bus

STAFF_HANDLERS = {**CREW_CALL_HANDLERS, **ADMIN_CHAT_HANDLERS, **THREAD_HANDLERS}


class MemoryStaffReads(StaffReads):
    def __init__(self, store: MemoryStore, spaces: MemorySpaces):
        self._store, self._spaces = store, spaces

    async def office_projects(self, person_id: str) -> list[str]:
        roles = self._spaces.accounts.get(person_id, set())
        return sorted(role.removeprefix("project_").removesuffix(":office") for role in roles
                      if role.startswith("project_") and role.endswith(":office"))

    async def project_bookings(self, project_id: str) -> list[dict]:
        return self._store.docs(scopes.project_db(project_id), "booking:")

    async def project_team(self, project_id: str) -> list[dict]:
        return self._store.docs(scopes.office_db(project_id), "team:")

    async def person_cards(self) -> list[dict]:
        return self._store.docs(scopes.DIRECTORY, "person:")

    async def job_posts(self) -> list[dict]:
        return self._store.docs(scopes.DIRECTORY, "job_post:")

    async def messages_since(self, since: str) -> list[dict]:
        start = datetime.fromisoformat(since)
        return [doc for doc in self._store.docs(scopes.OPS, "message:")
                if doc.get("created_at") and datetime.fromisoformat(doc["created_at"]) >= start]

    async def disputes(self) -> list[dict]:
        return self._store.docs(scopes.OPS, "escrow_dispute:")


class MemoryBroadcastBatches(BroadcastBatches):
    def __init__(self):
        self.scheduled: list[tuple[str, int, int]] = []

    async def schedule(self, broadcast_id: str, batch: int, delay_s: int) -> None:
        if (broadcast_id, batch, delay_s) not in self.scheduled:  # as RQ's fixed job id
            self.scheduled.append((broadcast_id, batch, delay_s))


def with_staff(plain: MessageBus) -> MessageBus:
    services = plain.services
    services.staff_reads = MemoryStaffReads(services.store, services.spaces)
    services.broadcast_batches = MemoryBroadcastBatches()
    services.failed_jobs = MemoryFailedJobs()
    return MessageBus(services, COMMAND_HANDLERS, EVENT_HANDLERS)


def make_staff_bus(now: datetime | None = None) -> MessageBus:
    return with_staff(make_bus(clock=FixedClock(now) if now else None))
