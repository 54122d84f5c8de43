"""/db/ for signed-in devices: a session token becomes the person's own CouchDB sign-in.

The device holds only its session token; the proxy checks the session in ops on every
request (so a revoked one stops at once) and speaks to CouchDB as the person, with the
password only the server can derive. A request that brings its own CouchDB credentials
(Basic, or an AuthSession cookie) is left as it is.
"""
import base64
import json

from aiohttp import web

from core import scopes
from core.identity import sessions
from web.auth.edge import COOKIE, live_session, token_of
from web.keys import BUS, SETTINGS

SESSION_RECHECK_S = 30  # an open changes feed notices a revocation within this


def brings_couch_credentials(request: web.Request) -> bool:
    return request.headers.get("Authorization", "").lower().startswith("basic ") or (
        "AuthSession" in request.cookies
    )


async def session_of(request: web.Request) -> dict | None:
    """The live session the request signs in with; None if it carries no token (or its own
    CouchDB credentials); 401 for a token that is unknown or revoked."""
    if brings_couch_credentials(request):
        return None
    token = token_of(request)
    if token is None:
        return None
    session = await live_session(request, token)
    if session is None:
        reason = "Your session has ended or was revoked. Sign in again."
        raise web.HTTPUnauthorized(
            text=json.dumps({"error": "unauthorized", "reason": reason}), content_type="application/json"
        )
    await _touch(request, session)
    return session


def as_person(request: web.Request, session: dict, headers: dict) -> dict:
    """`headers` with the person's own CouchDB sign-in instead of the device's token."""
    person_id = session["person_id"]
    secret = request.app[SETTINGS].account_secret.get_secret_value()
    basic = base64.b64encode(f"{person_id}:{sessions.couch_password(secret, person_id)}".encode()).decode()
    cookies = "; ".join(f"{name}={value}" for name, value in request.cookies.items() if name != COOKIE)
    kept = {name: value for name, value in headers.items() if name not in ("Authorization", "Cookie")}
    return {**kept, "Authorization": f"Basic {basic}", **({"Cookie": cookies} if cookies else {})}


async def still_live(request: web.Request, session: dict) -> bool:
    current = await request.app[BUS].services.store.get(scopes.OPS, session["_id"])
    return sessions.is_live(current)


async def _touch(request: web.Request, session: dict) -> None:
    """last_seen_at, written at most once a minute per session, not on every request."""
    services = request.app[BUS].services
    now = services.clock.now()
    if not sessions.needs_touch(session, now):
        return

    def seen(doc: dict) -> dict | None:
        return {**doc, "last_seen_at": now.isoformat()} if sessions.needs_touch(doc, now) else None

    await services.store.update(scopes.OPS, session["_id"], seen, current=session)
