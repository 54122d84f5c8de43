"""In-memory adapters for the ports in core/ports.py: unit tests run the real bus on these.

They copy what the CouchDB adapters do where a handler could tell the difference: documents
go through JSON (no dates or tuples survive), every write gets a new `_rev`, a create of an
existing id returns what is stored, and a create carrying a `_rev` for a document that does
not exist is refused as CouchDB and PouchDB refuse it (409).
"""
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


class RevisionConflict(Exception):
    """What CouchDB answers (409) to a write whose `_rev` is not the stored one."""


class MemoryStore(DocumentStore):
    def __init__(self, *, refuse_new_with_rev: bool = True):
        self.databases: dict[str, dict[str, Doc]] = {}
        # CouchDB and PouchDB refuse a new document that carries a `_rev` (PouchDB #4712).
        self.refuse_new_with_rev = refuse_new_with_rev

    async def get(self, db: str, doc_id: str) -> Doc | None:
        stored = self.databases.get(db, {}).get(doc_id)
        return _copy(stored) if stored is not None else None

    async def create(self, db: str, doc: Doc) -> Doc:
        docs = self.databases.setdefault(db, {})
        if doc["_id"] in docs:
            return _copy(docs[doc["_id"]])
        if "_rev" in doc and self.refuse_new_with_rev:
            raise RevisionConflict(f"{db}/{doc['_id']}: a new document cannot carry _rev {doc['_rev']}")
        docs[doc["_id"]] = _with_rev(doc, 1)
        return _copy(docs[doc["_id"]])

    async def update(self, db: str, doc_id: str, change: Callable[[Doc], Doc | None]) -> Doc:
        current = self.databases.get(db, {}).get(doc_id)
        if current is None:
            raise LookupError(f"{db}/{doc_id} does not exist")
        wanted = change(_copy(current))
        if wanted is None:
            return _copy(current)
        generation = int(current["_rev"].split("-")[0]) + 1
        self.databases[db][doc_id] = _with_rev({**wanted, "_id": doc_id}, generation)
        return _copy(self.databases[db][doc_id])

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
