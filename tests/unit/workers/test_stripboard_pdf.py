"""The stripboard PDF: landscape, with the title, day breaks and the boneyard."""
from core.call_sheets.stripboard import stripboard
from tests.unit.core.call_sheets import shoot_fixtures as fixtures
from workers.stripboard_pdf import render


def test_the_stripboard_pdf_has_the_title_day_breaks_and_boneyard():
    board = stripboard(fixtures.schedule(), fixtures.scenes_by_id())
    pdf = render(board, "Eko Nights", font=None, compress=False)
    assert pdf.startswith(b"%PDF-") and b"Eko Nights" in pdf
    breaks = [s["label"] for s in board["strips"] if s["kind"] == "day_break"]
    assert breaks and all(label.encode() in pdf for label in breaks)
    assert b"Boneyard" in pdf
    assert b"/MediaBox [0 0 841.89 595.28]" in pdf or b"/MediaBox [0.00 0.00 841.89 595.28]" in pdf
