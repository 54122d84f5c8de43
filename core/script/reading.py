"""One door for every script file: work out the format, refuse bad files with a reason, parse."""
from pathlib import PurePath

from core.errors import Rejected
from core.script.breakdown import no_scenes_found
from core.script.fdx import parse_fdx
from core.script.fountain import parse_fountain
from core.script.model import Script
from core.script.ports import PrintedPageReader
from core.script.printed import classify_printed_lines

FOUNTAIN_EXTENSIONS = {".fountain", ".spmd", ".txt"}
FORMATS = {".fdx": "fdx", ".pdf": "pdf", **{ext: "fountain" for ext in FOUNTAIN_EXTENSIONS}}
MAX_SCRIPT_BYTES = 20 * 1024 * 1024  # a feature is well under 1 MB in any of the formats
_CONTROL_SHARE_LIMIT = 0.01  # more control characters than this and it is not a text file


_FORMAT_NAMES = {"pdf": "a PDF", "fdx": "a Final Draft (.fdx)", "fountain": "a plain-text (Fountain)",
                 "binary": "binary data, not a script"}


def _looks_binary(sample: bytes) -> bool:
    controls = sum(1 for byte in sample if byte < 32 and byte not in b"\n\r\t\f")
    return b"\x00" in sample or controls > _CONTROL_SHARE_LIMIT * max(1, len(sample))


def _content_format(data: bytes) -> str:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"<?xml") or head.startswith(b"<FinalDraft") or head.startswith(b"<!"):
        return "fdx"
    return "binary" if _looks_binary(data[:4096]) else "fountain"


def _text_of(data: bytes, filename: str) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # older Windows exports; a stray byte is no reason to refuse
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > _CONTROL_SHARE_LIMIT * len(text):
        raise Rejected(
            "'{file}' is not a text file (it looks like binary data). "
            "Upload the script as PDF, FDX (Final Draft) or Fountain.", file=filename,
        )
    return text


def read_script(filename: str, data: bytes, pdf_reader: PrintedPageReader | None = None) -> Script:
    """The Script in `data`; Rejected, with a reason a first AD understands, when it cannot be read."""
    name = PurePath(filename).name or "the file"
    extension = PurePath(filename).suffix.lower()
    if extension not in FORMATS:
        shown = extension or "no extension"
        raise Rejected(
            "We read scripts as .pdf, .fdx (Final Draft) or .fountain files; '{file}' has {extension}. "
            "Export the script from your writing app in one of those formats.", file=name, extension=shown,
        )
    if not data.strip():
        raise Rejected("'{file}' is empty. Upload the script file again.", file=name)
    if len(data) > MAX_SCRIPT_BYTES:
        raise Rejected("'{file}' is larger than {megabytes} MB, far too big for a script.",
                       file=name, megabytes=MAX_SCRIPT_BYTES // (1024 * 1024))
    expected, actual = FORMATS[extension], _content_format(data)
    if actual == "binary":
        raise Rejected(
            "'{file}' is not a script we can read (it looks like binary data, not {expected} file). "
            "Upload the script as PDF, FDX (Final Draft) or Fountain.", file=name, expected=_FORMAT_NAMES[expected],
        )
    if expected != actual:
        raise Rejected(
            "'{file}' is named like {expected} file but it is {actual} file. "
            "Rename it to end in .{extension} or upload the original export.",
            file=name, expected=_FORMAT_NAMES[expected], actual=_FORMAT_NAMES[actual], extension=actual,
        )
    if actual == "pdf":
        if pdf_reader is None:
            raise Rejected("PDF scripts cannot be read here; upload the script as FDX or Fountain.")
        lines, page_count = pdf_reader.read_lines(data)
        script = classify_printed_lines(lines, page_count)
    elif actual == "fdx":
        script = parse_fdx(data)
    else:
        script = parse_fountain(_text_of(data, name))
    if not script.scenes:
        raise no_scenes_found()
    return script
