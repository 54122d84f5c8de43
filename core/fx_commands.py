"""Exchange rates and conversions: an admin records a rate (with its time and source); the
office converts money in the producer's wallet from one currency to another through the
ledger's FX accounts at the latest rate. core/intents.py wires INTENT_PARSERS."""
from dataclasses import dataclass
from typing import TYPE_CHECKING

from core.commands import Command
from core.money import Money

if TYPE_CHECKING:
    from core.intents import _Fields


@dataclass(frozen=True)
class RecordFxRate(Command):
    intent_id: str
    admin_id: str
    base: str
    quote: str
    rate: str  # decimal text, e.g. "1530.25": never a float
    source: str


@dataclass(frozen=True)
class ConvertWallet(Command):
    intent_id: str
    project_id: str
    by: str
    amount: Money  # in the currency converted from
    to_currency: str


def _rate(intent_id: str, admin_id: str, f: "_Fields") -> Command:
    return RecordFxRate(intent_id, admin_id, f.text("base"), f.text("quote"), f.text("rate"), f.text("source"))


def _conversion(intent_id: str, project_id: str, f: "_Fields") -> Command:
    return ConvertWallet(intent_id, project_id, f.author(), Money(f.integer("amount_minor"), f.text("currency")),
                         f.text("to_currency"))


INTENT_PARSERS = {
    "fx_rate_record": ("user", _rate),
    "wallet_conversion": ("office", _conversion),
}
