"""An invoice or receipt as an A4 PDF (fpdf2): title and number, from and to, the reference ids,
the lines with their amounts right-aligned, the total, then the notes.

The document is checked again (core.invoices.documents.check_document) before it is drawn, so a
document whose lines no longer add up to its total is refused rather than printed.
Fonts: workers/pdf_fonts.py (DejaVu Sans prints "₦"; Helvetica spells it "NGN ").
"""
from datetime import datetime, timedelta, timezone
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from core.invoices.documents import check_document, money_text
from workers.pdf_fonts import font_family

TITLE_PT, HEADING_PT, BODY_PT, SMALL_PT = 15, 10, 10, 8
LINE_MM, ROW_MM = 5.5, 7
AMOUNT_COLUMN_MM = 45
RULE_GREY = 160
LAGOS = timezone(timedelta(hours=1))  # documents show Lagos time: UTC+1, no DST
REFERENCE_LABELS = {
    "project_id": "Project", "booking_id": "Booking", "hold_id": "Escrow hold", "transfer_id": "Transfer",
    "milestone_id": "Milestone",
}


def render(document: dict, font: Path | None = None, compress: bool = True) -> bytes:
    """The document's PDF. `font`: a DejaVu Sans file (with its -Bold beside it), or None for
    Helvetica; `compress=False` leaves the page text readable in the bytes (tests)."""
    check_document(document)
    currency = document["currency"]
    pdf = FPDF(format="A4")
    pdf.set_compression(compress)
    pdf.set_title(f"{document['title']} {document['number']}")
    pdf.set_author("NollyCrew")
    family, clean = font_family(pdf, font)
    pdf.add_page()

    def write(size: int, line: str, bold: bool = False, gap_mm: float = 0) -> None:
        pdf.set_font(family, "B" if bold else "", size)
        pdf.multi_cell(0, LINE_MM, clean(line), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(gap_mm)

    def row(label: str, amount_minor: int, bold: bool = False) -> None:
        pdf.set_font(family, "B" if bold else "", BODY_PT)
        label_width = pdf.epw - AMOUNT_COLUMN_MM
        pdf.cell(label_width, ROW_MM, clean(label), new_x=XPos.RIGHT, new_y=YPos.TOP)
        pdf.cell(AMOUNT_COLUMN_MM, ROW_MM, clean(money_text(amount_minor, currency)), align="R",
                 new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def rule() -> None:
        pdf.set_draw_color(RULE_GREY)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + pdf.epw, pdf.get_y())

    write(TITLE_PT, document["title"], bold=True)
    write(BODY_PT, f"No. {document['number']}    Issued {_lagos_time(document['issued_at'])}", gap_mm=4)
    for heading, party in (("From", document["issued_by"]), ("To", document["issued_to"])):
        write(HEADING_PT, heading, bold=True)
        for line in _party_lines(party):
            write(BODY_PT, line)
        pdf.ln(2)
    references = [f"{REFERENCE_LABELS.get(key, key.replace('_', ' ').capitalize())}: {value}"
                  for key, value in sorted(document.get("reference", {}).items())]
    if references:
        write(SMALL_PT, "   ".join(references), gap_mm=3)
    rule()
    for line in document["lines"]:
        row(line["label"], line["amount_minor"])
    rule()
    row(document["total_label"], document["total"]["amount_minor"], bold=True)
    pdf.ln(4)
    for note in document.get("notes", []):
        write(SMALL_PT, note)
    return bytes(pdf.output())


def _party_lines(party: dict) -> list[str]:
    lines = [party["name"], *party.get("address_lines", [])]
    if party.get("tin"):
        lines.append(f"TIN: {party['tin']}")
    return lines


def _lagos_time(issued_at: str) -> str:
    """"13 December 2026, 10:00 Lagos time": how a date reads on paper (check_document made sure it parses)."""
    moment = datetime.fromisoformat(issued_at).astimezone(LAGOS)
    return f"{moment.day} {moment:%B %Y, %H:%M} Lagos time"
