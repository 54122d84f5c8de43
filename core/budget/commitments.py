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
    booking_id, role = _named(booking)
    try:
        rate = Money.from_doc(booking["rate"])
    except (KeyError, TypeError):
        raise Rejected("Booking {booking} ({role}) has no rate.", booking=booking_id, role=role) from None
    if rate.currency != currency:
        raise Rejected("Booking {booking} ({role}) is in {currency} but the budget is in {budget_currency}; "
                       "convert it first.", booking=booking_id, role=role,
                       currency=rate.currency, budget_currency=currency)
    if rate.amount_minor < 0:
        raise Rejected("Booking {booking} ({role}) has a rate below zero.", booking=booking_id, role=role)
    per = booking.get("rate_per")
    if per == "job":
        units = 1
    elif per == "day":
        units = booking["days"] if "days" in booking else _calendar_days(booking)
    elif per == "hour":
        units = booking.get("hours")
        if units is None:
            raise Rejected("Booking {booking} ({role}) is paid by the hour; say how many hours it books.",
                           booking=booking_id, role=role)
    else:
        raise Rejected("Booking {booking} ({role}): {period} is not a rate period (day, hour or job).",
                       booking=booking_id, role=role, period=repr(per))
    if type(units) is not int or units < 0:  # a job is always one unit, so only days and hours get here
        raise Rejected("Booking {booking} ({role}): the number of days booked is a whole number, not below zero."
                       if per == "day" else
                       "Booking {booking} ({role}): the number of hours booked is a whole number, not below zero.",
                       booking=booking_id, role=role)
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


def _named(booking: dict) -> tuple[str, str]:
    """The booking as its refusals name it: its id and the role it books."""
    return str(booking.get("booking_id", "?")), str(booking.get("role", "no role"))


def _calendar_days(booking: dict) -> int:
    try:
        start, end = date.fromisoformat(booking["start_date"]), date.fromisoformat(booking["end_date"])
    except (KeyError, TypeError, ValueError):
        booking_id, role = _named(booking)
        raise Rejected("Booking {booking} ({role}) needs a start and an end date (like 2026-12-01).",
                       booking=booking_id, role=role) from None
    if end < start:
        booking_id, role = _named(booking)
        raise Rejected("Booking {booking} ({role}) ends before it starts.", booking=booking_id, role=role)
    return (end - start).days + 1
