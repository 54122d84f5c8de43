"""An invoice or receipt PDF: valid, carrying its number, its tax lines and its total.

Page text is read from uncompressed Helvetica output (DejaVu text is written as glyph numbers)."""
import pytest

from core.errors import Rejected
from core.invoices.documents import release_receipt
from core.invoices.parties import party
from core.money import Money
from workers.invoice_pdf import render
from workers.pdf_fonts import installed_font


def receipt() -> dict:
    def naira(kobo):
        return Money(kobo, "NGN")
    return release_receipt(
        "NC-RCT-2026-000123", "2026-12-13T10:00:00+01:00", party("NollyCrew", ["Yaba, Lagos"]),
        party("Chidi Ọkafor", ["4 Allen Avenue", "Ikeja, Lagos"], tin="12345678-0001"),
        {"booking_id": "b1", "transfer_id": "release:h1:1"},
        gross=naira(54_000_000), platform_fee=naira(2_700_000), vat=naira(202_500),
        withholding_tax=naira(2_700_000), net=naira(48_397_500))


def test_the_pdf_carries_the_number_the_tax_lines_and_the_net():
    pdf = render(receipt(), font=None, compress=False)

    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert b"NC-RCT-2026-000123" in pdf and b"Issued 13 December 2026, 10:00 Lagos time" in pdf
    assert b"VAT at 7.5% on the platform fee" in pdf and b"-NGN 2,025.00" in pdf
    assert b"Net paid to you" in pdf and b"NGN 483,975.00" in pdf
    assert b"Chidi Okafor" in pdf and b"TIN: 12345678-0001" in pdf


@pytest.mark.skipif(installed_font() is None, reason="fonts-dejavu-core is not installed here")
def test_with_dejavu_the_font_is_embedded():
    pdf = render(receipt(), font=installed_font(), compress=False)

    assert pdf.startswith(b"%PDF-") and b"DejaVu" in pdf


def test_a_document_whose_lines_no_longer_add_up_is_not_printed():
    tampered = receipt()
    tampered["total"]["amount_minor"] += 1

    with pytest.raises(Rejected, match="add up to"):
        render(tampered, font=None)
