"""What every /auth/ route shares: reading JSON, finding the signed-in person, and turning
refusals into answers (401 sign-in, 403 role, 429 too many tries, 400 the rest)."""
import functools
import json

import pydantic
from aiohttp import web

from core import scopes
from core.errors import Rejected
from core.handlers.identity_sms import SmsCodeSent
from core.identity import sessions
from core.identity.errors import NotAllowed, SecondFactorNeeded, SignInRefused, TooManyTries
from web.keys import BUS, SETTINGS

COOKIE = "nc_session"
COOKIE_MAX_AGE_S = 90 * 24 * 3600


def token_of(request: web.Request) -> str | None:
    """The session token from `Authorization: Bearer` or, for browsers, the cookie."""
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.cookies.get(COOKIE)


async def live_session(request: web.Request, token: str | None) -> dict | None:
    doc_id = sessions.doc_id_for_token(token) if token else None
    if doc_id is None:
        return None
    session = await request.app[BUS].services.store.get(scopes.OPS, doc_id)
    return session if sessions.is_live(session) else None


async def signed_in(request: web.Request) -> tuple[str, dict]:
    """(person id, session) of the request, or 401."""
    session = await live_session(request, token_of(request))
    if session is None:
        raise _refusal(401, "not_signed_in", "Sign in first; your session has ended or was revoked.")
    return session["person_id"], session


async def body(request: web.Request, model: type[pydantic.BaseModel]):
    try:
        return model.model_validate(await request.json())
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise _refusal(400, "bad_request", "Send a JSON body.")
    except pydantic.ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "body"
        raise _refusal(400, "bad_request", f"{where}: {first['msg']}")


def signed_in_response(request: web.Request, token: str, status: int = 200) -> web.Response:
    """The token as a cookie for browsers and in the body for other clients."""
    response = web.json_response({"ok": True, "person_id": sessions.person_of(token), "token": token}, status=status)
    secure = request.app[SETTINGS].public_url.startswith("https://")
    response.set_cookie(COOKIE, token, max_age=COOKIE_MAX_AGE_S, httponly=True, samesite="Lax",
                        secure=secure, path="/")
    return response


def answers_refusals(route):
    """Domain refusals become JSON answers the person can read."""

    @functools.wraps(route)
    async def answered(request: web.Request) -> web.StreamResponse:
        try:
            return await route(request)
        except TooManyTries as refusal:
            raise _refusal(429, "too_many_tries", refusal.reason,
                           {"Retry-After": str(refusal.retry_after_s)})
        except SmsCodeSent as refusal:
            raise _refusal(401, "sms_code_sent", refusal.reason)
        except SecondFactorNeeded as refusal:
            raise _refusal(401, "totp_required", refusal.reason)
        except SignInRefused as refusal:
            raise _refusal(401, "sign_in_refused", refusal.reason)
        except NotAllowed as refusal:
            raise _refusal(403, "forbidden", refusal.reason)
        except Rejected as refusal:
            raise _refusal(400, "rejected", refusal.reason)

    return answered


def _refusal(status: int, error: str, reason: str, headers: dict | None = None) -> web.HTTPException:
    exception = {400: web.HTTPBadRequest, 401: web.HTTPUnauthorized, 403: web.HTTPForbidden,
                 429: web.HTTPTooManyRequests}[status]
    return exception(text=json.dumps({"error": error, "reason": reason}),
                     content_type="application/json", headers=headers)
