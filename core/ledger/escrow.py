"""Escrow flows as pure functions that return transfer batches for state.apply.

Ids: each flow takes a key chosen by the caller before submitting (the gateway reference, the
approval's intent id, the dispute id) and derives its transfers' ids from it ("<key>/fee"), so a
retried flow produces the very same batch and the ledger treats it as a no-op."""
from datetime import date, datetime

from core.errors import Rejected
from core.ledger import accounts
from core.ledger.cancellation import DEFAULT_CANCELLATION_POLICY, refund_percent, refund_share
from core.ledger.fees import split_release
from core.ledger.holds import HELD, Hold
from core.ledger.transfers import PENDING, POST_PENDING, VOID_PENDING, Transfer, linked
from core.money import Money


def confirm_deposit(gateway: str, reference: str, producer_id: str, amount: Money) -> Transfer:
    """Money a gateway confirmed (after verifying with its API) lands in the producer's wallet.
    The gateway's reference is the id, so a webhook delivered 100 times credits once."""
    return Transfer(f"{gateway}:{reference}", accounts.clearing(gateway, amount.currency),
                    accounts.wallet(producer_id), amount, "deposit", user_data={"gateway": gateway})


def hold_in_escrow(hold_id: str, producer_id: str, payee_id: str, amount: Money, booking_id: str,
                   milestone_id: str = "", expires_at: str = "") -> Transfer:
    """Reserve `amount` of the producer's wallet for a booking (or one of its milestones)."""
    data = {"booking_id": booking_id, "payee_id": payee_id, "producer_id": producer_id}
    if milestone_id:
        data["milestone_id"] = milestone_id
    return Transfer(hold_id, accounts.wallet(producer_id), accounts.escrow(hold_id), amount, "escrow_hold",
                    kind=PENDING, expires_at=expires_at, user_data=data)


def deposit_and_hold(gateway: str, reference: str, producer_id: str, payee_id: str, amount: Money,
                     hold_id: str, booking_id: str, milestone_id: str = "") -> list[Transfer]:
    """Both, not linked on purpose: money the gateway confirmed is recorded even if the hold is refused."""
    return [confirm_deposit(gateway, reference, producer_id, amount),
            hold_in_escrow(hold_id, producer_id, payee_id, amount, booking_id, milestone_id)]


def release(hold: Hold, amount_minor: int, key: str, fee_bps: int, withholding_bps: int = 0) -> list[Transfer]:
    """Release part or all of what is held to the payee, with fee, VAT and withholding: one linked batch."""
    _must_be_held(hold)
    split = split_release(amount_minor, fee_bps, withholding_bps)
    escrow_account, payee_id = hold.transfer.credit, _payee_id(hold)
    data = {**hold.transfer.data, "hold_id": hold.id, "release_key": key}
    parts = [_on_hold(hold, POST_PENDING, f"{key}/post", amount_minor, "escrow_release", data)]
    for suffix, account, value, code in (
        ("fee", accounts.PLATFORM_FEES, split.fee_minor, "platform_fee"),
        ("vat", accounts.VAT_PAYABLE, split.vat_minor, "vat_on_fee"),
        ("wht", accounts.WHT_PAYABLE, split.withholding_minor, "withholding_tax"),
        ("pay", accounts.payee(payee_id), split.net_minor, "crew_pay"),
    ):
        if value:  # a zero part (no fee, no withholding) is left out: the ledger refuses zero amounts
            parts.append(Transfer(f"{key}/{suffix}", escrow_account, account, Money(value, hold.currency), code,
                                  user_data=data))
    return linked(parts)


def refund(hold: Hold, key: str, code: str = "escrow_refund") -> list[Transfer]:
    """Give everything still held back to the producer's wallet (a refund, or "hold_expired")."""
    _must_be_held(hold)
    return [_on_hold(hold, VOID_PENDING, f"{key}/refund", hold.remaining_minor, code,
                     {**hold.transfer.data, "hold_id": hold.id})]


def release_and_refund(hold: Hold, payee_minor: int, key: str, fee_bps: int, withholding_bps: int = 0
                       ) -> list[Transfer]:
    """Pay `payee_minor` of what is held to the payee and give the rest back, all or nothing."""
    _must_be_held(hold)
    if type(payee_minor) is not int or not 0 <= payee_minor <= hold.remaining_minor:
        raise Rejected("The crew member's share must be between nothing and the {held} held.", held=str(_left(hold)))
    batch = release(hold, payee_minor, key, fee_bps, withholding_bps) if payee_minor else []
    if payee_minor < hold.remaining_minor:
        rest = _on_hold(hold, VOID_PENDING, f"{key}/refund", hold.remaining_minor - payee_minor, "escrow_refund",
                        {**hold.transfer.data, "hold_id": hold.id})
        batch.append(rest)
    return linked(batch)


def cancel_booking(hold: Hold, first_shoot_day: date, cancelled_on: date, key: str, fee_bps: int,
                   withholding_bps: int = 0, policy=DEFAULT_CANCELLATION_POLICY) -> list[Transfer]:
    """The producer cancels: the policy's share of what is held is refunded, the rest goes to the crew member."""
    _must_be_held(hold)
    refunded = refund_share(hold.remaining_minor, refund_percent(first_shoot_day, cancelled_on, policy))
    return release_and_refund(hold, hold.remaining_minor - refunded, key, fee_bps, withholding_bps)


def expired_holds(holds, now: datetime) -> list[Transfer]:
    """A void for each hold past its expiry (never a frozen or disputed one), each its own batch item."""
    return [refund(hold, f"{hold.id}/expired", "hold_expired")[0]
            for hold in sorted(holds, key=lambda h: h.id) if hold.expired(now) and not hold.frozen]


def _on_hold(hold: Hold, kind: str, transfer_id: str, amount_minor: int, code: str, data: dict) -> Transfer:
    return Transfer(transfer_id, hold.transfer.debit, hold.transfer.credit, Money(amount_minor, hold.currency), code,
                    kind=kind, pending_id=hold.id, user_data=data)


def _must_be_held(hold: Hold) -> None:
    if hold.status != HELD or hold.remaining_minor <= 0:
        raise Rejected("Hold {hold} has nothing left on it ({status}).", hold=hold.id, status=hold.status)


def _payee_id(hold: Hold) -> str:
    payee_id = hold.transfer.data.get("payee_id", "")
    if not payee_id:
        raise Rejected("Hold {hold} does not say who is to be paid; it was not made by hold_in_escrow.", hold=hold.id)
    return payee_id


def _left(hold: Hold) -> Money:
    return Money(hold.remaining_minor, hold.currency)
