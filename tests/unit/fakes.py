"""In-memory adapters for the ports in core/ports.py: unit tests run the real bus on these.

They copy what the CouchDB adapters do where a handler could tell the difference: documents
go through JSON (no dates or tuples survive), every write gets a new `_rev`, a create of an
existing id returns what is stored, a create drops a `_rev` the document brought from
another database, as sync/store.py does, and an update whose `_rev` went stale in between
conflicts and is applied again to the stored document. Each call yields to the event loop,
as a request would, so concurrent commands interleave.
"""
import asyncio
import hashlib
import json
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

from core import scopes
from core.bus import MessageBus, Services
from core.handlers import COMMAND_HANDLERS, EVENT_HANDLERS
from core.ports import Clock, Doc, DocumentStore, OutboundMessage, Outbox, Spaces

LAGOS = timezone(timedelta(hours=1), "WAT")
DEFAULT_NOW = datetime(2026, 11, 20, 9, 0, tzinfo=LAGOS)
MAX_CONFLICT_RETRIES = 20  # as sync/store.py


class KeptChanging(Exception):
    """An update that conflicted MAX_CONFLICT_RETRIES times, as the real store gives up."""


class MemoryStore(DocumentStore):
    def __init__(self):
        self.databases: dict[str, dict[str, Doc]] = {}
        self.conflicts: dict[str, int] = {}  # per database: writes refused for a stale _rev

    async def get(self, db: str, doc_id: str) -> Doc | None:
        await asyncio.sleep(0)
        stored = self.databases.get(db, {}).get(doc_id)
        return _copy(stored) if stored is not None else None

    async def create(self, db: str, doc: Doc) -> Doc:
        await asyncio.sleep(0)
        docs = self.databases.setdefault(db, {})
        if doc["_id"] in docs:
            return _copy(docs[doc["_id"]])
        docs[doc["_id"]] = _with_rev(doc, 1)
        return _copy(docs[doc["_id"]])

    async def update(
        self, db: str, doc_id: str, change: Callable[[Doc], Doc | None], current: Doc | None = None
    ) -> Doc:
        held = _copy(current) if current else None
        self.conflicts.setdefault(db, 0)
        for _ in range(MAX_CONFLICT_RETRIES):
            await asyncio.sleep(0)
            if held is None:
                if doc_id not in self.databases.get(db, {}):
                    raise LookupError(f"{db}/{doc_id} does not exist")
                held = _copy(self.databases[db][doc_id])
            wanted = change(_copy(held))
            if wanted is None:
                return held  # as the real one: the copy it held, even a stale one the caller gave
            await asyncio.sleep(0)  # the write is a second request: someone may write in between
            stored = self.databases.get(db, {}).get(doc_id)
            if stored is None or stored["_rev"] != held["_rev"]:
                self.conflicts[db] += 1  # a 409: read the stored one and apply the change to it
                held = None
                continue
            generation = int(stored["_rev"].split("-")[0]) + 1
            self.databases[db][doc_id] = _with_rev({**wanted, "_id": doc_id}, generation)
            return _copy(self.databases[db][doc_id])
        raise KeptChanging(f"{db}/{doc_id} kept changing under us")

    def docs(self, db: str, prefix: str = "") -> list[Doc]:
        """Every document of `db` whose id starts with `prefix`, for assertions."""
        return [_copy(doc) for doc_id, doc in sorted(self.databases.get(db, {}).items()) if doc_id.startswith(prefix)]

    def generation(self, db: str, doc_id: str) -> int:
        """How many times the document was written (the number before the dash of its _rev)."""
        return int(self.databases[db][doc_id]["_rev"].split("-")[0])


class MemorySpaces(Spaces):
    def __init__(self):
        self.accounts: dict[str, set[str]] = {}  # person id -> CouchDB roles
        self.passwords: dict[str, str] = {}
        self.databases: set[str] = set()

    async def ensure_person(self, person_id: str, roles: list[str], password: str | None) -> None:
        self.accounts.setdefault(person_id, set()).update(roles)
        if password:
            self.passwords[person_id] = password
        self.databases.add(scopes.user_db(person_id))

    async def ensure_project(self, project_id: str) -> None:
        self.databases.update({scopes.project_db(project_id), scopes.office_db(project_id)})

    async def grant_roles(self, person_id: str, roles: list[str]) -> None:
        if person_id not in self.accounts:  # the real one updates a _users document that must exist
            raise LookupError(f"no account for {person_id}")
        self.accounts[person_id].update(roles)

    async def revoke_roles(self, person_id: str, roles: list[str]) -> None:
        if person_id not in self.accounts:
            raise LookupError(f"no account for {person_id}")
        self.accounts[person_id].difference_update(roles)


class MemoryOutbox(Outbox):
    """Keeps the first message of each id, as the real outbox's record in `ops` does."""

    def __init__(self):
        self._messages: dict[str, OutboundMessage] = {}
        self.attempts = 0  # every call, duplicates included

    async def queue(self, message: OutboundMessage) -> None:
        self.attempts += 1
        self._messages.setdefault(message.message_id, message)

    @property
    def messages(self) -> list[OutboundMessage]:
        return list(self._messages.values())

    def with_template(self, template: str) -> list[OutboundMessage]:
        return [message for message in self._messages.values() if message.template == template]


class FixedClock(Clock):
    def __init__(self, now: datetime = DEFAULT_NOW):
        if now.tzinfo is None:
            raise ValueError("the clock tells aware times only")
        self.at = now

    def now(self) -> datetime:
        return self.at


def make_bus(
    store: DocumentStore | None = None,
    spaces: Spaces | None = None,
    outbox: Outbox | None = None,
    clock: Clock | None = None,
) -> MessageBus:
    services = Services(
        store=MemoryStore() if store is None else store,
        spaces=MemorySpaces() if spaces is None else spaces,
        outbox=MemoryOutbox() if outbox is None else outbox,
        clock=FixedClock() if clock is None else clock,
    )
    return MessageBus(services, COMMAND_HANDLERS, EVENT_HANDLERS)


def _copy(doc: Doc) -> Doc:
    return json.loads(json.dumps(doc))


def _with_rev(doc: Doc, generation: int) -> Doc:
    body = _copy({key: value for key, value in doc.items() if key != "_rev"})
    digest = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()[:32]
    return {**body, "_rev": f"{generation}-{digest}"}
