"""The cancellation policy: how much of a held deposit goes back to the producer who cancels.

A policy is a table of (days before the first shoot day, percent refunded), read from the top: the
first row whose day count the cancellation meets applies. Days are whole calendar days in Lagos
time between the day of cancelling and the first shoot day. The default, stated to both sides
when the booking is made:
- 14 days or more before the first shoot day: 100 % refunded (the crew member can rebook);
- 7 to 13 days: 50 % refunded;
- 2 to 6 days: 25 % refunded;
- under 2 days, or after the shoot started: nothing refunded.
The part not refunded is released to the crew member like any release (fee, VAT, withholding).
The refund is rounded down to the kobo; the odd kobo goes with the crew member's part."""
from datetime import date

from core.errors import Rejected

DEFAULT_CANCELLATION_POLICY = ((14, 100), (7, 50), (2, 25), (0, 0))


def refund_percent(first_shoot_day: date, cancelled_on: date, policy=DEFAULT_CANCELLATION_POLICY) -> int:
    """The percent of what is still held that goes back to the producer."""
    check_policy(policy)
    days_before = (first_shoot_day - cancelled_on).days
    for min_days, percent in policy:
        if days_before >= min_days:
            return percent
    return 0  # cancelled after the first shoot day: below every row


def refund_share(held_minor: int, percent: int) -> int:
    """The refunded part of `held_minor`, rounded down to the kobo."""
    return held_minor * percent // 100


def check_policy(policy) -> None:
    """A policy must list day counts from most to fewest, with percents that never rise closer to the shoot."""
    rows = list(policy)
    fine = bool(rows) and all(
        type(days) is int and type(percent) is int and days >= 0 and 0 <= percent <= 100 for days, percent in rows)
    ordered = all(a[0] > b[0] and a[1] >= b[1] for a, b in zip(rows, rows[1:]))
    if not (fine and ordered):
        raise Rejected("A cancellation policy lists (days before the first shoot day, percent refunded) from the "
                       "most days to the fewest, with whole percents from 0 to 100 that never rise nearer the shoot.")
