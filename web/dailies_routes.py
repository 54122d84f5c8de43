"""Dailies for the people who review them, over HTTP.

GET /projects/{project}/dailies/{label}                   the label's versions and comments
GET /projects/{project}/dailies/{label}/{version}/link    a link that streams that version, and
                                                          links to its subtitles, for at most
                                                          15 minutes (core.media.LINK_MAX_S)

Reviewers the office invited cannot read the office database, so these two are how they see
dailies; the office's own devices have the documents already. Uploads and comments are intents
(core/dailies_commands.py).
"""
import asyncio
import json
import time

import aiohttp
from aiohttp import web

from core import scopes
from core.dailies import REVIEWERS_ID, dailies_doc_id, may_review
from core.handlers.team import project_roles_of
from core.media import LINK_MAX_S
from web.keys import BUS
from web.media_routes import MEDIA
from web.search_routes import SIGN_IN_CHECK
from web.signed_in import NotSignedIn

routes = web.RouteTableDef()
DAILIES = r"/projects/{project_id:[a-z0-9]{6,40}}/dailies/{key:[a-z0-9-]{1,40}}"


@routes.get(DAILIES)
async def dailies(request: web.Request) -> web.Response:
    doc = await _reviewable(request)
    shown = {key: value for key, value in doc.items() if not key.startswith("_")}
    return web.json_response(shown)


@routes.get(DAILIES + r"/{version:\d{1,3}}/link")
async def version_link(request: web.Request) -> web.Response:
    doc = await _reviewable(request)
    number = int(request.match_info["version"])
    version = next((v for v in doc["versions"] if v["number"] == number), None)
    if version is None:
        return _error(404, "not_found", f"{doc['label']} has no version {number}.")
    store = request.app[MEDIA]
    try:
        url = await store.link(version["media_id"], LINK_MAX_S)
        # Reviewers read the take's subtitles through links too: GET /media lets only the office in.
        subtitles = {kind: await store.link(media_id, LINK_MAX_S)
                     for kind, media_id in (version.get("subtitles") or {}).items()}
    except NotImplementedError:
        return _error(503, "unavailable", "This server is not set up to make links to files.")
    return web.json_response({"url": url, "subtitles": subtitles, "expires_s": LINK_MAX_S,
                              "expires_at": int(time.time()) + LINK_MAX_S})


async def _reviewable(request: web.Request) -> dict:
    """The label's document, once the signed-in person is found to be office or an invited reviewer."""
    person_id = await _signed_in(request)
    project_id, key = request.match_info["project_id"], request.match_info["key"]
    services = request.app[BUS].services
    office = scopes.office_db(project_id)
    roles = await project_roles_of(services, project_id, person_id)
    if not may_review(roles, person_id, await services.store.get(office, REVIEWERS_ID)):
        raise _http(web.HTTPForbidden, "forbidden", "Only the production office and the reviewers it invites see dailies.")
    doc = await services.store.get(office, dailies_doc_id(key))
    if doc is None:
        raise _http(web.HTTPNotFound, "not_found", "No dailies under that label in this production.")
    return doc


async def _signed_in(request: web.Request) -> str:
    try:
        return await request.app[SIGN_IN_CHECK].person(request)
    except NotSignedIn:
        raise _http(web.HTTPUnauthorized, "unauthorized", "Sign in to see dailies.") from None
    except (aiohttp.ClientError, asyncio.TimeoutError):
        raise _http(web.HTTPServiceUnavailable, "unavailable", "We cannot check who you are right now.") from None


def _http(error_class: type[web.HTTPException], error: str, reason: str) -> web.HTTPException:
    return error_class(text=json.dumps({"error": error, "reason": reason}), content_type="application/json")


def _error(status: int, error: str, reason: str) -> web.Response:
    return web.json_response({"error": error, "reason": reason}, status=status)
