"""A call sheet (full or personal) as a PDF meant to be read on a phone: A5, one column, large type.

Fonts from workers/pdf_fonts.py: DejaVu Sans when given (it prints "₦" and Yoruba, Igbo and
Hausa letters), else the built-in Helvetica with those letters simplified to Latin-1."""
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from workers.pdf_fonts import font_family

TITLE_PT, HEADING_PT, BODY_PT, SMALL_PT = 17, 13, 11, 10  # sized for a 6-inch phone screen at page width
LINE_MM, MARGIN_MM = 5.6, 8
A5_MM = (148, 210)  # given as a size: fpdf2 warns that its "A5" changed in 2.8.5
YOURS_FILL_RGB = (255, 241, 118)  # the same yellow a highlighter pen leaves


class Column:
    """One column of text that flows onto new pages by itself."""

    def __init__(self, pdf: FPDF, family: str, clean):
        self.pdf, self.family, self.clean = pdf, family, clean

    def line(self, text: str, size: int = BODY_PT, bold: bool = False, fill=None, link: str = "") -> None:
        self.pdf.set_font(self.family, "B" if bold else "", size)
        if fill:
            self.pdf.set_fill_color(*fill)
        self.pdf.multi_cell(0, LINE_MM * size / BODY_PT, self.clean(text), fill=bool(fill), link=link, align="L",
                            new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def heading(self, text: str) -> None:
        self.pdf.ln(2.5)
        self.line(text.upper(), HEADING_PT, bold=True)
        self.pdf.line(MARGIN_MM, self.pdf.get_y(), self.pdf.w - MARGIN_MM, self.pdf.get_y())
        self.pdf.ln(1)


def render(sheet: dict, font: Path | None = None, compress: bool = True) -> bytes:
    """The sheet's PDF; a personal sheet (from personal_call_sheet) shows the person's own call first
    and highlights their scenes. `compress=False` leaves the text readable in the bytes (tests)."""
    pdf = FPDF(format=A5_MM)
    pdf.set_compression(compress)
    pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
    pdf.set_auto_page_break(True, MARGIN_MM)
    pdf.set_title(f"{sheet['title']} call sheet day {sheet['day_number']}")
    page = Column(pdf, *font_family(pdf, font))
    pdf.add_page()
    page.line(sheet["title"], TITLE_PT, bold=True)
    if sheet.get("company"):
        page.line(sheet["company"], SMALL_PT)
    page.line(f"Call sheet - day {sheet['day_number']} of {sheet['days_total']} - {sheet['date_label']}", bold=True)
    page.line(f"Schedule version {sheet['schedule_version']}", SMALL_PT)
    pdf.ln(1)
    page.line(f"Crew call {sheet['crew_call']}   Shooting call {sheet['shooting_call']}   Wrap {sheet['wrap']}",
              HEADING_PT, bold=True)
    page.line(f"Sunrise {sheet['sunrise']}   Sunset {sheet['sunset']}"
              + (f"   Set code {sheet['set_code']}" if sheet.get("set_code") else ""))
    if sheet.get("person"):
        _your_call(page, sheet["person"])
    if sheet.get("notes"):
        page.heading("Notes")
        page.line(sheet["notes"])
    page.heading(f"Scenes ({sheet['total_pages']} pages)")
    for row in sheet["scenes"]:
        _scene(page, row, highlight=row.get("yours", False) and sheet.get("person", {}).get("kind") == "cast")
    if "cast" in sheet:
        _cast(page, sheet["cast"])
    if "crew" in sheet:
        _crew(page, sheet["crew"])
    _locations(page, sheet)
    if sheet.get("contacts"):
        page.heading("Production office")
        for contact in sheet["contacts"]:
            page.line(f"{contact['role']}: {contact['name']}  {contact['phone']}")
    if sheet.get("advance"):
        advance = sheet["advance"]
        page.heading(f"Advance: day {advance['day_number']}, {advance['date_label']}")
        page.line(f"Crew call {advance['crew_call']} - {advance['total_pages']} pages")
        for row in advance["scenes"]:
            _scene(page, row, highlight=False)
    return bytes(pdf.output())


def _your_call(page: Column, person: dict) -> None:
    page.heading(f"Your call: {person['name']}")
    role = f"{person['character']} (cast #{person['cast_number']})" if person["kind"] == "cast" \
        else f"{person['role']}, {person['department']}"
    page.line(role)
    page.line(f"Call {person['call']}", TITLE_PT, bold=True, fill=YOURS_FILL_RGB)
    if person.get("pickup"):
        page.line(f"Pickup {person['pickup']['time']} at {person['pickup']['place']}", bold=True)
    if person["kind"] == "cast":
        page.line(f"Makeup {person['makeup']} ({person['makeup_minutes']} min), on set {person['on_set']}")
        page.line(f"Your scenes: {', '.join(person['scenes'])}")


def _scene(page: Column, row: dict, highlight: bool) -> None:
    fill = YOURS_FILL_RGB if highlight else None
    page.pdf.ln(1)
    page.line(f"Sc {row['number']}  {row['int_ext']} {row['day_night']}  {row['pages']} pp  "
              f"{row['start']}-{row['end']}" + ("  (yours)" if highlight else ""), bold=True, fill=fill)
    page.line(row["set"] or row["heading"])
    if row.get("synopsis"):
        page.line(row["synopsis"], SMALL_PT)
    cast = ", ".join(f"{part['number']} {part['character']}" if part["number"] else part["character"]
                     for part in row["cast"])
    if cast:
        page.line(f"Cast: {cast}", SMALL_PT)


def _cast(page: Column, cast: list[dict]) -> None:
    page.heading("Cast")
    for row in cast:
        page.line(f"{row['cast_number']}. {row['name']} as {row['character']}", bold=True)
        pickup = f"Pickup {row['pickup']['time']} {row['pickup']['place']} - " if row.get("pickup") else ""
        page.line(f"{pickup}Makeup {row['makeup']} - On set {row['on_set']} - Sc {', '.join(row['scenes'])}")
        if row.get("phone"):
            page.line(row["phone"], SMALL_PT)


def _crew(page: Column, departments: list[dict]) -> None:
    page.heading("Crew calls")
    for department in departments:
        page.line(department["department"].capitalize(), bold=True)
        for person in department["people"]:
            page.line(f"{person['call']}  {person['name']}, {person['role']}  {person.get('phone', '')}")


def _locations(page: Column, sheet: dict) -> None:
    page.heading("Locations")
    for place in sheet["locations"]:
        page.line(f"{place['name']} (Sc {', '.join(place['scenes'])})", bold=True)
        page.line(place["address"])
        if place.get("parking"):
            page.line(f"Parking: {place['parking']}", SMALL_PT)
        page.line(f"Map: {place['map_link']}", SMALL_PT, link=place["map_link"])
        hospital = place.get("nearest_hospital")
        if hospital:
            page.line(f"Nearest hospital: {hospital['name']}, {hospital.get('address', '')} "
                      f"{hospital.get('phone', '')}", SMALL_PT)
    for move in sheet.get("moves", []):
        page.line(f"Company move {move.get('at', '')}: {move['from_name']} to {move['to_name']} "
                  f"({move.get('travel_minutes', '?')} min)", SMALL_PT)
