"""The cost report on a hand-worked budget: commitments, spend, forecast, variance, burn, alerts."""
import pytest

from core.budget.cost_report import cost_report
from core.budget.top_sheet import SECTION_OF
from core.errors import Rejected

M = 1_000_000  # kobo in ₦10,000; keeps the hand-worked figures readable

BUDGET = {"type": "budget", "project_id": "p1", "currency": "NGN", "lines": [
    {"line_id": "cast-leads", "category": "cast", "description": "Lead cast", "amount_minor": 100 * M},
    {"line_id": "gaffer", "category": "crew", "description": "Gaffer", "amount_minor": 60 * M},
    {"line_id": "catering", "category": "catering", "description": "Catering", "amount_minor": 20 * M},
    {"line_id": "contingency", "category": "contingency", "description": "10%", "amount_minor": 10 * M},
]}
BOOKINGS = [
    {"type": "booking", "booking_id": "b1", "role": "Gaffer", "rate": {"amount_minor": 4_500_000, "currency": "NGN"},
     "rate_per": "day", "start_date": "2026-12-01", "end_date": "2026-12-12", "status": "booked",
     "budget_line_id": "gaffer"},
    {"type": "booking", "booking_id": "b2", "role": "Lead", "rate": {"amount_minor": 25 * M, "currency": "NGN"},
     "rate_per": "day", "days": 5, "start_date": "2026-12-01", "end_date": "2026-12-12", "status": "booked"},
    {"type": "booking", "booking_id": "b3", "role": "Driver", "rate": {"amount_minor": 99 * M, "currency": "NGN"},
     "rate_per": "job", "status": "cancelled", "budget_line_id": "gaffer"},
]
SPEND = [
    {"entry_id": "s1", "budget_line_id": "gaffer", "booking_id": "b1", "amount_minor": 27 * M, "currency": "NGN",
     "posted_at": "2026-12-06T18:00:00+01:00"},
    {"entry_id": "s2", "budget_line_id": "catering", "amount_minor": 21 * M, "currency": "NGN",
     "posted_at": "2026-12-02T12:00:00+01:00"},
    {"entry_id": "s3", "budget_line_id": "cast-leads", "booking_id": "b2", "amount_minor": 10 * M, "currency": "NGN",
     "posted_at": "2026-12-08T09:00:00+01:00"},
]
SHOOT_DATES = [f"2026-12-{day:02d}" for day in range(1, 11)]


def report(**changes):
    args = {"budget": BUDGET, "bookings": BOOKINGS, "spend": SPEND, "shoot_dates": SHOOT_DATES,
            "as_of": "2026-12-08", "line_of_booking": {"b2": "cast-leads"}, **changes}
    return cost_report(**args)


def by(rows, key, value):
    return next(row for row in rows if row[key] == value)


def test_a_line_shows_budget_commitment_spend_and_forecast():
    gaffer = by(report()["lines"], "line_id", "gaffer")

    # 12 days at ₦45,000; half released; the cancelled driver on the same line commits nothing.
    assert (gaffer["budget"], gaffer["committed"], gaffer["spent"]) == (60 * M, 54 * M, 27 * M)
    assert (gaffer["to_pay"], gaffer["forecast"], gaffer["variance"]) == (27 * M, 54 * M, 6 * M)


def test_categories_and_sections_add_up_and_every_category_is_on_the_top_sheet():
    result = report()

    assert [row["category"] for row in result["categories"]] == list(SECTION_OF)
    assert by(result["sections"], "section", "above_the_line")["forecast"] == 125 * M
    assert by(result["sections"], "section", "production")["spent"] == 48 * M
    assert result["totals"] == {"budget": 190 * M, "committed": 179 * M, "spent": 58 * M, "to_pay": 142 * M,
                                "forecast": 200 * M, "variance": -10 * M}


def test_alerts_name_the_category_that_is_over_forecast_over_or_near():
    alerts = {alert["category"]: alert for alert in report()["alerts"]}

    assert alerts["catering"]["level"] == "over"
    assert "₦10,000.00 over its budget of ₦200,000.00" in alerts["catering"]["reason"]
    assert alerts["cast"]["level"] == "forecast_over"
    assert alerts["crew"]["level"] == "near"  # ₦540,000 forecast of ₦600,000 is 90%
    assert "contingency" not in alerts


def test_with_the_warning_level_raised_crew_is_quiet():
    alerts = report(budget={**BUDGET, "warn_at_bp": 9500})["alerts"]

    assert "crew" not in {alert["category"] for alert in alerts}


def test_burn_rate_per_shoot_day_and_per_lagos_week():
    burn = report()["burn"]

    assert (burn["spent_minor"], burn["shoot_days_so_far"], burn["per_shoot_day_minor"]) == (58 * M, 8, 7_250_000)
    assert burn["weeks"] == [{"week_starting": "2026-11-30", "spent_minor": 48 * M},
                             {"week_starting": "2026-12-07", "spent_minor": 10 * M}]
    assert burn["per_week_minor"] == 29 * M


def test_spend_late_on_sunday_utc_falls_in_the_next_lagos_week():
    late = {**SPEND[0], "posted_at": "2026-12-06T23:30:00+00:00"}  # 00:30 Monday 7 December in Lagos

    weeks = report(spend=[late])["burn"]["weeks"]

    assert weeks == [{"week_starting": "2026-12-07", "spent_minor": 27 * M}]


def test_bookings_and_spend_on_no_budget_line_are_shown_and_alerted():
    stray = {**SPEND[1], "entry_id": "s9", "budget_line_id": "no-such-line"}

    result = report(line_of_booking={}, spend=[*SPEND, stray])

    assert result["unassigned"]["booking_ids"] == ["b2"] and result["unassigned"]["entry_ids"] == ["s9"]
    assert result["unassigned"]["forecast"] == 21 * M + 115 * M
    assert any(alert["level"] == "unassigned" for alert in result["alerts"])
    assert result["totals"]["forecast"] == report()["totals"]["forecast"] + 21 * M


@pytest.mark.parametrize("changes, reason", [
    ({"spend": [{**SPEND[0], "currency": "USD"}]}, "convert it through FX"),
    ({"spend": [SPEND[0], SPEND[0]]}, "counted twice"),
    ({"spend": [{**SPEND[0], "amount_minor": 1.5}]}, "whole numbers"),
    ({"spend": [{**SPEND[0], "posted_at": "2026-12-06T18:00:00"}]}, "no time zone"),
    ({"bookings": [{**BOOKINGS[0], "rate_per": "hour"}]}, "how many hours"),
    ({"bookings": [{**BOOKINGS[0], "rate": {"amount_minor": 5, "currency": "GBP"}}]}, "convert it first"),
    ({"bookings": [{**BOOKINGS[0], "end_date": "2026-11-01"}]}, "ends before it starts"),
    ({"budget": {**BUDGET, "lines": [{**BUDGET["lines"][0], "category": "snacks"}]}}, "not a top-sheet category"),
    ({"budget": {**BUDGET, "currency": "NGN ", }}, "one currency"),
    ({"budget": {**BUDGET, "lines": [BUDGET["lines"][0], BUDGET["lines"][0]]}}, "unique"),
])
def test_bad_input_is_refused_in_words(changes, reason):
    with pytest.raises(Rejected, match=reason):
        report(**changes)
