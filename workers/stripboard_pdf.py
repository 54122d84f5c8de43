"""The stripboard as a landscape PDF: one coloured strip per scene, a black strip closing each shoot
day, then the boneyard. Colours come from core.call_sheets.stripboard (INT DAY white, EXT DAY
yellow, INT NIGHT blue, EXT NIGHT green)."""
from pathlib import Path

from fpdf import FPDF

from core.call_sheets.stripboard import STRIP_COLOURS
from workers.call_sheet_pdf import font_family

STRIP_MM, MARGIN_MM = 7, 8
BODY_PT, TITLE_PT = 9, 15
COLUMNS_MM = (("Sc", 14), ("I/E", 12), ("D/N", 18), ("Set", 58), ("Synopsis", 110), ("Cast", 34), ("Pages", 15))
WHITE_RGB, BLACK_RGB = (255, 255, 255), (0, 0, 0)


class _Board(FPDF):
    """Repeats the column names at the top of every page after the first."""
    family = "Helvetica"

    def header(self) -> None:
        if self.page_no() > 1:
            _header(self, self.family)


def render(board: dict, title: str, font: Path | None = None, compress: bool = True) -> bytes:
    """`board` from core.call_sheets.stripboard.stripboard; `title` is the production's title."""
    pdf = _Board(orientation="L", format=(210, 297))
    pdf.set_compression(compress)
    pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
    pdf.set_auto_page_break(True, MARGIN_MM)
    pdf.set_title(f"{title} stripboard")
    family, clean = font_family(pdf, font)
    pdf.family = family
    pdf.add_page()
    pdf.set_font(family, "B", TITLE_PT)
    pdf.cell(0, 9, clean(f"{title} - stripboard (schedule version {board['schedule_version']}, "
                         f"{board['total_pages']} pages scheduled)"), new_x="LMARGIN", new_y="NEXT")
    _legend(pdf, family, clean)
    _header(pdf, family)
    for strip in board["strips"]:
        if strip["kind"] == "day_break":
            _bar(pdf, family, clean, strip["label"], BLACK_RGB, WHITE_RGB)
        else:
            _strip(pdf, family, clean, strip)
    pdf.ln(4)
    count = len(board["boneyard"])
    _bar(pdf, family, clean, f"Boneyard - not scheduled ({count} scene{'' if count == 1 else 's'}, "
                             f"{board['boneyard_pages']} pages)", (120, 120, 120), WHITE_RGB)
    for strip in board["boneyard"]:
        _strip(pdf, family, clean, strip)
    pdf.ln(4)
    pdf.set_font(family, "", BODY_PT)
    key = ", ".join(f"{number} {name}" for name, number in sorted(board["cast_numbers"].items(), key=lambda i: i[1]))
    pdf.multi_cell(0, 5, clean(f"Cast numbers: {key}"), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))


def _legend(pdf: FPDF, family: str, clean) -> None:
    pdf.set_font(family, "", BODY_PT)
    for (inside, light), (_, hex_colour) in STRIP_COLOURS.items():
        label = f"{inside} {light}"
        pdf.set_fill_color(*_rgb(hex_colour))
        pdf.cell(30, 6, clean(label), border=1, fill=True, align="C")
        pdf.cell(3, 6, "")
    pdf.ln(9)


def _header(pdf: FPDF, family: str) -> None:
    pdf.set_font(family, "B", BODY_PT)
    for name, width in COLUMNS_MM:
        pdf.cell(width, STRIP_MM, name, border="B")
    pdf.ln(STRIP_MM)


def _strip(pdf: FPDF, family: str, clean, strip: dict) -> None:
    pdf.set_fill_color(*_rgb(strip["hex"]))
    # DAY/NIGHT decides the colour, so it is what the strip says; DAWN, CONTINUOUS... show as written.
    light = strip["day_night"] if strip["day_night"] in ("DAY", "NIGHT") else strip["time_of_day"] or strip["day_night"]
    values = (strip["number"], strip["int_ext"], light, strip["set"],
              strip["synopsis"], ", ".join(str(n) for n in strip["cast_numbers"]), strip["pages"])
    for (name, width), value in zip(COLUMNS_MM, values):
        pdf.set_font(family, "B" if name == "Sc" else "", BODY_PT)
        text = clean(value)
        while text and pdf.get_string_width(text) > width - 2:  # a strip is one line: cut long text
            text = text[:-2] + "."
        pdf.cell(width, STRIP_MM, text, border="TB", fill=True)
    pdf.ln(STRIP_MM)


def _bar(pdf: FPDF, family: str, clean, label: str, fill_rgb, text_rgb) -> None:
    pdf.set_fill_color(*fill_rgb)
    pdf.set_text_color(*text_rgb)
    pdf.set_font(family, "B", BODY_PT)
    pdf.cell(sum(width for _, width in COLUMNS_MM), STRIP_MM, clean(label), fill=True, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*BLACK_RGB)
