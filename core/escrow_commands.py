"""Commands that move a booking's pay through escrow, and the parsers of the intents that ask.

The producer's office asks for a deposit (a checkout link comes back), the gateway's confirmed
payment lands in the producer's wallet and is held for the booking, and the office releases it,
in whole or in parts, to the crew member, less the platform fee and the VAT on it.
core/intents.py wires INTENT_PARSERS."""
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from core.commands import Command
from core.escrow_ids import checked_milestone
from core.money import Money

if TYPE_CHECKING:
    from core.intents import _Fields

GATEWAYS = ("paystack", "flutterwave", "stripe")


@dataclass(frozen=True)
class RequestDeposit(Command):
    intent_id: str
    project_id: str
    by: str
    booking_id: str
    amount: Money
    gateway: str
    # Withholding tax the producer must deduct at source (a company paying a contractor: 500 = 5 %);
    # 0 for a producer who is a private person. Taken from each release and shown on its receipt.
    withholding_bps: int = 0
    # A booking paid by milestones has one deposit per milestone (core/escrow_ids.py); "" is the
    # booking's pay in one deposit. `work_until` is the milestone's last working day (ISO), from
    # which its automatic release counts; "" is the booking's last day.
    milestone: str = ""
    work_until: str = ""


MAX_WITHHOLDING_BPS = 1_000  # Nigerian WHT on contracts and services tops out at 10 %


@dataclass(frozen=True)
class RecordCheckout(Command):
    """A worker opened the payment at the gateway: the link the payer follows."""

    project_id: str
    escrow_id: str
    checkout_url: str


@dataclass(frozen=True)
class ConfirmPayment(Command):
    """The gateway's own API says this payment succeeded (never the webhook's word alone)."""

    gateway: str
    reference: str
    amount: Money
    gateway_id: str


@dataclass(frozen=True)
class ReleaseEscrow(Command):
    intent_id: str
    project_id: str
    by: str
    escrow_id: str
    # What leaves escrow (the fee and VAT come out of it); 0 approves the milestone: all still held.
    amount_minor: int = 0


@dataclass(frozen=True)
class SetBudget(Command):
    """The project's budget: top-sheet lines, and which line each booking is paid from."""

    intent_id: str
    project_id: str
    by: str
    budget: dict


def _budget_update(intent_id: str, project_id: str, f: "_Fields") -> Command:
    return SetBudget(intent_id, project_id, f.author(), f.mapping("budget"))


def _deposit_request(intent_id: str, project_id: str, f: "_Fields") -> Command:
    gateway = f.text("gateway", "paystack")
    if gateway not in GATEWAYS:
        raise ValueError(f"gateway must be one of {', '.join(GATEWAYS)}")
    withholding_bps = f.integer("withholding_bps", 0)
    if not 0 <= withholding_bps <= MAX_WITHHOLDING_BPS:
        raise ValueError(f"withholding_bps must be from 0 to {MAX_WITHHOLDING_BPS}")
    work_until = f.text("work_until", "")
    if work_until:
        date.fromisoformat(work_until)  # a ValueError names the field's problem
    return RequestDeposit(intent_id, project_id, f.author(), f.text("booking_id"),
                          Money(f.integer("amount_minor"), f.text("currency", "NGN")), gateway, withholding_bps,
                          checked_milestone(f.text("milestone", "")), work_until)


def escrow_addressed(f: "_Fields") -> str:
    """The escrow an intent is about: `escrow_id`, or the booking's single deposit by `booking_id`."""
    return f.text("escrow_id", "") or f.text("booking_id")


def _release_request(intent_id: str, project_id: str, f: "_Fields") -> Command:
    amount_minor = f.integer("amount_minor", 0)
    if amount_minor < 0:
        raise ValueError("amount_minor must be more than zero, or left out to release all that is held")
    return ReleaseEscrow(intent_id, project_id, f.author(), escrow_addressed(f), amount_minor)


INTENT_PARSERS = {
    "escrow_deposit_request": ("office", _deposit_request),
    "escrow_release_request": ("office", _release_request),
    "budget_update": ("office", _budget_update),
}
