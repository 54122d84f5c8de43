"""The DocumentStore port over CouchDB: every update is read-modify-write, retried on 409."""
from collections.abc import Callable

from aiocouch import Document
from aiocouch.exception import ConflictError

from core.ports import Doc, DocumentStore
from sync.couch import Couch

MAX_CONFLICT_RETRIES = 20


class CouchStore(DocumentStore):
    def __init__(self, couch: Couch):
        self._couch = couch

    async def get(self, db: str, doc_id: str) -> Doc | None:
        doc = await self._couch.document(db, doc_id)
        return dict(doc.data) if doc is not None else None

    async def create(self, db: str, doc: Doc) -> Doc:
        # A copy of a document from another database brings its _rev, which means nothing here.
        body = {key: value for key, value in doc.items() if key != "_rev"}
        for _ in range(MAX_CONFLICT_RETRIES):
            fresh = Document(self._couch.database(db), doc["_id"], data=dict(body))
            try:
                await fresh.save()
                return dict(fresh.data)
            except ConflictError:
                existing = await self.get(db, doc["_id"])
                if existing is not None:
                    return existing
        raise ConflictError(f"could not create {db}/{doc['_id']}")

    async def update(
        self, db: str, doc_id: str, change: Callable[[Doc], Doc | None], current: Doc | None = None
    ) -> Doc:
        held = Document(self._couch.database(db), doc_id, data=dict(current)) if current else None
        for _ in range(MAX_CONFLICT_RETRIES):
            if held is None:
                held = await self._couch.document(db, doc_id)
                if held is None:
                    raise LookupError(f"{db}/{doc_id} does not exist")
            wanted = change(dict(held.data))
            if wanted is None:
                return dict(held.data)
            for key in [key for key in held.keys() if key not in wanted and key != "_rev"]:
                del held[key]
            held.update({**wanted, "_id": doc_id, "_rev": held["_rev"]})
            try:
                await held.save()
                return dict(held.data)
            except ConflictError:
                held = None  # someone wrote in between: read theirs and apply the change to it
        raise ConflictError(f"{db}/{doc_id} kept changing under us")
