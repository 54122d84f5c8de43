"""Platform figures for admins: people by role, open jobs, fill rate, time to hire, payment
latency. Pure functions over documents as stored; sync/figures_reads.py reads them."""
from collections import Counter
from datetime import datetime
from statistics import median

SECONDS_PER_HOUR = 3600
PAYMENT_LATENCY_NOTE = "not measured yet — escrow lands with the money issue"
# A job post counts toward the fill rate once it offers places; "cancelled" posts offered none.
COUNTED_STATUSES = ("open", "filled", "closed")


def people_by_role(person_docs: list[dict]) -> dict[str, int]:
    """Erased members are gone; a person with two roles counts under each."""
    counts = Counter(
        role for doc in person_docs
        if doc.get("type") == "person" and not doc.get("erased")
        for role in doc.get("roles", ())
    )
    return dict(sorted(counts.items()))


def open_jobs(job_posts: list[dict]) -> int:
    return sum(1 for post in job_posts if post.get("type") == "job_post" and post.get("status") == "open")


def fill_rate(job_posts: list[dict]) -> float | None:
    """Places hired over places offered; None before any post offers a place."""
    counted = [post for post in job_posts if post.get("type") == "job_post" and post.get("status") in COUNTED_STATUSES]
    offered = sum(int(post.get("slots", 0)) for post in counted)
    hired = sum(min(len(post.get("hired", [])), int(post.get("slots", 0))) for post in counted)
    return hired / offered if offered else None


def time_to_hire_hours(job_posts: list[dict], bookings: list[dict]) -> float | None:
    """Median hours from a job's posting to each booking made from it; None with no bookings."""
    posted_at = {post["job_post_id"]: post["created_at"] for post in job_posts if "job_post_id" in post}
    waits = [
        (_moment(booking["created_at"]) - _moment(posted_at[booking["job_post_id"]])).total_seconds() / SECONDS_PER_HOUR
        for booking in bookings
        if booking.get("type") == "booking" and booking.get("job_post_id") in posted_at
    ]
    return median(waits) if waits else None


def platform_figures(person_docs: list[dict], job_posts: list[dict], bookings: list[dict]) -> dict:
    return {
        "people_by_role": people_by_role(person_docs),
        "open_jobs": open_jobs(job_posts),
        "fill_rate": fill_rate(job_posts),
        "time_to_hire_hours": time_to_hire_hours(job_posts, bookings),
        "payment_latency_hours": None,
        "payment_latency_note": PAYMENT_LATENCY_NOTE,
    }


def _moment(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:  # every stored time is aware; a naive one is a bug upstream
        raise ValueError(f"naive time {text!r}")
    return moment
