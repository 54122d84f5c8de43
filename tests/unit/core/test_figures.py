"""Platform figures from documents as stored."""
import pytest

from core.figures import (
    PAYMENT_LATENCY_NOTE, fill_rate, open_jobs, people_by_role, platform_figures, time_to_hire_hours,
)


def person(*roles, **more) -> dict:
    return {"type": "person", "roles": list(roles), **more}


def post(job_post_id, status, slots, hired, created_at="2026-11-01T09:00:00+01:00") -> dict:
    return {
        "type": "job_post", "job_post_id": job_post_id, "status": status, "slots": slots,
        "hired": [f"p{n}" for n in range(hired)], "created_at": created_at,
    }


def booking(job_post_id, created_at) -> dict:
    return {"type": "booking", "job_post_id": job_post_id, "created_at": created_at}


def test_people_by_role_counts_each_role_and_skips_the_erased():
    people = [person("crew"), person("crew", "actor"), person("producer"), person(erased=True), {"type": "job_post"}]
    assert people_by_role(people) == {"actor": 1, "crew": 2, "producer": 1}


def test_open_jobs_and_fill_rate():
    posts = [post("a", "open", 2, 1), post("b", "filled", 2, 2), post("c", "cancelled", 5, 0)]
    assert open_jobs(posts) == 1
    assert fill_rate(posts) == pytest.approx(3 / 4)
    assert fill_rate([]) is None


def test_time_to_hire_is_the_median_in_hours():
    posts = [post("a", "filled", 3, 3, "2026-11-01T09:00:00+01:00")]
    bookings = [
        booking("a", "2026-11-01T10:00:00+01:00"),  # 1 h
        booking("a", "2026-11-02T09:00:00+01:00"),  # 24 h
        booking("a", "2026-11-01T11:00:00+00:00"),  # 3 h: another zone
        booking("gone", "2026-11-09T09:00:00+01:00"),  # its post is unknown: not counted
    ]
    assert time_to_hire_hours(posts, bookings) == pytest.approx(3.0)
    assert time_to_hire_hours(posts, []) is None


def test_payment_latency_is_not_measured_yet():
    figures = platform_figures([person("crew")], [post("a", "open", 1, 0)], [])
    assert figures["payment_latency_hours"] is None and figures["payment_latency_note"] == PAYMENT_LATENCY_NOTE
    assert figures["open_jobs"] == 1 and figures["fill_rate"] == 0.0
