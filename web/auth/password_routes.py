"""Email and password: sign in with them, or (signed in) set them."""
import pydantic
from aiohttp import web

from core.identity.commands import SetPassword, SignInWithPassword
from web.auth.edge import answers_refusals, body, signed_in, signed_in_response
from web.keys import BUS

routes = web.RouteTableDef()


class PasswordSignIn(pydantic.BaseModel):
    email: str = pydantic.Field(min_length=3, max_length=254)
    password: str = pydantic.Field(min_length=1, max_length=1024)
    device: str = pydantic.Field("", max_length=200)
    totp: str = pydantic.Field("", max_length=12)
    second_factor_code: str = pydantic.Field("", max_length=12)  # sent by SMS, or the app's (as totp)


class NewPassword(pydantic.BaseModel):
    email: str = pydantic.Field(min_length=3, max_length=254)
    password: str = pydantic.Field(min_length=1, max_length=1024)


@routes.post("/auth/password")
@answers_refusals
async def sign_in(request: web.Request) -> web.Response:
    given = await body(request, PasswordSignIn)
    device = given.device or request.headers.get("User-Agent", "")
    token = await request.app[BUS].handle(SignInWithPassword(
        given.email, given.password, device, given.second_factor_code or given.totp))
    return signed_in_response(request, token)


@routes.put("/auth/password")
@answers_refusals
async def set_password(request: web.Request) -> web.Response:
    person_id, _ = await signed_in(request)
    given = await body(request, NewPassword)
    await request.app[BUS].handle(SetPassword(person_id, given.email, given.password))
    return web.json_response({"ok": True})
