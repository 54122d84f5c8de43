"""Smile Identity's job-result callback: verified, read, and handed to the core as a
RecordKycResult. Nothing changes unless the signature is Smile's and fresh.

Register with `app.add_routes(web.kyc.routes.routes)`; the Smile settings are read from
NOLLYCREW_SMILE_* (workers/kyc_smile.py) unless the app holds them under SMILE_SETTINGS.
"""
import json

from aiohttp import web

from bots.webhook_routes import WEBHOOKS
from core.errors import Rejected
from core.kyc_commands import RecordKycResult
from web.keys import BUS
from web.kyc.smile_results import MalformedCallback, read_callback
from web.kyc.smile_signature import verify
from workers.kyc_smile import SmileSettings

routes = web.RouteTableDef()

SMILE_SETTINGS = web.AppKey("smile_settings", SmileSettings)
PROVIDER = "smile_identity"


@routes.post("/webhooks/smile-identity")
async def job_result(request: web.Request) -> web.Response:
    body = await _json_object(request)
    settings = request.app.get(SMILE_SETTINGS) or SmileSettings()
    bus = request.app[BUS]
    problem = verify(settings.api_key.get_secret_value(), settings.partner_id, body, bus.services.clock.now())
    if problem:
        WEBHOOKS.labels(PROVIDER, "job_result", problem.replace(" ", "_")).inc()
        raise web.HTTPForbidden(text=problem)
    try:
        outcome = read_callback(body)
    except MalformedCallback as error:
        WEBHOOKS.labels(PROVIDER, "job_result", "malformed").inc()
        raise web.HTTPBadRequest(text=str(error))
    if outcome.result is None:
        # Provisional or an error: not final, so the check waits for an admin. Smile has
        # nothing to retry, hence 200.
        WEBHOOKS.labels(PROVIDER, "job_result", "not_final").inc()
        return web.json_response({"ok": True, "recorded": False, "result_code": outcome.result_code})
    command = RecordKycResult(outcome.job_id, outcome.result, outcome.reason, outcome.event_id)
    try:
        await bus.handle(command)
    except Rejected as error:
        # A job we never sent: a retry from Smile cannot mend that, so no 5xx.
        WEBHOOKS.labels(PROVIDER, "job_result", "unknown_job").inc()
        return web.json_response({"ok": False, "reason": error.reason})
    WEBHOOKS.labels(PROVIDER, "job_result", "recorded").inc()
    return web.json_response({"ok": True, "recorded": True, "result": outcome.result})


async def _json_object(request: web.Request) -> dict:
    try:
        body = await request.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise web.HTTPBadRequest(text="Send a JSON body.")
    if not isinstance(body, dict):
        raise web.HTTPBadRequest(text="Send a JSON object.")
    return body
