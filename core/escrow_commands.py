"""Commands that move a booking's pay through escrow, and the parsers of the intents that ask.

The producer's office asks for a deposit (a checkout link comes back), the gateway's confirmed
payment lands in the producer's wallet and is held for the booking, and the office releases it,
in whole or in parts, to the crew member, less the platform fee and the VAT on it.
core/intents.py wires INTENT_PARSERS."""
from dataclasses import dataclass
from typing import TYPE_CHECKING

from core.commands import Command
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


MAX_WITHHOLDING_BPS = 1_000  # Nigerian WHT on contracts and services tops out at 10 %


@dataclass(frozen=True)
class RecordCheckout(Command):
    """A worker opened the payment at the gateway: the link the payer follows."""

    project_id: str
    booking_id: str
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
    booking_id: str
    amount_minor: int  # what leaves escrow; the fee and VAT come out of it


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
    return RequestDeposit(intent_id, project_id, f.author(), f.text("booking_id"),
                          Money(f.integer("amount_minor"), f.text("currency", "NGN")), gateway, withholding_bps)


def _release_request(intent_id: str, project_id: str, f: "_Fields") -> Command:
    return ReleaseEscrow(intent_id, project_id, f.author(), f.text("booking_id"), f.integer("amount_minor"))


INTENT_PARSERS = {
    "escrow_deposit_request": ("office", _deposit_request),
    "escrow_release_request": ("office", _release_request),
    "budget_update": ("office", _budget_update),
}
