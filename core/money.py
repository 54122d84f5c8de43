"""Money is integer minor units (kobo, cents) with a currency; never a float."""
from dataclasses import dataclass

from core.errors import Rejected

# Minor units per currency (ISO 4217 exponents): naira, dollar, pound, euro, cedi, shilling, rand.
CURRENCIES = {"NGN": 2, "USD": 2, "GBP": 2, "EUR": 2, "GHS": 2, "KES": 2, "ZAR": 2}
SYMBOLS = {"NGN": "₦", "USD": "$", "GBP": "£", "EUR": "€", "GHS": "GH₵", "KES": "KSh ", "ZAR": "R"}


@dataclass(frozen=True)
class Money:
    amount_minor: int
    currency: str

    def __post_init__(self) -> None:
        if type(self.amount_minor) is not int:
            raise Rejected("Amounts are whole numbers of kobo or cents.")
        if self.currency not in CURRENCIES:
            raise Rejected("We do not handle the currency {currency} yet.", currency=repr(self.currency))

    def to_doc(self) -> dict:
        return {"amount_minor": self.amount_minor, "currency": self.currency}

    @classmethod
    def from_doc(cls, doc: dict) -> "Money":
        return cls(doc["amount_minor"], doc["currency"])

    def __str__(self) -> str:
        major, minor = divmod(abs(self.amount_minor), 10 ** CURRENCIES[self.currency])
        symbol = SYMBOLS[self.currency]
        sign = "-" if self.amount_minor < 0 else ""
        return f"{sign}{symbol}{major:,}" + (f".{minor:02d}" if minor else "")
