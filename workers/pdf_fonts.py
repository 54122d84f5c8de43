"""The font every NollyCrew PDF prints in.

DejaVu Sans (Debian's fonts-dejavu-core) prints the naira sign and Yoruba, Igbo and Hausa
letters; where it is not installed the built-in Helvetica is used, which cannot, so "₦" is
printed "NGN " and accented letters lose their marks."""
import unicodedata
from pathlib import Path

from fpdf import FPDF

DEJAVU_DIR = Path("/usr/share/fonts/truetype/dejavu")
DEJAVU_REGULAR, DEJAVU_BOLD = DEJAVU_DIR / "DejaVuSans.ttf", DEJAVU_DIR / "DejaVuSans-Bold.ttf"


def installed_font() -> Path | None:
    return DEJAVU_REGULAR if DEJAVU_REGULAR.exists() and DEJAVU_BOLD.exists() else None


def font_family(pdf: FPDF, font: Path | None):
    """(font family, how to make a line printable in it). `font`: a DejaVu Sans file with its
    -Bold beside it, or None for Helvetica."""
    if font is None:
        return "Helvetica", latin1
    pdf.add_font("DejaVu", "", str(font))
    pdf.add_font("DejaVu", "B", str(font.with_name(font.stem + "-Bold" + font.suffix)))
    return "DejaVu", str


def latin1(line: str) -> str:
    """Helvetica prints Latin-1 only: the naira sign spelt out, other letters without their marks."""
    plain = unicodedata.normalize("NFKD", str(line).replace("₦", "NGN ").replace("–", "-"))
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return plain.encode("latin-1", errors="replace").decode("latin-1")
