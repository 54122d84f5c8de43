"""/db/ for a suspended person: their own database and sign-in only, nothing of anyone else's.

Their intents are refused by the rules engine; this stops their devices reading projects and
the directory too. The answer is kept a few seconds per person, so replication's bursts of
requests cost one read, and a suspension takes effect within SUSPENSION_CHECK_S.
"""
import base64
import binascii
import time

from aiohttp import web

from core import scopes
from web.keys import BUS

SUSPENSION_CHECK_S = 5.0


class SuspensionCheck:
    def __init__(self):
        self._known: dict[str, tuple[float, bool]] = {}  # person id -> (valid until, suspended)

    async def refuses(self, request: web.Request, person_id: str | None, parts: list[str]) -> bool:
        if person_id is None or parts == ["_session"] or parts[:1] == [scopes.USER_PREFIX + person_id]:
            return False
        now = time.monotonic()
        until, suspended = self._known.get(person_id, (0.0, False))
        if until < now:
            card = await request.app[BUS].services.store.get(scopes.DIRECTORY, f"person:{person_id}")
            suspended = bool(card and card.get("suspended"))
            self._known[person_id] = (now + SUSPENSION_CHECK_S, suspended)
        return suspended


SUSPENSIONS = web.AppKey("suspensions", SuspensionCheck)


def basic_user(request: web.Request) -> str | None:
    """The user name of a request that signs in to CouchDB with its own Basic credentials."""
    header = request.headers.get("Authorization", "")
    if not header.lower().startswith("basic "):
        return None
    try:
        return base64.b64decode(header[6:]).decode().split(":", 1)[0]
    except (binascii.Error, UnicodeDecodeError):
        return None
