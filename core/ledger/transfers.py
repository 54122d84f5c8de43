"""Transfers: immutable double-entry records whose id, chosen by the client, is the idempotency key.

Kinds (TigerBeetle's two-phase model, extended for disputes):
- "posted": money moves now.
- "pending": a hold; the amount leaves the debit account's available balance but is not yet posted.
- "post_pending": posts part or all of a hold. A hold can be posted in several parts until it is
  used up (the issue's "partial release leaves the rest held"); each part has its own id.
- "void_pending": gives back everything still held (a refund or an expiry), at most once. Its
  amount must equal what is left, so a client working from a stale balance is refused, not surprised.
- "freeze_pending" / "unfreeze_pending": a dispute stops the hold from being posted or voided until
  an admin's resolution, which unfreezes it in the same linked batch. They move no money; they live in
  the transfer log so that the log alone rebuilds every hold's state.
`linked=True` chains a transfer to the next one in the batch: the chain succeeds or fails whole."""
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field

from core.errors import Rejected
from core.money import Money

POSTED = "posted"
PENDING = "pending"
POST_PENDING = "post_pending"
VOID_PENDING = "void_pending"
FREEZE_PENDING = "freeze_pending"
UNFREEZE_PENDING = "unfreeze_pending"
KINDS = (POSTED, PENDING, POST_PENDING, VOID_PENDING, FREEZE_PENDING, UNFREEZE_PENDING)
ON_A_HOLD = frozenset({POST_PENDING, VOID_PENDING, FREEZE_PENDING, UNFREEZE_PENDING})
DOC_TYPE = "ledger_transfer"


@dataclass(frozen=True)
class Transfer:
    id: str
    debit: str
    credit: str
    amount: Money
    code: str
    kind: str = POSTED
    pending_id: str = ""
    expires_at: str = ""  # ISO-8601 UTC, pending transfers only; "" means the hold never expires
    user_data: tuple[tuple[str, str], ...] = field(default=())  # e.g. booking_id, milestone_id
    linked: bool = False

    def __post_init__(self) -> None:
        # Only the types are checked here; business refusals come back from state.apply with reasons.
        if not isinstance(self.id, str) or not self.id.strip():
            raise Rejected("Every transfer needs an id chosen before it is sent (its idempotency key).")
        if self.kind not in KINDS:
            raise Rejected("Transfer {transfer}: {kind} is not a kind of transfer ({kinds}).",
                           transfer=self.id, kind=repr(self.kind), kinds=", ".join(KINDS))
        if not isinstance(self.amount, Money):
            raise Rejected("Transfer {transfer}: the amount must be Money (minor units and a currency).",
                           transfer=self.id)
        if not all(isinstance(text, str) for text in (self.debit, self.credit, self.code, self.pending_id,
                                                      self.expires_at)):
            raise Rejected("Transfer {transfer}: accounts, code, pending id and expiry are text.", transfer=self.id)
        if not isinstance(self.linked, bool):
            raise Rejected("Transfer {transfer}: linked is true or false.", transfer=self.id)
        pairs = self.user_data.items() if isinstance(self.user_data, Mapping) else self.user_data
        pairs = tuple(sorted((str(key), str(value)) for key, value in pairs))
        object.__setattr__(self, "user_data", pairs)

    @property
    def data(self) -> dict[str, str]:
        return dict(self.user_data)

    def to_doc(self) -> dict:
        return {
            "type": DOC_TYPE, "id": self.id, "debit": self.debit, "credit": self.credit,
            "amount": self.amount.to_doc(), "code": self.code, "kind": self.kind,
            "pending_id": self.pending_id, "expires_at": self.expires_at,
            "user_data": dict(self.user_data), "linked": self.linked,
        }

    @classmethod
    def from_doc(cls, doc: dict) -> "Transfer":
        return cls(
            doc["id"], doc["debit"], doc["credit"], Money.from_doc(doc["amount"]), doc["code"],
            doc["kind"], doc.get("pending_id", ""), doc.get("expires_at", ""),
            doc.get("user_data", {}), doc.get("linked", False),
        )


def fingerprint(transfer: Transfer) -> str:
    """A hash of everything a transfer says; a repeat with the same id must carry the same one."""
    canonical = json.dumps(transfer.to_doc(), sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode()).hexdigest()


def linked(transfers: list[Transfer]) -> list[Transfer]:
    """The same transfers chained into one all-or-nothing batch (every one but the last is linked)."""
    last = len(transfers) - 1
    return [_with_link(transfer, index < last) for index, transfer in enumerate(transfers)]


def _with_link(transfer: Transfer, link: bool) -> Transfer:
    doc = transfer.to_doc()
    doc["linked"] = link
    return Transfer.from_doc(doc)
