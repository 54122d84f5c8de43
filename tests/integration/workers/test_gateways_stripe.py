"""The Stripe adapter, through the official `stripe` package, against the fake Stripe over real
HTTP: Checkout, verification by search and by webhook id, refunds, Connect transfers retried."""
import pytest

from core.errors import Rejected
from core.money import Money
from core.payments import PENDING, SUCCESS, GatewayBadConfig, GatewayRetryable, Payer, PaymentRefused
from tests.fakes.stripe_server import FakeStripe
from workers.gateways.stripe import Stripe, StripeSettings

pytestmark = pytest.mark.integration

SECRET_KEY, WEBHOOK_SECRET = "sk_test_integration_stripe", "whsec_integration"
CALLBACK = "https://nollycrew.test/pay/done"
INVESTOR = Payer(name="Grace Whitfield", email="grace@fund.test")
DEPOSIT = Money(125_000, "GBP")  # £1,250.00


@pytest.fixture
async def fake():
    async with FakeStripe(SECRET_KEY, WEBHOOK_SECRET) as fake:
        yield fake


@pytest.fixture
def stripe(fake) -> Stripe:
    return Stripe(StripeSettings(secret_key=SECRET_KEY, webhook_secret=WEBHOOK_SECRET, api_base=fake.base_url))


async def test_a_paid_checkout_verifies_by_search_by_intent_and_by_session(fake, stripe):
    url = await stripe.start_payment("dep-gbp-1", DEPOSIT, INVESTOR, CALLBACK)
    assert url.startswith(fake.base_url + "/c/pay/cs_test_")
    with pytest.raises(PaymentRefused, match="no payment for dep-gbp-1 yet"):
        await stripe.verify("dep-gbp-1")

    intent = fake.pay("dep-gbp-1")
    session_id = next(iter(fake.sessions))
    by_search = await stripe.verify("dep-gbp-1")

    assert (by_search.status, by_search.amount, by_search.gateway_id) == (SUCCESS, DEPOSIT, intent["id"])
    assert by_search.paid_at is not None
    assert await stripe.verify("dep-gbp-1", intent["id"]) == by_search
    assert await stripe.verify("dep-gbp-1", session_id) == by_search


async def test_starting_the_same_payment_again_gives_the_same_checkout(fake, stripe):
    first = await stripe.start_payment("dep-gbp-retry", DEPOSIT, INVESTOR, CALLBACK)

    assert await stripe.start_payment("dep-gbp-retry", DEPOSIT, INVESTOR, CALLBACK) == first
    assert len(fake.sessions) == 1
    with pytest.raises(PaymentRefused, match="same parameters"):
        await stripe.start_payment("dep-gbp-retry", Money(1, "GBP"), INVESTOR, CALLBACK)


async def test_a_declined_card_leaves_the_payment_open_and_a_foreign_intent_is_refused(fake, stripe):
    await stripe.start_payment("dep-declined", DEPOSIT, INVESTOR, CALLBACK)
    await stripe.start_payment("dep-other", DEPOSIT, INVESTOR, CALLBACK)
    fake.pay("dep-declined", succeed=False)
    other = fake.pay("dep-other")

    assert (await stripe.verify("dep-declined")).status == PENDING
    with pytest.raises(PaymentRefused, match="not our payment"):
        await stripe.verify("dep-declined", other["id"])


async def test_failures_are_typed(fake, stripe):
    with pytest.raises(Rejected, match="does not take NGN"):
        await stripe.start_payment("dep-naira", Money(100, "NGN"), INVESTOR, CALLBACK)
    fake.fail_next = 1
    with pytest.raises(GatewayRetryable):
        await stripe.verify("dep-x", "pi_unknown")
    with pytest.raises(PaymentRefused, match="No such payment_intent"):
        await stripe.verify("dep-x", "pi_unknown")
    wrong = Stripe(StripeSettings(secret_key="sk_test_wrong", api_base=fake.base_url))
    with pytest.raises(GatewayBadConfig):
        await wrong.verify("dep-x", "pi_unknown")
    gone = Stripe(StripeSettings(secret_key=SECRET_KEY, api_base="http://127.0.0.1:9"))
    with pytest.raises(GatewayRetryable):
        await gone.verify("dep-x", "pi_unknown")


async def test_a_refund_retried_with_its_reference_is_made_once(fake, stripe):
    await stripe.start_payment("dep-refund", DEPOSIT, INVESTOR, CALLBACK)
    fake.pay("dep-refund")
    part = Money(25_000, "GBP")

    first = await stripe.refund("dep-refund", part, "refund-gbp-1")
    again = await stripe.refund("dep-refund", part, "refund-gbp-1")

    assert first == again and (first.status, first.amount) == (SUCCESS, part)
    assert len(fake.refunds) == 1
    with pytest.raises(PaymentRefused, match="already used"):
        await stripe.refund("dep-refund", Money(1, "GBP"), "refund-gbp-1")
    fake.lose_next = 1
    with pytest.raises(GatewayRetryable):
        await stripe.refund("dep-refund", Money(100, "GBP"), "refund-gbp-2")
    assert (await stripe.refund("dep-refund", Money(100, "GBP"), "refund-gbp-2")).amount == Money(100, "GBP")
    assert len(fake.refunds) == 2
    with pytest.raises(PaymentRefused, match="greater than unrefunded"):
        await stripe.refund("dep-refund", DEPOSIT, "refund-gbp-too-much")


async def test_a_connected_account_resolves_and_a_payout_retried_pays_once(fake, stripe):
    account_id = fake.connected_account("Tunde Balogun Camera Ltd")
    unfinished = fake.connected_account("Half Onboarded", payouts_enabled=False)
    recipient = await stripe.create_recipient("Tunde Balogun", "stripe", account_id, "GBP")
    assert recipient.name == "Tunde Balogun Camera Ltd"
    with pytest.raises(PaymentRefused, match="cannot receive payouts"):
        await stripe.resolve_account("stripe", unfinished)
    fee, balance_before = Money(60_000, "GBP"), fake.balance["gbp"]

    first = await stripe.payout("payout-gbp-1", recipient, fee, "DoP, 2 days")
    again = await stripe.payout("payout-gbp-1", recipient, fee, "DoP, 2 days")

    assert first == again and (first.status, first.amount) == (SUCCESS, fee)
    assert len(fake.transfers) == 1 and fake.balance["gbp"] == balance_before - fee.amount_minor
    with pytest.raises(PaymentRefused, match="already used"):
        await stripe.payout("payout-gbp-1", recipient, Money(1, "GBP"), "DoP")
    fake.lose_next = 1  # made, but the answer is lost: the retry finds it
    with pytest.raises(GatewayRetryable):
        await stripe.payout("payout-gbp-2", recipient, fee, "DoP, day 3")
    assert (await stripe.payout("payout-gbp-2", recipient, fee, "DoP, day 3")).amount == fee
    assert len(fake.transfers) == 2 and fake.balance["gbp"] == balance_before - 2 * fee.amount_minor
