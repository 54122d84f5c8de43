"""Flutterwave (v3 REST API) behind core.payments.PaymentGateway.

Flutterwave speaks amounts in major units (1500.5 NGN); wire.py converts them exactly, both
ways, and refuses a fraction of a kobo rather than round it. Our reference is the tx_ref of a
payment and the reference of a transfer; a refund carries ours in its comments. A webhook's
transaction id, when the caller has it, is verified by id (Flutterwave's recommended check).
"""
from datetime import datetime

import aiohttp
from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from core.money import Money
from core.payments import (
    FAILED, PENDING, SUCCESS, BankAccount, GatewayError, Payer, PaymentGateway, PaymentRefused,
    PayoutResult, Recipient, RefundResult, VerifiedPayment, check_payout_amount, check_reference,
    check_repeat,
)
from workers.gateways import wire

PROVIDER = "Flutterwave"
REFUND_COMMENT_PREFIX = "nollycrew-refund:"
PAYMENT_STATUSES = {"successful": SUCCESS, "failed": FAILED, "cancelled": FAILED}
REFUND_STATUSES = {"completed": SUCCESS, "failed": FAILED}
TRANSFER_STATUSES = {"SUCCESSFUL": SUCCESS, "FAILED": FAILED}  # NEW and PENDING are on their way


class FlutterwaveSettings(BaseSettings):
    """NOLLYCREW_FLUTTERWAVE_* variables. secret_hash is what Flutterwave echoes in verif-hash."""

    model_config = SettingsConfigDict(env_prefix="NOLLYCREW_FLUTTERWAVE_", env_file=None)

    secret_key: SecretStr = SecretStr("FLWSECK_TEST-dev-flutterwave-secret-X")
    secret_hash: SecretStr = SecretStr("dev-flutterwave-webhook-hash")
    api_base: str = "https://api.flutterwave.com/v3"
    placeholder_email_domain: str = "pay.nollycrew.ng"
    checkout_title: str = "NollyCrew"


class Flutterwave(PaymentGateway):
    name = "flutterwave"
    currencies = frozenset({"NGN", "USD", "GBP", "EUR", "GHS", "KES", "ZAR"})

    def __init__(self, settings: FlutterwaveSettings):
        self._settings = settings

    async def _data(self, method: str, path: str, *, missing_ok: bool = False, **kwargs) -> dict | list | None:
        url = f"{self._settings.api_base.rstrip('/')}{path}"
        key = self._settings.secret_key.get_secret_value()
        async with aiohttp.ClientSession(timeout=wire.timeout()) as session:
            status, answer = await wire.call(session, PROVIDER, method, url, key, **kwargs)
        if status < 300 and answer.get("status") == "success":
            return answer["data"]
        if missing_ok and status in (400, 404):
            return None
        raise wire.refused(PROVIDER, answer, status)

    async def start_payment(self, reference: str, amount: Money, payer: Payer, callback_url: str) -> str:
        check_reference(reference)
        self.check_currency(amount)
        email = payer.email or wire.placeholder_email(payer.phone, self._settings.placeholder_email_domain)
        body = {
            "tx_ref": reference, "amount": wire.major_text(amount), "currency": amount.currency,
            "redirect_url": callback_url,
            "customer": {"email": email, "phonenumber": payer.phone or "", "name": payer.name},
            "customizations": {"title": self._settings.checkout_title},
        }
        data = await self._data("POST", "/payments", body=body)
        return data["link"]

    async def verify(self, reference: str, gateway_id: str | None = None) -> VerifiedPayment:
        check_reference(reference)
        if gateway_id:
            data = await self._data("GET", f"/transactions/{gateway_id}/verify")
        else:
            data = await self._data("GET", "/transactions/verify_by_reference", params={"tx_ref": reference})
        if data.get("tx_ref") != reference:
            # A forged or mixed-up webhook: its id belongs to someone else's payment.
            raise PaymentRefused(f"Flutterwave transaction {data.get('id')} is not our payment {reference}.")
        return VerifiedPayment(
            reference=reference, status=PAYMENT_STATUSES.get(data["status"], PENDING),
            amount=wire.minor_from_major(data["amount"], data["currency"]),
            paid_at=_moment(data.get("created_at")) if data["status"] == "successful" else None,
            gateway_id=str(data["id"]),
        )

    async def refund(self, reference: str, amount: Money | None, refund_reference: str) -> RefundResult:
        check_reference(refund_reference)
        paid = await self.verify(reference)
        if amount is not None:
            self.check_currency(amount)
        comment = REFUND_COMMENT_PREFIX + refund_reference
        async with wire.one_at_a_time(f"{self.name}:refund:{refund_reference}"):
            earlier = await self._data("GET", "/refunds", params={"tx_id": paid.gateway_id}) or []
            found = next((item for item in earlier if item.get("comments") == comment), None)
            if found is None:
                body = {"comments": comment}
                if amount is not None:
                    body["amount"] = wire.major_text(amount)
                found = await self._data("POST", f"/transactions/{paid.gateway_id}/refund", body=body)
        refunded = wire.minor_from_major(found["amount_refunded"], paid.amount.currency)
        check_repeat(refund_reference, refunded, amount)
        return RefundResult(refund_reference, REFUND_STATUSES.get(found["status"], PENDING), refunded,
                            str(found["id"]))

    async def resolve_account(self, bank_code: str, account_number: str) -> BankAccount:
        body = {"account_number": account_number, "account_bank": bank_code}
        data = await self._data("POST", "/accounts/resolve", body=body)
        return BankAccount(bank_code, data["account_number"], data["account_name"])

    async def create_recipient(self, name: str, bank_code: str, account_number: str, currency: str) -> Recipient:
        """Flutterwave transfers take the bank account itself, so the recipient is the resolved
        account: no beneficiary record to keep in step at Flutterwave."""
        account = await self.resolve_account(bank_code, account_number)
        return Recipient(self.name, f"{bank_code}/{account_number}", account.account_name, currency, bank_code,
                         account_number)

    async def payout(self, transfer_reference: str, recipient: Recipient, amount: Money, reason: str) -> PayoutResult:
        check_reference(transfer_reference)
        self.check_currency(amount)
        check_payout_amount(amount)
        found = await self._transfer(transfer_reference)
        if found is None:
            body = {
                "account_bank": recipient.bank_code, "account_number": recipient.account_number,
                "amount": wire.major_text(amount), "currency": amount.currency,
                "debit_currency": amount.currency, "narration": reason, "reference": transfer_reference,
                "beneficiary_name": recipient.name,
            }
            try:
                found = await self._data("POST", "/transfers", body=body)
            except PaymentRefused:
                # Our first try may have reached Flutterwave with its answer lost: look again.
                found = await self._transfer(transfer_reference)
                if found is None:
                    raise
        paid = wire.minor_from_major(found["amount"], found["currency"])
        check_repeat(transfer_reference, paid, amount)
        return PayoutResult(transfer_reference, TRANSFER_STATUSES.get(found["status"], PENDING), paid,
                            str(found["id"]))

    async def _transfer(self, transfer_reference: str) -> dict | None:
        listed = await self._data("GET", "/transfers", params={"reference": transfer_reference}, missing_ok=True)
        matches = [item for item in listed or [] if item.get("reference") == transfer_reference]
        if len(matches) > 1:
            raise GatewayError(f"Flutterwave holds {len(matches)} transfers with reference {transfer_reference}.")
        return matches[0] if matches else None


def _moment(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None
