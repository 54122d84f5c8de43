"""Exchange rates and conversions. A conversion is two linked transfers through the FX accounts:
the payer's currency goes into fx:<from>, the other currency comes out of fx:<to>.

A rate is stored exactly: an integer ratio (or a decimal string turned into one), with when it was
taken and from where. Rounding rule: what the receiver gets is rounded DOWN to the whole kobo or
cent, so the ledger never pays out money that was not bought. The fraction of a minor unit given
up is not lost in silence: it is returned as `remainder` and written on both transfers, and the FX
desk's position (fx:<from> against fx:<to>) keeps it in plain view."""
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from core.errors import Rejected
from core.ledger import accounts
from core.ledger.transfers import Transfer, linked
from core.money import CURRENCIES, Money


@dataclass(frozen=True)
class FxRate:
    base: str          # one unit of base buys numerator/denominator units of quote
    quote: str
    numerator: int
    denominator: int
    at: str            # ISO-8601 with time zone: when the rate was taken
    source: str        # who quoted it ("cbn", "paystack", "admin:<person>")

    def __post_init__(self) -> None:
        if self.base not in CURRENCIES or self.quote not in CURRENCIES or self.base == self.quote:
            raise Rejected("An exchange rate is between two different currencies we handle, not {base} and {quote}.",
                           base=repr(self.base), quote=repr(self.quote))
        if type(self.numerator) is not int or type(self.denominator) is not int or min(self.numerator,
                                                                                       self.denominator) <= 0:
            raise Rejected("An exchange rate is a ratio of two positive whole numbers (or a decimal string).")
        if not self.source or not _aware(self.at):
            raise Rejected("An exchange rate needs its source and the time it was taken, with a time zone.")
        whole = Fraction(self.numerator, self.denominator)  # stored in lowest terms: equal rates compare equal
        object.__setattr__(self, "numerator", whole.numerator)
        object.__setattr__(self, "denominator", whole.denominator)

    @classmethod
    def from_decimal(cls, base: str, quote: str, rate: str, at: str, source: str) -> "FxRate":
        """From a decimal string such as "1530.25"; a float is refused, its digits are not exact."""
        if not isinstance(rate, str):
            raise Rejected("Give the exchange rate as text such as \"1530.25\", not {rate}.", rate=repr(rate))
        try:
            exact = Fraction(Decimal(rate))
        except (InvalidOperation, ValueError):
            raise Rejected("{rate} is not an exchange rate; write it like 1530.25.", rate=repr(rate))
        return cls(base, quote, exact.numerator, exact.denominator, at, source)

    @property
    def ratio(self) -> Fraction:
        return Fraction(self.numerator, self.denominator)

    def to_doc(self) -> dict:
        return {"type": "fx_rate", "base": self.base, "quote": self.quote, "numerator": self.numerator,
                "denominator": self.denominator, "at": self.at, "source": self.source}

    @classmethod
    def from_doc(cls, doc: dict) -> "FxRate":
        return cls(doc["base"], doc["quote"], doc["numerator"], doc["denominator"], doc["at"], doc["source"])


@dataclass(frozen=True)
class Conversion:
    transfers: tuple[Transfer, ...]  # linked: payer -> fx:<base>, then fx:<quote> -> receiver
    sent: Money
    received: Money
    remainder: Fraction  # of one minor unit of the quote currency, given up by rounding down: 0 <= r < 1


def convert(rate: FxRate, amount: Money, payer: str, receiver: str, key: str) -> Conversion:
    """Convert `amount` (in the rate's base currency) from `payer` into the quote currency for `receiver`."""
    if amount.currency != rate.base:
        raise Rejected("This rate converts {base}; the amount is in {currency}.",
                       base=rate.base, currency=amount.currency)
    if amount.amount_minor <= 0:
        raise Rejected("Only a positive amount can be converted, not {amount}.", amount=str(amount))
    exact = amount.amount_minor * rate.ratio * Fraction(10 ** CURRENCIES[rate.quote], 10 ** CURRENCIES[rate.base])
    received_minor = exact.numerator // exact.denominator  # rounded down: see the module note
    if received_minor == 0:
        raise Rejected("{amount} is too little to buy a single minor unit of {quote} at this rate.",
                       amount=str(amount), quote=rate.quote)
    remainder = exact - received_minor
    received = Money(received_minor, rate.quote)
    data = {"rate": f"{rate.numerator}/{rate.denominator}", "rate_at": rate.at, "rate_source": rate.source,
            "remainder_of_minor_unit": f"{remainder.numerator}/{remainder.denominator}"}
    transfers = linked([
        Transfer(f"{key}/sell", payer, accounts.fx(rate.base), amount, "fx_sell", user_data=data),
        Transfer(f"{key}/buy", accounts.fx(rate.quote), receiver, received, "fx_buy", user_data=data),
    ])
    return Conversion(tuple(transfers), amount, received, remainder)


def latest_rate(rates, base: str, quote: str, now: datetime, max_age_s: int) -> FxRate:
    """The newest stored rate for base->quote taken at or before `now` and not older than `max_age_s`."""
    usable = [r for r in rates if (r.base, r.quote) == (base, quote) and datetime.fromisoformat(r.at) <= now]
    if not usable:
        raise Rejected("There is no {base} to {quote} exchange rate yet.", base=base, quote=quote)
    newest = max(usable, key=lambda r: datetime.fromisoformat(r.at))
    if (now - datetime.fromisoformat(newest.at)).total_seconds() > max_age_s:
        raise Rejected("The newest {base} to {quote} rate ({taken_at}, {source}) is too old to use.",
                       base=base, quote=quote, taken_at=newest.at, source=newest.source)
    return newest


def _aware(text: str) -> bool:
    try:
        return datetime.fromisoformat(text).tzinfo is not None
    except (TypeError, ValueError):
        return False
