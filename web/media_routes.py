"""POST /media/{kind} to upload, GET /media/{media_id} to fetch: signed-in people only.

The body is read in chunks and given up on as soon as it passes the kind's limit, so an
oversized self-tape costs the server no more than the limit. Public kinds (headshots, reels,
voice clips) are for every signed-in person; an ID document or a selfie only for its owner.
"""
import asyncio

import aiohttp
from aiohttp import web

from core.errors import Rejected
from core.media import MEDIA_KINDS, MediaStore, check_upload
from web.search_routes import SIGN_IN_CHECK
from web.signed_in import NotSignedIn

routes = web.RouteTableDef()
MEDIA = web.AppKey("media", MediaStore)
SNIFF_BYTES = 512  # enough to tell a Fountain script (text) from binary
CHUNK_BYTES = 256 * 1024


@routes.post("/media/{kind}")
async def upload(request: web.Request) -> web.Response:
    person_id = await _signed_in(request)
    kind = request.match_info["kind"]
    limit = MEDIA_KINDS[kind].max_bytes if kind in MEDIA_KINDS else 0
    data = bytearray()
    async for chunk in request.content.iter_chunked(CHUNK_BYTES):
        data.extend(chunk)
        if len(data) > limit:
            break  # too big (or an unknown kind): check_upload says which
    try:
        content_type = check_upload(kind, bytes(data[:SNIFF_BYTES]), len(data))
    except Rejected as refusal:
        status = 413 if limit and len(data) > limit else 400
        return _error(status, "refused", refusal.reason)
    media = await request.app[MEDIA].save(person_id, kind, content_type, bytes(data))
    return web.json_response(
        {"media_id": media.media_id, "kind": kind, "content_type": content_type, "size": media.size}, status=201
    )


@routes.get(r"/media/{media_id:[a-f0-9]{32}}")
async def fetch(request: web.Request) -> web.Response:
    person_id = await _signed_in(request)
    found = await request.app[MEDIA].load(request.match_info["media_id"])
    kind = MEDIA_KINDS.get(found[0].kind) if found is not None else None
    if found is None or not ((kind is not None and kind.public) or found[0].owner_id == person_id):
        return _error(404, "not_found", "No such file, or it is not yours to see.")
    media, data = found
    return web.Response(body=data, content_type=media.content_type)


async def _signed_in(request: web.Request) -> str:
    try:
        return await request.app[SIGN_IN_CHECK].person(request)
    except NotSignedIn:
        raise web.HTTPUnauthorized(
            text='{"error": "unauthorized", "reason": "Sign in to upload or see files."}',
            content_type="application/json",
        ) from None
    except (aiohttp.ClientError, asyncio.TimeoutError):
        raise web.HTTPServiceUnavailable(text="We cannot check who you are right now.") from None


def _error(status: int, error: str, reason: str) -> web.Response:
    return web.json_response({"error": error, "reason": reason}, status=status)
