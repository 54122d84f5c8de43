"""The payment gateway port (core/payments.py): payers, currencies, and errors typed by what to do."""
import pytest
import stripe as stripe_sdk

from core.errors import Rejected
from core.money import Money
from core.payments import (
    GatewayBadConfig, GatewayError, GatewayRetryable, Payer, PaymentRefused, check_payout_amount,
)
from workers.gateways.flutterwave import Flutterwave, FlutterwaveSettings
from workers.gateways.paystack import Paystack, PaystackSettings
from workers.gateways.stripe import Stripe, StripeSettings, _typed_errors


def test_a_payer_needs_an_email_or_a_phone():
    assert Payer("Ada", phone="+2348030000001").phone == "+2348030000001"
    with pytest.raises(Rejected, match="email or phone"):
        Payer("Ada")


def test_a_refusal_is_a_rejection_with_a_reason_a_person_can_read():
    refused = PaymentRefused("Paystack refused: Could not resolve account name.", code="422")

    assert isinstance(refused, Rejected) and isinstance(refused, GatewayError)
    assert (refused.reason, refused.code) == ("Paystack refused: Could not resolve account name.", "422")
    assert not isinstance(GatewayRetryable("down"), Rejected)


@pytest.mark.parametrize("amount", [Money(0, "NGN"), Money(-500, "NGN")])
def test_a_payout_of_nothing_or_less_is_refused(amount):
    with pytest.raises(Rejected, match="more than nothing"):
        check_payout_amount(amount)


GATEWAYS = {
    "paystack": (Paystack(PaystackSettings()), {"NGN"}),
    "flutterwave": (Flutterwave(FlutterwaveSettings()), {"NGN", "USD", "GBP", "EUR", "GHS", "KES", "ZAR"}),
    "stripe": (Stripe(StripeSettings()), {"USD", "GBP", "EUR"}),
}


@pytest.mark.parametrize("gateway, takes", GATEWAYS.values(), ids=GATEWAYS.keys())
def test_each_gateway_takes_only_its_currencies(gateway, takes):
    for currency in ("NGN", "USD", "GBP", "EUR", "GHS", "KES", "ZAR"):
        if currency in takes:
            gateway.check_currency(Money(100, currency))
        else:
            with pytest.raises(Rejected, match=f"does not take {currency}"):
                gateway.check_currency(Money(100, currency))


def test_settings_come_from_nollycrew_variables(monkeypatch):
    monkeypatch.setenv("NOLLYCREW_PAYSTACK_SECRET_KEY", "sk_live_from_env")
    monkeypatch.setenv("NOLLYCREW_FLUTTERWAVE_SECRET_HASH", "hash-from-env")
    monkeypatch.setenv("NOLLYCREW_STRIPE_API_BASE", "http://127.0.0.1:8803")

    assert PaystackSettings().secret_key.get_secret_value() == "sk_live_from_env"
    assert FlutterwaveSettings().secret_hash.get_secret_value() == "hash-from-env"
    assert StripeSettings().api_base == "http://127.0.0.1:8803"


STRIPE_ERRORS = {
    "network": (stripe_sdk.APIConnectionError("no route"), GatewayRetryable),
    "rate limit": (stripe_sdk.RateLimitError("slow down", code="rate_limit"), GatewayRetryable),
    "server": (stripe_sdk.APIError("boom"), GatewayRetryable),
    "bad key": (stripe_sdk.AuthenticationError("Invalid API Key"), GatewayBadConfig),
    "no permission": (stripe_sdk.PermissionError("not allowed"), GatewayBadConfig),
    "invalid request": (stripe_sdk.InvalidRequestError("No such account", "account"), PaymentRefused),
    "idempotency": (stripe_sdk.IdempotencyError("same parameters"), PaymentRefused),
}


@pytest.mark.parametrize("raised, becomes", STRIPE_ERRORS.values(), ids=STRIPE_ERRORS.keys())
def test_stripe_errors_become_what_the_caller_should_do(raised, becomes):
    with pytest.raises(becomes) as caught:
        with _typed_errors():
            raise raised
    assert caught.value.__cause__ is raised and type(caught.value) is becomes
