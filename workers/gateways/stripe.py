"""Stripe (USD, GBP, EUR) behind core.payments.PaymentGateway, through the official `stripe`
package: its async methods on an aiohttp client, pointed at any base URL (the fake in tests).

- A payment is a Checkout Session; our reference is its client_reference_id and rides in the
  PaymentIntent's metadata, so a webhook's PaymentIntent can be checked as ours.
- Payouts to crew are Connect transfers to their connected account (acct_...): Stripe has no
  bank-account name lookup, so "resolving" an account means reading the connected account.
- Retries: every create carries an Idempotency-Key made from our reference (Stripe replays the
  first answer for 24 hours); past that window the lookups by transfer_group and by refund
  metadata still find the first transfer or refund, so a late retry does not pay twice.
"""
import contextlib
from collections.abc import AsyncIterator
from datetime import datetime, timezone

import stripe as stripe_sdk
from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from core.money import Money
from core.payments import (
    FAILED, PENDING, SUCCESS, BankAccount, GatewayBadConfig, GatewayError, GatewayRetryable, Payer,
    PaymentGateway, PaymentRefused, PayoutResult, Recipient, RefundResult, VerifiedPayment,
    check_payout_amount, check_reference, check_repeat,
)

REQUEST_TIMEOUT_S = 30.0
PAYMENT_STATUSES = {"succeeded": SUCCESS, "canceled": FAILED}  # every other state is still open
REFUND_STATUSES = {"succeeded": SUCCESS, "failed": FAILED, "canceled": FAILED}


class StripeSettings(BaseSettings):
    """NOLLYCREW_STRIPE_* variables. webhook_secret (whsec_...) signs Stripe's webhooks."""

    model_config = SettingsConfigDict(env_prefix="NOLLYCREW_STRIPE_", env_file=None)

    secret_key: SecretStr = SecretStr("sk_test_dev-stripe-secret")
    webhook_secret: SecretStr = SecretStr("whsec_dev-stripe-webhook-secret")
    api_base: str = "https://api.stripe.com"
    product_name: str = "NollyCrew booking deposit"


class Stripe(PaymentGateway):
    name = "stripe"
    currencies = frozenset({"USD", "GBP", "EUR"})

    def __init__(self, settings: StripeSettings):
        self._settings = settings

    @contextlib.asynccontextmanager
    async def _client(self) -> AsyncIterator[stripe_sdk.StripeClient]:
        http = stripe_sdk.AIOHTTPClient(timeout=REQUEST_TIMEOUT_S)
        base = self._settings.api_base.rstrip("/")
        client = stripe_sdk.StripeClient(
            self._settings.secret_key.get_secret_value(), http_client=http,
            base_addresses={"api": base, "connect": base, "files": base},
            # Our RQ jobs retry with the same idempotency keys; a hidden retry here only adds delay.
            max_network_retries=0,
        )
        try:
            with _typed_errors():
                yield client
        finally:
            await http.close_async()

    async def start_payment(self, reference: str, amount: Money, payer: Payer, callback_url: str) -> str:
        check_reference(reference)
        self.check_currency(amount)
        params: dict = {
            "mode": "payment", "client_reference_id": reference,
            "line_items": [{"quantity": 1, "price_data": {
                "currency": amount.currency.lower(), "unit_amount": amount.amount_minor,
                "product_data": {"name": self._settings.product_name}}}],
            "success_url": callback_url, "cancel_url": callback_url,
            "metadata": {"reference": reference}, "payment_intent_data": {"metadata": {"reference": reference}},
        }
        if payer.email:
            params["customer_email"] = payer.email
        async with self._client() as client:
            session = _plain(await client.v1.checkout.sessions.create_async(
                params, options={"idempotency_key": f"checkout:{reference}"}))
        return session["url"]

    async def verify(self, reference: str, gateway_id: str | None = None) -> VerifiedPayment:
        check_reference(reference)  # it goes into a search query: no quotes can get in
        async with self._client() as client:
            intent = await self._intent(client, reference, gateway_id)
        if intent is None:
            raise PaymentRefused(f"Stripe has no payment for {reference} yet.", code="not_found")
        if (intent.get("metadata") or {}).get("reference") != reference:
            raise PaymentRefused(f"Stripe payment {intent['id']} is not our payment {reference}.")
        status = PAYMENT_STATUSES.get(intent["status"], PENDING)
        charge = intent.get("latest_charge")
        paid_at = None
        if status == SUCCESS and isinstance(charge, dict):
            paid_at = datetime.fromtimestamp(charge["created"], timezone.utc)
        taken = intent["amount_received"] if status == SUCCESS else intent["amount"]
        return VerifiedPayment(reference, status, Money(taken, intent["currency"].upper()), paid_at, intent["id"])

    async def _intent(self, client, reference: str, gateway_id: str | None):
        expand = {"expand": ["latest_charge"]}
        if gateway_id and gateway_id.startswith("cs_"):
            session = _plain(await client.v1.checkout.sessions.retrieve_async(gateway_id))
            gateway_id = session.get("payment_intent")
            if not gateway_id:
                return None
        if gateway_id:
            return _plain(await client.v1.payment_intents.retrieve_async(gateway_id, expand))
        # Search lags writes by up to a minute: a webhook's id, when there is one, is better.
        found = _plain(await client.v1.payment_intents.search_async(
            {"query": f"metadata['reference']:'{reference}'", "expand": ["data.latest_charge"]}))
        # After an expired checkout was started again there can be two: the paid one counts.
        return min(found["data"], key=lambda intent: intent["status"] != "succeeded", default=None)

    async def refund(self, reference: str, amount: Money | None, refund_reference: str) -> RefundResult:
        check_reference(refund_reference)
        paid = await self.verify(reference)
        if amount is not None:
            self.check_currency(amount)
        async with self._client() as client:
            earlier = _plain(await client.v1.refunds.list_async({"payment_intent": paid.gateway_id, "limit": 100}))
            found = next((item for item in earlier["data"]
                          if (item.get("metadata") or {}).get("refund_reference") == refund_reference), None)
            if found is None:
                params: dict = {"payment_intent": paid.gateway_id,
                                "metadata": {"reference": reference, "refund_reference": refund_reference}}
                if amount is not None:
                    params["amount"] = amount.amount_minor
                found = _plain(await client.v1.refunds.create_async(
                    params, options={"idempotency_key": f"refund:{refund_reference}"}))
        refunded = Money(found["amount"], found["currency"].upper())
        check_repeat(refund_reference, refunded, amount)
        return RefundResult(refund_reference, REFUND_STATUSES.get(found["status"], PENDING), refunded, found["id"])

    async def resolve_account(self, bank_code: str, account_number: str) -> BankAccount:
        """`account_number` is the payee's connected account (acct_...); bank_code is not used."""
        async with self._client() as client:
            account = _plain(await client.v1.accounts.retrieve_async(account_number))
        if not account.get("payouts_enabled"):
            raise PaymentRefused("This Stripe account cannot receive payouts yet: its owner must finish "
                                 "Stripe's onboarding.")
        profile = account.get("business_profile") or {}
        return BankAccount(bank_code, account["id"], profile.get("name") or account.get("email") or account["id"])

    async def create_recipient(self, name: str, bank_code: str, account_number: str, currency: str) -> Recipient:
        account = await self.resolve_account(bank_code, account_number)
        return Recipient(self.name, account.account_number, account.account_name, currency)

    async def payout(self, transfer_reference: str, recipient: Recipient, amount: Money, reason: str) -> PayoutResult:
        check_reference(transfer_reference)
        self.check_currency(amount)
        check_payout_amount(amount)
        async with self._client() as client:
            earlier = _plain(await client.v1.transfers.list_async({"transfer_group": transfer_reference, "limit": 10}))
            found = earlier["data"][0] if earlier["data"] else None
            if found is None:
                params = {"amount": amount.amount_minor, "currency": amount.currency.lower(),
                          "destination": recipient.code, "transfer_group": transfer_reference,
                          "description": reason, "metadata": {"reference": transfer_reference}}
                found = _plain(await client.v1.transfers.create_async(
                    params, options={"idempotency_key": f"transfer:{transfer_reference}"}))
        paid = Money(found["amount"], found["currency"].upper())
        check_repeat(transfer_reference, paid, amount)
        # A Connect transfer lands in the payee's Stripe balance when it is created.
        status = FAILED if found.get("reversed") else SUCCESS
        return PayoutResult(transfer_reference, status, paid, found["id"])


def _plain(answer) -> dict:
    """The SDK's objects are not dicts (they refuse .get): read them as plain JSON data."""
    return answer.to_dict()


@contextlib.contextmanager
def _typed_errors():
    """Stripe's exception classes -> what the caller should do next."""
    try:
        yield
    except (stripe_sdk.APIConnectionError, stripe_sdk.RateLimitError) as error:
        raise GatewayRetryable(f"Stripe could not be reached or asks us to slow down: {error.user_message or error}",
                               code=error.code) from error
    except (stripe_sdk.AuthenticationError, stripe_sdk.PermissionError) as error:
        raise GatewayBadConfig(f"Stripe refused our secret key: {error.user_message or error}",
                               code=error.code) from error
    except (stripe_sdk.InvalidRequestError, stripe_sdk.CardError, stripe_sdk.IdempotencyError) as error:
        raise PaymentRefused(f"Stripe refused: {error.user_message or error}", code=error.code) from error
    except stripe_sdk.APIError as error:
        raise GatewayRetryable(f"Stripe failed on its side: {error.user_message or error}", code=error.code) from error
    except stripe_sdk.StripeError as error:
        raise GatewayError(f"Stripe: {error.user_message or error}", code=error.code) from error
