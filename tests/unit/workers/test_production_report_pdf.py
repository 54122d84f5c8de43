"""The production report PDF carries the title, pages shot and who was late."""
from datetime import datetime, timedelta

from core.call_sheets.call_sheet import call_sheet
from core.call_sheets.production_report import production_report
from tests.unit.core.call_sheets import shoot_fixtures as fixtures
from workers.production_report_pdf import render


def shown(text: str, pdf: bytes) -> bool:
    """Whether `text` is on a page: PDF strings escape their parentheses."""
    return text.replace("(", "\\(").replace(")", "\\)").encode() in pdf


def test_the_report_pdf_has_the_title_pages_and_late_people():
    s = call_sheet(fixtures.schedule(), 1, fixtures.scenes_by_id(), fixtures.production())
    late = s["cast"][0]
    check_ins = [{"type": "check_in_record", "person_id": late["person_id"], "day": s["date"], "method": "set_code",
                  "at": (datetime.fromisoformat(late["call_at"]) + timedelta(minutes=30)).isoformat()}]
    report = production_report(s, [{"scene_id": s["scenes"][0]["scene_id"], "completed": True}], check_ins, [],
                               s["shooting_call_at"], s["wrap_at"])
    pdf = render(report, font=None, compress=False)
    assert pdf.startswith(b"%PDF-") and s["title"].encode() in pdf
    assert shown(f"({report['shot_pages']} pages)", pdf)
    assert late["name"].encode() in pdf and b"30 min late" in pdf
