"""A local Stripe on its real wire format, enough for the official `stripe` package pointed at it:
Checkout Sessions, PaymentIntents (retrieve, search), Refunds, connected Accounts, Transfers,
Idempotency-Key replay, Stripe's error objects, and events signed with Stripe-Signature.

In a test:      async with FakeStripe(SECRET_KEY, WEBHOOK_SECRET) as fake: ...  (fake.base_url)
As a process:   python -m tests.fakes.stripe_server --port 8803 --secret-key sk_test_... --webhook-secret whsec_...
Requests are form-encoded with bracketed keys (line_items[0][price_data][currency]); answers JSON.
"""
import argparse
import asyncio
import hashlib
import hmac
import json
import re
import secrets
import time

import aiohttp
from aiohttp import web

from tests.fakes.loopback import LoopbackServer, lost, serve_until_signalled

HTTP_TIMEOUT_S = 10.0
API_VERSION = "2025-10-29.clover"
STALE_BY_S = 600  # how old a "stale" webhook's timestamp is: past Stripe's 300 s tolerance
_KEY_PART = re.compile(r"\[([^\]]*)\]")
_SEARCH = re.compile(r"metadata\['(?P<key>[^']+)'\]:'(?P<value>[^']*)'")

routes = web.RouteTableDef()


def new_id(prefix: str) -> str:
    return f"{prefix}_{secrets.token_hex(12)}"


def unflatten(pairs) -> dict:
    """[("line_items[0][quantity]", "1")] -> {"line_items": [{"quantity": "1"}]}."""
    tree: dict = {}
    for flat, value in pairs:
        head = flat.split("[", 1)[0]
        path = [head] + _KEY_PART.findall(flat[len(head):])
        node = tree
        for part, following in zip(path, path[1:]):
            node = node.setdefault(part, {})
        node[path[-1]] = value
    return _lists(tree)


def _lists(node):
    if not isinstance(node, dict):
        return node
    if node and all(key.isdigit() for key in node):
        return [_lists(node[key]) for key in sorted(node, key=int)]
    return {key: _lists(value) for key, value in node.items()}


class FakeStripe(LoopbackServer):
    def __init__(self, secret_key: str = "sk_test_fake", webhook_secret: str = "whsec_fake",
                 host: str = "127.0.0.1", port: int = 0):
        super().__init__(host, port)
        self.secret_key, self.webhook_secret = secret_key, webhook_secret
        self.reset()

    def reset(self) -> None:
        self.sessions: dict[str, dict] = {}
        self.intents: dict[str, dict] = {}
        self.charges: dict[str, dict] = {}
        self.refunds: list[dict] = []
        self.accounts: dict[str, dict] = {}
        self.transfers: list[dict] = []
        self.balance: dict[str, int] = {"usd": 10_000_000, "gbp": 10_000_000, "eur": 10_000_000}
        self.idempotent: dict[tuple[str, str], tuple[dict, int, dict]] = {}
        self.deliveries: list[dict] = []
        self.fail_next = 0
        self.lose_next = 0  # carry out this many POSTs, then answer 502 as if the answer was lost

    def application(self) -> web.Application:
        app = web.Application(middlewares=[gatekeeper])
        app[FAKE] = self
        app.add_routes(routes)
        return app

    def connected_account(self, name: str, payouts_enabled: bool = True) -> str:
        account_id = new_id("acct")
        self.accounts[account_id] = {
            "id": account_id, "object": "account", "type": "express", "country": "GB", "email": None,
            "business_profile": {"name": name}, "charges_enabled": payouts_enabled,
            "payouts_enabled": payouts_enabled, "details_submitted": payouts_enabled,
        }
        return account_id

    def pay(self, reference: str, succeed: bool = True) -> dict:
        """The payer completes the Checkout page; returns the PaymentIntent."""
        session = next(s for s in self.sessions.values() if s["client_reference_id"] == reference)
        intent_id, charge_id = new_id("pi"), new_id("ch")
        self.charges[charge_id] = {
            "id": charge_id, "object": "charge", "amount": session["amount_total"], "created": int(time.time()),
            "currency": session["currency"], "paid": succeed, "payment_intent": intent_id,
            "status": "succeeded" if succeed else "failed",
        }
        self.intents[intent_id] = {
            "id": intent_id, "object": "payment_intent", "amount": session["amount_total"],
            "amount_received": session["amount_total"] if succeed else 0, "currency": session["currency"],
            "created": int(time.time()), "latest_charge": charge_id,
            "metadata": session["payment_intent_metadata"], "livemode": False,
            "status": "succeeded" if succeed else "requires_payment_method",
            "last_payment_error": None if succeed else {"code": "card_declined", "type": "card_error"},
        }
        session |= {"payment_intent": intent_id, "status": "complete" if succeed else "open",
                    "payment_status": "paid" if succeed else "unpaid"}
        return self.intents[intent_id]

    def event(self, kind: str, thing: dict) -> bytes:
        return json.dumps({
            "id": new_id("evt"), "object": "event", "api_version": API_VERSION, "created": int(time.time()),
            "data": {"object": public(thing)}, "livemode": False, "pending_webhooks": 1,
            "request": {"id": None, "idempotency_key": None}, "type": kind,
        }).encode()

    async def send_webhook(self, url: str, body: bytes, *, times: int = 1, attempts: int = 1,
                           signature: str = "valid") -> list[int]:
        """signature: valid | wrong | missing | stale (signed 600 s ago)."""
        answered = []
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=HTTP_TIMEOUT_S)) as session:
            for _ in range(times):
                for _ in range(attempts):
                    headers = {"Content-Type": "application/json; charset=utf-8"}
                    if signature != "missing":
                        at = int(time.time()) - (STALE_BY_S if signature == "stale" else 0)
                        secret = self.webhook_secret if signature != "wrong" else f"not-{self.webhook_secret}"
                        mac = hmac.new(secret.encode(), f"{at}.".encode() + body, hashlib.sha256).hexdigest()
                        headers["Stripe-Signature"] = f"t={at},v1={mac}"
                    async with session.post(url, data=body, headers=headers) as answer:
                        answered.append(answer.status)
                    self.deliveries.append({"url": url, "body": body, "status": answered[-1]})
                    if answered[-1] == 200:
                        break
        return answered


FAKE = web.AppKey("fake_stripe", FakeStripe)


def public(thing: dict) -> dict:
    return {key: value for key, value in thing.items() if key != "payment_intent_metadata"}


def stripe_error(status: int, message: str, kind: str = "invalid_request_error", code: str | None = None,
                 param: str | None = None) -> web.Response:
    error = {"type": kind, "message": message, "code": code, "param": param}
    return web.json_response({"error": {k: v for k, v in error.items() if v is not None}}, status=status)


def listing(url: str, data: list, kind: str = "list") -> web.Response:
    body = {"object": kind, "data": data, "has_more": False, "url": url}
    if kind == "search_result":
        body["next_page"] = None
    return web.json_response(body)


@web.middleware
async def gatekeeper(request: web.Request, handler):
    fake = request.app[FAKE]
    if not request.path.startswith("/v1/"):
        return await handler(request)
    if request.headers.get("Authorization") != f"Bearer {fake.secret_key}":
        return stripe_error(401, "Invalid API Key provided.")
    if fake.fail_next > 0:
        fake.fail_next -= 1
        return stripe_error(500, "An unknown error occurred", kind="api_error")
    key = request.headers.get("Idempotency-Key")
    if request.method != "POST" or not key:
        return lost(fake, request, await handler(request))
    params = unflatten((await request.post()).items())
    replay = fake.idempotent.get((request.path, key))
    if replay is not None:
        if replay[0] != params:
            return stripe_error(400, "Keys for idempotent requests can only be used with the same parameters "
                                "they were first used with.", kind="idempotency_error")
        return web.json_response(replay[2], status=replay[1], headers={"Idempotent-Replayed": "true"})
    answer = await handler(request)
    fake.idempotent[(request.path, key)] = (params, answer.status, json.loads(answer.body))
    return lost(fake, request, answer)


async def form(request: web.Request) -> dict:
    return unflatten((await request.post()).items())


def expanded(fake: FakeStripe, intent: dict, wanted: list) -> dict:
    shown = public(intent)
    if {"latest_charge", "data.latest_charge"} & set(wanted) and intent["latest_charge"]:
        shown["latest_charge"] = fake.charges[intent["latest_charge"]]
    return shown


@routes.post("/v1/checkout/sessions")
async def create_session(request: web.Request) -> web.Response:
    fake, wanted = request.app[FAKE], await form(request)
    items = wanted.get("line_items") or []
    if wanted.get("mode") != "payment" or len(items) != 1 or not wanted.get("success_url"):
        return stripe_error(400, "mode=payment, one line item and success_url are required.", param="line_items")
    price = items[0]["price_data"]
    if not price.get("unit_amount", "").isdigit() or price.get("currency") not in fake.balance:
        return stripe_error(400, "Invalid unit_amount or currency.", param="line_items[0][price_data]")
    session_id = new_id("cs_test")
    amount = int(price["unit_amount"]) * int(items[0].get("quantity", "1"))
    fake.sessions[session_id] = {
        "id": session_id, "object": "checkout.session", "amount_total": amount, "currency": price["currency"],
        "client_reference_id": wanted.get("client_reference_id"), "customer_email": wanted.get("customer_email"),
        "metadata": wanted.get("metadata", {}), "mode": "payment", "payment_intent": None,
        "payment_status": "unpaid", "status": "open", "success_url": wanted["success_url"],
        "cancel_url": wanted.get("cancel_url"), "url": f"{fake.base_url}/c/pay/{session_id}",
        "payment_intent_metadata": (wanted.get("payment_intent_data") or {}).get("metadata", {}),
    }
    return web.json_response(public(fake.sessions[session_id]))


@routes.get("/v1/checkout/sessions/{id}")
async def retrieve_session(request: web.Request) -> web.Response:
    found = request.app[FAKE].sessions.get(request.match_info["id"])
    if found is None:
        return stripe_error(404, f"No such checkout.session: '{request.match_info['id']}'", code="resource_missing")
    return web.json_response(public(found))


@routes.get("/v1/payment_intents/search")
async def search_intents(request: web.Request) -> web.Response:
    fake, wanted = request.app[FAKE], unflatten(request.query.items())
    match = _SEARCH.fullmatch(wanted.get("query", "").strip())
    if match is None:
        return stripe_error(400, "The fake understands only metadata['key']:'value' queries.", param="query")
    found = [expanded(fake, intent, wanted.get("expand", [])) for intent in fake.intents.values()
             if intent["metadata"].get(match["key"]) == match["value"]]
    return listing("/v1/payment_intents/search", found, "search_result")


@routes.get("/v1/payment_intents/{id}")
async def retrieve_intent(request: web.Request) -> web.Response:
    fake = request.app[FAKE]
    found = fake.intents.get(request.match_info["id"])
    if found is None:
        return stripe_error(404, f"No such payment_intent: '{request.match_info['id']}'", code="resource_missing")
    return web.json_response(expanded(fake, found, unflatten(request.query.items()).get("expand", [])))


@routes.post("/v1/refunds")
async def create_refund(request: web.Request) -> web.Response:
    fake, wanted = request.app[FAKE], await form(request)
    intent = fake.intents.get(wanted.get("payment_intent", ""))
    if intent is None:
        return stripe_error(404, "No such payment_intent.", code="resource_missing", param="payment_intent")
    if intent["status"] != "succeeded":
        return stripe_error(400, "This PaymentIntent has no successful charge to refund.",
                            code="charge_not_refundable")
    left = intent["amount_received"] - sum(r["amount"] for r in fake.refunds if r["payment_intent"] == intent["id"])
    amount = int(wanted.get("amount", left))
    if amount <= 0 or amount > left:
        return stripe_error(400, f"Refund amount ({amount}) is greater than unrefunded amount on charge ({left})",
                            param="amount")
    refund = {"id": new_id("re"), "object": "refund", "amount": amount, "currency": intent["currency"],
              "charge": intent["latest_charge"], "created": int(time.time()), "metadata": wanted.get("metadata", {}),
              "payment_intent": intent["id"], "reason": None, "status": "succeeded"}
    fake.refunds.append(refund)
    return web.json_response(refund)


@routes.get("/v1/refunds")
async def list_refunds(request: web.Request) -> web.Response:
    intent = request.query.get("payment_intent")
    found = [r for r in request.app[FAKE].refunds if intent in (None, r["payment_intent"])]
    return listing("/v1/refunds", found)


@routes.get("/v1/accounts/{id}")
async def retrieve_account(request: web.Request) -> web.Response:
    found = request.app[FAKE].accounts.get(request.match_info["id"])
    if found is None:
        return stripe_error(404, f"No such account: '{request.match_info['id']}'", code="resource_missing")
    return web.json_response(found)


@routes.post("/v1/transfers")
async def create_transfer(request: web.Request) -> web.Response:
    fake, wanted = request.app[FAKE], await form(request)
    currency, amount = wanted.get("currency", ""), wanted.get("amount", "")
    if wanted.get("destination") not in fake.accounts:
        return stripe_error(400, f"No such destination: '{wanted.get('destination')}'", code="resource_missing",
                            param="destination")
    if currency not in fake.balance or not amount.isdigit() or int(amount) <= 0:
        return stripe_error(400, "Invalid amount or currency.", param="amount")
    if int(amount) > fake.balance[currency]:
        return stripe_error(400, "You have insufficient funds in your Stripe account.", code="balance_insufficient")
    fake.balance[currency] -= int(amount)
    transfer = {"id": new_id("tr"), "object": "transfer", "amount": int(amount), "amount_reversed": 0,
                "currency": currency, "created": int(time.time()), "description": wanted.get("description"),
                "destination": wanted["destination"], "metadata": wanted.get("metadata", {}), "reversed": False,
                "transfer_group": wanted.get("transfer_group")}
    fake.transfers.append(transfer)
    return web.json_response(transfer)


@routes.get("/v1/transfers")
async def list_transfers(request: web.Request) -> web.Response:
    group = request.query.get("transfer_group")
    return listing("/v1/transfers", [t for t in request.app[FAKE].transfers if group in (None, t["transfer_group"])])


@routes.get("/c/pay/{id}")
async def checkout_page(request: web.Request) -> web.Response:
    return web.Response(text="<html><body>Stripe test checkout</body></html>", content_type="text/html")


@routes.post("/_fake/pay/{reference}")
async def pay_from_outside(request: web.Request) -> web.Response:
    """Another process completes a checkout: {"succeed": true, "webhook_url": "...", "times": 1}
    sends checkout.session.completed, signed, when it succeeded."""
    fake, wanted = request.app[FAKE], (await request.json() if request.can_read_body else {})
    intent = fake.pay(request.match_info["reference"], wanted.get("succeed", True))
    answered = []
    if wanted.get("webhook_url") and intent["status"] == "succeeded":
        session = next(s for s in fake.sessions.values() if s["payment_intent"] == intent["id"])
        body = fake.event("checkout.session.completed", session)
        answered = await fake.send_webhook(wanted["webhook_url"], body, times=wanted.get("times", 1))
    return web.json_response({"payment_intent": public(intent), "webhook_statuses": answered})


async def serve(host: str, port: int, secret_key: str, webhook_secret: str) -> None:
    await serve_until_signalled(FakeStripe(secret_key, webhook_secret, host=host, port=port), "stripe")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="A local fake of Stripe's API.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--secret-key", default="sk_test_fake")
    parser.add_argument("--webhook-secret", default="whsec_fake")
    args = parser.parse_args(argv)
    asyncio.run(serve(args.host, args.port, args.secret_key, args.webhook_secret))


if __name__ == "__main__":
    main()
