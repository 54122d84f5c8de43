"""Queue names, most urgent first: an RQ worker listening on all takes them in this order."""
import hashlib

MESSAGES = "messages"
DEFAULT = "default"
ALL = (MESSAGES, DEFAULT)
# Reading a screenplay or solving a schedule takes seconds to minutes: their own queue and
# worker (`nollycrew worker --office`), so no message waits behind a solver.
OFFICE = "office"

# Close together first, so a short database outage costs seconds, then spread out:
# about an hour in all before a message is marked failed.
SEND_RETRY_INTERVALS_S = [2, 5, 10, 20, 30, 60, 120, 300, 600, 1200, 1800]
INBOUND_RETRY_INTERVALS_S = [1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1800]


def job_id(kind: str, key: str) -> str:
    """RQ job ids allow letters, digits, - and _ only; the same key gives the same job."""
    return f"{kind}-{hashlib.sha256(key.encode()).hexdigest()[:32]}"
