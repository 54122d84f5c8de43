"""When a booking's escrowed pay does not simply go out on the producer's word: a dispute freezes
it until an admin decides (release, refund or split), a cancellation settles it under the
cancellation policy, and a daily job pays undisputed, worked bookings automatically.

Also the events these raise (like core/kyc_events.py, kept with the slice). core/intents.py
wires INTENT_PARSERS."""
from dataclasses import dataclass
from typing import TYPE_CHECKING

from core.commands import Command
from core.escrow_commands import escrow_addressed
from core.events import Event

if TYPE_CHECKING:  # core.intents imports this module to wire the parsers
    from core.intents import _Fields

DECISIONS = ("release", "refund", "split")  # core.ledger.disputes' RELEASE, REFUND, SPLIT


@dataclass(frozen=True)
class DisputeEscrow(Command):
    """The crew member paid, or the production that pays, says the money should not go out as it stands."""

    intent_id: str
    by: str
    escrow_id: str  # core/escrow_ids.py: the booking's deposit, or one milestone's
    reason: str
    project_id: str = ""  # needed by the production side, which has no copy of the booking


@dataclass(frozen=True)
class ResolveEscrowDispute(Command):
    """An admin's decision on a frozen payment; `payee_minor` is the crew member's gross share for a split."""

    intent_id: str
    admin_id: str
    project_id: str
    escrow_id: str
    decision: str  # one of DECISIONS
    payee_minor: int | None = None
    note: str = ""


@dataclass(frozen=True)
class CancelBookingEscrow(Command):
    """The money side of cancelling a booking: for each of its deposits still held, the policy's share
    back to the producer and the rest to the crew; then the booking itself is cancelled."""

    intent_id: str
    project_id: str
    by: str
    booking_id: str


@dataclass(frozen=True)
class ReleaseDueEscrow(Command):
    """The daily job: pay every hold whose automatic release day has come. Nobody asks; the clock does."""


@dataclass(frozen=True)
class EscrowDisputed(Event):
    booking_id: str
    person_id: str    # the crew member paid
    producer_id: str  # who paid into escrow
    role: str
    project_title: str
    amount: str       # what is frozen, as people write it
    escrow_id: str = ""


@dataclass(frozen=True)
class EscrowDisputeResolved(Event):
    booking_id: str
    person_id: str
    producer_id: str
    role: str
    project_title: str
    decision: str
    net: str       # what reaches the crew member after fee and VAT ("₦0" on a refund)
    refunded: str  # what went back to the producer's wallet
    project_id: str = ""
    release_key: str = ""  # the crew member's part's transfer key: one receipt for it, whatever the retries
    gross_minor: int = 0   # the crew member's part before fee and VAT (0: nothing paid to them)
    currency: str = "NGN"
    escrow_id: str = ""


@dataclass(frozen=True)
class EscrowCancelled(Event):
    booking_id: str
    person_id: str
    producer_id: str
    role: str
    project_title: str
    refund_percent: int
    net: str
    refunded: str
    project_id: str = ""
    release_key: str = ""
    gross_minor: int = 0
    currency: str = "NGN"
    escrow_id: str = ""


def _dispute(intent_id: str, person_id: str, f: "_Fields") -> Command:
    return DisputeEscrow(intent_id, person_id, escrow_addressed(f), f.text("reason"), f.text("project_id", ""))


def _resolution(intent_id: str, admin_id: str, f: "_Fields") -> Command:
    decision = f.text("decision")
    if decision not in DECISIONS:
        raise ValueError(f"decision must be one of {', '.join(DECISIONS)}")
    payee_minor = f.integer("payee_minor") if decision == "split" else None
    return ResolveEscrowDispute(intent_id, admin_id, f.text("project_id"), escrow_addressed(f), decision,
                                payee_minor, f.text("note", ""))


def _cancellation(intent_id: str, project_id: str, f: "_Fields") -> Command:
    return CancelBookingEscrow(intent_id, project_id, f.author(), f.text("booking_id"))


# Intent type -> (kind of database it is written in, parser). A dispute comes from either party's
# own database; an admin's decision from the admin's own (the handler checks the admin role, as
# kyc_review does); a cancellation from the office, like a release.
INTENT_PARSERS = {
    "escrow_dispute": ("user", _dispute),
    "escrow_dispute_resolution": ("user", _resolution),
    "escrow_cancellation": ("office", _cancellation),
}
