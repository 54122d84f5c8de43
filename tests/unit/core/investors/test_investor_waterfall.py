"""The waterfall on the hand-worked deal: before recoupment, exactly at it, and after it."""
import pytest

from core.errors import Rejected
from core.investors.terms import checked_terms, pro_rata_profit_shares
from core.investors.waterfall import waterfall
from tests.unit.core.investors.investor_fixtures import CONTRIBUTIONS, NAIRA, TERMS, contribution


def paid(revenue_naira):
    return {party: {part: kobo // NAIRA for part, kobo in parts.items()}
            for party, parts in waterfall(TERMS, CONTRIBUTIONS, revenue_naira * NAIRA).items()}


def test_before_recoupment_investors_get_their_money_back_pro_rata_and_nobody_profits():
    # ₦900,000 is half of the ₦1,800,000 owed: Ada 1.2m/1.8m of it, Bayo 0.6m/1.8m; money before premium.
    assert paid(900_000) == {
        "ada": {"principal": 600_000, "premium": 0, "profit": 0},
        "bayo": {"principal": 300_000, "premium": 0, "profit": 0},
        "funke": {"principal": 0, "premium": 0, "profit": 0},
    }


def test_exactly_at_recoupment_everyone_has_money_and_premium_and_nothing_more():
    assert paid(1_800_000) == {
        "ada": {"principal": 1_000_000, "premium": 200_000, "profit": 0},
        "bayo": {"principal": 500_000, "premium": 100_000, "profit": 0},
        "funke": {"principal": 0, "premium": 0, "profit": 0},
    }


def test_after_recoupment_the_profit_is_split_by_the_agreed_shares():
    # ₦2,800,000 leaves ₦1,000,000 of profit: 30% Ada, 20% Bayo, 50% Funke.
    assert paid(2_800_000) == {
        "ada": {"principal": 1_000_000, "premium": 200_000, "profit": 300_000},
        "bayo": {"principal": 500_000, "premium": 100_000, "profit": 200_000},
        "funke": {"principal": 0, "premium": 0, "profit": 500_000},
    }


def test_between_money_and_premium_the_premium_comes_last():
    # ₦1,650,000: Ada gets 1.2/1.8 of it = ₦1,100,000 (all her money, ₦100,000 of premium).
    assert paid(1_650_000)["ada"] == {"principal": 1_000_000, "premium": 100_000, "profit": 0}


def test_with_no_investors_all_revenue_is_profit():
    terms = {**TERMS, "profit_shares_bp": {"funke": 10_000}}

    assert waterfall(terms, [], 12_345) == {"funke": {"principal": 0, "premium": 0, "profit": 12_345}}


@pytest.mark.parametrize("changes, reason", [
    ({"kyc_verified": False}, "identity checks"),
    ({"amount": {"amount_minor": 0, "currency": "NGN"}}, "above zero"),
    ({"amount": {"amount_minor": 10, "currency": "USD"}}, "convert it through FX"),
    ({"project_id": "other"}, "another project"),
])
def test_a_contribution_that_may_not_count_is_refused(changes, reason):
    with pytest.raises(Rejected, match=reason):
        waterfall(TERMS, [contribution("c9", "ada", 1, **changes)], 100)


@pytest.mark.parametrize("changes, reason", [
    ({"profit_shares_bp": {"ada": 3000, "bayo": 2000, "funke": 4999}}, "add up to 10000"),
    ({"profit_shares_bp": {"ada": 5000, "bayo": 5000}}, "producer must be named"),
    ({"premium_bp": 12.5}, "premium"),
    ({"currency": "NAIRA"}, "one currency"),
])
def test_terms_that_do_not_hold_together_are_refused(changes, reason):
    with pytest.raises(Rejected, match=reason):
        waterfall({**TERMS, **changes}, CONTRIBUTIONS, 100)


def test_pro_rata_profit_shares_split_the_investors_pool_by_their_money():
    shares = pro_rata_profit_shares({"ada": 1_000_000, "bayo": 500_000}, 5000, "funke")

    assert shares == {"ada": 3333, "bayo": 1667, "funke": 5000}  # 3333.3 and 1666.7: the spare bp to Bayo
    assert checked_terms({**TERMS, "profit_shares_bp": shares})["profit_shares_bp"] == shares
