"""Why a transfer is refused, in words: its shape, then the hold it acts on. Floors and repeats are
checked in state.py, where balances and earlier transfers are known."""
from dataclasses import dataclass
from datetime import datetime

from core.ledger.accounts import UnknownAccount, account_currency
from core.ledger.holds import RELEASED, VOIDED, Hold
from core.ledger.transfers import FREEZE_PENDING, ON_A_HOLD, PENDING, POST_PENDING, UNFREEZE_PENDING, Transfer
from core.money import Money


@dataclass(frozen=True)
class Refusal:
    code: str    # stable, for programs: "below_floor", "exceeds_held", ...
    reason: str  # for the person: shown as it is


def shape_refusal(transfer: Transfer) -> Refusal | None:
    """Refusals that need nothing but the transfer itself."""
    t = transfer
    for account in (t.debit, t.credit):
        try:
            tied = account_currency(account)
        except UnknownAccount as exc:
            return Refusal("unknown_account", f"Transfer {t.id}: {exc.reason}")
        if tied is not None and tied != t.amount.currency:
            return Refusal("currency_mismatch",
                           f"Transfer {t.id}: {account} holds {tied} only; this transfer is in {t.amount.currency}.")
    if t.debit == t.credit:
        return Refusal("same_account", f"Transfer {t.id} would pay {t.debit} to itself.")
    if t.amount.amount_minor <= 0:
        return Refusal("amount_not_positive", f"Transfer {t.id}: the amount must be more than zero, not {t.amount}.")
    if (t.kind in ON_A_HOLD) != bool(t.pending_id):
        need = "names the hold it acts on" if t.kind in ON_A_HOLD else "names no hold"
        return Refusal("pending_id", f"Transfer {t.id}: a {t.kind} transfer {need} (pending_id).")
    if t.expires_at and (t.kind != PENDING or not _is_aware_moment(t.expires_at)):
        return Refusal("bad_expiry", f"Transfer {t.id}: only a hold expires, at a date and time with a time zone "
                                     f"(e.g. 2026-12-01T09:00:00+01:00), not {t.expires_at!r}.")
    return None


def hold_refusal(transfer: Transfer, hold: Hold | None, now: datetime | None) -> Refusal | None:
    """Refusals for post, void, freeze and unfreeze, given the hold as it stands now."""
    t = transfer
    if hold is None:
        return Refusal("hold_not_found", f"Transfer {t.id}: there is no hold {t.pending_id}.")
    if (t.debit, t.credit) != (hold.transfer.debit, hold.transfer.credit):
        return Refusal("hold_accounts_differ",
                       f"Transfer {t.id}: hold {hold.id} is from {hold.transfer.debit} to {hold.transfer.credit}; "
                       f"it cannot move money between other accounts.")
    if t.amount.currency != hold.currency:
        return Refusal("currency_mismatch", f"Transfer {t.id}: hold {hold.id} is in {hold.currency}, "
                                            f"not {t.amount.currency}.")
    if hold.status == VOIDED:
        return Refusal("hold_ended", f"Hold {hold.id} was already refunded or expired; nothing is left on it.")
    if hold.status == RELEASED:
        return Refusal("hold_fully_released",
                       f"Hold {hold.id} was fully released; nothing is left to release or refund.")
    left = Money(hold.remaining_minor, hold.currency)
    if t.kind == FREEZE_PENDING:
        if hold.frozen:
            return Refusal("hold_already_frozen", f"Hold {hold.id} is already frozen by a dispute.")
    elif t.kind == UNFREEZE_PENDING:
        if not hold.frozen:
            return Refusal("hold_not_frozen", f"Hold {hold.id} is not frozen; there is no dispute to close.")
    elif hold.frozen:
        return Refusal("hold_frozen", f"Hold {hold.id} is frozen by a dispute; only an admin's resolution can move it.")
    elif t.kind == POST_PENDING and hold.expired(now):
        return Refusal("hold_expired",
                       f"Hold {hold.id} expired at {hold.transfer.expires_at}; it can only be refunded.")
    elif t.kind == POST_PENDING and t.amount.amount_minor > hold.remaining_minor:
        return Refusal("exceeds_held", f"Only {left} is left on hold {hold.id}; {t.amount} cannot be released.")
    if t.kind != POST_PENDING and t.amount.amount_minor != hold.remaining_minor:
        return Refusal("amount_not_what_is_held", f"Transfer {t.id}: {left} is left on hold {hold.id}; "
                                                  f"a {t.kind} must name exactly that, not {t.amount}.")
    return None


def _is_aware_moment(text: str) -> bool:
    try:
        return datetime.fromisoformat(text).tzinfo is not None
    except ValueError:
        return False
