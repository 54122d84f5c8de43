"""/search/people and /search/jobs: the directory, filtered and ranked, for signed-in people.

Answers come from an in-memory index (core.search) that sync/directory_index.py keeps current
from the directory's changes feed; `directory_index_ctx` starts it with the app.
"""
import asyncio
import contextlib

import aiohttp
import structlog
from aiohttp import web

from config.bootstrap import open_couch
from core.search import DirectoryIndex, Page
from sync.directory_index import DirectoryIndexFeed
from web.auth import edge
from web.keys import SETTINGS
from web.search_params import BadSearch, JobParams, PeopleParams, parse
from web.signed_in import NotSignedIn, SignInCheck

log = structlog.get_logger()
routes = web.RouteTableDef()

SEARCH_FEED = web.AppKey("search_feed", DirectoryIndexFeed)
SIGN_IN_CHECK = web.AppKey("sign_in_check", SignInCheck)
WARMING_UP_RETRY_AFTER_S = 2
PERSON_FIELDS = (
    "person_id", "name", "headline", "roles", "department", "crew_roles", "skills", "languages",
    "city", "state", "rate", "rating", "verified", "playing_age", "gender",
)
JOB_FIELDS = (
    "job_post_id", "code", "title", "project_id", "project_title", "department", "start_date",
    "end_date", "call_time", "rate", "rate_per", "location", "slots",
)


async def directory_index_ctx(app: web.Application):
    """cleanup_ctx: load the directory into memory and follow its changes while the app runs."""
    couch = open_couch(app[SETTINGS])
    feed = DirectoryIndexFeed(couch, DirectoryIndex())
    app[SEARCH_FEED] = feed
    app[SIGN_IN_CHECK] = SignInCheck(app_session_person=_app_session_person)
    task = asyncio.create_task(feed.run(), name="directory_index")
    task.add_done_callback(_log_end)
    yield
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    await couch.close()


async def _app_session_person(request: web.Request) -> str | None:
    """The person of a NollyCrew session token (Bearer or cookie), as the /db/ proxy reads it."""
    session = await edge.live_session(request, edge.token_of(request))
    return session["person_id"] if session else None


@routes.get("/search/people")
async def search_people(request: web.Request) -> web.Response:
    return await _search(request, PeopleParams, lambda index, query: index.search_people(query), PERSON_FIELDS)


@routes.get("/search/jobs")
async def search_jobs(request: web.Request) -> web.Response:
    return await _search(request, JobParams, lambda index, query: index.search_jobs(query), JOB_FIELDS)


@routes.get("/search/status")
async def status(request: web.Request) -> web.Response:
    refused = await _refusal(request)
    if refused:
        return refused
    feed = request.app[SEARCH_FEED]
    return web.json_response({
        "loaded": feed.loaded.is_set(), "load_seconds": feed.load_seconds, **feed.index.counts,
    })


async def _search(request: web.Request, params, run, fields: tuple[str, ...]) -> web.Response:
    refused = await _refusal(request)
    if refused:
        return refused
    try:
        query = parse(params, request.query)
    except BadSearch as problem:
        return _error(400, "bad_request", str(problem))
    feed = request.app[SEARCH_FEED]
    if not feed.loaded.is_set():
        # Half an index would answer with half the people and look complete.
        return _error(503, "warming_up", "Search is starting up; try again in a moment.",
                      headers={"Retry-After": str(WARMING_UP_RETRY_AFTER_S)})
    page: Page = run(feed.index, query)
    results = [
        {**{name: hit.doc.get(name) for name in fields}, "score": hit.score, "reason": hit.reason}
        for hit in page.hits
    ]
    return web.json_response({"results": results, "total": page.total})


async def _refusal(request: web.Request) -> web.Response | None:
    try:
        await request.app[SIGN_IN_CHECK].person(request)
    except NotSignedIn:
        return _error(401, "unauthorized", "Sign in to search the directory.")
    except (aiohttp.ClientError, asyncio.TimeoutError):
        return _error(503, "unavailable", "The server cannot check your sign-in right now; try again soon.")
    return None


def _error(status: int, error: str, reason: str, headers: dict | None = None) -> web.Response:
    return web.json_response({"error": error, "reason": reason}, status=status, headers=headers)


def _log_end(task: asyncio.Task) -> None:
    # CouchDB being away is waited out inside the feed; anything that ends it is a bug to see.
    if not task.cancelled() and task.exception() is not None:
        log.error("directory_index_failed", error=repr(task.exception()))
