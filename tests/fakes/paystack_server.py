"""A local Paystack on its real wire format: transactions, refunds, bank resolution, transfer
recipients, transfers, and signed webhooks (x-paystack-signature) sent to a URL.

In a test:      async with FakePaystack(SECRET_KEY) as fake: ...   (fake.base_url)
As a process:   python -m tests.fakes.paystack_server --port 8801 --secret-key sk_test_...
Answers are Paystack's envelope {"status": bool, "message": str, "data": ...}; amounts in kobo.
"""
import argparse
import asyncio
import hashlib
import hmac
import itertools
import json
import secrets
from datetime import datetime, timezone

import aiohttp
from aiohttp import web

from tests.fakes.loopback import LoopbackServer, lost, serve_until_signalled

HTTP_TIMEOUT_S = 10.0
# Paystack's test bank account (Zenith) plus one for each test that adds its own.
DEFAULT_ACCOUNTS = {("057", "0000000000"): "NOLLYCREW TEST ACCOUNT"}
BANK_NAMES = {"057": "Zenith Bank", "058": "Guaranty Trust Bank", "044": "Access Bank"}

routes = web.RouteTableDef()


def now_text() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class FakePaystack(LoopbackServer):
    """One Paystack integration. Failure switches are attributes; what happened is in plain lists."""

    def __init__(self, secret_key: str = "sk_test_fake", host: str = "127.0.0.1", port: int = 0):
        super().__init__(host, port)
        self.secret_key = secret_key
        self._ids = itertools.count(4099260516)
        self.reset()

    def reset(self) -> None:
        self.transactions: dict[str, dict] = {}  # reference -> transaction
        self.refunds: list[dict] = []
        self.recipients: dict[str, dict] = {}  # recipient_code -> recipient
        self.transfers: dict[str, dict] = {}  # reference -> transfer
        self.accounts: dict[tuple[str, str], str] = dict(DEFAULT_ACCOUNTS)
        self.balance_kobo = 100_000_000_00
        self.deliveries: list[dict] = []  # each webhook attempt: url, body, headers, status or error
        self.fail_next = 0  # answer this many API calls with 500
        self.lose_next = 0  # carry out this many POSTs, then answer 502 as if the answer was lost
        self.transfer_otp = False  # transfers come back "otp", as when OTP is left on

    def application(self) -> web.Application:
        app = web.Application(middlewares=[gatekeeper])
        app[FAKE] = self
        app.add_routes(routes)
        return app

    def pay(self, reference: str, succeed: bool = True) -> dict:
        """The payer completes (or fails) the checkout, as on Paystack's page."""
        transaction = self.transactions[reference]
        transaction |= {"status": "success" if succeed else "failed",
                        "gateway_response": "Successful" if succeed else "Declined",
                        "paid_at": now_text() if succeed else None, "channel": "card"}
        return transaction

    def event(self, name: str, data: dict) -> bytes:
        return json.dumps({"event": name, "data": data}).encode()

    async def send_webhook(self, url: str, body: bytes, *, times: int = 1, attempts: int = 1,
                           signature: str = "valid") -> list[int]:
        """Deliver `body` `times` times (duplicates); each delivery is retried up to `attempts`
        times until it gets a 200, as Paystack retries. Returns every HTTP status we answered."""
        key = self.secret_key if signature == "valid" else f"not-{self.secret_key}"
        headers = {"Content-Type": "application/json"}
        if signature != "missing":
            headers["x-paystack-signature"] = hmac.new(key.encode(), body, hashlib.sha512).hexdigest()
        answered = []
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=HTTP_TIMEOUT_S)) as session:
            for _ in range(times):
                for _ in range(attempts):
                    async with session.post(url, data=body, headers=headers) as answer:
                        answered.append(answer.status)
                    self.deliveries.append({"url": url, "body": body, "headers": headers, "status": answered[-1]})
                    if answered[-1] == 200:
                        break
        return answered


FAKE = web.AppKey("fake_paystack", FakePaystack)


def ok(data, message: str = "", status: int = 200, meta: dict | None = None) -> web.Response:
    body = {"status": True, "message": message, "data": data}
    if meta is not None:
        body["meta"] = meta
    return web.json_response(body, status=status)


def refuse(message: str, status: int = 400) -> web.Response:
    return web.json_response({"status": False, "message": message}, status=status)


@web.middleware
async def gatekeeper(request: web.Request, handler):
    fake = request.app[FAKE]
    if request.path.startswith("/_fake"):
        return await handler(request)
    if request.headers.get("Authorization") != f"Bearer {fake.secret_key}":
        return refuse("Invalid key", 401)
    if fake.fail_next > 0:
        fake.fail_next -= 1
        return refuse("An error occurred", 500)
    return lost(fake, request, await handler(request))


@routes.post("/transaction/initialize")
async def initialize(request: web.Request) -> web.Response:
    fake, wanted = request.app[FAKE], await request.json()
    amount = wanted.get("amount")
    if not wanted.get("email"):
        return refuse("Email is required")
    if not str(amount).isdigit() or int(amount) <= 0:
        return refuse("Invalid Amount Sent")
    if wanted.get("currency", "NGN") != "NGN":
        return refuse("Currency not supported by merchant")
    reference = wanted.get("reference") or secrets.token_hex(8)
    if reference in fake.transactions:
        return refuse("Duplicate Transaction Reference")
    access_code = secrets.token_hex(8)
    fake.transactions[reference] = {
        "id": next(fake._ids), "domain": "test", "status": "abandoned", "reference": reference,
        "amount": int(amount), "message": None, "gateway_response": "The transaction was not completed",
        "paid_at": None, "created_at": now_text(), "channel": "card", "currency": "NGN",
        "metadata": wanted.get("metadata") or "", "fees": None, "requested_amount": int(amount),
        "customer": {"email": wanted["email"], "customer_code": "CUS_" + secrets.token_hex(6)},
        "callback_url": wanted.get("callback_url"), "access_code": access_code,
    }
    url = f"{fake.base_url}/checkout/{access_code}"
    return ok({"authorization_url": url, "access_code": access_code, "reference": reference},
              "Authorization URL created")


@routes.get("/transaction/verify/{reference}")
async def verify(request: web.Request) -> web.Response:
    found = request.app[FAKE].transactions.get(request.match_info["reference"])
    if found is None:
        return refuse("Transaction reference not found")
    return ok({k: v for k, v in found.items() if k not in ("access_code", "callback_url")}, "Verification successful")


@routes.post("/refund")
async def create_refund(request: web.Request) -> web.Response:
    fake, wanted = request.app[FAKE], await request.json()
    key = str(wanted.get("transaction", ""))
    paid = fake.transactions.get(key) or next(
        (t for t in fake.transactions.values() if str(t["id"]) == key), None)
    if paid is None:
        return refuse("Transaction not found", 404)
    if paid["status"] != "success":
        return refuse("Cannot refund a transaction that was not successful")
    refunded = sum(r["amount"] for r in fake.refunds if r["transaction"]["reference"] == paid["reference"])
    amount = wanted.get("amount", paid["amount"] - refunded)
    if type(amount) is not int or amount <= 0:
        return refuse("Invalid amount")
    if amount > paid["amount"] - refunded:
        return refuse("Refund amount cannot be more than the unrefunded transaction amount")
    refund = {
        "transaction": {"id": paid["id"], "reference": paid["reference"], "amount": paid["amount"]},
        "integration": 412829, "deducted_amount": 0, "channel": None, "merchant_note": wanted.get("merchant_note"),
        "customer_note": wanted.get("customer_note") or "Refund for transaction " + paid["reference"],
        "status": "pending", "refunded_by": "api", "expected_at": now_text(), "currency": "NGN",
        "domain": "test", "amount": amount, "fully_deducted": False, "id": next(fake._ids),
        "createdAt": now_text(), "updatedAt": now_text(),
    }
    fake.refunds.append(refund)
    return ok(refund, "Refund has been queued for processing")


@routes.get("/refund")
async def list_refunds(request: web.Request) -> web.Response:
    reference = request.query.get("reference")
    found = [r for r in request.app[FAKE].refunds if reference in (None, r["transaction"]["reference"])]
    return ok(found, "Refunds retrieved", meta={"total": len(found), "page": 1, "perPage": 50})


@routes.get("/bank/resolve")
async def resolve(request: web.Request) -> web.Response:
    number, bank = request.query.get("account_number", ""), request.query.get("bank_code", "")
    name = request.app[FAKE].accounts.get((bank, number))
    if len(number) != 10 or not number.isdigit() or name is None:
        return refuse("Could not resolve account name. Check parameters or try again.", 422)
    return ok({"account_number": number, "account_name": name, "bank_id": 21}, "Account number resolved")


@routes.post("/transferrecipient")
async def create_recipient(request: web.Request) -> web.Response:
    fake, wanted = request.app[FAKE], await request.json()
    bank, number = wanted.get("bank_code", ""), wanted.get("account_number", "")
    if wanted.get("type") != "nuban" or not wanted.get("name"):
        return refuse("Invalid recipient type or name")
    if (bank, number) not in fake.accounts:
        return refuse("Cannot resolve account", 422)
    for recipient in fake.recipients.values():  # Paystack gives back the recipient it already has
        if (recipient["details"]["bank_code"], recipient["details"]["account_number"]) == (bank, number):
            return ok(recipient, "Transfer recipient created successfully", status=201)
    code = "RCP_" + secrets.token_hex(7)
    fake.recipients[code] = {
        "active": True, "createdAt": now_text(), "currency": wanted.get("currency", "NGN"), "domain": "test",
        "id": next(fake._ids), "integration": 412829, "name": wanted["name"], "recipient_code": code,
        "type": "nuban", "updatedAt": now_text(), "is_deleted": False,
        "details": {"authorization_code": None, "account_number": number,
                    "account_name": fake.accounts[(bank, number)], "bank_code": bank,
                    "bank_name": BANK_NAMES.get(bank, "Test Bank")},
    }
    return ok(fake.recipients[code], "Transfer recipient created successfully", status=201)


@routes.post("/transfer")
async def create_transfer(request: web.Request) -> web.Response:
    fake, wanted = request.app[FAKE], await request.json()
    amount, reference = wanted.get("amount"), wanted.get("reference") or secrets.token_hex(8)
    if type(amount) is not int or amount <= 0:
        return refuse("Invalid amount")
    if wanted.get("recipient") not in fake.recipients:
        return refuse("Recipient specified is invalid")
    if reference in fake.transfers:
        return refuse("Transfer reference already exists")
    if amount > fake.balance_kobo:
        return refuse("Your balance is not enough to fulfil this request")
    fake.balance_kobo -= amount
    fake.transfers[reference] = {
        "integration": 412829, "domain": "test", "amount": amount, "currency": wanted.get("currency", "NGN"),
        "source": "balance", "reason": wanted.get("reason", ""),
        "recipient": fake.recipients[wanted["recipient"]]["id"],
        "status": "otp" if fake.transfer_otp else "pending", "transfer_code": "TRF_" + secrets.token_hex(7),
        "id": next(fake._ids), "reference": reference, "createdAt": now_text(), "updatedAt": now_text(),
    }
    return ok(fake.transfers[reference], "Transfer has been queued")


@routes.get("/transfer/verify/{reference}")
async def verify_transfer(request: web.Request) -> web.Response:
    found = request.app[FAKE].transfers.get(request.match_info["reference"])
    if found is None:
        return refuse("Transfer not found")
    return ok(found, "Transfer retrieved")


@routes.get("/checkout/{access_code}")
async def checkout_page(request: web.Request) -> web.Response:
    return web.Response(text="<html><body>Paystack test checkout</body></html>", content_type="text/html")


@routes.post("/_fake/pay/{reference}")
async def pay_from_outside(request: web.Request) -> web.Response:
    """Another process completes a checkout: {"succeed": true, "webhook_url": "...", "times": 1}
    pays it and, given a URL, sends charge.success there signed; answers the statuses we got."""
    fake, wanted = request.app[FAKE], (await request.json() if request.can_read_body else {})
    paid = fake.pay(request.match_info["reference"], wanted.get("succeed", True))
    answered = []
    if wanted.get("webhook_url") and paid["status"] == "success":
        body = fake.event("charge.success", paid)
        answered = await fake.send_webhook(wanted["webhook_url"], body, times=wanted.get("times", 1))
    return web.json_response({"transaction": paid, "webhook_statuses": answered})


async def serve(host: str, port: int, secret_key: str) -> None:
    await serve_until_signalled(FakePaystack(secret_key, host=host, port=port), "paystack")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="A local fake of Paystack's API.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--secret-key", default="sk_test_fake")
    args = parser.parse_args(argv)
    asyncio.run(serve(args.host, args.port, args.secret_key))


if __name__ == "__main__":
    main()
