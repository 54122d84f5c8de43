"""Call sheet PDFs: valid, carrying the title, the calls and, on a personal sheet, only office phones.

Page text is read from uncompressed Helvetica output, where fpdf2 writes it as plain strings."""
import pytest

from core.call_sheets.call_sheet import call_sheet, personal_call_sheet
from tests.unit.core.call_sheets import shoot_fixtures as fixtures
from workers.call_sheet_pdf import render
from workers.pdf_fonts import installed_font, latin1


def shown(text: str, pdf: bytes) -> bool:
    """Whether `text` is on a page: PDF strings escape their parentheses."""
    return text.replace("(", "\\(").replace(")", "\\)").encode() in pdf


def sheet() -> dict:
    return call_sheet(fixtures.schedule(), 1, fixtures.scenes_by_id(), fixtures.production())


def test_the_full_sheet_pdf_has_the_title_calls_and_map_link():
    s = sheet()
    pdf = render(s, font=None, compress=False)
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert s["title"].encode() in pdf
    assert f"Crew call {s['crew_call']}".encode() in pdf
    assert s["locations"][0]["map_link"].encode() in pdf
    assert s["cast"][0]["phone"].encode() in pdf


def test_the_personal_pdf_shows_the_persons_call_and_hides_other_phones():
    s = sheet()
    mine = personal_call_sheet(s, "p-obi")
    pdf = render(mine, font=None, compress=False)
    assert f"Call {mine['person']['call']}".encode() in pdf and shown("(yours)", pdf)
    others = [r["phone"] for r in s["cast"] if r["person_id"] != "p-obi"]
    assert others and not [phone for phone in others if phone.encode() in pdf]


def test_helvetica_gets_letters_it_can_print():
    assert latin1("Ọkafor ₦5,000") == "Okafor NGN 5,000"


@pytest.mark.skipif(installed_font() is None, reason="fonts-dejavu-core is not installed here")
def test_with_dejavu_the_font_is_embedded():
    production = fixtures.production()
    production["cast"][0]["name"] = "Chidi Ọkafor"
    s = call_sheet(fixtures.schedule(), 1, fixtures.scenes_by_id(), production)
    pdf = render(s, font=installed_font(), compress=False)
    assert pdf.startswith(b"%PDF-") and b"DejaVu" in pdf
