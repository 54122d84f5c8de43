"""PDF screenplays through pdfium: real exports agree with the corpus; scans and junk are refused."""
import difflib

import pytest
from fpdf import FPDF

from core.errors import Rejected
from core.script.breakdown import breakdown
from core.script.characters import cue_name
from core.script.fountain import parse_fountain
from core.script.sluglines import read_heading
from tests.unit.core.script.screenplay_corpus import corpus_file, counts, expected_files, names_of
from workers.script_pdf import NO_TEXT_LAYER, read_any_script, read_pdf_lines


def _pdf(draw) -> bytes:
    document = FPDF(format="letter", unit="in")
    document.add_page()
    draw(document)
    return bytes(document.output())


@pytest.mark.parametrize("name", names_of("pdf"))
def test_scene_int_ext_and_day_night_counts_match_the_reference(name):
    expected = expected_files()[name]["expected"]

    script = read_any_script(name, corpus_file(name).read_bytes())

    assert counts([read_heading(s.heading) for s in script.scenes]) == (
        expected["scenes"], expected["int_ext"], expected["day_night"])
    assert script.page_count == expected["pdf_pages"]


@pytest.mark.parametrize("name", names_of("pdf"))
def test_speaking_characters_match_the_fountain_version(name):
    fountain = parse_fountain(corpus_file(name.replace(".pdf", ".fountain")).read_text("utf-8"))
    pdf = read_any_script(name, corpus_file(name).read_bytes())

    def speakers(script):
        return {cue_name(e.text) for s in [*script.scenes] for e in s.elements if e.kind == "character"} | {
            cue_name(e.text) for e in script.opening if e.kind == "character"}

    assert speakers(pdf) == speakers(fountain)


@pytest.mark.parametrize("stem", ["Big-Fish", "Brick-and-Steel", "The-Last-Birthday-Card"])
def test_scenes_both_versions_bound_alike_have_the_same_speakers(stem):
    """Scene by scene, where the PDF and the Fountain file start and end a scene at the same headings
    (a PDF loses headings without INT./EXT., so its scene then runs on into the next one)."""
    fountain = breakdown(parse_fountain(corpus_file(f"{stem}.fountain").read_text("utf-8")))["scenes"]
    pdf = breakdown(read_any_script(f"{stem}.pdf", corpus_file(f"{stem}.pdf").read_bytes()))["scenes"]
    headings = difflib.SequenceMatcher(
        None, [s["heading"] for s in fountain], [s["heading"] for s in pdf], autojunk=False)
    pairs = [(fountain[a + k], pdf[b + k]) for a, b, size in headings.get_matching_blocks()
             for k in range(size - 1)]  # the last of a block is followed by different headings

    assert len(pairs) >= len(pdf) // 2
    assert [f["characters"] for f, _ in pairs] == [p["characters"] for _, p in pairs]


def test_a_scan_without_text_is_refused_with_what_to_do():
    scan = _pdf(lambda page: (page.rect(1, 1, 6, 9), page.line(1, 2, 7, 2)))

    with pytest.raises(Rejected) as refused:
        read_pdf_lines(scan)

    assert refused.value.reason == NO_TEXT_LAYER


def test_a_damaged_pdf_is_refused():
    with pytest.raises(Rejected, match="could not be opened as a PDF"):
        read_pdf_lines(b"%PDF-1.7\n" + b"garbage " * 100)


def test_a_generated_screenplay_page_is_read_by_indent():
    def page(document):
        document.set_font("Courier", size=12)
        for x_in, y_in, text in [
            (1.5, 1.0, "EXT. MARINA - NIGHT"), (1.5, 1.33, "ADA waits."), (3.5, 1.67, "ADA (V.O.)"),
            (2.5, 1.83, "Where is he?"),
        ]:
            document.text(x_in, y_in, text)

    script = read_any_script("page.pdf", _pdf(page))

    assert [s.heading for s in script.scenes] == ["EXT. MARINA - NIGHT"]
    assert [(e.kind, e.text) for e in script.scenes[0].elements] == [
        ("action", "ADA waits."), ("character", "ADA (V.O.)"), ("dialogue", "Where is he?")]


def test_damaged_pdfs_are_read_or_refused_never_a_crash():
    import random

    from tests.unit.core.script.test_script_reading import mutated

    rng = random.Random(2026)
    data = corpus_file("Brick-and-Steel.pdf").read_bytes()
    for _ in range(60):
        try:
            assert breakdown(read_any_script("draft.pdf", mutated(data, rng)))["scenes"]
        except Rejected as refused:
            assert refused.reason
