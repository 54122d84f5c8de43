"""Commands of the application's life after it is received, and the intents that ask for them.

The office's (shortlist, audition, decline, offer) carry who asked; the applicant's (withdraw,
accept or decline an offer) carry whose database the intent came from. An offer's id is the
application's id: one offer per application, document "offer:<application_id>".
"""
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from core.commands import Command

if TYPE_CHECKING:  # core/intents.py will import this module to wire the parsers in
    from core.intents import _Fields

FEEDBACK_MAX_CHARS = 1000


@dataclass(frozen=True)
class Shortlist(Command):
    intent_id: str
    project_id: str
    by: str
    application_id: str
    feedback: str = ""


@dataclass(frozen=True)
class InviteToAudition(Command):
    intent_id: str
    project_id: str
    by: str
    application_id: str
    feedback: str = ""  # where and when, in the office's words


@dataclass(frozen=True)
class DeclineApplication(Command):
    intent_id: str
    project_id: str
    by: str
    application_id: str
    feedback: str = ""


@dataclass(frozen=True)
class WithdrawApplication(Command):
    intent_id: str
    person_id: str
    application_id: str


@dataclass(frozen=True)
class MakeOffer(Command):
    intent_id: str
    project_id: str
    by: str
    application_id: str
    expires_at: datetime  # aware; after it the offer can no longer be accepted
    note: str = ""


@dataclass(frozen=True)
class AcceptOffer(Command):
    intent_id: str
    person_id: str
    offer_id: str


@dataclass(frozen=True)
class DeclineOffer(Command):
    intent_id: str
    person_id: str
    offer_id: str
    reason: str = ""


def _shortlist_request(intent_id: str, project_id: str, f: "_Fields") -> Command:
    return Shortlist(intent_id, project_id, f.author(), f.text("application_id"), f.text("feedback", ""))


def _audition_invitation(intent_id: str, project_id: str, f: "_Fields") -> Command:
    return InviteToAudition(intent_id, project_id, f.author(), f.text("application_id"), f.text("feedback", ""))


def _application_decline(intent_id: str, project_id: str, f: "_Fields") -> Command:
    return DeclineApplication(intent_id, project_id, f.author(), f.text("application_id"), f.text("feedback", ""))


def _offer_request(intent_id: str, project_id: str, f: "_Fields") -> Command:
    return MakeOffer(
        intent_id, project_id, f.author(), f.text("application_id"), f.moment("expires_at"), f.text("note", "")
    )


def _application_withdrawal(intent_id: str, person_id: str, f: "_Fields") -> Command:
    return WithdrawApplication(intent_id, person_id, f.text("application_id"))


def _offer_acceptance(intent_id: str, person_id: str, f: "_Fields") -> Command:
    return AcceptOffer(intent_id, person_id, f.text("offer_id"))


def _offer_decline(intent_id: str, person_id: str, f: "_Fields") -> Command:
    return DeclineOffer(intent_id, person_id, f.text("offer_id"), f.text("reason", ""))


# intent type -> (the kind of database it is written in, its parser); core/intents.py wires these.
INTENT_PARSERS = {
    "shortlist_request": ("office", _shortlist_request),
    "audition_invitation": ("office", _audition_invitation),
    "application_decline": ("office", _application_decline),
    "offer_request": ("office", _offer_request),
    "application_withdrawal": ("user", _application_withdrawal),
    "offer_acceptance": ("user", _offer_acceptance),
    "offer_decline": ("user", _offer_decline),
}
