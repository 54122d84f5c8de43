"""One investor's statement: their own contributions and what each revenue entry paid them, which
add up to the dashboard's totals; and how far the shoot has got."""
from core.investors.dashboard import dashboard_figures
from core.investors.statement import investor_statement, shoot_progress
from tests.unit.core.investors.investor_fixtures import CONTRIBUTIONS, NAIRA, TERMS, contribution, revenue

REVENUE = [revenue("cinema:r1", 900_000), revenue("stream:r2", 1_500_000, at="2027-04-01T10:00:00+01:00")]


def row(figures, person_id):
    return next(r for r in figures["investors"] if r["person_id"] == person_id)


def test_the_statement_lists_only_the_investors_own_contributions_oldest_first():
    later = contribution("c0", "ada", 1, at="2026-09-01T10:00:00+01:00")
    statement = investor_statement(TERMS, [*CONTRIBUTIONS, later], REVENUE, "ada")

    assert [item["contribution_id"] for item in statement["contributions"]] == ["c0", "c1", "c3"]
    assert [item["amount_minor"] for item in statement["contributions"]] == [NAIRA, 600_000 * NAIRA, 400_000 * NAIRA]


def test_each_revenue_entry_shows_what_it_paid_and_the_parts_add_up_to_the_dashboard():
    statement = investor_statement(TERMS, CONTRIBUTIONS, REVENUE, "bayo")
    figures = row(dashboard_figures(TERMS, CONTRIBUTIONS, REVENUE), "bayo")

    paid = statement["distributions"]
    assert [(d["revenue_entry_id"], d["source"], d["revenue_minor"]) for d in paid] == [
        ("cinema:r1", "cinema", 900_000 * NAIRA), ("stream:r2", "stream", 1_500_000 * NAIRA)]
    assert sum(d["principal_minor"] for d in paid) == figures["recouped_minor"]
    assert sum(d["premium_minor"] for d in paid) == figures["premium_paid_minor"]
    assert sum(d["profit_minor"] for d in paid) == figures["profit_share_minor"]
    assert sum(d["total_minor"] for d in paid) == figures["received_minor"]
    assert all(d["total_minor"] == d["principal_minor"] + d["premium_minor"] + d["profit_minor"] for d in paid)


def test_before_recoupment_ends_an_entry_pays_no_profit():
    [first] = investor_statement(TERMS, CONTRIBUTIONS, REVENUE[:1], "ada")["distributions"]

    assert first["profit_minor"] == 0 and first["principal_minor"] > 0


def test_a_producer_who_invested_sees_their_recoupment_but_not_their_producer_share():
    terms = {**TERMS, "profit_shares_bp": {"ada": 3000, "bayo": 2000, "funke": 5000}}
    money = [*CONTRIBUTIONS, contribution("c4", "funke", 100_000)]
    statement = investor_statement(terms, money, REVENUE, "funke")

    assert sum(d["profit_minor"] for d in statement["distributions"]) == 0
    assert sum(d["principal_minor"] for d in statement["distributions"]) == 100_000 * NAIRA


def test_someone_with_no_money_in_has_an_empty_statement_of_contributions():
    statement = investor_statement(TERMS, CONTRIBUTIONS, [], "nobody")

    assert statement == {"contributions": [], "distributions": []}


def test_shoot_progress_counts_days_with_a_filed_report_and_days_gone_by():
    schedule = {"days": [{"day": n, "date": f"2026-12-0{n}"} for n in (3, 1, 2, 4)]}

    progress = shoot_progress(schedule, {"2026-12-01", "2026-12-03", "2026-11-30"}, "2026-12-02")

    assert progress == {"scheduled_days": 4, "days_shot": 2, "days_gone": 2,
                        "first_day": "2026-12-01", "last_day": "2026-12-04"}


def test_no_published_schedule_is_no_progress():
    assert shoot_progress(None, set(), "2026-12-02") == {
        "scheduled_days": 0, "days_shot": 0, "days_gone": 0, "first_day": "", "last_day": ""}
