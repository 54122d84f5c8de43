"""A hold's life: held (in whole or in part), then used up by releases or voided, each at most once."""
from dataclasses import dataclass, replace
from datetime import datetime

from core.ledger.transfers import Transfer

HELD = "held"          # something is still held (part may already be released)
RELEASED = "released"  # posted in full, in one part or several; nothing left to refund
VOIDED = "voided"      # the rest went back to the payer (refund or expiry); ended


@dataclass(frozen=True)
class Hold:
    transfer: Transfer       # the pending transfer that made the hold; its id is the hold id
    remaining_minor: int     # still held, not yet released or voided
    status: str = HELD
    frozen: bool = False     # a dispute is open: nothing moves until an admin resolves it
    disputed: bool = False   # was ever frozen; a disputed hold no longer expires on its own

    @property
    def id(self) -> str:
        return self.transfer.id

    @property
    def currency(self) -> str:
        return self.transfer.amount.currency

    def expired(self, now: datetime | None) -> bool:
        """Past its expiry, still held and never disputed (a dispute outlives the expiry)."""
        if now is None or not self.transfer.expires_at or self.disputed or self.status != HELD:
            return False
        return now >= datetime.fromisoformat(self.transfer.expires_at)

    def after_post(self, amount_minor: int) -> "Hold":
        left = self.remaining_minor - amount_minor
        return replace(self, remaining_minor=left, status=HELD if left else RELEASED)

    def after_void(self) -> "Hold":
        return replace(self, remaining_minor=0, status=VOIDED)

    def with_frozen(self, frozen: bool) -> "Hold":
        return replace(self, frozen=frozen, disputed=self.disputed or frozen)

    def to_doc(self) -> dict:
        return {"type": "ledger_hold", "transfer": self.transfer.to_doc(), "remaining_minor": self.remaining_minor,
                "status": self.status, "frozen": self.frozen, "disputed": self.disputed}

    @classmethod
    def from_doc(cls, doc: dict) -> "Hold":
        return cls(Transfer.from_doc(doc["transfer"]), doc["remaining_minor"], doc["status"], doc["frozen"],
                   doc["disputed"])
