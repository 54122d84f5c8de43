"""Commands for a project's investors: the terms, each contribution received, each piece of
revenue (which is distributed at once down the recoupment waterfall), and the intents' parsers.
core/intents.py wires INTENT_PARSERS."""
from dataclasses import dataclass
from typing import TYPE_CHECKING

from core.commands import Command
from core.escrow_commands import GATEWAYS
from core.money import Money

if TYPE_CHECKING:
    from core.intents import _Fields


@dataclass(frozen=True)
class SetInvestmentTerms(Command):
    intent_id: str
    project_id: str
    by: str
    terms: dict  # premium_bp, profit_shares_bp (core.investors.terms)


@dataclass(frozen=True)
class RecordContribution(Command):
    """Money an investor put in, received through `gateway` under `reference`."""

    intent_id: str
    project_id: str
    by: str
    investor_id: str
    amount: Money
    gateway: str
    reference: str


@dataclass(frozen=True)
class PledgeContribution(Command):
    """A verified investor puts money in themselves: a checkout link comes back; the money counts
    once the gateway's own API confirms the payment (core.escrow_commands.ConfirmPayment)."""

    intent_id: str
    investor_id: str
    project_id: str
    amount: Money
    gateway: str


@dataclass(frozen=True)
class RecordPledgeCheckout(Command):
    """A worker opened the investor's payment at the gateway: the link they follow."""

    investor_id: str
    reference: str
    checkout_url: str


@dataclass(frozen=True)
class RecordRevenue(Command):
    """Money the film earned (a cinema's settlement, a streaming licence): paid out at once."""

    intent_id: str
    project_id: str
    by: str
    amount: Money
    source: str
    reference: str


def _terms(intent_id: str, project_id: str, f: "_Fields") -> Command:
    return SetInvestmentTerms(intent_id, project_id, f.author(), f.mapping("terms"))


def _contribution(intent_id: str, project_id: str, f: "_Fields") -> Command:
    return RecordContribution(intent_id, project_id, f.author(), f.text("investor_id"),
                              Money(f.integer("amount_minor"), f.text("currency", "NGN")), f.text("gateway"),
                              f.text("reference"))


def _pledge(intent_id: str, investor_id: str, f: "_Fields") -> Command:
    gateway = f.text("gateway", "paystack")
    if gateway not in GATEWAYS:
        raise ValueError(f"gateway must be one of {', '.join(GATEWAYS)}")
    return PledgeContribution(intent_id, investor_id, f.text("project_id"),
                              Money(f.integer("amount_minor"), f.text("currency", "NGN")), gateway)


def _revenue(intent_id: str, project_id: str, f: "_Fields") -> Command:
    return RecordRevenue(intent_id, project_id, f.author(), Money(f.integer("amount_minor"), f.text("currency", "NGN")),
                         f.text("source"), f.text("reference"))


INTENT_PARSERS = {
    "investment_terms_update": ("office", _terms),
    "investor_contribution_record": ("office", _contribution),
    "revenue_record": ("office", _revenue),
    "investment_pledge": ("user", _pledge),
}
