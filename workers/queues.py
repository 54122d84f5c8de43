"""Queue names, most urgent first: an RQ worker listening on all takes them in this order."""
import hashlib

MESSAGES = "messages"
DEFAULT = "default"
ALL = (MESSAGES, DEFAULT)
# Reading a screenplay or solving a schedule takes seconds to minutes: their own queue and
# worker (`nollycrew worker --office`), so no message waits behind a solver.
OFFICE = "office"
# Transcribing self-tapes (seconds to minutes of CPU each): `nollycrew worker --media`, which
# keeps the speech model loaded between jobs.
MEDIA = "media"

# A send job (or a status callback) whose own database or Redis failed runs again: close
# together first, so a short outage costs seconds, then spread out over about an hour.
SEND_RETRY_INTERVALS_S = [2, 5, 10, 20, 30, 60, 120, 300, 600, 1200, 1800]
# A provider's passing failure (5xx, timeout, 429) is tried 3 times in all, then the message
# fails (or goes once more by SMS). 30 s outlasts a blip; 5 min outlasts most of Twilio's short
# incidents; longer and a call time arrives after the person has left home. Each wait moves
# by up to a fifth either way, so a fan-out that failed together does not retry together.
SEND_TRIES = 3
SEND_TRY_WAITS_S = (30, 300)
SEND_JITTER_FRACTION = 0.2
INBOUND_RETRY_INTERVALS_S = [1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1800]


def job_id(kind: str, key: str) -> str:
    """RQ job ids allow letters, digits, - and _ only; the same key gives the same job."""
    return f"{kind}-{hashlib.sha256(key.encode()).hexdigest()[:32]}"
