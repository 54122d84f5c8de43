"""Reconciliation, pure: what the ledger says each gateway reference did against what the gateway
says, and every difference in words an accountant can act on.

Ledger facts come from the transfers themselves: a deposit is the transfer "<gateway>:<reference>"
(code "deposit"), and so is an investor's contribution; a payout is followed by its reference through its reserve, its posting (success),
and its void or reversal (failed). The gateway's facts come from asking it about each reference."""
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from core.handlers.payouts import PAYOUT_CODE, RESERVE_CODE, REVERSAL_CODE, VOID_CODE
from core.ledger.transfers import Transfer
from core.money import Money
from core.payments import FAILED, PENDING, SUCCESS

PAYMENT, PAYOUT = "payment", "payout"
MISSING_IN_LEDGER, MISSING_AT_GATEWAY = "missing_in_ledger", "missing_at_gateway"
AMOUNT_DIFFERS, STATUS_DIFFERS = "amount_differs", "status_differs"
DEPOSIT_CODE = "deposit"
# An investor's payment is a payment at the gateway like a deposit (core/handlers/investments.py);
# one the office recorded from a bank transfer names no gateway we ask, so it is left out.
PAYMENT_CODES = (DEPOSIT_CODE, "investor_contribution")
# A payout's status from the furthest step the ledger recorded for it.
_PAYOUT_STEPS = {RESERVE_CODE: (0, PENDING), PAYOUT_CODE: (1, SUCCESS), VOID_CODE: (2, FAILED),
                 REVERSAL_CODE: (2, FAILED)}
Key = tuple[str, str, str]  # (kind, gateway, reference)


@dataclass(frozen=True)
class Fact:
    """One reference as one side sees it."""

    kind: str  # PAYMENT | PAYOUT
    gateway: str
    reference: str
    status: str  # SUCCESS | FAILED | PENDING
    amount: Money

    @property
    def key(self) -> Key:
        return (self.kind, self.gateway, self.reference)


@dataclass(frozen=True)
class Difference:
    kind: str
    gateway: str
    reference: str
    what: str  # MISSING_IN_LEDGER | MISSING_AT_GATEWAY | AMOUNT_DIFFERS | STATUS_DIFFERS
    words: str

    def to_doc(self) -> dict:
        return {"kind": self.kind, "gateway": self.gateway, "reference": self.reference, "what": self.what,
                "words": self.words}


def ledger_facts(transfers: Iterable[Transfer]) -> dict[Key, Fact]:
    """Deposits and payouts per gateway reference, from the ledger's transfers in any order."""
    facts: dict[Key, Fact] = {}
    steps: dict[Key, int] = {}
    for t in transfers:
        data = t.data
        if t.code in PAYMENT_CODES and t.id.count(":") == 1:
            gateway, reference = t.id.split(":")
            fact = Fact(PAYMENT, gateway, reference, SUCCESS, t.amount)
            facts[fact.key] = fact
        elif t.code in _PAYOUT_STEPS and data.get("reference") and data.get("gateway"):
            step, status = _PAYOUT_STEPS[t.code]
            key = (PAYOUT, data["gateway"], data["reference"])
            if step >= steps.get(key, -1):
                steps[key] = step
                facts[key] = Fact(PAYOUT, data["gateway"], data["reference"], status, t.amount)
    return facts


def differences(ledger: Mapping[Key, Fact], gateway: Mapping[Key, Fact | None]) -> list[Difference]:
    """Every disagreement over the references in either mapping; `gateway` maps each reference the
    job asked about to the gateway's answer, None when the gateway does not know it."""
    found = []
    for key in sorted(set(ledger) | set(gateway)):
        ours, theirs = ledger.get(key), gateway.get(key)
        if ours is None and theirs is not None and theirs.status == SUCCESS:
            found.append(_difference(theirs, MISSING_IN_LEDGER, f"the gateway says {theirs.amount} "
                                     f"{_moved(theirs)}, but the ledger has no record of it"))
        elif ours is not None and theirs is None and key in gateway and ours.status != FAILED:
            found.append(_difference(ours, MISSING_AT_GATEWAY, f"the ledger has {ours.amount} {_moved(ours)} "
                                     f"({ours.status}), but the gateway knows no such reference"))
        elif ours is not None and theirs is not None:
            if ours.amount != theirs.amount:
                found.append(_difference(ours, AMOUNT_DIFFERS, f"the ledger has {ours.amount}, the gateway "
                                         f"{theirs.amount}"))
            if ours.status != theirs.status:
                found.append(_difference(ours, STATUS_DIFFERS, f"the ledger has it as {ours.status}, the "
                                         f"gateway as {theirs.status}"))
    return found


def report_doc(day: date, checked: int, found: list[Difference]) -> dict:
    """The ops document "reconciliation:<date>" an admin reads in the morning."""
    return {"_id": f"reconciliation:{day.isoformat()}", "type": "reconciliation", "date": day.isoformat(),
            "references_checked": checked, "clean": not found, "differences": [d.to_doc() for d in found]}


def _moved(fact: Fact) -> str:
    return "paid in" if fact.kind == PAYMENT else "paid out"


def _difference(fact: Fact, what: str, detail: str) -> Difference:
    label = "Payment" if fact.kind == PAYMENT else "Payout"
    words = f"{label} {fact.reference} at {fact.gateway.title()}: {detail}."
    return Difference(fact.kind, fact.gateway, fact.reference, what, words)
