"""Second factors: authenticator apps for producers and admins (enrol, then confirm with a first
code), and codes by SMS for anyone (turn on; turning off needs a current code)."""
import pydantic
from aiohttp import web

from core.identity import totp
from core.identity.commands import ConfirmTotp, DisableSmsTwoFactor, EnableSmsTwoFactor, EnrolTotp
from web.auth.edge import answers_refusals, body, signed_in
from web.keys import BUS

routes = web.RouteTableDef()


class TotpCode(pydantic.BaseModel):
    code: str = pydantic.Field(pattern=r"^\s*\d{6}\s*$")


@routes.post("/auth/totp/enrol")
@answers_refusals
async def enrol(request: web.Request) -> web.Response:
    person_id, _ = await signed_in(request)
    secret = await request.app[BUS].handle(EnrolTotp(person_id))
    return web.json_response({"secret": secret, "uri": totp.provisioning_uri(secret, person_id)})


@routes.post("/auth/totp/confirm")
@answers_refusals
async def confirm(request: web.Request) -> web.Response:
    person_id, _ = await signed_in(request)
    given = await body(request, TotpCode)
    await request.app[BUS].handle(ConfirmTotp(person_id, given.code))
    return web.json_response({"ok": True})


class SecondFactorCode(pydantic.BaseModel):
    code: str = pydantic.Field("", pattern=r"^\s*(\d{6})?\s*$")  # empty: send one by SMS first


@routes.post("/auth/two-factor/sms")
@answers_refusals
async def enable_sms(request: web.Request) -> web.Response:
    person_id, _ = await signed_in(request)
    await request.app[BUS].handle(EnableSmsTwoFactor(person_id))
    return web.json_response({"ok": True, "sms_two_factor": True})


@routes.delete("/auth/two-factor/sms")
@answers_refusals
async def disable_sms(request: web.Request) -> web.Response:
    """Without a code (or a body): 401 sms_code_sent, and the code goes by SMS."""
    person_id, _ = await signed_in(request)
    given = await body(request, SecondFactorCode) if request.can_read_body else SecondFactorCode()
    await request.app[BUS].handle(DisableSmsTwoFactor(person_id, given.code))
    return web.json_response({"ok": True, "sms_two_factor": False})
