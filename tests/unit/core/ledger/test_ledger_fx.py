from datetime import datetime, timedelta, timezone
from fractions import Fraction

import pytest

from core.errors import Rejected
from core.ledger.fx import FxRate, convert, latest_rate
from core.money import Money
from tests.unit.core.ledger.ledger_books import funded, made

AT = "2026-11-27T09:00:00+01:00"


def naira_per_dollar(rate: str = "1530.25", at: str = AT) -> FxRate:
    return FxRate.from_decimal("USD", "NGN", rate, at, "cbn")


def dollars_per_naira() -> FxRate:
    return FxRate("NGN", "USD", 4, 6_121, AT, "cbn")  # 1 / 1530.25


def test_a_decimal_rate_is_stored_as_an_exact_ratio():
    rate = naira_per_dollar()

    assert (rate.numerator, rate.denominator) == (6_121, 4)
    assert FxRate.from_doc(rate.to_doc()) == rate


def test_a_conversion_never_pays_out_more_than_was_bought_and_shows_the_remainder():
    conversion = convert(dollars_per_naira(), Money(1_000_000, "NGN"), "wallet:ada", "wallet:ada", "fx-1")

    exact = Fraction(1_000_000 * 4, 6_121)
    assert conversion.received == Money(653, "USD")  # 653.48... cents, rounded down
    assert conversion.remainder == exact - 653
    assert 0 <= conversion.remainder < 1
    assert conversion.transfers[0].data["remainder_of_minor_unit"] == f"{exact.numerator - 653 * exact.denominator}/" \
                                                                      f"{exact.denominator}"


def test_a_conversion_is_two_linked_transfers_through_the_fx_accounts():
    state = funded(1_000_000)
    conversion = convert(dollars_per_naira(), Money(1_000_000, "NGN"), "wallet:ada", "wallet:ada", "fx-1")

    state = made(state, conversion.transfers)

    assert [t.linked for t in conversion.transfers] == [True, False]
    assert state.balance("wallet:ada", "NGN").posted == 0
    assert state.balance("wallet:ada", "USD").posted == 653
    assert state.balance("fx:NGN", "NGN").posted == 1_000_000
    assert state.balance("fx:USD", "USD").posted == -653


@pytest.mark.parametrize("minor", [2, 99, 12_345, 10**12 + 7])
def test_converting_back_and_forth_never_invents_a_kobo(minor):
    there = convert(naira_per_dollar(), Money(minor, "USD"), "wallet:a", "wallet:a", "k1").received
    back = convert(dollars_per_naira(), there, "wallet:a", "wallet:a", "k2").received

    assert minor * Fraction("1530.25") - 1 < there.amount_minor <= minor * Fraction("1530.25")
    assert back.amount_minor < minor


def test_one_cent_buys_naira_that_cannot_buy_a_cent_back():
    there = convert(naira_per_dollar(), Money(1, "USD"), "wallet:a", "wallet:a", "k1").received

    assert there == Money(1_530, "NGN")
    with pytest.raises(Rejected):
        convert(dollars_per_naira(), there, "wallet:a", "wallet:a", "k2")


@pytest.mark.parametrize("build", [
    lambda: FxRate("USD", "USD", 1, 1, AT, "cbn"), lambda: FxRate("USD", "XAF", 1, 1, AT, "cbn"),
    lambda: FxRate("USD", "NGN", 0, 1, AT, "cbn"), lambda: FxRate("USD", "NGN", 1.5, 1, AT, "cbn"),
    lambda: FxRate("USD", "NGN", 1, 1, "2026-11-27T09:00:00", "cbn"), lambda: FxRate("USD", "NGN", 1, 1, AT, ""),
    lambda: FxRate.from_decimal("USD", "NGN", 1530.25, AT, "cbn"),
    lambda: FxRate.from_decimal("USD", "NGN", "fifteen", AT, "cbn"),
    lambda: FxRate.from_decimal("USD", "NGN", "-3", AT, "cbn"),
    lambda: FxRate.from_decimal("USD", "NGN", "NaN", AT, "cbn"),
])
def test_a_bad_rate_is_refused(build):
    with pytest.raises(Rejected):
        build()


def test_converting_too_little_or_the_wrong_currency_is_refused():
    with pytest.raises(Rejected):
        convert(dollars_per_naira(), Money(1, "NGN"), "wallet:a", "wallet:a", "k")
    with pytest.raises(Rejected):
        convert(dollars_per_naira(), Money(10_000, "USD"), "wallet:a", "wallet:a", "k")
    with pytest.raises(Rejected):
        convert(dollars_per_naira(), Money(0, "NGN"), "wallet:a", "wallet:a", "k")


def test_the_latest_rate_that_is_fresh_enough_is_used():
    now = datetime(2026, 11, 27, 12, tzinfo=timezone.utc)
    old = naira_per_dollar("1500", (now - timedelta(hours=5)).isoformat())
    new = naira_per_dollar("1530.25", (now - timedelta(hours=1)).isoformat())
    future = naira_per_dollar("9999", (now + timedelta(hours=1)).isoformat())

    assert latest_rate([old, new, future], "USD", "NGN", now, max_age_s=2 * 3600) == new
    with pytest.raises(Rejected):
        latest_rate([old], "USD", "NGN", now, max_age_s=2 * 3600)
    with pytest.raises(Rejected):
        latest_rate([new], "NGN", "USD", now, max_age_s=2 * 3600)
