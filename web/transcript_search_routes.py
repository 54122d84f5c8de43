"""GET /projects/{project}/transcripts/search?q=Lagos: which applicants said it in their self-tapes.

The production office only (the roles that see applications, core/project_roles.py): a crew
member gets 403. The ranking is core.transcript_search's; this finds the project's applications
and, for the hits shown, reads their WebVTT subtitles for the time into the self-tape."""
import asyncio
import json

import aiohttp
from aiohttp import web

from core import scopes
from core.errors import Rejected
from core.handlers.team import project_roles_of
from core.media import MediaStore
from core.project_roles import sees_office
from core.transcript_search import (
    DEFAULT_LIMIT, TranscriptHit, query_terms, search_transcripts, segments_from_vtt, with_timecode,
)
from sync.chat_reads import CouchChatReads
from web.keys import BUS, COUCH
from web.media_routes import MEDIA
from web.search_routes import SIGN_IN_CHECK
from web.signed_in import NotSignedIn

routes = web.RouteTableDef()
PROJECT = r"{project_id:[a-z0-9]{6,40}}"
MAX_LIMIT = 50
APPLICATION_PREFIX = "application:"


@routes.get(f"/projects/{PROJECT}/transcripts/search")
async def search_transcripts_route(request: web.Request) -> web.Response:
    person_id, project_id = await _signed_in(request), request.match_info["project_id"]
    services = request.app[BUS].services
    if not sees_office(await project_roles_of(services, project_id, person_id)):
        return _error(403, "forbidden", "Only the production office searches the self-tape transcripts.")
    query = request.query.get("q", "")
    try:
        query_terms(query)
        limit = int(request.query.get("limit", DEFAULT_LIMIT))
    except Rejected as refusal:
        return _error(400, "bad_request", refusal.reason)
    except ValueError:
        return _error(400, "bad_request", f"limit is a whole number from 1 to {MAX_LIMIT}.")
    if not 1 <= limit <= MAX_LIMIT:
        return _error(400, "bad_request", f"limit is a whole number from 1 to {MAX_LIMIT}.")
    reads = CouchChatReads(request.app[COUCH])
    applications = await reads.docs_with_prefix(scopes.office_db(project_id), APPLICATION_PREFIX)
    hits = search_transcripts(applications, query, limit)
    timed = [await _timed(hit, request.app[MEDIA]) for hit in hits]
    return web.json_response({"query": query, "searched": len(applications),
                              "hits": [_shown(hit) for hit in timed]})


async def _timed(hit: TranscriptHit, media: MediaStore) -> TranscriptHit:
    """The hit with its time into the self-tape, when its WebVTT file is still kept."""
    vtt_id = hit.subtitles.get("vtt")
    found = await media.load(vtt_id) if vtt_id else None
    if found is None:
        return hit
    return with_timecode(hit, segments_from_vtt(found[1].decode("utf-8", errors="replace")))


def _shown(hit: TranscriptHit) -> dict:
    return {
        "application_id": hit.application_id, "person_id": hit.person_id, "applicant_name": hit.applicant_name,
        "job_title": hit.job_title, "status": hit.status, "media_index": hit.media_index, "media_id": hit.media_id,
        "subtitles": hit.subtitles, "copies": hit.copies, "words_found": list(hit.words_found), "matches": hit.matches,
        "snippet": hit.snippet, "start_s": hit.start_s,
    }


async def _signed_in(request: web.Request) -> str:
    try:
        return await request.app[SIGN_IN_CHECK].person(request)
    except NotSignedIn:
        raise web.HTTPUnauthorized(text=_json("unauthorized", "Sign in first."), content_type="application/json")
    except (aiohttp.ClientError, asyncio.TimeoutError):
        raise web.HTTPServiceUnavailable(text=_json("unavailable", "We cannot check who you are right now; try again soon."),
                                         content_type="application/json")


def _json(error: str, reason: str) -> str:
    return json.dumps({"error": error, "reason": reason})


def _error(status: int, error: str, reason: str) -> web.Response:
    return web.json_response({"error": error, "reason": reason}, status=status)
