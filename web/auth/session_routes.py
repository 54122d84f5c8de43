"""A person's sessions (devices): list them, revoke one or all, sign out of this one."""
import re

from aiohttp import web

from core.handlers.identity_account import sessions_of
from core.identity.commands import RevokeSession
from web.auth.edge import COOKIE, answers_refusals, signed_in
from web.keys import BUS

routes = web.RouteTableDef()

SESSION_ID = re.compile(r"^[0-9a-f]{64}$")


@routes.get("/auth/sessions")
@answers_refusals
async def list_sessions(request: web.Request) -> web.Response:
    person_id, current = await signed_in(request)
    found = await sessions_of(request.app[BUS].services, person_id)
    this_one = current["_id"].rsplit(":", 1)[1]
    return web.json_response({"sessions": [{**session, "current": session["id"] == this_one} for session in found]})


@routes.delete("/auth/sessions/{session_id}")
@answers_refusals
async def revoke_one(request: web.Request) -> web.Response:
    person_id, _ = await signed_in(request)
    session_id = request.match_info["session_id"]
    if not SESSION_ID.match(session_id):
        raise web.HTTPNotFound(text='{"error": "not_found", "reason": "There is no such session."}',
                               content_type="application/json")
    await request.app[BUS].handle(RevokeSession(person_id, session_id))
    return web.json_response({"ok": True})


@routes.delete("/auth/sessions")
@answers_refusals
async def revoke_all(request: web.Request) -> web.Response:
    person_id, _ = await signed_in(request)
    await request.app[BUS].handle(RevokeSession(person_id))
    return _signed_out()


@routes.post("/auth/sign-out")
@answers_refusals
async def sign_out(request: web.Request) -> web.Response:
    person_id, current = await signed_in(request)
    await request.app[BUS].handle(RevokeSession(person_id, current["_id"].rsplit(":", 1)[1]))
    return _signed_out()


def _signed_out() -> web.Response:
    response = web.json_response({"ok": True})
    response.del_cookie(COOKIE, path="/")
    return response
