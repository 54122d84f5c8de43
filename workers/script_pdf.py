"""PDF screenplays: text lines with their positions, read with pdfium (C, fast enough for a feature in
well under the 2 s target). Classification of the lines is core's job (core/script/printed.py)."""
import pypdfium2 as pdfium

from core.errors import Rejected
from core.script.model import Script
from core.script.ports import PrintedPageReader
from core.script.printed import PrintedLine
from core.script.reading import read_script

POINTS_PER_INCH = 72
SAME_LINE_PT = 4  # pieces of text whose middles are this close vertically are one printed line
DAMAGED = (
    "This file could not be opened as a PDF (it may be damaged or password-protected). "
    "Export the script again from your writing app as PDF, FDX or Fountain."
)
NO_TEXT_LAYER = (
    "This PDF has no text layer (it looks like a scan). "
    "Export the script from your writing app as PDF, FDX or Fountain."
)


def _page_lines(page_number: int, textpage) -> list[PrintedLine]:
    pieces = []
    for index in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(index)
        text = textpage.get_text_bounded(left, bottom, right, top)
        if text.strip():
            pieces.append(((bottom + top) / 2, left, bottom, text))
    pieces.sort(key=lambda piece: (-piece[0], piece[1]))
    lines: list[list] = []
    for middle, left, bottom, text in pieces:
        if lines and abs(lines[-1][0] - middle) <= SAME_LINE_PT:
            lines[-1][3].append((left, text))
        else:
            lines.append([middle, left, bottom, [(left, text)]])
    printed = []
    for _, _, bottom, parts in lines:
        parts.sort()
        printed.append(PrintedLine(
            page=page_number, x_in=round(parts[0][0] / POINTS_PER_INCH, 3), y_pt=round(bottom, 1),
            text=" ".join("".join(text for _, text in parts).split()),
        ))
    return printed


def read_pdf_lines(data: bytes) -> tuple[list[PrintedLine], int]:
    """Every text line of the PDF in reading order, and the page count; Rejected for scans and junk."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        raise Rejected(DAMAGED) from None
    try:
        lines: list[PrintedLine] = []
        for number in range(len(document)):
            page = document[number]
            textpage = page.get_textpage()
            lines.extend(_page_lines(number + 1, textpage))
            textpage.close()
            page.close()
        page_count = len(document)
    except pdfium.PdfiumError:  # a page that will not load: the file is damaged past that point
        raise Rejected(DAMAGED) from None
    finally:
        document.close()
    if not lines:
        raise Rejected(NO_TEXT_LAYER)
    return lines, page_count


class PdfiumPageReader(PrintedPageReader):
    """The PrintedPageReader port on pdfium."""

    def read_lines(self, data: bytes) -> tuple[list[PrintedLine], int]:
        return read_pdf_lines(data)


def read_any_script(filename: str, data: bytes) -> Script:
    """read_script with PDF support wired in: the one call the CLI, web uploads and jobs need."""
    return read_script(filename, data, pdf_reader=PdfiumPageReader())
