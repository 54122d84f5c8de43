"""The Paystack adapter against the fake Paystack over real HTTP: pay, verify, refund, resolve,
payout with a reused reference. Webhooks: test_gateways_webhooks.py."""
import pytest

from core.errors import Rejected
from core.money import Money
from core.payments import (
    FAILED, PENDING, SUCCESS, GatewayBadConfig, GatewayRetryable, Payer, PaymentRefused,
)
from tests.fakes.paystack_server import FakePaystack
from workers.gateways.paystack import Paystack, PaystackSettings

pytestmark = pytest.mark.integration

SECRET_KEY = "sk_test_integration_paystack"
CALLBACK = "https://nollycrew.test/pay/done"
GAFFER = Payer(name="Chidi Okafor", email="chidi@crew.test", phone="+2348031234567")
DEPOSIT = Money(2_500_000_00, "NGN")  # a ₦2.5m booking deposit


@pytest.fixture
async def fake():
    async with FakePaystack(SECRET_KEY) as fake:
        yield fake


@pytest.fixture
def paystack(fake) -> Paystack:
    return Paystack(PaystackSettings(secret_key=SECRET_KEY, api_base=fake.base_url))


async def test_a_paid_checkout_verifies_as_success_for_the_amount_taken(fake, paystack):
    url = await paystack.start_payment("dep-booking-17", DEPOSIT, GAFFER, CALLBACK)
    assert url.startswith(fake.base_url + "/checkout/")
    assert (await paystack.verify("dep-booking-17")).status == PENDING

    fake.pay("dep-booking-17")
    paid = await paystack.verify("dep-booking-17")

    assert (paid.status, paid.amount, paid.reference) == (SUCCESS, DEPOSIT, "dep-booking-17")
    assert paid.paid_at is not None and paid.gateway_id == str(fake.transactions["dep-booking-17"]["id"])


async def test_a_payer_with_only_a_phone_gets_a_made_up_email_paystack_accepts(fake, paystack):
    await paystack.start_payment("dep-phone-only", DEPOSIT, Payer("Bisi", phone="+2348030000009"), CALLBACK)

    assert fake.transactions["dep-phone-only"]["customer"]["email"] == "2348030000009@pay.nollycrew.ng"


async def test_a_declined_card_verifies_as_failed(fake, paystack):
    await paystack.start_payment("dep-declined", DEPOSIT, GAFFER, CALLBACK)
    fake.pay("dep-declined", succeed=False)

    assert (await paystack.verify("dep-declined")).status == FAILED


async def test_refusals_carry_paystacks_reason(fake, paystack):
    await paystack.start_payment("dep-twice", DEPOSIT, GAFFER, CALLBACK)
    with pytest.raises(PaymentRefused, match="Duplicate Transaction Reference"):
        await paystack.start_payment("dep-twice", DEPOSIT, GAFFER, CALLBACK)
    with pytest.raises(PaymentRefused, match="reference not found"):
        await paystack.verify("never-started")
    with pytest.raises(Rejected, match="does not take USD"):
        await paystack.start_payment("dep-dollars", Money(100, "USD"), GAFFER, CALLBACK)
    with pytest.raises(Rejected, match="only letters, digits"):
        await paystack.start_payment("dep'; drop", DEPOSIT, GAFFER, CALLBACK)


async def test_a_wrong_key_is_bad_config_and_a_paystack_outage_is_retryable(fake):
    wrong = Paystack(PaystackSettings(secret_key="sk_test_wrong", api_base=fake.base_url))
    with pytest.raises(GatewayBadConfig):
        await wrong.verify("anything")
    fake.fail_next = 1
    right = Paystack(PaystackSettings(secret_key=SECRET_KEY, api_base=fake.base_url))
    with pytest.raises(GatewayRetryable):
        await right.verify("anything")


async def test_unreachable_paystack_is_retryable():
    gone = Paystack(PaystackSettings(secret_key=SECRET_KEY, api_base="http://127.0.0.1:9"))
    with pytest.raises(GatewayRetryable):
        await gone.verify("anything")


async def paid_deposit(fake: FakePaystack, paystack: Paystack, reference: str) -> None:
    await paystack.start_payment(reference, DEPOSIT, GAFFER, CALLBACK)
    fake.pay(reference)


async def test_a_refund_retried_with_its_reference_is_made_once(fake, paystack):
    await paid_deposit(fake, paystack, "dep-refund")
    part = Money(1_000_000_00, "NGN")

    first = await paystack.refund("dep-refund", part, "refund-cancelled-day-3")
    again = await paystack.refund("dep-refund", part, "refund-cancelled-day-3")

    assert first == again and first.status == PENDING and first.amount == part
    assert len(fake.refunds) == 1
    with pytest.raises(PaymentRefused, match="already used"):
        await paystack.refund("dep-refund", Money(1, "NGN"), "refund-cancelled-day-3")


async def test_a_refund_whose_answer_was_lost_is_found_on_retry(fake, paystack):
    await paid_deposit(fake, paystack, "dep-refund-lost")
    part = Money(100_00, "NGN")
    fake.lose_next = 1
    with pytest.raises(GatewayRetryable):
        await paystack.refund("dep-refund-lost", part, "refund-answer-lost")

    assert (await paystack.refund("dep-refund-lost", part, "refund-answer-lost")).amount == part
    assert len(fake.refunds) == 1


async def test_refunds_stop_at_what_was_paid(fake, paystack):
    await paid_deposit(fake, paystack, "dep-refund-cap")
    part = Money(1_000_000_00, "NGN")
    await paystack.refund("dep-refund-cap", part, "refund-part")

    with pytest.raises(PaymentRefused, match="more than the unrefunded"):
        await paystack.refund("dep-refund-cap", DEPOSIT, "refund-too-much")
    rest = await paystack.refund("dep-refund-cap", None, "refund-the-rest")
    assert rest.amount == Money(DEPOSIT.amount_minor - part.amount_minor, "NGN")


async def test_bank_accounts_resolve_to_the_name_the_bank_holds(fake, paystack):
    fake.accounts[("058", "0123456789")] = "ADAEZE NWOSU"

    account = await paystack.resolve_account("058", "0123456789")

    assert account.account_name == "ADAEZE NWOSU"
    with pytest.raises(PaymentRefused, match="Could not resolve"):
        await paystack.resolve_account("058", "9999999999")


async def test_a_payout_retried_with_its_transfer_reference_pays_once(fake, paystack):
    fake.accounts[("058", "0123456789")] = "ADAEZE NWOSU"
    recipient = await paystack.create_recipient("Adaeze Nwosu", "058", "0123456789", "NGN")
    assert (await paystack.create_recipient("Adaeze N.", "058", "0123456789", "NGN")).code == recipient.code
    balance_before, fee = fake.balance_kobo, Money(45_000_00, "NGN")

    first = await paystack.payout("payout-hold-9-release-1", recipient, fee, "Day rate, 3 days")
    again = await paystack.payout("payout-hold-9-release-1", recipient, fee, "Day rate, 3 days")

    assert first == again and first.status == PENDING
    assert len(fake.transfers) == 1 and fake.balance_kobo == balance_before - fee.amount_minor
    with pytest.raises(PaymentRefused, match="already used"):
        await paystack.payout("payout-hold-9-release-1", recipient, Money(1, "NGN"), "Day rate")


async def test_a_payout_whose_first_answer_was_lost_is_found_not_repeated(fake, paystack):
    fake.accounts[("058", "0123456789")] = "ADAEZE NWOSU"
    recipient = await paystack.create_recipient("Adaeze Nwosu", "058", "0123456789", "NGN")
    fee, balance_before = Money(45_000_00, "NGN"), fake.balance_kobo
    fake.lose_next = 1  # the transfer is made but its answer is lost on the way back
    with pytest.raises(GatewayRetryable):
        await paystack.payout("payout-lost-answer", recipient, fee, "Day rate")
    assert len(fake.transfers) == 1

    retried = await paystack.payout("payout-lost-answer", recipient, fee, "Day rate")

    assert retried.amount == fee and len(fake.transfers) == 1
    assert fake.balance_kobo == balance_before - fee.amount_minor


async def test_a_transfer_that_wants_an_otp_is_bad_config(fake, paystack):
    fake.accounts[("058", "0123456789")] = "ADAEZE NWOSU"
    fake.transfer_otp = True
    recipient = await paystack.create_recipient("Adaeze Nwosu", "058", "0123456789", "NGN")

    with pytest.raises(GatewayBadConfig, match="OTP"):
        await paystack.payout("payout-otp", recipient, Money(100_00, "NGN"), "Day rate")
