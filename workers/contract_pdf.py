"""A contract as a PDF (fpdf2): title, parties, clauses, then a block with each signature.

The signatures name the SHA-256 of the contract's canonical text (core.contracts), not of
this file: the PDF's bytes change with its creation date and the font, the words do not.
That is why this renders only a contract whose text still gives its recorded hash.

Fonts: workers/pdf_fonts.py.
"""
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from core import contracts
from workers.pdf_fonts import font_family

TITLE_PT, HEADING_PT, BODY_PT, SMALL_PT = 15, 11, 10, 8
LINE_MM = 5.5
PROVIDER_LABELS = {"nollycrew_code": "NollyCrew one-time code"}


def render(contract: dict, font: Path | None = None, compress: bool = True) -> bytes:
    """The contract's PDF. `font`: a DejaVu Sans file (with its -Bold beside it), or None for
    Helvetica; `compress=False` leaves the page text readable in the bytes (tests)."""
    text = contracts.canonical_text(contract["title"], contract["parties"], contract["clauses"])
    if text != contract["text"] or contracts.document_sha256(text) != contract["document_sha256"]:
        raise ValueError(f"{contract['_id']}: its text no longer matches its hash; refusing to print it")
    pdf = FPDF(format="A4")
    pdf.set_compression(compress)
    pdf.set_title(contract["title"])
    family, clean = font_family(pdf, font)
    pdf.add_page()

    def write(size: int, line: str, bold: bool = False, gap_mm: float = 0) -> None:
        pdf.set_font(family, "B" if bold else "", size)
        pdf.multi_cell(0, LINE_MM, clean(line), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(gap_mm)

    write(TITLE_PT, contract["title"], bold=True, gap_mm=3)
    write(HEADING_PT, "Parties", bold=True)
    for party in contract["parties"]:
        write(BODY_PT, party)
    for number, clause in enumerate(contract["clauses"], start=1):
        pdf.ln(2)
        write(HEADING_PT, f"{number}. {clause['heading']}", bold=True)
        write(BODY_PT, clause["text"])
    pdf.ln(6)
    write(HEADING_PT, "Signatures", bold=True)
    write(SMALL_PT, f"Document SHA-256 (of the contract's text): {contract['document_sha256']}", gap_mm=2)
    for signature in contract["signatures"]:
        how = PROVIDER_LABELS.get(signature.get("provider", ""), signature.get("provider", ""))
        write(BODY_PT, f"Signed by {signature['name']} at {signature['at']} in the {signature['channel']} "
                       f"({how}).")
        write(SMALL_PT, f"Signed document SHA-256: {signature['document_sha256']}", gap_mm=2)
    waiting = len(set(contract["signers"]) - {s["signer"] for s in contract["signatures"]})
    if waiting:
        write(BODY_PT, f"Waiting for {waiting} more signature{'s' if waiting > 1 else ''}.")
    return bytes(pdf.output())
