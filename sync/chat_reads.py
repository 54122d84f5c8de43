"""What the conversation engine looks up, read from CouchDB."""
import json

from aiocouch.exception import NotFoundError

from bots.conversation import ChatReads
from core import scopes
from sync.couch import Couch
from sync.design_docs import DESIGN_ID

DESIGN_NAME = DESIGN_ID.removeprefix("_design/")


class CouchChatReads(ChatReads):
    def __init__(self, couch: Couch):
        self._couch = couch

    async def open_jobs(self, limit: int) -> list[dict]:
        view = self._couch.database(scopes.DIRECTORY).view(DESIGN_NAME, "open_jobs_by_code")
        response = await view.get(include_docs=True, limit=limit)
        return [dict(doc.data) for doc in response.docs()]

    async def job_by_code(self, code: str) -> dict | None:
        view = self._couch.database(scopes.DIRECTORY).view(DESIGN_NAME, "open_jobs_by_code")
        response = await view.get(include_docs=True, key=json.dumps(code), limit=1)
        docs = [dict(doc.data) for doc in response.docs()]
        return docs[0] if docs else None

    async def bookings(self, person_id: str) -> list[dict]:
        return await self._by_prefix(scopes.user_db(person_id), "booking:")

    async def applications(self, person_id: str) -> list[dict]:
        return await self._by_prefix(scopes.user_db(person_id), "application:")

    async def escrows(self, person_id: str) -> list[dict]:
        return await self._by_prefix(scopes.user_db(person_id), "escrow:")

    async def docs_with_prefix(self, db: str, prefix: str) -> list[dict]:
        """Every document of `db` whose id starts with `prefix` (none when `db` is missing)."""
        return await self._by_prefix(db, prefix)

    async def _by_prefix(self, db: str, prefix: str) -> list[dict]:
        try:
            return [dict(doc.data) async for doc in self._couch.database(db).docs(prefix=prefix)]
        except NotFoundError:
            return []
