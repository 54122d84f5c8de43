"""Sign up or sign in by phone: ask for a code, then send it back."""
from typing import Literal

import pydantic
from aiohttp import web

from core.identity.commands import RequestSignInCode, VerifySignInCode
from web.auth.edge import answers_refusals, body, signed_in_response
from web.keys import BUS

routes = web.RouteTableDef()


class CodeRequest(pydantic.BaseModel):
    phone: str = pydantic.Field(min_length=6, max_length=32)
    purpose: Literal["sign_in", "sign_up"] = "sign_in"
    roles: list[Literal["actor", "crew", "producer", "investor"]] = []
    name: str = pydantic.Field("", max_length=120)
    language: str = pydantic.Field("en", max_length=8)


class CodeAnswer(pydantic.BaseModel):
    phone: str = pydantic.Field(min_length=6, max_length=32)
    code: str = pydantic.Field(pattern=r"^\s*\d{6}\s*$")
    device: str = pydantic.Field("", max_length=200)
    totp: str = pydantic.Field("", max_length=12)


@routes.post("/auth/code")
@answers_refusals
async def request_code(request: web.Request) -> web.Response:
    asked = await body(request, CodeRequest)
    await request.app[BUS].handle(
        RequestSignInCode(asked.phone, asked.purpose, tuple(asked.roles), asked.name, asked.language)
    )
    return web.json_response({"ok": True, "reason": "We sent you a code by WhatsApp (or SMS)."}, status=202)


@routes.post("/auth/code/verify")
@answers_refusals
async def verify_code(request: web.Request) -> web.Response:
    answer = await body(request, CodeAnswer)
    device = answer.device or request.headers.get("User-Agent", "")
    token = await request.app[BUS].handle(VerifySignInCode(answer.phone, answer.code, device, answer.totp))
    return signed_in_response(request, token)
