"""Where the shared screenplay corpus is, and its reference counts; tests skip when it is absent."""
import json
import os
from collections import Counter
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[4]
SHARED = Path(os.environ.get("NOLLYCREW_SHARED") or REPO_ROOT / ".." / "shared")
SCREENPLAYS = SHARED / "corpus" / "screenplays"
EXPECTED = SCREENPLAYS / "expected.json"


def expected_files() -> dict:
    """{file name: entry} from expected.json, or {} when the corpus is not here (tests then skip)."""
    if not EXPECTED.exists():
        return {}
    return json.loads(EXPECTED.read_text(encoding="utf-8"))["files"]


def corpus_file(name: str) -> Path:
    path = SCREENPLAYS / name
    if not path.exists():
        pytest.skip(f"../shared/corpus/screenplays/{name} not present: the shared screenplay corpus is missing")
    return path


def names_of(file_format: str) -> list[str]:
    names = [name for name, entry in expected_files().items() if entry["format"] == file_format]
    return names or [pytest.param("missing", marks=pytest.mark.skip(
        reason="../shared/corpus/screenplays/expected.json not present: the shared screenplay corpus is missing"))]


def counts(headings: list[dict]) -> tuple[int, dict, dict]:
    """Scene count, INT/EXT counts and DAY/NIGHT counts in expected.json's own terms."""
    int_ext = Counter(heading["int_ext"] or "OTHER" for heading in headings)
    day_night = Counter(heading["day_night"] for heading in headings)
    return (
        len(headings),
        {key: int_ext.get(key, 0) for key in ("INT", "EXT", "INT/EXT", "OTHER")},
        {key: day_night.get(key, 0) for key in ("DAY", "NIGHT", "OTHER")},
    )
