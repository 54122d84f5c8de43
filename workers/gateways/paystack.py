"""Paystack (NGN, the primary gateway) behind core.payments.PaymentGateway, over its REST API.

Amounts travel in kobo, as Paystack counts them. Retries are made safe with our references:
- a payment's reference is Paystack's transaction reference (a second initialise is refused
  by Paystack as a duplicate, so a payment is never started twice);
- a refund has no client reference at Paystack, so ours rides in merchant_note and a retry
  first lists the transaction's refunds for it;
- a transfer's reference is Paystack's own idempotency key: a retry looks it up first, and a
  duplicate answered by Paystack (a race with the first try) is looked up again.
"""
from datetime import datetime

import aiohttp
from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from core.money import Money
from core.payments import (
    FAILED, PENDING, SUCCESS, BankAccount, GatewayBadConfig, GatewayError, Payer, PaymentGateway,
    PayoutResult, Recipient, RefundResult, VerifiedPayment, check_payout_amount, check_reference,
    check_repeat,
)
from workers.gateways import wire

PROVIDER = "Paystack"
REFUND_NOTE_PREFIX = "nollycrew-refund:"
PAYMENT_STATUSES = {"success": SUCCESS, "failed": FAILED, "reversed": FAILED}  # the rest are still open
REFUND_STATUSES = {"processed": SUCCESS, "failed": FAILED}
TRANSFER_STATUSES = {
    "success": SUCCESS, "failed": FAILED, "reversed": FAILED, "abandoned": FAILED,
    "blocked": FAILED, "rejected": FAILED,
}


class PaystackSettings(BaseSettings):
    """NOLLYCREW_PAYSTACK_* variables. The secret key also signs Paystack's webhooks."""

    model_config = SettingsConfigDict(env_prefix="NOLLYCREW_PAYSTACK_", env_file=None)

    secret_key: SecretStr = SecretStr("sk_test_dev-paystack-secret")
    api_base: str = "https://api.paystack.co"
    placeholder_email_domain: str = "pay.nollycrew.ng"


class Paystack(PaymentGateway):
    name = "paystack"
    currencies = frozenset({"NGN"})

    def __init__(self, settings: PaystackSettings):
        self._settings = settings

    async def _call(self, method: str, path: str, **kwargs) -> tuple[int, dict]:
        url = f"{self._settings.api_base.rstrip('/')}{path}"
        key = self._settings.secret_key.get_secret_value()
        async with aiohttp.ClientSession(timeout=wire.timeout()) as session:
            return await wire.call(session, PROVIDER, method, url, key, **kwargs)

    async def _data(self, method: str, path: str, **kwargs) -> dict | list:
        status, answer = await self._call(method, path, **kwargs)
        if status >= 300 or answer.get("status") is not True:
            raise wire.refused(PROVIDER, answer, status)
        return answer["data"]

    async def start_payment(self, reference: str, amount: Money, payer: Payer, callback_url: str) -> str:
        check_reference(reference)
        self.check_currency(amount)
        body = {
            "email": payer.email or wire.placeholder_email(payer.phone, self._settings.placeholder_email_domain),
            "amount": amount.amount_minor, "currency": amount.currency, "reference": reference,
            "callback_url": callback_url,
            "metadata": {"payer_name": payer.name, "payer_phone": payer.phone or ""},
        }
        data = await self._data("POST", "/transaction/initialize", body=body)
        return data["authorization_url"]

    async def verify(self, reference: str, gateway_id: str | None = None) -> VerifiedPayment:
        check_reference(reference)
        data = await self._data("GET", f"/transaction/verify/{reference}")
        if data.get("reference") != reference:
            raise GatewayError(f"Paystack answered for {data.get('reference')!r}, not {reference!r}.")
        return VerifiedPayment(
            reference=reference, status=PAYMENT_STATUSES.get(data["status"], PENDING),
            amount=_kobo(data["amount"], data["currency"]), paid_at=_moment(data.get("paid_at")),
            gateway_id=str(data["id"]),
        )

    async def refund(self, reference: str, amount: Money | None, refund_reference: str) -> RefundResult:
        check_reference(reference)
        check_reference(refund_reference)
        if amount is not None:
            self.check_currency(amount)
        note = REFUND_NOTE_PREFIX + refund_reference
        async with wire.one_at_a_time(f"{self.name}:refund:{refund_reference}"):
            earlier = await self._data("GET", "/refund", params={"reference": reference})
            found = next((item for item in earlier if item.get("merchant_note") == note), None)
            if found is None:
                body: dict = {"transaction": reference, "merchant_note": note}
                if amount is not None:
                    body["amount"] = amount.amount_minor
                found = await self._data("POST", "/refund", body=body)
        refunded = _kobo(found["amount"], found["currency"])
        check_repeat(refund_reference, refunded, amount)
        return RefundResult(refund_reference, REFUND_STATUSES.get(found["status"], PENDING), refunded, str(found["id"]))

    async def resolve_account(self, bank_code: str, account_number: str) -> BankAccount:
        params = {"account_number": account_number, "bank_code": bank_code}
        data = await self._data("GET", "/bank/resolve", params=params)
        return BankAccount(bank_code, data["account_number"], data["account_name"])

    async def create_recipient(self, name: str, bank_code: str, account_number: str, currency: str) -> Recipient:
        body = {"type": "nuban", "name": name, "account_number": account_number, "bank_code": bank_code,
                "currency": currency}
        data = await self._data("POST", "/transferrecipient", body=body)
        details = data.get("details") or {}
        return Recipient(self.name, data["recipient_code"], details.get("account_name") or data["name"],
                         data["currency"], bank_code, account_number)

    async def payout(self, transfer_reference: str, recipient: Recipient, amount: Money, reason: str) -> PayoutResult:
        check_reference(transfer_reference)
        self.check_currency(amount)
        check_payout_amount(amount)
        found = await self._transfer(transfer_reference)
        if found is None:
            body = {"source": "balance", "amount": amount.amount_minor, "currency": amount.currency,
                    "recipient": recipient.code, "reason": reason, "reference": transfer_reference}
            status, answer = await self._call("POST", "/transfer", body=body)
            if status < 300 and answer.get("status") is True:
                found = answer["data"]
            else:
                # A first try that reached Paystack but whose answer we lost: find it.
                found = await self._transfer(transfer_reference)
                if found is None:
                    raise wire.refused(PROVIDER, answer, status)
        check_repeat(transfer_reference, _kobo(found["amount"], found["currency"]), amount)
        if found["status"] == "otp":
            raise GatewayBadConfig("Paystack wants an OTP for each transfer: switch OTP off for API transfers.")
        return PayoutResult(
            transfer_reference=transfer_reference, status=TRANSFER_STATUSES.get(found["status"], PENDING),
            amount=_kobo(found["amount"], found["currency"]), gateway_id=str(found.get("transfer_code") or found["id"]),
        )

    async def _transfer(self, transfer_reference: str) -> dict | None:
        status, answer = await self._call("GET", f"/transfer/verify/{transfer_reference}")
        if status < 300 and answer.get("status") is True:
            return answer["data"]
        if status in (400, 404):
            return None
        raise wire.refused(PROVIDER, answer, status)


def _kobo(amount: object, currency: str) -> Money:
    if type(amount) is not int:
        raise GatewayError(f"Paystack sent the amount {amount!r}; kobo are whole numbers.")
    return Money(amount, currency)


def _moment(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None
