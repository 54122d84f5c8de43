"""Deposit invoice, release receipt, fee receipt: lines add up to the total or the document is refused."""
import pytest

from core.errors import Rejected
from core.invoices.documents import (
    check_document, deposit_invoice, fee_receipt, money_text, release_receipt, vat_on_fee,
)
from core.invoices.parties import party
from core.money import Money

PRODUCER = party("Eko Nights Productions Ltd", ["12 Admiralty Way", "Lekki, Lagos"], tin="12345678-0001")
GAFFER = party("Chidi Okafor", ["4 Allen Avenue", "Ikeja, Lagos"])
PLATFORM = party("NollyCrew", ["Yaba, Lagos"])
AT = "2026-12-13T10:00:00+01:00"
REF = {"booking_id": "b1", "hold_id": "h1", "transfer_id": "t1", "project_id": "p1"}


def naira(kobo: int) -> Money:
    return Money(kobo, "NGN")


def test_a_deposit_invoice_sums_its_lines():
    doc = deposit_invoice("NC-INV-2026-000001", AT, PLATFORM, PRODUCER, REF,
                          [("Gaffer, 12 days at ₦45,000", naira(54_000_000)), ("Platform fee", naira(2_700_000))],
                          naira(56_700_000))

    assert doc["_id"] == "invoice:NC-INV-2026-000001" and doc["type"] == "invoice"
    assert sum(line["amount_minor"] for line in doc["lines"]) == doc["total"]["amount_minor"]


def test_a_deposit_invoice_whose_total_is_off_by_one_kobo_is_refused():
    with pytest.raises(Rejected, match="add up to ₦540,000.00 but the total says ₦540,000.01"):
        deposit_invoice("NC-INV-2026-000001", AT, PLATFORM, PRODUCER, REF,
                        [("Gaffer", naira(54_000_000))], naira(54_000_001))


def release(**changes):
    figures = {"gross": naira(54_000_000), "platform_fee": naira(2_700_000), "vat": naira(202_500),
               "withholding_tax": naira(2_700_000), "net": naira(48_397_500), **changes}
    return release_receipt("NC-RCT-2026-000001", AT, PLATFORM, GAFFER, REF, **figures)


def test_a_release_receipt_carries_the_tax_lines_as_deductions():
    doc = release(withholding_rate_bp=500)

    assert [line["amount_minor"] for line in doc["lines"]] == [54_000_000, -2_700_000, -202_500, -2_700_000]
    assert [line["tax"] for line in doc["lines"]] == [None, None, "vat", "wht"]
    assert doc["total"] == {"amount_minor": 48_397_500, "currency": "NGN"}
    assert "5% of the gross" in doc["lines"][3]["label"]


def test_a_release_whose_net_does_not_follow_is_refused():
    with pytest.raises(Rejected, match="add up to"):
        release(net=naira(48_397_600))


def test_vat_that_is_not_seven_and_a_half_percent_of_the_fee_is_refused():
    with pytest.raises(Rejected, match="is not 7.5% of"):
        release(vat=naira(270_000), net=naira(48_330_000))


@pytest.mark.parametrize("fee", [1, 13, 2_700_001, 999_999])
def test_vat_rounded_either_way_passes_and_ours_rounds_half_up(fee):
    exact_times_10000 = fee * 750
    down, up = exact_times_10000 // 10000, -(-exact_times_10000 // 10000)
    for vat in {down, up}:
        fee_receipt("NC-FEE-2026-000001", AT, PLATFORM, PRODUCER, REF,
                    platform_fee=naira(fee), vat=naira(vat), total=naira(fee + vat))
    half_up = down + (1 if exact_times_10000 % 10000 >= 5000 else 0)
    assert vat_on_fee(naira(fee)) == naira(half_up)


def test_a_wrong_withholding_rate_is_refused():
    with pytest.raises(Rejected, match="withholding tax"):
        release(withholding_rate_bp=1000)


def test_mixed_currencies_are_refused():
    with pytest.raises(Rejected, match="differ|mixes|charged on"):
        release(vat=Money(202_500, "USD"))


def test_a_number_from_another_series_is_refused():
    with pytest.raises(Rejected, match="RCT series"):
        release_receipt("NC-INV-2026-000001", AT, PLATFORM, GAFFER, REF, gross=naira(100), platform_fee=naira(0),
                        vat=naira(0), withholding_tax=naira(0), net=naira(100))


def test_a_stored_document_tampered_with_is_refused_on_the_second_check():
    doc = release()
    doc["lines"][1]["amount_minor"] = -1_000_000

    with pytest.raises(Rejected, match="add up to"):
        check_document(doc)
    with pytest.raises(Rejected, match="incomplete"):
        check_document({k: v for k, v in release().items() if k != "total"})


@pytest.mark.parametrize("bad", [naira(0), naira(-5)])
def test_a_deposit_of_nothing_or_less_is_refused(bad):
    with pytest.raises(Rejected, match="more than zero"):
        deposit_invoice("NC-INV-2026-000001", AT, PLATFORM, PRODUCER, REF, [("Gaffer", bad)], bad)


def test_parties_need_a_name_and_a_tin_of_a_real_shape():
    with pytest.raises(Rejected, match="name"):
        party("  ")
    with pytest.raises(Rejected, match="tax identification number"):
        party("Ada", tin="12-34")
    assert party("Ada", tin="1234567890")["tin"] == "1234567890"
    assert "tin" not in party("Ada")


def test_amounts_print_with_their_kobo():
    assert money_text(48_397_500, "NGN") == "₦483,975.00"
    assert money_text(-202_505, "NGN") == "-₦2,025.05"
