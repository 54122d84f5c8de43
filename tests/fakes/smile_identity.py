"""A local Smile Identity on its REST shape: a signed job request (POST /v1/upload), the zip
PUT to the upload_url it answers with, then a signed job-result callback to our callback_url.

In a test:  async with FakeSmileIdentity(PARTNER_ID, API_KEY) as fake: ...  (fake.api_base)
Choose the result per job with `fake.result_codes[job_id] = "0811"` (else `default_code`), and
the callback's signature with `fake.callback_signature` ("valid", "wrong" or "stale").
"""
import asyncio
import contextlib
import io
import json
import secrets
import zipfile
from datetime import datetime, timedelta, timezone
from typing import Literal

import aiohttp
from aiohttp import web

from web.kyc.smile_signature import STALE_AFTER_S, signed_now, signature_is_valid

CALLBACK_DELAY_S = 0.05
HTTP_TIMEOUT_S = 10.0
RESULT_TEXTS = {
    "0810": "Document Verified", "0811": "No Face Match", "1012": "Valid ID",
    "1013": "Unable to Validate ID", "1022": "No Match", "0814": "Provisional Approval",
}
Signature = Literal["valid", "wrong", "stale"]


def job_result(api_key: str, partner_id: str, partner_params: dict, code: str, smile_job_id: str = "",
               signature: Signature = "valid", now: datetime | None = None) -> dict:
    """The body Smile posts to a callback_url when a job is done."""
    now = now or datetime.now(timezone.utc)
    if signature == "stale":
        now -= timedelta(seconds=STALE_AFTER_S + 60)
    signed = signed_now(api_key if signature != "wrong" else f"not-{api_key}", partner_id, now)
    return {
        "Actions": {"Document_Check": "Passed" if code in ("0810", "1012") else "Failed"},
        "ResultCode": code, "ResultText": RESULT_TEXTS.get(code, "Result"),
        "SmileJobID": smile_job_id or f"{secrets.randbelow(10**10):010d}",
        "PartnerParams": partner_params, "Source": "WebAPI", **signed,
    }


class FakeSmileIdentity:
    def __init__(self, partner_id: str, api_key: str, host: str = "127.0.0.1", port: int = 0):
        self.partner_id, self.api_key = partner_id, api_key
        self._host, self._port = host, port
        self.base_url = self.api_base = ""
        self._runner: web.AppRunner | None = None
        self._tasks: list[asyncio.Task] = []
        self.jobs: dict[str, dict] = {}  # smile_job_id -> prep request, then its info.json
        self.callbacks: list[dict] = []  # body, then response_status or error
        self.result_codes: dict[str, str] = {}  # our job_id -> ResultCode to report
        self.default_code = "0810"
        self.callback_signature: Signature = "valid"

    async def start(self) -> "FakeSmileIdentity":
        app = web.Application()
        app[FAKE] = self
        app.add_routes(routes)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, self._host, self._port).start()
        self.base_url = f"http://{self._host}:{self._runner.addresses[0][1]}"
        self.api_base = f"{self.base_url}/v1"
        return self

    async def stop(self) -> None:
        try:
            for task in self._tasks:
                task.cancel()
            for task in self._tasks:
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        finally:
            if self._runner is not None:
                await self._runner.cleanup()

    async def __aenter__(self) -> "FakeSmileIdentity":
        return await self.start()

    async def __aexit__(self, *exc_info) -> None:
        await self.stop()

    async def wait_for_callbacks(self, count: int, timeout_s: float = 5.0) -> list[dict]:
        async with asyncio.timeout(timeout_s):
            while len(self.callbacks) < count:
                await asyncio.sleep(CALLBACK_DELAY_S)
        return self.callbacks[:count]

    def report_later(self, smile_job_id: str) -> None:
        self._tasks.append(asyncio.create_task(self._report(smile_job_id)))

    async def _report(self, smile_job_id: str) -> None:
        await asyncio.sleep(CALLBACK_DELAY_S)
        prep = self.jobs[smile_job_id]["prep"]
        code = self.result_codes.get(prep["partner_params"]["job_id"], self.default_code)
        body = job_result(self.api_key, self.partner_id, prep["partner_params"], code, smile_job_id,
                          self.callback_signature)
        record: dict = {"body": body}
        try:
            async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=HTTP_TIMEOUT_S)) as session:
                async with session.post(prep["callback_url"], json=body) as answer:
                    record["response_status"] = answer.status
        except aiohttp.ClientError as error:
            record["error"] = repr(error)
        self.callbacks.append(record)


FAKE = web.AppKey("fake_smile", FakeSmileIdentity)
routes = web.RouteTableDef()


def smile_error(code: str, message: str, status: int) -> web.Response:
    return web.json_response({"code": code, "error": message}, status=status)


@routes.post("/v1/upload")
async def prep_upload(request: web.Request) -> web.Response:
    fake, prep = request.app[FAKE], await request.json()
    if prep.get("smile_client_id") != fake.partner_id or not signature_is_valid(
        fake.api_key, fake.partner_id, prep.get("timestamp"), prep.get("signature")
    ):
        return smile_error("2205", "You are not authorized to do that.", 403)
    params = prep.get("partner_params") or {}
    needed = (params.get("job_id"), params.get("user_id"), params.get("job_type"), prep.get("callback_url"))
    if not all(needed):
        return smile_error("2213", "A required parameter is missing", 400)
    smile_job_id = f"{secrets.randbelow(10**10):010d}"
    fake.jobs[smile_job_id] = {"prep": prep}
    return web.json_response({
        "upload_url": f"{fake.base_url}/_upload/{smile_job_id}", "smile_job_id": smile_job_id,
        "ref_id": secrets.token_hex(8), "code": "2202",
    })


@routes.put("/_upload/{smile_job_id}")
async def upload_zip(request: web.Request) -> web.Response:
    fake, smile_job_id = request.app[FAKE], request.match_info["smile_job_id"]
    if smile_job_id not in fake.jobs:
        return smile_error("2314", "No upload expected", 404)
    with zipfile.ZipFile(io.BytesIO(await request.read())) as package:
        info = json.loads(package.read("info.json"))
    kinds = {image["image_type_id"] for image in info.get("images", [])}
    if not ({0, 2} & kinds and {1, 3} & kinds):  # job type 6 needs a selfie and an ID card
        return smile_error("2213", "A required parameter is missing", 400)
    fake.jobs[smile_job_id]["info"] = info
    fake.report_later(smile_job_id)
    return web.Response(status=200)
