"""Disputes freeze a hold until an admin resolves it; undisputed work is paid automatically.

Automatic release: N days after the check-in log verifies the work was completed, the whole rest of
the hold goes to the crew member unless a dispute is open. A dispute opened before that moment stops
it; one opened after is too late for the automatic release (the money is already paid)."""
from collections.abc import Collection, Iterable, Mapping
from datetime import datetime, timedelta

from core.errors import Rejected
from core.ledger.escrow import release, release_and_refund
from core.ledger.holds import HELD, Hold
from core.ledger.transfers import FREEZE_PENDING, UNFREEZE_PENDING, Transfer, linked
from core.money import Money

AUTO_RELEASE_AFTER_DAYS = 7
RELEASE, REFUND, SPLIT = "release", "refund", "split"


def freeze(hold: Hold, dispute_id: str) -> Transfer:
    """The dispute's first act: nothing moves on this hold until an admin resolves it."""
    if hold.status != HELD or hold.remaining_minor <= 0:
        raise Rejected("Hold {hold} has nothing left on it to dispute ({status}).", hold=hold.id, status=hold.status)
    return _flag(hold, FREEZE_PENDING, f"{dispute_id}/freeze", dispute_id)


def resolve_dispute(hold: Hold, dispute_id: str, decision: str, fee_bps: int, withholding_bps: int = 0,
                    payee_minor: int | None = None) -> list[Transfer]:
    """An admin's decision as one linked batch: unfreeze, then release all, refund all, or split."""
    if not hold.frozen:
        raise Rejected("Hold {hold} is not under dispute.", hold=hold.id)
    held = hold.remaining_minor
    if decision == RELEASE:
        payee_minor = held
    elif decision == REFUND:
        payee_minor = 0
    elif decision != SPLIT or payee_minor is None:
        raise Rejected("An admin resolves a dispute by release, refund, or split with the crew member's share.")
    thawed = Hold(hold.transfer, held, HELD)
    unfreeze = _flag(hold, UNFREEZE_PENDING, f"{dispute_id}/unfreeze", dispute_id)
    return linked([unfreeze, *release_and_refund(thawed, payee_minor, f"{dispute_id}/resolution", fee_bps,
                                                 withholding_bps)])


def due_releases(holds: Iterable[Hold], completions: Mapping[str, datetime], disputes: Collection[str],
                 now: datetime, after_days: int = AUTO_RELEASE_AFTER_DAYS) -> list[str]:
    """Ids of holds to release now: completed at least `after_days` ago, still held, not frozen, no open dispute."""
    wait = timedelta(days=after_days)
    return sorted(
        hold.id for hold in holds
        if hold.status == HELD and not hold.frozen and hold.id not in disputes
        and hold.id in completions and now >= completions[hold.id] + wait
    )


def auto_release(hold: Hold, fee_bps: int, withholding_bps: int = 0) -> list[Transfer]:
    """The automatic release of everything still held; its fixed key makes a rerun of the job a no-op."""
    return release(hold, hold.remaining_minor, f"{hold.id}/auto", fee_bps, withholding_bps)


def _flag(hold: Hold, kind: str, transfer_id: str, dispute_id: str) -> Transfer:
    return Transfer(transfer_id, hold.transfer.debit, hold.transfer.credit, Money(hold.remaining_minor, hold.currency),
                    "dispute", kind=kind, pending_id=hold.id,
                    user_data={**hold.transfer.data, "hold_id": hold.id, "dispute_id": dispute_id})
