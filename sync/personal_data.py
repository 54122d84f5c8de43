"""A person's own data over CouchDB (the PersonalData port): export all of it, or erase it.

What is theirs: their database `user_<id>`, their directory card, the KYC review in `ops`,
the office and project copies of their applications and bookings, and the audit entries
that name them. Erasure deletes what is only theirs and leaves what others rely on (a
booking a production made, the audit log, ledger entries) under a pseudonym: an HMAC of the
person id, so the same person always maps to the same pseudonym and nobody can reverse it.
"""
import hashlib
import hmac
import re

from aiocouch.exception import NotFoundError

from core import scopes
from core.audit import ENTRY_PREFIX, PSEUDONYM_PREFIX, pseudonymised
from core.handlers.kyc import review_doc_id
from core.handlers.moderation import suspension_doc_id
from core.privacy_ports import PersonalData
from sync.couch import Couch
from sync.figures_reads import docs_with_prefix
from sync.store import CouchStore

PSEUDONYM_HEX_CHARS = 20
TOMBSTONE_NAME = "Former member"
_HTTPS_URL = re.compile(r"https://[^\s\"'<>]+")


class CouchPersonalData(PersonalData):
    def __init__(self, couch: Couch, pseudonym_key: bytes):
        self._couch, self._store, self._key = couch, CouchStore(couch), pseudonym_key

    def pseudonym(self, person_id: str) -> str:
        digest = hmac.new(self._key, person_id.encode(), hashlib.sha256).hexdigest()
        return PSEUDONYM_PREFIX + digest[:PSEUDONYM_HEX_CHARS]

    async def export(self, person_id: str) -> dict:
        own = [
            doc for doc in await docs_with_prefix(self._couch, scopes.user_db(person_id), "")
            if doc.get("type") != "data_export"  # an export inside the next one would nest forever
        ]
        card = await self._store.get(scopes.DIRECTORY, f"person:{person_id}")
        review = await self._store.get(scopes.OPS, review_doc_id(person_id))
        audit = await self._audit_about(person_id)
        export = {
            "person_id": person_id,
            "own_database": own,
            "directory_card": card,
            "kyc_review": review,
            "audit_entries": audit,
        }
        export["media_links"] = sorted(set(_https_links([own, card, review])))
        return export

    async def erase(self, person_id: str) -> None:
        """In an order that a failure part way can be retried from: the card, which says the
        erasure is done, last; what finds the rest (the person's own database) late."""
        own_db, pseudonym = scopes.user_db(person_id), self.pseudonym(person_id)
        own = await docs_with_prefix(self._couch, own_db, "")
        phone = next((doc.get("phone") for doc in own if doc.get("_id") == "profile"), None)
        if phone:
            await self._delete(scopes.OPS, f"phone:{phone}")
        await self._delete("_users", f"org.couchdb.user:{person_id}")
        await self._delete(scopes.OPS, review_doc_id(person_id))  # it holds their ID number
        await self._delete(scopes.OPS, suspension_doc_id(person_id))  # the audit log keeps the steps
        for report in await docs_with_prefix(self._couch, scopes.OPS, "report:"):
            if report.get("reporter_id") == person_id:  # the report stands; who made it goes
                await self._store.update(scopes.OPS, report["_id"], lambda held: {**held, "reporter_id": pseudonym})
        for doc in own:
            await self._pseudonymise_copy(doc, person_id, pseudonym)
        for entry in await self._audit_about(person_id):
            await self._store.update(scopes.OPS, entry["_id"], lambda held: pseudonymised(held, person_id, pseudonym))
        try:
            await self._couch.database(own_db).delete()
        except NotFoundError:
            pass  # a retry: already gone

        def tombstone(card: dict) -> dict:
            return {"type": "person", "person_id": person_id, "name": TOMBSTONE_NAME, "erased": True}

        await self._store.update(scopes.DIRECTORY, f"person:{person_id}", tombstone)

    async def _pseudonymise_copy(self, doc: dict, person_id: str, pseudonym: str) -> None:
        """The office's copy of an application and the project's booking stay for the
        production's records, without the person in them."""
        if doc.get("type") not in ("application", "booking") or not doc.get("project_id"):
            return
        db = (scopes.office_db if doc["type"] == "application" else scopes.project_db)(doc["project_id"])

        def without_person(held: dict) -> dict | None:
            if held.get("person_id") != person_id:
                return None
            if held["type"] == "booking":
                return {**held, "person_id": pseudonym}
            return {**held, "person_id": pseudonym, "applicant": {"name": TOMBSTONE_NAME}, "note": ""}

        try:
            await self._store.update(db, doc["_id"], without_person)
        except (LookupError, NotFoundError):
            pass  # the copy was never made or is gone with its project

    async def _audit_about(self, person_id: str) -> list[dict]:
        # A scan of the whole log: erasures and exports are rare, and the log has no view yet.
        entries = await docs_with_prefix(self._couch, scopes.OPS, ENTRY_PREFIX)
        return [entry for entry in entries if person_id in entry.get("people", ())]

    async def _delete(self, db: str, doc_id: str) -> None:
        doc = await self._couch.document(db, doc_id)
        if doc is not None:
            await doc.delete()


def _https_links(value) -> list[str]:
    if isinstance(value, str):
        return _HTTPS_URL.findall(value)
    if isinstance(value, dict):
        return [link for item in value.values() for link in _https_links(item)]
    if isinstance(value, list):
        return [link for item in value for link in _https_links(item)]
    return []
