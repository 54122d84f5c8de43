"""Money is whole minor units in a known currency; a person is their number in E.164."""
import pytest

from core.errors import Rejected
from core.money import Money
from core.phones import to_e164


@pytest.mark.parametrize("amount", [450.0, 450.5, "45000", None, True])
def test_money_is_a_whole_number_of_minor_units(amount):
    with pytest.raises(Rejected, match="whole numbers of kobo"):
        Money(amount, "NGN")


@pytest.mark.parametrize("currency", ["XYZ", "ngn", "", "BTC"])
def test_an_unknown_currency_is_refused(currency):
    with pytest.raises(Rejected, match="currency"):
        Money(100, currency)


@pytest.mark.parametrize(
    "money, shown",
    [
        (Money(450000_00, "NGN"), "₦450,000"),
        (Money(4_500_000, "NGN"), "₦45,000"),
        (Money(150, "NGN"), "₦1.50"),
        (Money(5, "NGN"), "₦0.05"),
        (Money(0, "NGN"), "₦0"),
        (Money(1999, "USD"), "$19.99"),
        (Money(1_000_000_00, "GBP"), "£1,000,000"),
        (Money(250, "EUR"), "€2.50"),
        (Money(120_000, "GHS"), "GH₵1,200"),
        (Money(50_050, "KES"), "KSh 500.50"),
        (Money(99_900, "ZAR"), "R999"),
    ],
)
def test_money_reads_the_way_people_write_it(money, shown):
    assert str(money) == shown


@pytest.mark.parametrize("money, shown", [(Money(-150, "NGN"), "-₦1.50"), (Money(-450000_00, "NGN"), "-₦450,000")])
def test_a_negative_amount_reads_with_its_sign_in_front(money, shown):
    assert str(money) == shown


def test_money_goes_to_a_document_and_back():
    money = Money(4_500_000, "NGN")

    assert money.to_doc() == {"amount_minor": 4_500_000, "currency": "NGN"}
    assert Money.from_doc(money.to_doc()) == money


@pytest.mark.parametrize(
    "written",
    [
        "0803 111 0001",
        "08031110001",
        "+2348031110001",
        "+234 803 111 0001",
        "2348031110001",
        "whatsapp:+2348031110001",
        "tel:+2348031110001",
        " 0803-111-0001 ",
    ],
)
def test_a_nigerian_number_in_any_usual_form_is_one_e164_number(written):
    assert to_e164(written) == "+2348031110001"


def test_a_foreign_number_keeps_its_country():
    assert to_e164("+44 20 7946 0958") == "+442079460958"


@pytest.mark.parametrize("written", ["hello", "0803", "", "+234 000 000 0000"])
def test_something_that_is_not_a_valid_number_is_refused(written):
    with pytest.raises(Rejected, match="phone number"):
        to_e164(written)
