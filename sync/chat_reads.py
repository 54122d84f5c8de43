"""What the conversation engine looks up, read from CouchDB with the server's account: the
person's own database, the directory, and the project and office documents the flows show
them (their call sheet, the audition windows of a part they are shortlisted for)."""
import json

from aiocouch.exception import NotFoundError

from bots.conversation import ChatReads
from bots.flows.engine import STATE_DOC_ID
from core import scopes
from core.job_matching import jobs_for
from sync.couch import Couch
from sync.design_docs import DESIGN_ID

DESIGN_NAME = DESIGN_ID.removeprefix("_design/")
PROFILE_ID = "profile"


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
        if docs:
            return docs[0]
        # Casting calls have codes too but no view yet: few are open at a time.
        calls = await self._by_prefix(scopes.DIRECTORY, "casting_call:")
        return next((c for c in calls if c.get("code") == code and c.get("status") == "open"), None)

    async def matching_jobs(self, person_id: str, offset: int, limit: int) -> tuple[list[dict], int]:
        card = await self._get(scopes.DIRECTORY, f"person:{person_id}") or {}
        view = self._couch.database(scopes.DIRECTORY).view(DESIGN_NAME, "open_jobs_by_code")
        posts = [dict(doc.data) for doc in (await view.get(include_docs=True)).docs()]
        calls = await self._by_prefix(scopes.DIRECTORY, "casting_call:") if "actor" in card.get("roles", ()) else []
        fitting = jobs_for(card, posts, calls)
        return fitting[offset:offset + limit], len(fitting)

    async def bookings(self, person_id: str) -> list[dict]:
        return await self._by_prefix(scopes.user_db(person_id), "booking:")

    async def applications(self, person_id: str) -> list[dict]:
        return await self._by_prefix(scopes.user_db(person_id), "application:")

    async def escrows(self, person_id: str) -> list[dict]:
        return await self._by_prefix(scopes.user_db(person_id), "escrow:")

    async def offers(self, person_id: str) -> list[dict]:
        return await self._by_prefix(scopes.user_db(person_id), "offer:")

    async def audition_windows(self, project_id: str, casting_call_id: str) -> dict | None:
        return await self._get(scopes.office_db(project_id), f"audition_slots:{casting_call_id}")

    async def call_sheet(self, project_id: str, day: str) -> dict | None:
        return await self._get(scopes.project_db(project_id), f"call_sheet:{day}")

    async def profile(self, person_id: str) -> dict:
        return await self._get(scopes.user_db(person_id), PROFILE_ID) or {}

    async def chat_state(self, person_id: str) -> dict | None:
        return await self._get(scopes.user_db(person_id), STATE_DOC_ID)

    async def profile_and_place(self, person_id: str) -> tuple[dict, dict | None]:
        # One _all_docs request for both: PouchDB Server spends as much on a request as on a document.
        found = {}
        try:
            async for doc in self._couch.database(scopes.user_db(person_id)).docs([PROFILE_ID, STATE_DOC_ID], create=True):
                if doc.data is not None:
                    found[doc.id] = dict(doc.data)
        except NotFoundError:  # the database itself is missing
            pass
        return found.get(PROFILE_ID) or {}, found.get(STATE_DOC_ID)

    async def call_sheet_link(self, link_id: str) -> dict | None:
        return await self._get(scopes.OPS, link_id)

    async def last_thread(self, person_id: str) -> dict | None:
        return await self._get(scopes.user_db(person_id), "last_thread")

    async def docs_with_prefix(self, db: str, prefix: str) -> list[dict]:
        """Every document of `db` whose id starts with `prefix` (none when `db` is missing)."""
        return await self._by_prefix(db, prefix)

    async def _get(self, db: str, doc_id: str) -> dict | None:
        try:
            doc = await self._couch.document(db, doc_id)
        except NotFoundError:  # the database itself is missing
            return None
        return dict(doc.data) if doc is not None else None

    async def _by_prefix(self, db: str, prefix: str) -> list[dict]:
        try:
            return [dict(doc.data) async for doc in self._couch.database(db).docs(prefix=prefix)]
        except NotFoundError:
            return []
