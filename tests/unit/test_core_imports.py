"""core/ imports no I/O library (STYLE.md, point 1): checked in the source and in a fresh process."""
import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "core"
IO_LIBRARIES = {
    "aiohttp", "aiocouch", "redis", "rq", "twilio", "telegram", "openai", "faster_whisper",
    "boto3", "botocore", "requests", "httpx",
}
CORE_FILES = sorted(CORE.rglob("*.py"))


def imported_top_levels(source: str) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_the_walk_finds_core_files():
    assert CORE / "handlers" / "hiring.py" in CORE_FILES


@pytest.mark.parametrize("path", CORE_FILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_core_module_imports_an_io_library(path):
    assert imported_top_levels(path.read_text()) & IO_LIBRARIES == set()


def test_the_check_sees_every_form_of_import():
    source = "import os, redis.client\nfrom aiohttp import web\nfrom .money import Money\ndef f():\n    import httpx\n"

    assert imported_top_levels(source) & IO_LIBRARIES == {"redis", "aiohttp", "httpx"}


def test_importing_all_of_core_loads_no_io_library():
    program = (
        "import importlib, json, pkgutil, sys\n"
        "import core\n"
        "for module in pkgutil.walk_packages(core.__path__, 'core.'):\n"
        "    importlib.import_module(module.name)\n"
        f"io = {sorted(IO_LIBRARIES)!r}\n"
        "print(json.dumps({'core': sorted(m for m in sys.modules if m.startswith('core.')),\n"
        "                  'io': sorted(m for m in sys.modules if m.split('.')[0] in io)}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True
    )
    loaded = json.loads(done.stdout)

    assert {"core.handlers", "core.intents", "core.handlers.hiring"} <= set(loaded["core"])
    assert loaded["io"] == []
