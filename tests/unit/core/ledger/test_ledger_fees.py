from datetime import date

import pytest

from core.errors import Rejected
from core.ledger.cancellation import DEFAULT_CANCELLATION_POLICY, check_policy, refund_percent, refund_share
from core.ledger.fees import split_release


@pytest.mark.parametrize("gross, fee_bps, wht_bps", [
    (100_000, 1_000, 0), (100_000, 1_000, 500), (99_999, 1_250, 1_000), (1, 1_000, 500), (7, 9_000, 0),
    (13_333, 333, 777),
])
def test_the_parts_of_a_release_add_up_to_the_gross(gross, fee_bps, wht_bps):
    split = split_release(gross, fee_bps, wht_bps)

    assert split.fee_minor + split.vat_minor + split.withholding_minor + split.net_minor == gross
    assert min(split.fee_minor, split.vat_minor, split.withholding_minor, split.net_minor) >= 0
    assert split.fee_minor * 10_000 <= gross * fee_bps < (split.fee_minor + 1) * 10_000  # fee rounded down
    assert abs(split.vat_minor * 10_000 - split.fee_minor * 750) <= 5_000  # VAT within half a kobo of 7.5 %
    assert abs(split.withholding_minor * 10_000 - gross * wht_bps) <= 5_000


def test_a_worked_example_with_every_part():
    split = split_release(200_000_00, 1_000, 500)  # ₦200,000, 10 % fee, 5 % withholding

    assert (split.fee_minor, split.vat_minor, split.withholding_minor, split.net_minor) == (
        20_000_00, 1_500_00, 10_000_00, 168_500_00)


def test_vat_halves_round_up():
    assert split_release(20, 1_000).vat_minor == 0  # fee 2, VAT 0.15
    assert split_release(200, 1_000).vat_minor == 2  # fee 20, VAT 1.5 -> 2


@pytest.mark.parametrize("gross, fee_bps, wht_bps", [
    (0, 1_000, 0), (-1, 1_000, 0), (100, -1, 0), (100, 10_001, 0), (100, 1_000, 10_001), (100, 10.0, 0),
    (100, 10_000, 500),
])
def test_impossible_rates_or_amounts_are_refused(gross, fee_bps, wht_bps):
    with pytest.raises(Rejected):
        split_release(gross, fee_bps, wht_bps)


@pytest.mark.parametrize("days_before, percent", [
    (30, 100), (14, 100), (13, 50), (7, 50), (6, 25), (2, 25), (1, 0), (0, 0), (-3, 0),
])
def test_the_default_cancellation_policy(days_before, percent):
    shoot = date(2026, 12, 20)

    assert refund_percent(shoot, date.fromordinal(shoot.toordinal() - days_before)) == percent


def test_a_refund_share_is_rounded_down_to_the_kobo():
    assert refund_share(101, 50) == 50
    assert refund_share(100_000, 25) == 25_000


@pytest.mark.parametrize("policy", [(), ((7, 50), (14, 100)), ((14, 50), (7, 100)), ((14, 101),), ((14, 0.5),)])
def test_a_malformed_policy_is_refused(policy):
    with pytest.raises(Rejected):
        check_policy(policy)


def test_the_default_policy_is_well_formed():
    check_policy(DEFAULT_CANCELLATION_POLICY)
