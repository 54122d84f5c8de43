"""Smile Identity behind core.kyc.KycProvider: a Document Verification job (type 6: the ID
document and a selfie compared), sent the way Smile's REST API takes it:

1. POST {api_base}/upload, signed, with our job id in partner_params: Smile answers with an
   upload_url and its own smile_job_id;
2. PUT a zip to upload_url: info.json (the id_info and both pictures, base64) as Smile's
   server libraries build it.
Smile then posts the result to our callback (web/kyc/routes.py).

A picture is an upload in the media store (a media id) or an https address.
"""
import asyncio
import base64
import io
import json
import zipfile
from collections.abc import Awaitable, Callable
from datetime import datetime, timezone

import aiohttp
from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict
from redis import Redis
from rq import Queue, Retry

from core import scopes
from core.handlers.kyc import KYC_DOC_ID, job_doc_id
from core.kyc import PENDING, KycJob, KycProvider
from core.kyc_commands import RecordKycSubmitted
from core.media import MediaStore
from core.ports import IdentityChecks
from web.kyc.smile_signature import signed_now
from workers import context, queues

DOCUMENT_VERIFICATION_JOB_TYPE = 6
SELFIE_BASE64, ID_CARD_BASE64 = 2, 3  # Smile's image_type_id values for pictures sent inline
SOURCE_SDK, SOURCE_SDK_VERSION = "rest_api", "1.0.0"
REQUEST_TIMEOUT_S = 30.0
# Smile or the network down: retry for about an hour, as an outbound message does.
SUBMIT_RETRY_INTERVALS_S = queues.SEND_RETRY_INTERVALS_S
MAX_PICTURE_BYTES = 10 * 1024 * 1024  # Smile's own upper limit for a document image


class SmileSettings(BaseSettings):
    """NOLLYCREW_SMILE_* variables; the defaults are the sandbox and the dev api."""

    model_config = SettingsConfigDict(env_prefix="NOLLYCREW_SMILE_", env_file=None)

    partner_id: str = "000"
    api_key: SecretStr = SecretStr("dev-smile-api-key")
    # Smile's sandbox; production is https://api.smileidentity.com/v1. Tests: the fake.
    api_base: str = "https://testapi.smileidentity.com/v1"
    callback_url: str = "http://127.0.0.1:8080/webhooks/smile-identity"


class SmileRefused(Exception):
    """Smile did not take the job (HTTP status and its answer): the RQ job retries it."""


PictureReader = Callable[[str], Awaitable[bytes]]


class SmileIdentity(KycProvider):
    def __init__(self, settings: SmileSettings, read_picture: PictureReader | None = None):
        self._settings = settings
        self._read_picture = read_picture or read_https_picture

    async def submit(self, job: KycJob) -> str:
        settings = self._settings
        signed = signed_now(settings.api_key.get_secret_value(), settings.partner_id, datetime.now(timezone.utc))
        partner_params = {
            "job_type": DOCUMENT_VERIFICATION_JOB_TYPE, "job_id": job.job_id, "user_id": job.person_id,
        }
        prep = {
            "source_sdk": SOURCE_SDK, "source_sdk_version": SOURCE_SDK_VERSION, **signed,
            "smile_client_id": settings.partner_id, "partner_params": partner_params,
            "model_parameters": {}, "callback_url": settings.callback_url,
            "file_name": "selfie.zip", "use_enrolled_image": False,
        }
        timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            async with session.post(f"{settings.api_base.rstrip('/')}/upload", json=prep) as answer:
                if answer.status != 200:
                    raise SmileRefused(f"Smile refused the job (HTTP {answer.status}): {await answer.text()}")
                taken = await answer.json()
            pictures = await asyncio.gather(
                self._read_picture(job.selfie_ref), self._read_picture(job.id_document_ref)
            )
            package = _zip(job, prep, partner_params, *pictures, taken["upload_url"])
            headers = {"Content-Type": "application/zip"}
            async with session.put(taken["upload_url"], data=package, headers=headers) as put:
                if put.status != 200:
                    raise SmileRefused(f"Smile refused the pictures (HTTP {put.status}): {await put.text()}")
        return str(taken["smile_job_id"])


def _zip(job: KycJob, prep: dict, partner_params: dict, selfie: bytes, id_card: bytes, upload_url: str) -> bytes:
    info = {
        "package_information": {
            "apiVersion": {"buildNumber": 0, "majorVersion": 2, "minorVersion": 0}, "language": "python",
        },
        "misc_information": {
            "signature": prep["signature"], "timestamp": prep["timestamp"], "retry": "false",
            "partner_params": partner_params, "file_name": prep["file_name"],
            "smile_client_id": prep["smile_client_id"], "callback_url": prep["callback_url"],
        },
        "id_info": {"country": job.country, "id_type": job.id_type, "id_number": job.id_number, "entered": True},
        "images": [
            {"image_type_id": SELFIE_BASE64, "image": base64.b64encode(selfie).decode(), "file_name": ""},
            {"image_type_id": ID_CARD_BASE64, "image": base64.b64encode(id_card).decode(), "file_name": ""},
        ],
        "server_information": upload_url,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("info.json", json.dumps(info))
    return buffer.getvalue()


def picture_reader(media: MediaStore | None) -> PictureReader:
    """Uploads from the media store; https addresses fetched."""

    async def read(ref: str) -> bytes:
        if ref.startswith("https://") or media is None:
            return await read_https_picture(ref)
        found = await media.load(ref)
        if found is None:
            raise LookupError(f"no upload {ref!r}")
        return found[1]

    return read


async def read_https_picture(ref: str) -> bytes:
    if not ref.startswith("https://"):
        raise LookupError(f"{ref!r} is neither an upload here nor an https address")
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S)) as session:
        async with session.get(ref) as answer:
            answer.raise_for_status()
            picture = await answer.content.read(MAX_PICTURE_BYTES + 1)
    if len(picture) > MAX_PICTURE_BYTES:
        raise ValueError(f"{ref} is larger than {MAX_PICTURE_BYTES} bytes")
    return picture


async def send_check(store, bus, provider: KycProvider, person_id: str) -> str | None:
    """Send the person's pending check; None when there is none to send (already decided)."""
    check = await store.get(scopes.user_db(person_id), KYC_DOC_ID)
    if check is None or check["status"] != PENDING:
        return None
    sent = await store.get(scopes.OPS, job_doc_id(check["job_id"]))
    if sent is not None and sent.get("provider_reference"):
        return None  # a repeated job: Smile already has this one
    job = KycJob(check["job_id"], person_id, check["id_type"], check["id_number"],
                 check["id_document_ref"], check["selfie_ref"])
    reference = await provider.submit(job)
    await bus.handle(RecordKycSubmitted(job.job_id, reference))
    return reference


def submit_kyc_check(person_id: str) -> str | None:
    """RQ job: ids in. Retried by RQ when Smile or the network fails; the job id is ours,
    so Smile sees a retry as the same job."""

    async def run() -> str | None:
        async with context.current().open_session() as session:
            provider = SmileIdentity(SmileSettings(), read_picture=picture_reader(session.bus.services.media))
            return await send_check(session.store, session.bus, provider, person_id)

    return asyncio.run(run())


def queue_check(redis: Redis, person_id: str, job_id: str) -> None:
    """Queue the send of one check (one RQ job id per check); a repeat finds it sent."""
    Queue(queues.DEFAULT, connection=redis).enqueue(
        submit_kyc_check, person_id, job_id=queues.job_id("kyc", job_id),
        retry=Retry(max=len(SUBMIT_RETRY_INTERVALS_S), interval=SUBMIT_RETRY_INTERVALS_S),
    )


class RqIdentityChecks(IdentityChecks):
    """The IdentityChecks port: each pending check becomes a send job on the default queue."""

    def __init__(self, redis: Redis):
        self._redis = redis

    async def send(self, person_id: str, job_id: str) -> None:
        await asyncio.to_thread(queue_check, self._redis, person_id, job_id)
