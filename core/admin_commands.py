"""Commands of the platform's admins and of every person's own data (admin and privacy):
reports of profiles and posts, suspending and restoring a person, exporting and erasing
one's own data. core/intents.py wires INTENT_PARSERS."""
from dataclasses import dataclass

from core.commands import Command

TARGET_KINDS = ("person", "job_post", "casting_call")


@dataclass(frozen=True)
class ReportContent(Command):
    intent_id: str
    reporter_id: str
    target_kind: str  # one of TARGET_KINDS
    target_id: str
    reason: str


@dataclass(frozen=True)
class SuspendPerson(Command):
    intent_id: str
    admin_id: str
    person_id: str
    reason: str


@dataclass(frozen=True)
class RestorePerson(Command):
    intent_id: str
    admin_id: str
    person_id: str
    reason: str


@dataclass(frozen=True)
class ExportMyData(Command):
    """Result ref: the id of the export document written in the person's own database."""

    intent_id: str
    person_id: str


@dataclass(frozen=True)
class EraseMyAccount(Command):
    intent_id: str
    person_id: str
    confirmation: str  # the person types ERASE: nothing this final happens by a slip


def _content_report(intent_id: str, person_id: str, f) -> Command:
    return ReportContent(intent_id, person_id, f.text("target_kind"), f.text("target_id"), f.text("reason"))


def _data_export(intent_id: str, person_id: str, f) -> Command:
    return ExportMyData(intent_id, person_id)


# Intent type -> (kind of database it is written in, parser); the scope id is the person's.
# Suspensions come from the admin app through the api, not from a synced database; so does
# erasure: it deletes the very database an intent would wait in for its outcome.
INTENT_PARSERS = {
    "content_report": ("user", _content_report),
    "data_export_request": ("user", _data_export),
}
