"""The Flutterwave adapter against the fake Flutterwave over real HTTP: major-unit amounts read
exactly, verification by id and by tx_ref, refunds, account resolution, transfers retried."""
import pytest

from core.money import Money
from core.payments import FAILED, PENDING, SUCCESS, GatewayBadConfig, GatewayRetryable, Payer, PaymentRefused
from tests.fakes.flutterwave_server import FakeFlutterwave
from workers.gateways.flutterwave import Flutterwave, FlutterwaveSettings

pytestmark = pytest.mark.integration

SECRET_KEY, SECRET_HASH = "FLWSECK_TEST-integration-X", "integration-hash"
CALLBACK = "https://nollycrew.test/pay/done"
PRODUCER = Payer(name="Funke Adebayo", email="funke@films.test", phone="+2348020000001")
DEPOSIT = Money(1_500_50, "NGN")  # ₦1,500.50: kobo that must survive the trip through major units


@pytest.fixture
async def fake():
    async with FakeFlutterwave(SECRET_KEY, SECRET_HASH) as fake:
        yield fake


@pytest.fixture
def flutterwave(fake) -> Flutterwave:
    return Flutterwave(FlutterwaveSettings(secret_key=SECRET_KEY, secret_hash=SECRET_HASH, api_base=fake.base_url))


async def test_a_paid_checkout_verifies_by_reference_and_by_id_to_the_kobo(fake, flutterwave):
    link = await flutterwave.start_payment("dep-flw-1", DEPOSIT, PRODUCER, CALLBACK)
    assert link.startswith(fake.root_url + "/hosted/pay/")
    assert (await flutterwave.verify("dep-flw-1")).status == PENDING

    paid_event = fake.pay("dep-flw-1")
    by_reference = await flutterwave.verify("dep-flw-1")
    by_id = await flutterwave.verify("dep-flw-1", str(paid_event["id"]))

    assert by_reference == by_id
    assert (by_id.status, by_id.amount) == (SUCCESS, DEPOSIT)


async def test_an_underpayment_is_reported_as_what_was_actually_paid(fake, flutterwave):
    await flutterwave.start_payment("dep-flw-short", DEPOSIT, PRODUCER, CALLBACK)
    fake.pay("dep-flw-short", amount_minor=1_000_00)

    assert (await flutterwave.verify("dep-flw-short")).amount == Money(1_000_00, "NGN")


async def test_a_webhook_id_for_someone_elses_payment_is_refused(fake, flutterwave):
    await flutterwave.start_payment("dep-ours", DEPOSIT, PRODUCER, CALLBACK)
    await flutterwave.start_payment("dep-theirs", DEPOSIT, PRODUCER, CALLBACK)
    theirs = fake.pay("dep-theirs")

    with pytest.raises(PaymentRefused, match="not our payment"):
        await flutterwave.verify("dep-ours", str(theirs["id"]))


async def test_failures_are_typed(fake, flutterwave):
    await flutterwave.start_payment("dep-flw-declined", DEPOSIT, PRODUCER, CALLBACK)
    fake.pay("dep-flw-declined", succeed=False)
    assert (await flutterwave.verify("dep-flw-declined")).status == FAILED
    with pytest.raises(PaymentRefused, match="No transaction was found"):
        await flutterwave.verify("never-started")
    fake.fail_next = 1
    with pytest.raises(GatewayRetryable):
        await flutterwave.verify("dep-flw-declined")
    wrong = Flutterwave(FlutterwaveSettings(secret_key="FLWSECK_TEST-wrong", api_base=fake.base_url))
    with pytest.raises(GatewayBadConfig):
        await wrong.verify("dep-flw-declined")


async def test_a_refund_retried_with_its_reference_is_made_once(fake, flutterwave):
    await flutterwave.start_payment("dep-flw-refund", DEPOSIT, PRODUCER, CALLBACK)
    fake.pay("dep-flw-refund")
    part = Money(500_25, "NGN")

    first = await flutterwave.refund("dep-flw-refund", part, "refund-flw-1")
    again = await flutterwave.refund("dep-flw-refund", part, "refund-flw-1")

    assert first == again and (first.status, first.amount) == (SUCCESS, part)
    assert len(fake.refunds) == 1
    with pytest.raises(PaymentRefused, match="already used"):
        await flutterwave.refund("dep-flw-refund", Money(1, "NGN"), "refund-flw-1")
    fake.lose_next = 1
    with pytest.raises(GatewayRetryable):
        await flutterwave.refund("dep-flw-refund", Money(1_00, "NGN"), "refund-flw-2")
    assert (await flutterwave.refund("dep-flw-refund", Money(1_00, "NGN"), "refund-flw-2")).status == SUCCESS
    assert len(fake.refunds) == 2
    with pytest.raises(PaymentRefused, match="greater than"):
        await flutterwave.refund("dep-flw-refund", DEPOSIT, "refund-flw-too-much")


async def test_accounts_resolve_and_a_payout_retried_pays_once(fake, flutterwave):
    account = await flutterwave.resolve_account("044", "0690000032")
    assert account.account_name == "Pastor Bright"
    with pytest.raises(PaymentRefused, match="could not be validated"):
        await flutterwave.resolve_account("044", "0000000001")
    recipient = await flutterwave.create_recipient("Bright", "044", "0690000032", "NGN")
    fee = Money(35_000_50, "NGN")

    first = await flutterwave.payout("payout-flw-1", recipient, fee, "Grip, 2 days")
    again = await flutterwave.payout("payout-flw-1", recipient, fee, "Grip, 2 days")

    assert first == again and (first.status, first.amount) == (PENDING, fee)
    assert len(fake.transfers) == 1
    with pytest.raises(PaymentRefused, match="already used"):
        await flutterwave.payout("payout-flw-1", recipient, Money(1, "NGN"), "Grip")
    fake.lose_next = 1  # made, but the answer is lost: the retry finds it
    with pytest.raises(GatewayRetryable):
        await flutterwave.payout("payout-flw-2", recipient, fee, "Grip, day 3")
    assert (await flutterwave.payout("payout-flw-2", recipient, fee, "Grip, day 3")).amount == fee
    assert len(fake.transfers) == 2
