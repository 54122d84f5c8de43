"""/db/: CouchDB for browsers and phones, on the app's own origin, with the person's own sign-in.

The proxy adds no credentials of its own: CouchDB's _security and validate_doc_update decide
as that person (a device signed in by session token reaches CouchDB as its person, see
web/auth/db_sessions.py). It forwards only what PouchDB needs to sign in and replicate; everything else (server
configuration, _users, _all_dbs, creating or deleting databases, _security, design documents)
is refused here, because PouchDB Server mishandles some of those for non-admins (it lets a
user edit their own roles, and crashes on others; see README, Security).
Responses are gzipped for clients that accept it: over 2G, bytes are time.
"""
import re
import time

import aiohttp
from aiohttp import web
from prometheus_client import Counter

from web.auth import db_sessions, suspension
from web.auth.suspension import SUSPENSIONS
from web.keys import COUCH_UPSTREAM, SETTINGS

routes = web.RouteTableDef()

PREFIX = "/db"
PERSON_DATABASE = re.compile(r"^(directory|(user|project|office)_[a-z0-9]{6,40})$")
BULK_ENDPOINTS = {"_changes", "_all_docs", "_bulk_get", "_revs_diff", "_bulk_docs", "_ensure_full_commit"}
READ = {"GET", "HEAD"}
WRITE = {"PUT", "DELETE"}
FORWARDED_REQUEST_HEADERS = ("Authorization", "Cookie", "Content-Type", "Accept", "If-None-Match", "If-Match")
FORWARDED_RESPONSE_HEADERS = ("Content-Type", "ETag", "Set-Cookie", "Cache-Control", "Location")
STREAMED_FEEDS = {"continuous", "longpoll", "eventsource"}
MAX_BODY_BYTES = 64 * 1024 * 1024

UNAVAILABLE = {
    "error": "unavailable",
    "reason": "The server cannot reach the database right now. "
    "Your changes are safe on your device and will sync when it is back.",
}

SUSPENDED = {
    "error": "forbidden",
    "reason": "Your account is suspended. Your own data is still yours to read; write to support to ask why.",
}

PROXIED = Counter("nollycrew_db_proxy_requests_total", "Requests to /db/", ["result"])


def allowed(method: str, parts: list[str]) -> bool:
    """Is `method` on /db/<parts...> something a person's device may ask of CouchDB?"""
    if parts == ["_session"]:
        return method in {"GET", "POST", "DELETE"}
    if not parts or not PERSON_DATABASE.match(parts[0]):
        return False
    rest = parts[1:]
    if not rest:
        return method in READ
    head = rest[0]
    if head in BULK_ENDPOINTS:
        return len(rest) == 1 and method in {"GET", "POST"}
    if head == "_local":
        return len(rest) == 2 and method in READ | WRITE
    if head == "_design":
        is_view = len(rest) == 4 and rest[2] == "_view"
        return (is_view and method in READ | {"POST"}) or (len(rest) == 2 and method in READ)
    if head.startswith("_"):
        return False
    return method in READ | WRITE


@routes.route("*", PREFIX + "/{tail:.*}")
async def proxy(request: web.Request) -> web.StreamResponse:
    parts = [part for part in request.match_info["tail"].split("/") if part]
    if not allowed(request.method, parts):
        PROXIED.labels("refused").inc()
        return web.json_response(
            {"error": "forbidden", "reason": "This is not available through /db/."}, status=403
        )
    upstream_url = request.app[SETTINGS].couch_url.rstrip("/") + "/" + request.match_info["tail"]
    headers = {name: request.headers[name] for name in FORWARDED_REQUEST_HEADERS if name in request.headers}
    session = await db_sessions.session_of(request)
    if session is not None:
        headers = db_sessions.as_person(request, session, headers)
    person_id = session["person_id"] if session is not None else suspension.basic_user(request)
    if await request.app[SUSPENSIONS].refuses(request, person_id, parts):
        PROXIED.labels("suspended").inc()
        return web.json_response(SUSPENDED, status=403)
    headers.setdefault("Accept", "application/json")
    # Uncompressed from CouchDB (a gzipped continuous feed would sit in its buffer);
    # this proxy compresses toward the device itself.
    headers["Accept-Encoding"] = "identity"
    body = await request.read() if request.body_exists else None
    try:
        upstream = await request.app[COUCH_UPSTREAM].request(
            request.method, upstream_url, params=request.query, headers=headers, data=body
        )
    except aiohttp.ClientConnectionError:
        PROXIED.labels("unavailable").inc()
        return web.json_response(UNAVAILABLE, status=503)
    try:
        response = web.StreamResponse(status=upstream.status)
        for name in FORWARDED_RESPONSE_HEADERS:
            for value in upstream.headers.getall(name, []):
                response.headers.add(name, value)
        if request.query.get("feed") not in STREAMED_FEEDS:
            response.enable_compression()  # only when the client sent Accept-Encoding
        # A feed left open by a device whose session is revoked meanwhile is cut.
        recheck = session is not None and request.query.get("feed") in STREAMED_FEEDS
        next_check = time.monotonic() + db_sessions.SESSION_RECHECK_S
        try:
            await response.prepare(request)
            async for chunk in upstream.content.iter_any():
                await response.write(chunk)
                if recheck and time.monotonic() >= next_check:
                    if not await db_sessions.still_live(request, session):
                        break
                    next_check = time.monotonic() + db_sessions.SESSION_RECHECK_S
            await response.write_eof()
        except ConnectionResetError:
            # The device went away mid-answer (offline, a reload): ordinary on a phone, no error.
            PROXIED.labels("client_gone").inc()
            return response
        PROXIED.labels(str(upstream.status)).inc()
        return response
    finally:
        upstream.release()
