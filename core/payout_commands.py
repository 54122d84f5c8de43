"""Commands that pay a crew member out of the money released to them, and the intents that ask.

The crew member names a bank account (only once their identity is verified); a worker asks the
gateway whose account it is and registers it as a transfer recipient; the crew member asks for a
payout up to what is available to them; a worker sends it and records what the gateway answered.
core/intents.py wires INTENT_PARSERS."""
from dataclasses import dataclass
from typing import TYPE_CHECKING

from core.commands import Command
from core.money import Money

if TYPE_CHECKING:
    from core.intents import _Fields

# Gateways that pay into bank accounts by bank code and account number (Stripe pays connected
# accounts, which crew members do not open through us).
PAYOUT_GATEWAYS = ("paystack", "flutterwave")


@dataclass(frozen=True)
class SetPayoutAccount(Command):
    intent_id: str
    person_id: str
    gateway: str
    bank_code: str
    account_number: str
    currency: str = "NGN"


@dataclass(frozen=True)
class RecordPayoutAccount(Command):
    """A worker asked the gateway: whose account this is and the recipient code, or why not."""

    person_id: str
    intent_id: str  # the SetPayoutAccount it answers; an answer for an older account is ignored
    account_name: str = ""
    recipient_code: str = ""
    refused_reason: str = ""  # the gateway could not resolve the account


@dataclass(frozen=True)
class RequestPayout(Command):
    intent_id: str
    person_id: str
    amount: Money


@dataclass(frozen=True)
class RecordPayout(Command):
    """What the gateway says became of one transfer (its answer, a webhook, a later check)."""

    person_id: str
    reference: str
    status: str  # core.payments SUCCESS | FAILED | PENDING; a reversal is FAILED after SUCCESS
    amount: Money
    gateway_id: str = ""
    reason: str = ""


def _payout_account_update(intent_id: str, person_id: str, f: "_Fields") -> Command:
    gateway = f.text("gateway", "paystack")
    if gateway not in PAYOUT_GATEWAYS:
        raise ValueError(f"gateway must be one of {', '.join(PAYOUT_GATEWAYS)}")
    return SetPayoutAccount(intent_id, person_id, gateway, f.text("bank_code").strip(),
                            f.text("account_number").strip(), f.text("currency", "NGN"))


def _payout_request(intent_id: str, person_id: str, f: "_Fields") -> Command:
    return RequestPayout(intent_id, person_id, Money(f.integer("amount_minor"), f.text("currency", "NGN")))


INTENT_PARSERS = {
    "payout_account_update": ("user", _payout_account_update),
    "payout_request": ("user", _payout_request),
}
