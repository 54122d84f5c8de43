"""`nollycrew breakdown FILE [--json]`: a script's breakdown as a table, or the whole breakdown as JSON."""
import json
import sys
from pathlib import Path

from core.errors import Rejected
from core.script.breakdown import breakdown
from core.script.page_length import pages_text
from workers.script_pdf import read_any_script

USAGE = "usage: nollycrew breakdown FILE [--json]   (FILE: .pdf, .fdx or .fountain)"
SET_WIDTH_CHARS = 34
CAST_WIDTH_CHARS = 60


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def table(result: dict) -> str:
    """The breakdown as a first AD reads it: scene, I/E, set, D/N, pages, cast."""
    rows = [("SCENE", "I/E", "SET", "D/N", "PAGES", "CAST")]
    for scene in result["scenes"]:
        rows.append((
            scene["number"], scene["int_ext"] or "?", _cut(scene["set"], SET_WIDTH_CHARS),
            {"DAY": "D", "NIGHT": "N"}.get(scene["day_night"], "?"), pages_text(scene["eighths"]),
            _cut(", ".join(scene["elements"]["cast"]), CAST_WIDTH_CHARS),
        ))
    widths = [max(len(row[column]) for row in rows) for column in range(5)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row[:5], widths)) + "  " + row[5] for row in rows]
    total = result["total_eighths"]
    lines.append(f"\n{len(result['scenes'])} scenes, {pages_text(total)} pages of scenes "
                 f"({result['pages']} script pages), {len(result['characters'])} characters.")
    lines += [f"Note: {warning}" for warning in result["warnings"]]
    return "\n".join(line.rstrip() for line in lines)


def main(argv: list[str]) -> int:
    """Prints the breakdown of FILE; 0 when done, 2 (one line on stderr) when the file cannot be used."""
    files = [arg for arg in argv if not arg.startswith("--")]
    options = [arg for arg in argv if arg.startswith("--")]
    if len(files) != 1 or any(option != "--json" for option in options):
        print(USAGE, file=sys.stderr)
        return 2
    path = Path(files[0])
    try:
        data = path.read_bytes()
    except OSError as error:
        print(f"Cannot read {path}: {error.strerror or error}", file=sys.stderr)
        return 2
    try:
        result = breakdown(read_any_script(path.name, data))
    except Rejected as rejected:
        print(rejected.reason, file=sys.stderr)
        return 2
    if "--json" in options:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(table(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
