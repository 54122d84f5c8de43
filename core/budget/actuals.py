"""What has been spent, from the ledger: one spend entry per transfer that paid for a budget line.

A spend entry: {"entry_id", "budget_line_id", "booking_id" (optional), "amount_minor", "currency",
"posted_at" (ISO time with zone)}. A positive amount is money gone from the production; a refund
that came back is negative. spend_from_transfers makes them from ledger transfer documents.
"""
from datetime import date, timedelta

from core.errors import Rejected
from core.moments import SPEND_ENTRY, lagos_day

# Transfers that move money out of the producer's wallet for good: a direct payment, or the release
# of a hold (its post_pending debits the wallet the hold reserved). A hold is not yet spent (it is a
# commitment), a void gives the money back, and the fee/VAT/pay parts of a release move money on
# from escrow, which the release already counted.
SPENDING_KINDS = ("posted", "post_pending")
PRODUCER_ACCOUNT_PREFIX = "wallet:"


def spend_from_transfers(transfer_docs: list[dict], line_of_booking: dict[str, str] | None = None,
                         posted_at: dict[str, str] | None = None) -> list[dict]:
    """Spend entries from ledger transfer documents (core.ledger.transfers.Transfer.to_doc()).

    The budget line is the transfer's own "budget_line_id" tag, else that of the hold it posts, else
    the line its booking is on (`line_of_booking`); transfers with none are not budget spend. The
    time is the "posted_at" tag, else `posted_at[transfer id]` (the time the store wrote it)."""
    line_of_booking, posted_at = line_of_booking or {}, posted_at or {}
    by_id = {doc["id"]: doc for doc in transfer_docs}
    entries = []
    for doc in transfer_docs:
        if doc.get("kind") not in SPENDING_KINDS or not doc.get("debit", "").startswith(PRODUCER_ACCOUNT_PREFIX):
            continue
        tags = {**by_id.get(doc.get("pending_id"), {}).get("user_data", {}), **doc.get("user_data", {})}
        booking_id = tags.get("booking_id", "")
        line_id = tags.get("budget_line_id") or line_of_booking.get(booking_id, "")
        if not line_id:
            continue
        entries.append({
            "entry_id": doc["id"], "budget_line_id": line_id, "booking_id": booking_id,
            "amount_minor": doc["amount"]["amount_minor"], "currency": doc["amount"]["currency"],
            "posted_at": tags.get("posted_at") or posted_at.get(doc["id"], ""),
        })
    return entries


def checked_spend(entries: list[dict], currency: str) -> list[dict]:
    seen = set()
    for entry in entries:
        entry_id = entry.get("entry_id")
        if entry_id in seen:
            raise Rejected("Spend entry {entry} appears twice; it would be counted twice.", entry=entry_id)
        seen.add(entry_id)
        if entry.get("currency") != currency:
            raise Rejected("Spend entry {entry} is in {currency} but the budget is in {budget_currency}; "
                           "convert it through FX first.",
                           entry=entry_id, currency=entry.get("currency"), budget_currency=currency)
        if type(entry.get("amount_minor")) is not int:
            raise Rejected("Spend entry {entry}: amounts are whole numbers of kobo or cents.", entry=entry_id)
        lagos_day(entry.get("posted_at"), SPEND_ENTRY, entry_id)
    return entries




def burn_rate(entries: list[dict], shoot_dates: list[str], as_of: str, currency: str) -> dict:
    """Spend through `as_of` (a Lagos date) per shoot day so far and per week.

    {"spent_minor", "shoot_days_so_far", "per_shoot_day_minor" (None before the first shoot day),
     "weeks": [{"week_starting": Monday's date, "spent_minor"}], "per_week_minor" (None with no spend)}.
    Averages are rounded half up to a whole kobo; weeks run Monday to Sunday in Lagos and count from
    the week of the first spend to the week of `as_of`, quiet weeks included."""
    checked_spend(entries, currency)
    end = date.fromisoformat(as_of)
    spent_by_week: dict[date, int] = {}
    for entry in entries:
        day = lagos_day(entry["posted_at"], SPEND_ENTRY, entry["entry_id"])
        if day <= end:
            monday = day - timedelta(days=day.weekday())
            spent_by_week[monday] = spent_by_week.get(monday, 0) + entry["amount_minor"]
    spent = sum(spent_by_week.values())
    shoot_days = len({d for d in shoot_dates if date.fromisoformat(d) <= end})
    weeks = []
    if spent_by_week:
        monday, last = min(spent_by_week), end - timedelta(days=end.weekday())
        while monday <= last:
            weeks.append({"week_starting": monday.isoformat(), "spent_minor": spent_by_week.get(monday, 0)})
            monday += timedelta(days=7)
    return {
        "spent_minor": spent, "shoot_days_so_far": shoot_days,
        "per_shoot_day_minor": _half_up(spent, shoot_days) if shoot_days else None,
        "weeks": weeks, "per_week_minor": _half_up(spent, len(weeks)) if weeks else None,
    }


def _half_up(amount: int, count: int) -> int:
    """amount / count rounded half away from zero, in integers (refunds can make spend negative)."""
    quotient, remainder = divmod(abs(amount), count)
    rounded = quotient + (1 if 2 * remainder >= count else 0)
    return rounded if amount >= 0 else -rounded
