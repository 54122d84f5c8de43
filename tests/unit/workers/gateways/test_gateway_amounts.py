"""Flutterwave's major-unit amounts to and from our minor units: exact, or refused, never rounded."""
from decimal import Decimal

import pytest

from core.money import Money
from core.payments import GatewayError
from workers.gateways.wire import major_text, minor_from_major, placeholder_email, read_json

EXACT = {
    "whole naira as an int": (1500, "NGN", 150000),
    "kobo as a JSON decimal": (Decimal("1500.5"), "NGN", 150050),
    "two places": (Decimal("0.01"), "USD", 1),
    "string amount": ("35000.50", "NGN", 3500050),
    "trailing zeros": (Decimal("12.500"), "GBP", 1250),
    "zero": (0, "EUR", 0),
}


@pytest.mark.parametrize("value, currency, minor", EXACT.values(), ids=EXACT.keys())
def test_major_amounts_become_exact_minor_units(value, currency, minor):
    assert minor_from_major(value, currency) == Money(minor, currency)


REFUSED = {
    "a fraction of a kobo": (Decimal("1500.005"), "fraction of a minor unit"),
    "a binary float": (1500.5, "binary fraction"),
    "a boolean": (True, "binary fraction"),
    "not a number": ("fifteen hundred", "not a number"),
}


@pytest.mark.parametrize("value, problem", REFUSED.values(), ids=REFUSED.keys())
def test_inexact_amounts_are_refused_not_rounded(value, problem):
    with pytest.raises(GatewayError, match=problem):
        minor_from_major(value, "NGN")


def test_json_numbers_are_read_as_decimals_so_no_float_ever_holds_money():
    parsed = read_json('{"amount": 1500.10, "fee": 26.875, "count": 3}')

    assert parsed == {"amount": Decimal("1500.10"), "fee": Decimal("26.875"), "count": 3}
    assert minor_from_major(parsed["amount"], "NGN") == Money(150010, "NGN")


@pytest.mark.parametrize("minor, text", [(150050, "1500.50"), (1, "0.01"), (100, "1.00"), (0, "0.00"),
                                         (-2550, "-25.50"), (123456789012, "1234567890.12")])
def test_minor_units_are_written_as_exact_major_text(minor, text):
    assert major_text(Money(minor, "NGN")) == text


def test_every_amount_survives_the_round_trip_through_major_units():
    amounts = [*range(0, 1000), *range(10**12, 10**12 + 1000, 7)]
    for minor in amounts:
        assert minor_from_major(major_text(Money(minor, "KES")), "KES").amount_minor == minor


@pytest.mark.parametrize("phone, email", [("+2348031234567", "2348031234567@pay.test"), (None, "payer@pay.test")])
def test_payers_without_email_get_one_made_from_their_phone(phone, email):
    assert placeholder_email(phone, "pay.test") == email
