"""A local Flutterwave (v3) on its real wire format: hosted payments, verification by id and by
tx_ref, refunds, account resolution, transfers, and webhooks carrying verif-hash.

In a test:      async with FakeFlutterwave(SECRET_KEY, SECRET_HASH) as fake: ...  (fake.base_url
                is the API base, ending in /v3)
As a process:   python -m tests.fakes.flutterwave_server --port 8802 --secret-key ... --secret-hash ...
Flutterwave writes amounts as JSON numbers in major units (1500.5); the fake keeps kobo and cents
as integers and writes them as exact decimal numbers, never through a float.
"""
import argparse
import asyncio
import itertools
import json
import re
import secrets
from datetime import datetime, timezone
from decimal import Decimal, InvalidOperation

import aiohttp
from aiohttp import web

from tests.fakes.loopback import LoopbackServer, lost, serve_until_signalled

HTTP_TIMEOUT_S = 10.0
DEFAULT_ACCOUNTS = {("044", "0690000032"): "Pastor Bright"}  # Flutterwave's documented test account
_EXACT = re.compile(r'"__exact__(-?\d+\.\d+)"')

routes = web.RouteTableDef()


def now_text() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def major(minor: int) -> str:
    """150050 -> "__exact__1500.50", turned into the bare number 1500.50 by dumps()."""
    whole, cents = divmod(abs(minor), 100)
    return f"__exact__{'-' if minor < 0 else ''}{whole}.{cents:02d}"


def dumps(body) -> str:
    return _EXACT.sub(r"\1", json.dumps(body))


def to_minor(value) -> int | None:
    """The amount a request sent ("1500.5" or 1500.5), in minor units; None if it is not exact."""
    try:
        minor = Decimal(str(value)) * 100
    except InvalidOperation:
        return None
    return int(minor) if minor == minor.to_integral_value() and minor > 0 else None


class FakeFlutterwave(LoopbackServer):
    API_PATH = "/v3"

    def __init__(self, secret_key: str = "FLWSECK_TEST-fake-X", secret_hash: str = "fake-hash",
                 host: str = "127.0.0.1", port: int = 0):
        super().__init__(host, port)
        self.secret_key, self.secret_hash = secret_key, secret_hash
        self._ids = itertools.count(288200108)
        self.reset()

    def reset(self) -> None:
        self.transactions: dict[int, dict] = {}  # id -> transaction, amounts kept in minor units
        self.refunds: list[dict] = []
        self.transfers: list[dict] = []
        self.accounts: dict[tuple[str, str], str] = dict(DEFAULT_ACCOUNTS)
        self.deliveries: list[dict] = []
        self.fail_next = 0
        self.lose_next = 0  # carry out this many POSTs, then answer 502 as if the answer was lost

    def application(self) -> web.Application:
        app = web.Application(middlewares=[gatekeeper])
        app[FAKE] = self
        app.add_routes(routes)
        return app

    def by_ref(self, tx_ref: str) -> dict | None:
        return next((t for t in self.transactions.values() if t["tx_ref"] == tx_ref), None)

    def pay(self, tx_ref: str, succeed: bool = True, amount_minor: int | None = None) -> dict:
        """The payer completes the hosted checkout; amount_minor lets a test pay less than asked."""
        transaction = self.by_ref(tx_ref)
        transaction["status"] = "successful" if succeed else "failed"
        transaction["processor_response"] = "Approved" if succeed else "Declined"
        if amount_minor is not None:
            transaction["amount_minor"] = amount_minor
        return render(transaction)

    def event(self, name: str, data: dict) -> bytes:
        return dumps({"event": name, "data": data}).encode()

    async def send_webhook(self, url: str, body: bytes, *, times: int = 1, attempts: int = 1,
                           signature: str = "valid") -> list[int]:
        """Deliver `times` times, each retried up to `attempts` times until a 200."""
        headers = {"Content-Type": "application/json"}
        if signature != "missing":
            headers["verif-hash"] = self.secret_hash if signature == "valid" else f"not-{self.secret_hash}"
        answered = []
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=HTTP_TIMEOUT_S)) as session:
            for _ in range(times):
                for _ in range(attempts):
                    async with session.post(url, data=body, headers=headers) as answer:
                        answered.append(answer.status)
                    self.deliveries.append({"url": url, "body": body, "status": answered[-1]})
                    if answered[-1] == 200:
                        break
        return answered


FAKE = web.AppKey("fake_flutterwave", FakeFlutterwave)


def render(transaction: dict) -> dict:
    shown = {k: v for k, v in transaction.items() if k != "amount_minor"}
    shown["amount"] = shown["charged_amount"] = major(transaction["amount_minor"])
    return shown


def ok(data, message: str) -> web.Response:
    return web.Response(text=dumps({"status": "success", "message": message, "data": data}),
                        content_type="application/json")


def refuse(message: str, status: int = 400) -> web.Response:
    return web.Response(text=dumps({"status": "error", "message": message, "data": None}), status=status,
                        content_type="application/json")


async def read(request: web.Request) -> dict:
    return json.loads(await request.text(), parse_float=Decimal)


@web.middleware
async def gatekeeper(request: web.Request, handler):
    fake = request.app[FAKE]
    if not request.path.startswith("/v3/"):
        return await handler(request)
    if request.headers.get("Authorization") != f"Bearer {fake.secret_key}":
        return refuse("Invalid authorization key", 401)
    if fake.fail_next > 0:
        fake.fail_next -= 1
        return refuse("Service unavailable", 503)
    return lost(fake, request, await handler(request))


@routes.post("/v3/payments")
async def create_payment(request: web.Request) -> web.Response:
    fake, wanted = request.app[FAKE], await read(request)
    amount = to_minor(wanted.get("amount"))
    customer = wanted.get("customer") or {}
    if amount is None:
        return refuse("Invalid amount")
    if not (wanted.get("tx_ref") and customer.get("email") and wanted.get("redirect_url")):
        return refuse("tx_ref, customer.email and redirect_url are required")
    if fake.by_ref(wanted["tx_ref"]):
        return refuse("Duplicate tx_ref")
    identifier = next(fake._ids)
    fake.transactions[identifier] = {
        "id": identifier, "tx_ref": wanted["tx_ref"], "flw_ref": f"FLW-MOCK-{secrets.token_hex(8)}",
        "amount_minor": amount, "currency": wanted.get("currency", "NGN"), "app_fee": major(amount * 14 // 1000),
        "merchant_fee": 0, "processor_response": "Pending", "auth_model": "PIN", "status": "pending",
        "payment_type": "card", "created_at": now_text(), "account_id": 17321,
        "customer": {"id": 215604089, "name": customer.get("name", ""), "phone_number": customer.get("phonenumber"),
                     "email": customer["email"], "created_at": now_text()},
    }
    return ok({"link": f"{fake.root_url}/hosted/pay/{secrets.token_hex(10)}"}, "Hosted Link")


def fetched(found: dict | None) -> web.Response:
    if found is None:
        return refuse("No transaction was found for this id")
    return ok(render(found), "Transaction fetched successfully")


@routes.get("/v3/transactions/{id:\\d+}/verify")
async def verify_by_id(request: web.Request) -> web.Response:
    found = request.app[FAKE].transactions.get(int(request.match_info["id"]))
    return fetched(found)


@routes.get("/v3/transactions/verify_by_reference")
async def verify_by_reference(request: web.Request) -> web.Response:
    found = request.app[FAKE].by_ref(request.query.get("tx_ref", ""))
    return fetched(found)


@routes.post("/v3/transactions/{id:\\d+}/refund")
async def refund(request: web.Request) -> web.Response:
    fake, wanted = request.app[FAKE], await read(request)
    paid = fake.transactions.get(int(request.match_info["id"]))
    if paid is None:
        return refuse("No transaction was found for this id")
    if paid["status"] != "successful":
        return refuse("Only successful transactions can be refunded")
    left = paid["amount_minor"] - sum(r["minor"] for r in fake.refunds if r["tx_id"] == paid["id"])
    amount = to_minor(wanted["amount"]) if "amount" in wanted else left
    if amount is None or amount > left:
        return refuse("Refund amount cannot be greater than the amount left to refund")
    made = {"id": next(fake._ids), "account_id": 17321, "tx_id": paid["id"], "flw_ref": paid["flw_ref"],
            "wallet_id": 17321, "minor": amount, "status": "completed", "destination": "payment_source",
            "comments": wanted.get("comments", ""), "meta": {"source": "availablebalance"},
            "created_at": now_text()}
    fake.refunds.append(made)
    return ok(_refund_view(made), "Transaction refund initiated")


def _refund_view(made: dict) -> dict:
    return {**{k: v for k, v in made.items() if k != "minor"}, "amount_refunded": major(made["minor"])}


@routes.get("/v3/refunds")
async def list_refunds(request: web.Request) -> web.Response:
    tx_id = request.query.get("tx_id")
    found = [_refund_view(r) for r in request.app[FAKE].refunds if tx_id in (None, str(r["tx_id"]))]
    return ok(found, "Refunds fetched")


@routes.post("/v3/accounts/resolve")
async def resolve(request: web.Request) -> web.Response:
    wanted = await read(request)
    key = (wanted.get("account_bank", ""), wanted.get("account_number", ""))
    name = request.app[FAKE].accounts.get(key)
    if name is None:
        return refuse("Sorry, recipient account could not be validated. Please try again")
    return ok({"account_number": key[1], "account_name": name}, "Account details fetched")


@routes.post("/v3/transfers")
async def create_transfer(request: web.Request) -> web.Response:
    fake, wanted = request.app[FAKE], await read(request)
    amount = to_minor(wanted.get("amount"))
    key = (wanted.get("account_bank", ""), wanted.get("account_number", ""))
    if amount is None:
        return refuse("Invalid amount")
    if key not in fake.accounts:
        return refuse("Account resolve failed")
    if any(t["reference"] == wanted.get("reference") for t in fake.transfers):
        return refuse("Transfer with reference already exists")
    made = {"id": next(fake._ids), "account_number": key[1], "bank_code": key[0], "full_name": fake.accounts[key],
            "created_at": now_text(), "currency": wanted.get("currency", "NGN"),
            "debit_currency": wanted.get("debit_currency", "NGN"), "minor": amount, "fee": major(2688),
            "status": "NEW", "reference": wanted.get("reference") or secrets.token_hex(8), "meta": None,
            "narration": wanted.get("narration", ""), "complete_message": "", "requires_approval": 0,
            "is_approved": 1, "bank_name": "ACCESS BANK NIGERIA"}
    fake.transfers.append(made)
    return ok(_transfer_view(made), "Transfer Queued Successfully")


def _transfer_view(made: dict) -> dict:
    return {**{k: v for k, v in made.items() if k != "minor"}, "amount": major(made["minor"])}


@routes.get("/v3/transfers")
async def list_transfers(request: web.Request) -> web.Response:
    reference = request.query.get("reference")
    found = [_transfer_view(t) for t in request.app[FAKE].transfers if reference in (None, t["reference"])]
    return ok(found, "Transfers fetched")


@routes.get("/hosted/pay/{code}")
async def checkout_page(request: web.Request) -> web.Response:
    return web.Response(text="<html><body>Flutterwave test checkout</body></html>", content_type="text/html")


@routes.post("/_fake/pay/{tx_ref}")
async def pay_from_outside(request: web.Request) -> web.Response:
    """Another process completes a checkout: {"succeed": true, "webhook_url": "...", "times": 1}."""
    fake, wanted = request.app[FAKE], (await request.json() if request.can_read_body else {})
    paid = fake.pay(request.match_info["tx_ref"], wanted.get("succeed", True))
    answered = []
    if wanted.get("webhook_url"):
        body = fake.event("charge.completed", paid)
        answered = await fake.send_webhook(wanted["webhook_url"], body, times=wanted.get("times", 1))
    return web.Response(text=dumps({"transaction": paid, "webhook_statuses": answered}),
                        content_type="application/json")


async def serve(host: str, port: int, secret_key: str, secret_hash: str) -> None:
    await serve_until_signalled(FakeFlutterwave(secret_key, secret_hash, host=host, port=port), "flutterwave")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="A local fake of Flutterwave's v3 API.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--secret-key", default="FLWSECK_TEST-fake-X")
    parser.add_argument("--secret-hash", default="fake-hash")
    args = parser.parse_args(argv)
    asyncio.run(serve(args.host, args.port, args.secret_key, args.secret_hash))


if __name__ == "__main__":
    main()
