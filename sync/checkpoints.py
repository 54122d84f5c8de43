"""Where each database's feed was last processed up to, kept in `ops` (never in user documents)."""
from core import scopes
from core.ports import DocumentStore


class Checkpoints:
    def __init__(self, store: DocumentStore, runner: str = "core"):
        self._store = store
        self._runner = runner

    def _id(self, db: str) -> str:
        return f"checkpoint:{self._runner}:{db}"

    async def load(self, db: str) -> str | int:
        doc = await self._store.get(scopes.OPS, self._id(db))
        return doc["since"] if doc else 0

    async def save(self, db: str, since: str | int) -> None:
        doc_id = self._id(db)
        await self._store.create(scopes.OPS, {"_id": doc_id, "type": "checkpoint", "db": db, "since": 0})
        await self._store.update(scopes.OPS, doc_id, lambda doc: {**doc, "since": since})
