"""Commands for a booking's contract, and the parsers of the intents that ask for them.

A contract's id is its booking's id: one contract per booking, document "contract:<booking_id>"
in the office database, with a copy in each party's own database. The office drafts; each
party asks for a signing code and signs from their own database (core/intents.py wires
INTENT_PARSERS into core/intents.py).
"""
from dataclasses import dataclass
from typing import TYPE_CHECKING

from core.commands import Command

if TYPE_CHECKING:
    from core.intents import _Fields

SIGNING_CHANNELS = ("chat", "app")


@dataclass(frozen=True)
class DraftContract(Command):
    """Fill the deal memo (crew) or actor agreement (cast) from the booking."""

    intent_id: str
    project_id: str
    by: str
    booking_id: str
    kind: str  # core.contracts.DEAL_MEMO or ACTOR_AGREEMENT


@dataclass(frozen=True)
class RequestSigningCode(Command):
    """Send the party a one-time code that signs this contract, and only this one."""

    contract_id: str
    person_id: str
    intent_id: str = ""


@dataclass(frozen=True)
class SignContract(Command):
    intent_id: str
    contract_id: str
    signer_id: str
    code: str
    channel: str  # "chat" or "app": where the signer read the contract and typed the code
    document_sha256: str  # the hash of the text the signer was shown


def _contract_draft_request(intent_id: str, project_id: str, f: "_Fields") -> Command:
    return DraftContract(intent_id, project_id, f.author(), f.text("booking_id"), f.text("kind"))


def _signing_code_request(intent_id: str, person_id: str, f: "_Fields") -> Command:
    return RequestSigningCode(f.text("contract_id"), person_id, intent_id)


def _contract_signature(intent_id: str, person_id: str, f: "_Fields") -> Command:
    channel = f.text("channel", "app")
    if channel not in SIGNING_CHANNELS:
        raise ValueError("channel must be chat or app")
    return SignContract(
        intent_id, f.text("contract_id"), person_id, f.text("code"), channel, f.text("document_sha256")
    )


# Intent type -> (kind of database it is written in, parser); core/intents.py wires these.
INTENT_PARSERS = {
    "contract_draft_request": ("office", _contract_draft_request),
    "signing_code_request": ("user", _signing_code_request),
    "contract_signature": ("user", _contract_signature),
}
