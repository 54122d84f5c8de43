"""Spend taken from ledger transfers, and commitments from bookings."""
from core.budget.actuals import burn_rate, spend_from_transfers
from core.budget.commitments import booking_commitment
from core.money import Money


def transfer(id, kind, amount, pending_id="", debit="wallet:funke", credit="escrow:h1", **user_data):
    return {"type": "ledger_transfer", "id": id, "debit": debit, "credit": credit,
            "amount": {"amount_minor": amount, "currency": "NGN"}, "code": "release", "kind": kind,
            "pending_id": pending_id, "user_data": user_data}


def test_a_release_is_spend_on_its_bookings_line_and_a_hold_a_void_or_the_release_parts_are_not():
    docs = [
        transfer("h1", "pending", 900, booking_id="b1"),
        transfer("k/post", "post_pending", 400, pending_id="h1", booking_id="b1"),
        transfer("k/fee", "posted", 20, debit="escrow:h1", credit="platform:fees", booking_id="b1"),
        transfer("k/pay", "posted", 380, debit="escrow:h1", credit="payee:chidi", booking_id="b1"),
        transfer("v1", "void_pending", 500, pending_id="h1", booking_id="b1"),
        transfer("x1", "posted", 50, credit="payee:ada"),  # on no line: not budget spend
        transfer("c1", "posted", 70, credit="payee:mama-t", budget_line_id="catering",
                 posted_at="2026-12-04T11:00:00+01:00"),
    ]

    spend = spend_from_transfers(docs, line_of_booking={"b1": "gaffer"},
                                 posted_at={"k/post": "2026-12-03T10:00:00+01:00"})

    assert [(e["entry_id"], e["budget_line_id"], e["booking_id"], e["amount_minor"], e["posted_at"])
            for e in spend] == [("k/post", "gaffer", "b1", 400, "2026-12-03T10:00:00+01:00"),
                                ("c1", "catering", "", 70, "2026-12-04T11:00:00+01:00")]


def test_burn_before_any_shoot_day_or_spend_has_no_averages():
    burn = burn_rate([], ["2026-12-10"], "2026-12-01", "NGN")

    assert burn == {"spent_minor": 0, "shoot_days_so_far": 0, "per_shoot_day_minor": None, "weeks": [],
                    "per_week_minor": None}


def test_burn_averages_round_half_up_to_the_kobo():
    spend = [{"entry_id": "a", "budget_line_id": "x", "amount_minor": 5, "currency": "NGN",
              "posted_at": "2026-12-01T10:00:00+01:00"}]

    burn = burn_rate(spend, ["2026-12-01", "2026-12-02"], "2026-12-02", "NGN")

    assert burn["per_shoot_day_minor"] == 3  # 2.5 kobo rounds up


def test_a_job_rate_commits_once_and_an_hourly_rate_by_its_hours():
    job = {"booking_id": "b", "rate": {"amount_minor": 700, "currency": "NGN"}, "rate_per": "job"}
    hourly = {"booking_id": "b", "rate": {"amount_minor": 700, "currency": "NGN"}, "rate_per": "hour", "hours": 9}

    assert booking_commitment(job, "NGN") == Money(700, "NGN")
    assert booking_commitment(hourly, "NGN") == Money(6_300, "NGN")
