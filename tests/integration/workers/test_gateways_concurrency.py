"""The same payout or refund sent many times at once (impatient retries from several workers)
moves money once at each gateway: the reference we chose is the provider's idempotency key."""
import asyncio

import pytest

from core.money import Money
from core.payments import Payer
from tests.fakes.flutterwave_server import FakeFlutterwave
from tests.fakes.paystack_server import FakePaystack
from tests.fakes.stripe_server import FakeStripe
from workers.gateways.flutterwave import Flutterwave, FlutterwaveSettings
from workers.gateways.paystack import Paystack, PaystackSettings
from workers.gateways.stripe import Stripe, StripeSettings

pytestmark = pytest.mark.integration

AT_ONCE = 12
CALLBACK = "https://nollycrew.test/pay/done"
PAYER = Payer(name="Kemi Ojo", email="kemi@crew.test")


async def _paystack(stack: list):
    fake = await FakePaystack("sk_c").start()
    stack.append(fake)
    fake.accounts[("058", "0123456789")] = "KEMI OJO"
    gateway = Paystack(PaystackSettings(secret_key="sk_c", api_base=fake.base_url))
    recipient = await gateway.create_recipient("Kemi Ojo", "058", "0123456789", "NGN")
    return fake, gateway, recipient, "NGN", lambda: len(fake.transfers), lambda: len(fake.refunds)


async def _flutterwave(stack: list):
    fake = await FakeFlutterwave("FLWSECK_c", "hash-c").start()
    stack.append(fake)
    gateway = Flutterwave(FlutterwaveSettings(secret_key="FLWSECK_c", api_base=fake.base_url))
    recipient = await gateway.create_recipient("Bright", "044", "0690000032", "NGN")
    return fake, gateway, recipient, "NGN", lambda: len(fake.transfers), lambda: len(fake.refunds)


async def _stripe(stack: list):
    fake = await FakeStripe("sk_c", "whsec_c").start()
    stack.append(fake)
    gateway = Stripe(StripeSettings(secret_key="sk_c", api_base=fake.base_url))
    recipient = await gateway.create_recipient("Kemi", "stripe", fake.connected_account("Kemi Ojo"), "USD")
    return fake, gateway, recipient, "USD", lambda: len(fake.transfers), lambda: len(fake.refunds)


@pytest.mark.parametrize("build", [_paystack, _flutterwave, _stripe], ids=["paystack", "flutterwave", "stripe"])
async def test_a_payout_and_a_refund_sent_many_times_at_once_happen_once(build):
    stack: list = []
    try:
        fake, gateway, recipient, currency, transfers, refunds = await build(stack)
        fee = Money(20_000_00, currency)
        paid = await asyncio.gather(*(gateway.payout("payout-burst", recipient, fee, "Gaffer, day 1")
                                      for _ in range(AT_ONCE)))

        assert transfers() == 1 and len(set(paid)) == 1

        await gateway.start_payment("dep-burst", Money(50_000_00, currency), PAYER, CALLBACK)
        fake.pay("dep-burst")
        part = Money(5_000_00, currency)
        refunded = await asyncio.gather(*(gateway.refund("dep-burst", part, "refund-burst") for _ in range(AT_ONCE)),
                                        return_exceptions=True)

        assert refunds() == 1, refunded
    finally:
        for fake in stack:
            await fake.stop()
