"""Database names: one CouchDB database per security scope (ARCHITECTURE.md, Databases)."""
import re

DIRECTORY = "directory"
LEDGER = "ledger"
OPS = "ops"

USER_PREFIX = "user_"
PROJECT_PREFIX = "project_"
OFFICE_PREFIX = "office_"
# CouchDB database names: lowercase letters, digits and a few symbols; our ids are hex.
_ID = re.compile(r"^[a-z0-9]{6,40}$")


def user_db(person_id: str) -> str:
    return USER_PREFIX + _checked(person_id)


def project_db(project_id: str) -> str:
    return PROJECT_PREFIX + _checked(project_id)


def office_db(project_id: str) -> str:
    return OFFICE_PREFIX + _checked(project_id)


def kind_of(db: str) -> tuple[str, str | None]:
    """('user', id), ('project', id), ('office', id) or (name, None) for the shared databases."""
    for kind, prefix in (("user", USER_PREFIX), ("project", PROJECT_PREFIX), ("office", OFFICE_PREFIX)):
        if db.startswith(prefix) and _ID.match(db[len(prefix):]):
            return kind, db[len(prefix):]
    return db, None


def member_role(project_id: str) -> str:
    """The CouchDB role that lets cast, crew and office read the project database."""
    return f"project_{project_id}:member"


def office_role(project_id: str) -> str:
    """The CouchDB role of producers and office staff of one project."""
    return f"project_{project_id}:office"


def _checked(ident: str) -> str:
    if not _ID.match(ident):
        raise ValueError(f"not a NollyCrew id: {ident!r}")
    return ident
