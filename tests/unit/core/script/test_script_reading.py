"""Bad script files are refused with a reason; good ones are read whatever their format."""
import pytest

from core.errors import Rejected
from core.script.ports import PrintedPageReader
from core.script.printed import PrintedLine
from core.script.reading import read_script

FOUNTAIN = b"INT. HOUSE - DAY\n\nADA sits.\n"
FDX = (b'<?xml version="1.0"?><FinalDraft><Content><Paragraph Type="Scene Heading"><Text>INT. HOUSE - DAY'
       b"</Text></Paragraph></Content></FinalDraft>")


class FakePdf(PrintedPageReader):
    def read_lines(self, data: bytes) -> tuple[list[PrintedLine], int]:
        return [PrintedLine(1, 1.5, 700, "EXT. ROAD - NIGHT"), PrintedLine(1, 1.5, 676, "Dark.")], 1


@pytest.mark.parametrize("name, data, reason", [
    ("script.fountain", b"", "is empty"),
    ("script.fdx", b"  \n ", "is empty"),
    ("script.fountain", bytes(range(256)) * 8, "looks like binary data"),
    ("script.pdf", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "looks like binary data"),
    ("script.docx", FOUNTAIN, "has .docx"),
    ("script", FOUNTAIN, "has no extension"),
    ("script.fdx", FOUNTAIN, "named like a Final Draft"),
    ("script.fountain", b"%PDF-1.7\n", "it is a PDF file"),
    ("script.fdx", b"<FinalDraft><Content><Paragraph", "damaged"),
    ("script.fountain", b"Just some notes about the film.\n\nNo scenes yet.\n", "We found no scene headings"),
    ("script.pdf", b"%PDF-1.7\n", "cannot be read here"),
])
def test_bad_files_are_refused_with_a_reason(name, data, reason):
    with pytest.raises(Rejected, match=reason):
        read_script(name, data)


@pytest.mark.parametrize("name, data", [
    ("draft.fountain", FOUNTAIN), ("draft.txt", FOUNTAIN), ("DRAFT.FOUNTAIN", b"\xef\xbb\xbf" + FOUNTAIN),
    ("draft.fountain", "INT. HÔTEL – DAY\n\nCafé.\n".encode("cp1252")), ("draft.fdx", FDX),
])
def test_good_files_are_read(name, data):
    assert len(read_script(name, data).scenes) == 1


def test_a_pdf_goes_through_the_reader_port():
    script = read_script("draft.pdf", b"%PDF-1.7 ...", pdf_reader=FakePdf())

    assert (script.source_format, [s.heading for s in script.scenes]) == ("pdf", ["EXT. ROAD - NIGHT"])


MUTATIONS = [b"\n", b"(", b")", b"[[", b"]]", b"/*", b"*/", b"^", b"@", b".", b"INT. ", b"~", b">", b"<", b"#",
             b"=", "\u2019".encode(), b"<!DOCTYPE", b"encoding='UTF-9'", b"\x00"]


def mutated(data: bytes, rng) -> bytes:
    changed = bytearray(data)
    for _ in range(rng.randint(1, 30)):
        at, roll = rng.randrange(len(changed) + 1), rng.random()
        if roll < 0.4 and at < len(changed):
            changed[at] = rng.randrange(256)
        elif roll < 0.7:
            del changed[at:at + rng.randint(1, 200)]
        else:
            changed[at:at] = rng.choice(MUTATIONS)
    return bytes(changed)


def test_damaged_scripts_are_read_or_refused_never_a_crash():
    import random

    from core.script.breakdown import breakdown

    rng = random.Random(2026)
    sources = {"draft.fountain": (FOUNTAIN + b"\nADA\nHello (softly)\n\n") * 20, "draft.fdx": FDX}
    for name, data in sources.items():
        for _ in range(150):
            try:
                assert breakdown(read_script(name, mutated(data, rng)))["scenes"]
            except Rejected as refused:
                assert refused.reason
