"""Reputation rules: who may review a booking, when, with what; and the rating a profile shows.

A booking can be reviewed once it is finished: it was confirmed and its last day is past, on
the production's calendar. Check-in records would say more (who actually turned up), but they
are one document per day with no index to find them by booking, while the booking's status and
dates are on the one document every review reads already.
"""
from datetime import date, datetime, timedelta, timezone

from core.errors import Rejected

# Who wrote the review, which is also whose rating it counts towards: the other party's.
BY_BOOKED = "by_booked"  # the cast or crew member reviews the production (its producer)
BY_PRODUCTION = "by_production"  # the producer or an office member who hires reviews the booked person

MIN_STARS, MAX_STARS = 1, 5
MAX_REVIEW_TEXT_CHARS = 1000
MAX_DISPUTE_REASON_CHARS = 1000
# Words a reviewer may tick, per direction: what crew value in a production is not what a
# production values in crew.
TAGS = {
    BY_PRODUCTION: ("punctual", "professional", "skilled", "easy_to_work_with", "own_equipment"),
    BY_BOOKED: ("paid_on_time", "well_organised", "safe_set", "professional", "easy_to_work_with"),
}
# Nigeria keeps West Africa Time all year (no summer time); booking dates are days there.
PRODUCTION_TIME_ZONE = timezone(timedelta(hours=1), "WAT")


def check_review(direction: str, stars: int, text: str, tags: tuple[str, ...]) -> None:
    if type(stars) is not int or not MIN_STARS <= stars <= MAX_STARS:
        raise Rejected("Give {least} to {most} stars.", least=MIN_STARS, most=MAX_STARS)
    if len(text.strip()) > MAX_REVIEW_TEXT_CHARS:
        raise Rejected("A review is at most {most} characters; yours has {count}.",
                       most=MAX_REVIEW_TEXT_CHARS, count=len(text.strip()))
    unknown = sorted(set(tags) - set(TAGS[direction]))
    if unknown:
        raise Rejected("Unknown tag {tags}: choose from {known}.",
                       tags=", ".join(unknown), known=", ".join(TAGS[direction]))


def check_finished(booking: dict, now: datetime) -> None:
    """Refuse a review of work that was never agreed or is not over yet."""
    if booking["status"] != "confirmed":
        raise Rejected("This booking was never confirmed, so there is no work to review.")
    today = now.astimezone(PRODUCTION_TIME_ZONE).date()
    if today <= date.fromisoformat(booking["end_date"]):
        raise Rejected("You can review this booking once it is over: its last day is {day}.", day=booking["end_date"])


def check_dispute_reason(reason: str) -> str:
    reason = reason.strip()
    if not 1 <= len(reason) <= MAX_DISPUTE_REASON_CHARS:
        raise Rejected("Say what went wrong, in 1 to {most} characters.", most=MAX_DISPUTE_REASON_CHARS)
    return reason


def rating_summary(stars_total: int, count: int) -> dict:
    """The profile's rating from integer totals: the average to one decimal, halves rounded up,
    in integer arithmetic so no float error builds up over many reviews."""
    if count == 0:
        return {"average": 0.0, "count": 0}
    tenths = (20 * stars_total + count) // (2 * count)
    return {"average": tenths / 10, "count": count}
