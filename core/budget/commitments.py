"""What bookings commit the production to: the rate times the days (or hours) booked.

A booking (core/handlers/hiring.py) carries "rate" (Money), "rate_per" ("day", "hour", "job"),
"start_date" and "end_date". A day rate is committed for every calendar day from start to end
inclusive unless the booking says "days" (e.g. 5 shoot days inside a two-week window); an hourly
rate needs "hours". The budget line comes from the booking's "budget_line_id", or from the map the
producer keeps when the booking was made before the budget existed.
"""
from datetime import date

from core.errors import Rejected
from core.money import Money

# Bookings that no longer commit money: never taken up, or called off before work.
NOT_COMMITTED_STATUSES = frozenset({"cancelled", "declined", "withdrawn", "expired"})


def booking_commitment(booking: dict, currency: str) -> Money:
    """The whole amount a booking commits, in the budget's currency."""
    label = f"Booking {booking.get('booking_id', '?')} ({booking.get('role', 'no role')})"
    try:
        rate = Money.from_doc(booking["rate"])
    except (KeyError, TypeError):
        raise Rejected(f"{label} has no rate.") from None
    if rate.currency != currency:
        raise Rejected(f"{label} is in {rate.currency} but the budget is in {currency}; convert it first.")
    if rate.amount_minor < 0:
        raise Rejected(f"{label} has a rate below zero.")
    per = booking.get("rate_per")
    if per == "job":
        units = 1
    elif per == "day":
        units = booking["days"] if "days" in booking else _calendar_days(booking, label)
    elif per == "hour":
        units = booking.get("hours")
        if units is None:
            raise Rejected(f"{label} is paid by the hour; say how many hours it books.")
    else:
        raise Rejected(f"{label}: {per!r} is not a rate period (day, hour or job).")
    if type(units) is not int or units < 0:
        raise Rejected(f"{label}: the number of {per}s booked is a whole number, not below zero.")
    return Money(rate.amount_minor * units, currency)


def commitments_by_line(bookings: list[dict], currency: str,
                        line_of_booking: dict[str, str] | None = None) -> dict[str, list[dict]]:
    """{budget line id or "": [{"booking_id", "committed_minor"}]}; "" holds bookings on no line,
    so they show on the report instead of vanishing from it."""
    line_of_booking = line_of_booking or {}
    found: dict[str, list[dict]] = {}
    for booking in bookings:
        if booking.get("type", "booking") != "booking" or booking.get("status") in NOT_COMMITTED_STATUSES:
            continue
        line_id = line_of_booking.get(booking.get("booking_id"), booking.get("budget_line_id", "")) or ""
        found.setdefault(line_id, []).append({
            "booking_id": booking.get("booking_id", ""),
            "committed_minor": booking_commitment(booking, currency).amount_minor,
        })
    return found


def _calendar_days(booking: dict, label: str) -> int:
    try:
        start, end = date.fromisoformat(booking["start_date"]), date.fromisoformat(booking["end_date"])
    except (KeyError, TypeError, ValueError):
        raise Rejected(f"{label} needs a start and an end date (like 2026-12-01).") from None
    if end < start:
        raise Rejected(f"{label} ends before it starts.")
    return (end - start).days + 1
