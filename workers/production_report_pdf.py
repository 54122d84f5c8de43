"""The daily production report as a PDF (A5, one column, like the call sheet it answers)."""
from pathlib import Path

from fpdf import FPDF

from workers.call_sheet_pdf import A5_MM, BODY_PT, HEADING_PT, MARGIN_MM, TITLE_PT, Column, font_family


def render(report: dict, font: Path | None = None, compress: bool = True) -> bytes:
    """`report` from core.call_sheets.production_report.production_report."""
    pdf = FPDF(format=A5_MM)
    pdf.set_compression(compress)
    pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
    pdf.set_auto_page_break(True, MARGIN_MM)
    pdf.set_title(f"{report['title']} production report day {report['day_number']}")
    page = Column(pdf, *font_family(pdf, font))
    pdf.add_page()
    page.line(report["title"], TITLE_PT, bold=True)
    page.line(f"Daily production report - day {report['day_number']} of {report['days_total']} - "
              f"{report['date_label']}", bold=True)
    page.line(f"Schedule version {report['schedule_version']}")
    page.heading("Times")
    page.line(f"Crew call {report['crew_call']}   Shooting call {report['shooting_call']}")
    page.line(f"First shot {report['first_shot']}"
              + (f" ({report['first_shot_late_minutes']} min late)" if report["first_shot_late_minutes"] else ""),
              HEADING_PT, bold=True)
    page.line(f"Wrap {report['wrap']} (planned {report['planned_wrap']})"
              + (f", {report['overtime_minutes']} min overtime" if report["overtime_minutes"] else ""),
              HEADING_PT, bold=True)
    page.heading("Scenes")
    page.line(f"Planned: {_list(report['scenes_planned'])} ({report['planned_pages']} pages)")
    page.line(f"Shot: {_list(report['scenes_shot'])} ({report['shot_pages']} pages)", bold=True)
    if report["scenes_added"]:
        page.line(f"Picked up from other days: {_list(report['scenes_added'])}")
    page.line(f"Not shot, back to the boneyard: {_list(report['scenes_not_shot'])}")
    if report["scenes_part_shot"]:
        page.line(f"Started but not finished: {_list(report['scenes_part_shot'])}")
    page.heading("Late")
    for person in report["late"] or [None]:
        page.line(f"{person['name']} ({person['role']}), call {person['call']}, {person['minutes_late']} min late"
                  if person else "Nobody.", BODY_PT)
    page.heading("Absent")
    for person in report["absent"] or [None]:
        page.line(f"{person['name']} ({person['role']}), call {person['call']}" if person else "Nobody.", BODY_PT)
    return bytes(pdf.output())


def _list(numbers: list[str]) -> str:
    return ", ".join(numbers) if numbers else "none"
