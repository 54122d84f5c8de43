"""Dashboard figures per investor, and what one investor may see."""
from core.investors.dashboard import dashboard_figures, for_investor
from tests.unit.core.investors.investor_fixtures import CONTRIBUTIONS, NAIRA, TERMS, revenue


def row(figures, person_id):
    return next(r for r in figures["investors"] if r["person_id"] == person_id)


def test_before_recoupment_the_outstanding_is_what_is_owed_less_what_came_back():
    figures = dashboard_figures(TERMS, CONTRIBUTIONS, [revenue("r1", 900_000)])

    ada = row(figures, "ada")
    assert (ada["contributed_minor"], ada["recouped_minor"], ada["premium_paid_minor"]) == (
        1_000_000 * NAIRA, 600_000 * NAIRA, 0)
    assert ada["premium_due_minor"] == 200_000 * NAIRA
    assert ada["outstanding_minor"] == (1_200_000 - 600_000) * NAIRA
    assert figures["fully_recouped"] is False and figures["producer"]["profit_share_minor"] == 0


def test_after_recoupment_profit_shows_and_nothing_is_outstanding():
    later = revenue("r2", 1_000_000, at="2027-04-01T10:00:00+01:00")
    figures = dashboard_figures(TERMS, CONTRIBUTIONS, [revenue("r1", 1_800_000), later])

    bayo = row(figures, "bayo")
    assert (bayo["recouped_minor"], bayo["premium_paid_minor"], bayo["profit_share_minor"]) == (
        500_000 * NAIRA, 100_000 * NAIRA, 200_000 * NAIRA)
    assert bayo["received_minor"] == 800_000 * NAIRA and bayo["outstanding_minor"] == 0
    assert figures["fully_recouped"] is True
    assert figures["revenue_minor"] == 2_800_000 * NAIRA
    assert figures["producer"] == {"person_id": "funke", "profit_share_minor": 500_000 * NAIRA,
                                   "profit_share_bp": 5000}


def test_an_investor_sees_their_own_row_and_the_totals_only():
    figures = dashboard_figures(TERMS, CONTRIBUTIONS, [revenue("r1", 900_000)])

    view = for_investor(figures, "bayo")

    assert view["investor"]["person_id"] == "bayo"
    assert "investors" not in view and "producer" not in view
    assert view["contributed_minor"] == 1_500_000 * NAIRA
    assert for_investor(figures, "stranger")["investor"] is None
