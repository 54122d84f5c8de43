"""A contract's PDF: valid, carrying the role, the naira amount and the document hash.

pypdf is not installed, so the page text is read from uncompressed Helvetica output, where
fpdf2 writes it as plain strings (DejaVu text is written as glyph numbers)."""
import pytest

from core import contracts
from workers.contract_pdf import render
from workers.pdf_fonts import installed_font

BOOKING = {
    "role": "Gaffer", "project_title": "Eko Nights", "start_date": "2026-12-01", "end_date": "2026-12-12",
    "call_time": "06:30", "location": {"city": "Lekki", "state": "Lagos"},
    "rate": {"amount_minor": 4_500_000, "currency": "NGN"}, "rate_per": "day",
}


def contract(**changes) -> dict:
    filled = contracts.fill(contracts.DEAL_MEMO, BOOKING, {"name": "Funke Adeyemi"}, {"name": "Chidi Ọkafor"})
    signature = contracts.signature_record("p1", "Funke Adeyemi", "2026-11-20T09:00:00+01:00", "app",
                                           filled["document_sha256"], "nollycrew_code")
    return {"_id": "contract:b1", **filled, "signers": ["p1", "p2"], "signatures": [signature], **changes}


def test_the_pdf_carries_the_role_the_rate_and_the_hash():
    signed = contract()
    pdf = render(signed, font=None, compress=False)
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert b"Deal memo: Gaffer on Eko Nights" in pdf
    assert b"NGN 45,000 per day" in pdf  # Helvetica has no naira sign
    assert b"Chidi Okafor" in pdf  # nor the dot below
    assert signed["document_sha256"].encode() in pdf
    assert b"Signed by Funke Adeyemi at 2026-11-20T09:00:00+01:00 in the app" in pdf
    assert b"Waiting for 1 more signature." in pdf


@pytest.mark.skipif(installed_font() is None, reason="fonts-dejavu-core is not installed here")
def test_with_dejavu_the_font_is_embedded():
    pdf = render(contract(), font=installed_font(), compress=False)
    assert pdf.startswith(b"%PDF-") and b"DejaVu" in pdf


def test_a_contract_whose_text_no_longer_gives_its_hash_is_not_printed():
    tampered = contract()
    tampered["clauses"][3] = {"heading": "Rate", "text": "₦1 per day."}
    with pytest.raises(ValueError, match="no longer matches its hash"):
        render(tampered, font=None)
