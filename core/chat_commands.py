"""Commands a cast or crew member gives from chat that no other slice covers: consent to the
platform's terms (a wording version the core knows, kept with the time), STOP and START, and
"running late" with an ETA for the AD. core/intents.py wires INTENT_PARSERS."""
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from core.commands import Command

if TYPE_CHECKING:
    from core.intents import _Fields

# A wording is never edited once people have agreed to it: a change is a new version. The
# bots show this text (translated); the core keeps which version was agreed, in which language.
CONSENT_WORDINGS = {
    "consent-2026-11": (
        "NollyCrew keeps your name, phone and profile, shows your profile to productions and "
        "messages you about work. Send STOP any time. Do you agree?"
    ),
}
CONSENT_VERSION = "consent-2026-11"  # the one new people are shown
MAX_ETA_MIN = 600  # ten hours late is not late, it is absent: the AD recasts


@dataclass(frozen=True)
class RecordChatConsent(Command):
    intent_id: str
    person_id: str
    wording_version: str
    language: str  # the language the wording was shown in
    agreed: bool


@dataclass(frozen=True)
class SetChatOptOut(Command):
    """STOP (opted_out True) or START (False): no messages reach an opted-out person."""

    intent_id: str
    person_id: str
    opted_out: bool


@dataclass(frozen=True)
class ReportRunningLate(Command):
    intent_id: str
    person_id: str
    booking_id: str
    eta_minutes: int
    at: datetime  # aware: when the person said so


def _chat_consent(intent_id: str, person_id: str, f: "_Fields") -> Command:
    return RecordChatConsent(intent_id, person_id, f.text("wording_version"), f.text("language", "en"), f.flag("agreed"))


def _chat_opt_out(intent_id: str, person_id: str, f: "_Fields") -> Command:
    return SetChatOptOut(intent_id, person_id, f.flag("opted_out"))


def _running_late(intent_id: str, person_id: str, f: "_Fields") -> Command:
    return ReportRunningLate(intent_id, person_id, f.text("booking_id"), f.integer("eta_minutes"), f.moment("at"))


# intent type -> (the kind of database it is written in, its parser); core/intents.py wires these.
INTENT_PARSERS = {
    "chat_consent": ("user", _chat_consent),
    "chat_opt_out": ("user", _chat_opt_out),
    "running_late": ("user", _running_late),
}
