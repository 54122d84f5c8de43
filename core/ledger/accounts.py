"""Ledger accounts: the kind comes from the id prefix ("wallet:ada"), and the kind sets the floor.

Balances are credit-normal: what the ledger owes the holder is credits minus debits. A deposit
debits the gateway's clearing account and credits the producer's wallet, so clearing runs negative
while the gateway holds our money, and a wallet is positive while the producer has money with us.

Floors (why):
- wallet, escrow, payee: people's money; we can never pay out or hold more than was put in.
- tax: VAT and withholding payable; remitting more than was collected is always a mistake.
- revenue, investor: a project cannot distribute more revenue than came in, nor an investor
  withdraw more than was credited to them.
- clearing, fx, platform: no floor. Clearing is negative while money is in transit at a gateway;
  an fx account pays out one currency and takes in another, so each side has either sign; the
  platform's fee account absorbs gateway charges and write-offs, which may exceed fees for a while.
A floored account must keep credits_posted >= debits_posted + debits_pending: money on hold
counts as already gone, money about to arrive (pending credits) does not count yet."""
from dataclasses import dataclass

from core.errors import Rejected
from core.money import CURRENCIES

FLOOR_ZERO_KINDS = frozenset({"wallet", "escrow", "payee", "tax", "revenue", "investor"})
NO_FLOOR_KINDS = frozenset({"clearing", "fx", "platform"})
KINDS = FLOOR_ZERO_KINDS | NO_FLOOR_KINDS

PLATFORM_FEES = "platform:fees"
VAT_PAYABLE = "tax:vat_payable"
WHT_PAYABLE = "tax:wht_payable"


class UnknownAccount(Rejected):
    """The account id does not follow the shared naming ("wallet:<person_id>", ...)."""


def account_kind(account: str) -> str:
    """The kind of `account` ("wallet", "escrow", ...); refuses ids outside the shared naming."""
    kind, _, rest = account.partition(":") if isinstance(account, str) else ("", "", "")
    if kind not in KINDS or not rest or rest.strip() != rest:
        raise UnknownAccount(
            "{account} is not a ledger account; accounts look like wallet:<person>, "
            "escrow:<hold>, payee:<person>, platform:fees, tax:vat_payable, clearing:<gateway>:<currency>.",
            account=repr(account),
        )
    if kind == "clearing" and (rest.count(":") != 1 or rest.split(":")[1] not in CURRENCIES):
        raise UnknownAccount("{account}: a clearing account is clearing:<gateway>:<currency>.", account=repr(account))
    if kind == "fx" and rest not in CURRENCIES:
        raise UnknownAccount("{account}: an FX account is fx:<currency>, e.g. fx:NGN.", account=repr(account))
    return kind


def has_floor(account: str) -> bool:
    """True when the account may never go below zero."""
    return account_kind(account) in FLOOR_ZERO_KINDS


def account_currency(account: str) -> str | None:
    """The currency an account is tied to by its name (clearing and fx accounts), else None."""
    kind = account_kind(account)
    if kind == "fx":
        return account.split(":")[1]
    if kind == "clearing":
        return account.split(":")[2]
    return None


def wallet(person_id: str) -> str:
    return f"wallet:{person_id}"


def escrow(hold_id: str) -> str:
    return f"escrow:{hold_id}"


def payee(person_id: str) -> str:
    return f"payee:{person_id}"


def clearing(gateway: str, currency: str) -> str:
    return f"clearing:{gateway}:{currency}"


def fx(currency: str) -> str:
    return f"fx:{currency}"


def revenue(project_id: str) -> str:
    return f"revenue:{project_id}"


def investor(person_id: str) -> str:
    return f"investor:{person_id}"


@dataclass(frozen=True)
class Balance:
    """One account's totals in one currency, in minor units (TigerBeetle's four counters)."""

    debits_posted: int = 0
    credits_posted: int = 0
    debits_pending: int = 0
    credits_pending: int = 0

    @property
    def posted(self) -> int:
        """What the ledger owes the holder now (negative for clearing while money is in transit)."""
        return self.credits_posted - self.debits_posted

    @property
    def available(self) -> int:
        """What can still be paid out or held: held money already counts as gone."""
        return self.credits_posted - self.debits_posted - self.debits_pending

    def plus(self, other: "Balance") -> "Balance":
        return Balance(
            self.debits_posted + other.debits_posted,
            self.credits_posted + other.credits_posted,
            self.debits_pending + other.debits_pending,
            self.credits_pending + other.credits_pending,
        )

    def to_doc(self) -> dict:
        return {"debits_posted": self.debits_posted, "credits_posted": self.credits_posted,
                "debits_pending": self.debits_pending, "credits_pending": self.credits_pending}

    @classmethod
    def from_doc(cls, doc: dict) -> "Balance":
        return cls(doc["debits_posted"], doc["credits_posted"], doc["debits_pending"], doc["credits_pending"])


def within_floor(account: str, balance: Balance) -> bool:
    """Whether `balance` is allowed for `account` (always true for accounts with no floor)."""
    return not has_floor(account) or balance.available >= 0
