"""Identifiers. Ids derived from an intent's id make every rule safe to run twice."""
import hashlib
import uuid

ID_HEX_CHARS = 20


def new_id() -> str:
    return uuid.uuid4().hex[:ID_HEX_CHARS]


def derived_id(*parts: str) -> str:
    """The same parts always give the same id, so a retried rule finds its own earlier work."""
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:ID_HEX_CHARS]


def job_code(job_post_id: str) -> str:
    """A short code a crew member can type on a feature phone ("APPLY 7KQ2D")."""
    alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O or 1/I: they get mistyped
    number = int(hashlib.sha256(job_post_id.encode()).hexdigest(), 16)
    chars = []
    for _ in range(5):
        number, digit = divmod(number, len(alphabet))
        chars.append(alphabet[digit])
    return "".join(chars)
