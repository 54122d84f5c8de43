"""Databases, their security and validation, and CouchDB users: the Spaces port, and migrate."""
import secrets
from collections.abc import Callable

import structlog
from aiocouch import Document

from core import scopes
from core.identity.sessions import couch_password
from core.ports import Spaces
from sync.couch import Couch
from sync.design_docs import DESIGN_ID, design_doc
from sync.store import CouchStore

log = structlog.get_logger()

SHARED_READERS = {
    scopes.DIRECTORY: {"names": [], "roles": ["person"]},
    # Nobody but the server admin: an empty members list would make a database public.
    scopes.OPS: {"names": [], "roles": ["_admin"]},
    scopes.LEDGER: {"names": [], "roles": ["_admin"]},
}
SYSTEM_DATABASES = ("_users", "_replicator")


class CouchSpaces(Spaces):
    def __init__(
        self, couch: Couch, on_database: Callable[[str], None] | None = None, account_secret: str | None = None
    ):
        self._couch = couch
        # Without it (migrate) accounts get a random password nobody knows.
        self._account_secret = account_secret
        self._store = CouchStore(couch)
        self._ready: set[str] = set()  # databases this process has provisioned already
        # The rules engine follows a new database at once instead of at its next discovery.
        self._on_database = on_database or (lambda db: None)

    async def ensure_person(self, person_id: str, roles: list[str], password: str | None) -> None:
        user_id = f"org.couchdb.user:{person_id}"
        # Sign-in is by one-time code or email: the api then reaches CouchDB as the person with
        # a password derived from the server's secret. An explicit one (demo) is kept as given.
        derived = couch_password(self._account_secret, person_id) if self._account_secret else None
        kind = "explicit" if password else "derived" if derived else None
        account = {
            "_id": user_id,
            "type": "user",
            "name": person_id,
            "roles": sorted(set(roles)),
            "password": password or derived or secrets.token_hex(24),
            "password_kind": kind,
        }
        created = await self._store.create("_users", account)
        await self.grant_roles(person_id, roles)
        if password:
            await self._store.update("_users", user_id, _with_password(password, kind))
        elif derived and created.get("password_kind") is None:  # made before derived passwords
            await self._store.update("_users", user_id, _with_password(derived, kind))
        await self.ensure_database(scopes.user_db(person_id), {"names": [person_id], "roles": []})

    async def ensure_project(self, project_id: str) -> None:
        member, office = scopes.member_role(project_id), scopes.office_role(project_id)
        await self.ensure_database(scopes.project_db(project_id), {"names": [], "roles": [member, office]})
        await self.ensure_database(scopes.office_db(project_id), {"names": [], "roles": [office]})

    async def grant_roles(self, person_id: str, roles: list[str]) -> None:
        def add(account: dict) -> dict | None:
            wanted = sorted(set(account["roles"]) | set(roles))
            return None if wanted == account["roles"] else {**account, "roles": wanted}

        await self._store.update("_users", f"org.couchdb.user:{person_id}", add)

    async def revoke_roles(self, person_id: str, roles: list[str]) -> None:
        # CouchDB reads roles from the _users document on every request, so this takes
        # effect on the person's next request, replication included.
        def remove(account: dict) -> dict | None:
            wanted = sorted(set(account["roles"]) - set(roles))
            return None if wanted == account["roles"] else {**account, "roles": wanted}

        await self._store.update("_users", f"org.couchdb.user:{person_id}", remove)

    async def ensure_database(self, db: str, readers: dict) -> None:
        if db in self._ready:
            return
        await self._couch.ensure_database(db)
        await self._couch.put_security(db, readers)
        await self._deploy_design(db)
        self._ready.add(db)
        self._on_database(db)

    async def _deploy_design(self, db: str) -> None:
        kind, _ = scopes.kind_of(db)
        wanted = design_doc(kind)
        current = await self._couch.document(db, DESIGN_ID)
        if current is not None and current.get("fingerprint") == wanted["fingerprint"]:
            return
        doc = current or Document(self._couch.database(db), DESIGN_ID)
        for key in [key for key in doc.keys() if key not in ("_id", "_rev")]:
            del doc[key]
        doc.update(wanted)
        await doc.save()
        log.info("design_deployed", db=db, kind=kind)


def _with_password(password: str, kind: str):
    def change(account: dict) -> dict:
        return {**account, "password": password, "password_kind": kind}

    return change


async def migrate(couch: Couch) -> list[str]:
    """Bring every database to the current security and design. Safe to run again and again."""
    spaces = CouchSpaces(couch)
    for name in SYSTEM_DATABASES:
        await couch.ensure_database(name)
    for db, readers in SHARED_READERS.items():
        await spaces.ensure_database(db, readers)
    touched = list(SHARED_READERS)
    for db in await couch.database_names():
        kind, _ = scopes.kind_of(db)
        if kind in ("user", "project", "office"):
            await spaces._deploy_design(db)
            touched.append(db)
    return touched
