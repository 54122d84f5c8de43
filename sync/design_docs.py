"""Design documents, kept as files under sync/design/ and deployed by `nollycrew migrate`."""
import hashlib
import json
from functools import cache
from importlib import resources

from core.intents import INTENT_TYPES

DESIGN_ID = "_design/nollycrew"


@cache
def design_doc(kind: str) -> dict:
    """The design document for one kind of database ('user', 'office', 'directory', ...)."""
    root = resources.files("sync") / "design"
    validate = _without_leading_comments((root / "validate_doc_update.js").read_text())
    validate = validate.replace("__KIND__", kind).replace(
        "__INTENT_TYPES__", json.dumps(list(INTENT_TYPES.get(kind, ())))
    )
    views = {}
    kind_views = root / "views" / kind
    if kind_views.is_dir():
        for view in sorted(kind_views.iterdir(), key=lambda entry: entry.name):
            views[view.name] = {"map": _without_leading_comments((view / "map.js").read_text())}
    doc = {"language": "javascript", "validate_doc_update": validate, "views": views}
    # A fingerprint lets migrate skip documents that are already current.
    doc["fingerprint"] = hashlib.sha256(json.dumps(doc, sort_keys=True).encode()).hexdigest()
    return doc


def _without_leading_comments(source: str) -> str:
    # Some servers evaluate "return " + source: a comment line first would return nothing.
    lines = source.splitlines()
    while lines and (not lines[0].strip() or lines[0].lstrip().startswith("//")):
        lines.pop(0)
    return "\n".join(lines)
