"""Webhooks as each fake gateway sends them, received the way a payment route must: signature
first (403 and nothing changes when it fails), then the event id for deduplication, then the
payment re-verified through the gateway's API. Duplicates, forgeries, stale and retried
deliveries included."""
import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import aiohttp
import pytest
from aiohttp import web

from core.money import Money
from core.payments import SUCCESS, Payer
from tests.fakes.flutterwave_server import FakeFlutterwave
from tests.fakes.paystack_server import FakePaystack
from tests.fakes.stripe_server import FakeStripe
from web.payments.signatures import WebhookEvent, read_event, verify_flutterwave, verify_paystack, verify_stripe
from workers.gateways.flutterwave import Flutterwave, FlutterwaveSettings
from workers.gateways.paystack import Paystack, PaystackSettings
from workers.gateways.stripe import Stripe, StripeSettings

pytestmark = pytest.mark.integration

CALLBACK = "https://nollycrew.test/pay/done"
PAYER = Payer(name="Ngozi Eze", email="ngozi@crew.test")


@dataclass
class ReceivedWebhooks:
    """Our side, as small as it can be: check, deduplicate, remember."""

    gateway: str
    check: Callable[[bytes, dict], str | None]  # None when genuine, else the problem
    accepted: list[WebhookEvent] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    duplicates: int = 0
    refused: list[str] = field(default_factory=list)
    fail_next: int = 0  # answer 500 this many times, as a route whose database is down

    async def receive(self, request: web.Request) -> web.Response:
        body = await request.read()
        problem = self.check(body, request.headers)
        if problem is not None:
            self.refused.append(problem)
            return web.Response(status=403, text=problem)
        if self.fail_next > 0:
            self.fail_next -= 1
            return web.Response(status=500)
        event = read_event(self.gateway, body)
        if event.event_id in self.seen:
            self.duplicates += 1
        else:
            self.seen.add(event.event_id)
            self.accepted.append(event)
        return web.Response(status=200)


@contextlib.asynccontextmanager
async def webhook_receiver(hooks: ReceivedWebhooks):
    app = web.Application()
    app.add_routes([web.post(f"/webhooks/{hooks.gateway}", hooks.receive)])
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    try:
        yield f"http://127.0.0.1:{runner.addresses[0][1]}/webhooks/{hooks.gateway}"
    finally:
        await runner.cleanup()


async def test_paystack_webhooks_are_signed_deduplicated_and_retried():
    key = "sk_test_webhooks_paystack"
    async with FakePaystack(key) as fake:
        paystack = Paystack(PaystackSettings(secret_key=key, api_base=fake.base_url))
        hooks = ReceivedWebhooks("paystack", lambda body, headers: verify_paystack(
            key, body, headers.get("x-paystack-signature")))
        async with webhook_receiver(hooks) as url:
            await paystack.start_payment("dep-hook", Money(50_000_00, "NGN"), PAYER, CALLBACK)
            body = fake.event("charge.success", fake.pay("dep-hook"))

            assert await fake.send_webhook(url, body, times=3) == [200, 200, 200]
            assert await fake.send_webhook(url, body, signature="wrong") == [403]
            assert await fake.send_webhook(url, body, signature="missing") == [403]
            hooks.fail_next = 1
            transfer = fake.event("transfer.success", {"id": 77, "reference": "payout-x", "status": "success"})
            assert await fake.send_webhook(url, transfer, attempts=3) == [500, 200]

        assert [event.reference for event in hooks.accepted] == ["dep-hook", "payout-x"]
        assert hooks.duplicates == 2 and hooks.refused == ["invalid signature", "missing signature"]
        assert (await paystack.verify("dep-hook", hooks.accepted[0].gateway_id)).status == SUCCESS


async def test_flutterwave_webhooks_carry_the_secret_hash_and_are_reverified():
    key, secret_hash = "FLWSECK_TEST-webhooks-X", "webhooks-hash"
    async with FakeFlutterwave(key, secret_hash) as fake:
        flutterwave = Flutterwave(FlutterwaveSettings(secret_key=key, api_base=fake.base_url))
        hooks = ReceivedWebhooks("flutterwave", lambda body, headers: verify_flutterwave(
            secret_hash, headers.get("verif-hash")))
        async with webhook_receiver(hooks) as url:
            await flutterwave.start_payment("dep-flw-hook", Money(75_000_25, "NGN"), PAYER, CALLBACK)
            body = fake.event("charge.completed", fake.pay("dep-flw-hook"))

            assert await fake.send_webhook(url, body, times=2) == [200, 200]
            assert await fake.send_webhook(url, body, signature="wrong") == [403]
            hooks.fail_next = 2
            assert await fake.send_webhook(url, body, attempts=3) == [500, 500, 200]

        assert len(hooks.accepted) == 1 and hooks.duplicates == 2
        event = hooks.accepted[0]
        # verif-hash proves only that the sender knows a shared secret: ask the API.
        verified = await flutterwave.verify(event.reference, event.gateway_id)
        assert (verified.status, verified.amount) == (SUCCESS, Money(75_000_25, "NGN"))


async def test_stripe_webhooks_are_signed_fresh_and_deduplicated_by_event_id():
    key, secret = "sk_test_webhooks_stripe", "whsec_webhooks"
    async with FakeStripe(key, secret) as fake:
        stripe = Stripe(StripeSettings(secret_key=key, api_base=fake.base_url))
        hooks = ReceivedWebhooks("stripe", lambda body, headers: verify_stripe(
            secret, body, headers.get("Stripe-Signature"), int(time.time())))
        async with webhook_receiver(hooks) as url:
            await stripe.start_payment("dep-stripe-hook", Money(9_900, "USD"), PAYER, CALLBACK)
            intent = fake.pay("dep-stripe-hook")
            completed = fake.event("checkout.session.completed", next(iter(fake.sessions.values())))
            succeeded = fake.event("payment_intent.succeeded", intent)

            assert await fake.send_webhook(url, completed, times=2) == [200, 200]
            assert await fake.send_webhook(url, succeeded) == [200]
            assert await fake.send_webhook(url, succeeded, signature="stale") == [403]
            assert await fake.send_webhook(url, succeeded, signature="wrong") == [403]
            assert await fake.send_webhook(url, succeeded, signature="missing") == [403]

        assert [(e.kind, e.reference) for e in hooks.accepted] == [
            ("checkout.session.completed", "dep-stripe-hook"), ("payment_intent.succeeded", "dep-stripe-hook")]
        assert hooks.duplicates == 1
        assert hooks.refused == ["stale timestamp", "invalid signature", "missing signature"]
        for event in hooks.accepted:  # a session id and an intent id both verify to the same payment
            assert (await stripe.verify(event.reference, event.gateway_id)).gateway_id == intent["id"]


async def _pay_from_another_process(fake, reference: str, webhook_url: str) -> dict:
    root = fake.base_url.removesuffix("/v3")
    wanted = {"webhook_url": webhook_url, "times": 2}
    async with aiohttp.ClientSession() as session:
        async with session.post(f"{root}/_fake/pay/{reference}", json=wanted) as answer:
            assert answer.status == 200
            return await answer.json()


def _stripe_check(body: bytes, headers) -> str | None:
    return verify_stripe("whsec_s", body, headers.get("Stripe-Signature"), int(time.time()))


async def test_each_fake_can_be_paid_from_another_process_and_then_calls_our_webhook():
    async with FakePaystack("sk_p") as paystack_fake, FakeFlutterwave("FLWSECK_f", "hash-f") as flw_fake, \
            FakeStripe("sk_s", "whsec_s") as stripe_fake:
        fakes = {
            "paystack": (paystack_fake, Paystack(PaystackSettings(secret_key="sk_p", api_base=paystack_fake.base_url)),
                         lambda body, headers: verify_paystack("sk_p", body, headers.get("x-paystack-signature"))),
            "flutterwave": (flw_fake,
                            Flutterwave(FlutterwaveSettings(secret_key="FLWSECK_f", api_base=flw_fake.base_url)),
                            lambda body, headers: verify_flutterwave("hash-f", headers.get("verif-hash"))),
            "stripe": (stripe_fake, Stripe(StripeSettings(secret_key="sk_s", api_base=stripe_fake.base_url)),
                       _stripe_check),
        }
        for gateway, (fake, adapter, check) in fakes.items():
            hooks, reference = ReceivedWebhooks(gateway, check), f"dep-{gateway}-outside"
            amount = Money(10_000, "USD" if gateway == "stripe" else "NGN")
            async with webhook_receiver(hooks) as url:
                await adapter.start_payment(reference, amount, PAYER, CALLBACK)
                answered = await _pay_from_another_process(fake, reference, url)

            assert answered["webhook_statuses"] == [200, 200], gateway
            assert [event.reference for event in hooks.accepted] == [reference] and hooks.duplicates == 1
            verified = await adapter.verify(reference, hooks.accepted[0].gateway_id)
            assert (verified.status, verified.amount) == (SUCCESS, amount), gateway
