"""/search/compare?ids=a,b,c: two to four people side by side, from the search index, for
signed-in people. The table itself is core.discovery.compare; this only finds the profiles."""
import asyncio
import datetime

import aiohttp
from aiohttp import web

from core.discovery import COMPARE_MAX, COMPARE_MIN, compare
from core.errors import Rejected
from web.search_routes import SEARCH_FEED, SIGN_IN_CHECK, WARMING_UP_RETRY_AFTER_S
from web.signed_in import NotSignedIn

routes = web.RouteTableDef()
MAX_IDS_CHARS = 400  # four ids and their commas with room to spare; longer is not a comparison


@routes.get("/search/compare")
async def compare_people(request: web.Request) -> web.Response:
    try:
        await request.app[SIGN_IN_CHECK].person(request)
    except NotSignedIn:
        return _error(401, "unauthorized", "Sign in to compare people.")
    except (aiohttp.ClientError, asyncio.TimeoutError):
        return _error(503, "unavailable", "The server cannot check your sign-in right now; try again soon.")
    raw = request.query.get("ids", "")[:MAX_IDS_CHARS]
    ids = list(dict.fromkeys(part.strip() for part in raw.split(",") if part.strip()))
    if not COMPARE_MIN <= len(ids) <= COMPARE_MAX:
        return _error(400, "bad_request", f"Give {COMPARE_MIN} to {COMPARE_MAX} different person ids in ids=a,b,c.")
    window = [request.query.get(name) for name in ("available_from", "available_to")]
    try:
        first, last = (datetime.date.fromisoformat(day).isoformat() if day else None for day in window)
    except ValueError:
        return _error(400, "bad_request", "available_from and available_to are dates like 2026-12-01.")
    feed = request.app[SEARCH_FEED]
    if not feed.loaded.is_set():
        return _error(503, "warming_up", "Search is starting up; try again in a moment.",
                      headers={"Retry-After": str(WARMING_UP_RETRY_AFTER_S)})
    records = [feed.index.people.records.get(f"person:{person_id}") for person_id in ids]
    missing = [person_id for person_id, record in zip(ids, records) if record is None]
    if missing:
        return _error(404, "not_found", f"No public profile for: {', '.join(missing)}.")
    # The index keeps busy days on the record, not the doc: put them back for the table.
    cards = [{**record.doc, "busy_days": list(record.busy_days)} for record in records]
    try:
        return web.json_response(compare(cards, first, last))
    except Rejected as refusal:
        return _error(400, "bad_request", str(refusal))


def _error(status: int, error: str, reason: str, headers: dict | None = None) -> web.Response:
    return web.json_response({"error": error, "reason": reason}, status=status, headers=headers)
