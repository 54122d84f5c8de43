"""Uploads and fetches of media: signed-in people only, or whoever holds a short-lived link.

POST /media/{kind}                      upload through the api (local files; any store)
POST /media/{kind}/upload-link          where to send a file straight to the store (S3: presigned POST)
POST /media/uploads/{media_id}/complete check a direct upload (type from its bytes, size): kept or deleted
GET  /media/{media_id}                  the file, for those core/media_access.py lets see it
GET  /media/{media_id}?expires=..&sig=..  a local link (LocalMediaStore.link): no sign-in needed

The body is read in chunks and given up on as soon as it passes the kind's limit, so an
oversized self-tape costs the server no more than the limit. Local files are streamed with byte
ranges (video players seek); files in S3 are a redirect to a presigned link, so a 2 GB daily
never passes through the api.
"""
import asyncio
import json

import aiohttp
from aiohttp import web

from core.errors import Rejected
from core.media import LINK_MAX_S, MEDIA_KINDS, SNIFF_BYTES, MediaStore, StoredMedia, check_upload
from core.media_access import may_see
from sync.media_files import LocalMediaStore
from web.keys import BUS
from web.search_routes import SIGN_IN_CHECK
from web.signed_in import NotSignedIn

routes = web.RouteTableDef()
MEDIA = web.AppKey("media", MediaStore)
CHUNK_BYTES = 256 * 1024
MEDIA_ID = r"{media_id:[a-f0-9]{32}}"
KIND = "{kind}"  # an unknown kind is refused with the list of kinds we take
LINK_BODY_MAX_BYTES = 4096  # {"content_type", "size"}


@routes.post(f"/media/{KIND}")
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
    return web.json_response(_described(media), status=201)


@routes.post(f"/media/{KIND}/upload-link")
async def upload_link(request: web.Request) -> web.Response:
    person_id = await _signed_in(request)
    body = await request.content.read(LINK_BODY_MAX_BYTES)
    try:
        asked = json.loads(body or b"{}")
        content_type, size = asked["content_type"], asked["size"]
        if not isinstance(content_type, str) or type(size) is not int:
            raise TypeError
    except (ValueError, KeyError, TypeError):
        return _error(400, "bad_request", 'Send {"content_type": "video/mp4", "size": <bytes>} as JSON.')
    kind = request.match_info["kind"]
    try:
        answer = await request.app[MEDIA].upload_link(person_id, kind, content_type, size)
    except Rejected as refusal:
        too_big = kind in MEDIA_KINDS and size > MEDIA_KINDS[kind].max_bytes
        return _error(413 if too_big else 400, "refused", refusal.reason)
    return web.json_response(answer)


@routes.post(f"/media/uploads/{MEDIA_ID}/complete")
async def complete_upload(request: web.Request) -> web.Response:
    person_id = await _signed_in(request)
    try:
        media = await request.app[MEDIA].complete_upload(person_id, request.match_info["media_id"])
    except Rejected as refusal:
        return _error(400, "refused", refusal.reason)
    return web.json_response(_described(media), status=201)


@routes.get(f"/media/{MEDIA_ID}")
async def fetch(request: web.Request) -> web.StreamResponse:
    store, media_id = request.app[MEDIA], request.match_info["media_id"]
    if "sig" in request.query:
        return await _by_link(request, store, media_id)
    person_id = await _signed_in(request)
    media = await store.describe(media_id)
    if media is None or not await may_see(request.app[BUS].services, store, media, person_id):
        return _error(404, "not_found", "No such file, or it is not yours to see.")
    if isinstance(store, LocalMediaStore):
        return _file(store, media)
    raise web.HTTPFound(await store.link(media_id, LINK_MAX_S))


async def _by_link(request: web.Request, store: MediaStore, media_id: str) -> web.StreamResponse:
    query = request.query
    good = isinstance(store, LocalMediaStore) and store.link_is_good(media_id, query.get("expires", ""),
                                                                      query.get("sig", ""))
    media = await store.describe(media_id) if good else None
    if media is None:
        return _error(403, "link_expired", "This link has expired or is not valid: ask for a new one.")
    return _file(store, media)


def _file(store: LocalMediaStore, media: StoredMedia) -> web.StreamResponse:
    path = store.path_of(media.media_id)
    if path is None:
        return _error(404, "not_found", "No such file, or it is not yours to see.")
    # The type we read from its bytes, never a guess from a name, and never sniffed again by the
    # browser; sandboxed, so an XML script opened on its own runs nothing on our origin.
    headers = {"Content-Type": media.content_type, "X-Content-Type-Options": "nosniff",
               "Content-Security-Policy": "sandbox", "Cache-Control": "private, max-age=300"}
    return web.FileResponse(path, headers=headers)


def _described(media: StoredMedia) -> dict:
    return {"media_id": media.media_id, "kind": media.kind, "content_type": media.content_type, "size": media.size}


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
