"""The media store port on local files and on S3 (moto's server with S3's expiry and POST policy
rules, tests/fakes/s3_server.py): the same contract for both, then what only S3 does: presigned
links that S3 refuses after 15 minutes, and uploads straight to the bucket, refused by S3 past the
kind's limit and by us when their bytes are not what the kind takes."""
import base64
import json
import time
import uuid
from datetime import datetime, timezone
from urllib.parse import parse_qs, urlsplit

import boto3
import pytest
import requests

from core.errors import Rejected
from core.media import LINK_MAX_S, MB
from sync.media_files import LocalMediaStore
from sync.s3_media import S3MediaStore
from tests.fakes.s3_server import S3Server, s3_bucket

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200
PDF = b"%PDF-1.7\n" + b"\x00" * 200
MP4 = b"\x00\x00\x00\x18ftypisom" + b"\x00" * 200
HTTP_TIMEOUT_S = 30


@pytest.fixture(scope="module")
def s3_server():
    with S3Server() as server:
        yield server


@pytest.fixture
def s3_settings(s3_server):
    s3_server.reset_clock()
    return s3_bucket(s3_server, f"nollycrew-{uuid.uuid4().hex[:12]}")


@pytest.fixture(params=["local", "s3"])
def store(request, tmp_path):
    if request.param == "local":
        return LocalMediaStore(tmp_path, link_secret="test-media-link-secret", public_url="http://api.test")
    return S3MediaStore(**request.getfixturevalue("s3_settings"))


def lifetime_s(link: str) -> int:
    """How long a link lasts from now, by what it carries: S3's X-Amz-Expires, or our expires."""
    query = parse_qs(urlsplit(link).query)
    if "X-Amz-Expires" in query:
        return int(query["X-Amz-Expires"][0])
    return int(query["expires"][0]) - int(time.time())


# The contract: both stores.

async def test_a_saved_file_is_described_and_loaded(store):
    media = await store.save("ada", "headshot", "image/png", PNG)
    assert (media.owner_id, media.kind, media.content_type, media.size) == ("ada", "headshot", "image/png", len(PNG))
    assert await store.describe(media.media_id) == media
    assert await store.load(media.media_id) == (media, PNG)
    assert await store.describe("0" * 32) is None and await store.load("0" * 32) is None
    assert await store.describe("../media/" + media.media_id) is None


async def test_a_derived_file_names_its_source(store):
    source = await store.save("ada", "showreel", "video/mp4", MP4)
    thumbnail = await store.save("ada", "thumbnail", "image/jpeg", b"\xff\xd8\xff" + b"\x00" * 9,
                                 derived_from=source.media_id)
    assert (await store.describe(thumbnail.media_id)).derived_from == source.media_id


async def test_sharing_with_projects_is_recorded_once_each(store):
    media = await store.save("ada", "voice_clip", "audio/ogg", b"OggS" + b"\x00" * 20)
    for project_id in ("lagos456love", "eko123nights", "lagos456love"):
        await store.share_with_project(media.media_id, project_id)
    assert (await store.describe(media.media_id)).projects == ("eko123nights", "lagos456love")
    with pytest.raises(LookupError):
        await store.share_with_project("0" * 32, "eko123nights")


async def test_links_last_at_most_fifteen_minutes(store):
    media = await store.save("ada", "showreel", "video/mp4", MP4)
    assert LINK_MAX_S - 2 <= lifetime_s(await store.link(media.media_id, 24 * 3600)) <= LINK_MAX_S
    assert 55 <= lifetime_s(await store.link(media.media_id, 60)) <= 60


@pytest.mark.parametrize("kind, content_type, size, words", [
    ("showreel", "video/quicktime", MB, "must be one of: MP4"),
    ("headshot", "image/png", 5 * MB + 1, "at most 5 MB"),
    ("payslip", "image/png", 10, "We take uploads of"),
])
async def test_an_upload_link_is_refused_with_the_reason(store, kind, content_type, size, words):
    with pytest.raises(Rejected, match=words):
        await store.upload_link("ada", kind, content_type, size)


async def test_only_its_owner_completes_an_upload(store):
    media = await store.save("ada", "headshot", "image/png", PNG)
    with pytest.raises(Rejected, match="cannot find that upload"):
        await store.complete_upload("emeka", media.media_id)
    with pytest.raises(Rejected, match="cannot find that upload"):
        await store.complete_upload("ada", "0" * 32)


# What only S3 does.

async def test_a_presigned_link_streams_the_file_and_s3_refuses_it_after_fifteen_minutes(s3_settings, s3_server):
    store = S3MediaStore(**s3_settings)
    media = await store.save("ada", "showreel", "video/mp4", MP4)
    link = await store.link(media.media_id)
    fetched = requests.get(link, timeout=HTTP_TIMEOUT_S)
    assert fetched.status_code == 200 and fetched.content == MP4
    assert fetched.headers["Content-Type"] == "video/mp4"
    ranged = requests.get(link, headers={"Range": "bytes=4-11"}, timeout=HTTP_TIMEOUT_S)
    assert ranged.status_code == 206 and ranged.content == b"ftypisom"

    s3_server.advance_clock(LINK_MAX_S + 1)
    expired = requests.get(link, timeout=HTTP_TIMEOUT_S)
    assert expired.status_code == 403 and "Request has expired" in expired.text


def post(answer: dict, data: bytes, **field_changes) -> requests.Response:
    fields = {**answer["fields"], **field_changes}
    return requests.post(answer["url"], data=fields, files={"file": ("upload", data)}, timeout=HTTP_TIMEOUT_S)


def bucket_keys(settings: dict) -> list[str]:
    client = boto3.client("s3", endpoint_url=settings["endpoint_url"], region_name=settings["region"],
                          aws_access_key_id="k", aws_secret_access_key="s")
    return sorted(item["Key"] for item in client.list_objects_v2(Bucket=settings["bucket"]).get("Contents", []))


async def test_a_direct_upload_is_kept_once_its_bytes_are_checked(s3_settings):
    store = S3MediaStore(**s3_settings)
    answer = await store.upload_link("ada", "headshot", "image/png", len(PNG))
    assert answer["method"] == "POST" and lifetime_s_of_policy(answer) <= LINK_MAX_S
    assert post(answer, PNG).status_code == 204
    assert await store.describe(answer["media_id"]) is None  # not kept before it is checked

    media = await store.complete_upload("ada", answer["media_id"])
    assert (media.owner_id, media.kind, media.content_type, media.size) == ("ada", "headshot", "image/png", len(PNG))
    assert await store.load(media.media_id) == (media, PNG)
    assert await store.complete_upload("ada", answer["media_id"]) == media  # a retry
    assert bucket_keys(s3_settings) == [f"media/{media.media_id}"]


def lifetime_s_of_policy(answer: dict) -> int:
    policy = json.loads(base64.b64decode(answer["fields"]["policy"]))
    ends = datetime.strptime(policy["expiration"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    return int(ends.timestamp() - time.time())


async def test_s3_refuses_a_direct_upload_over_the_kinds_limit_or_of_another_type(s3_settings):
    store = S3MediaStore(**s3_settings)
    answer = await store.upload_link("ada", "headshot", "image/png", len(PNG))
    too_big = post(answer, PNG + b"\x00" * (5 * MB))
    assert too_big.status_code == 400 and "EntityTooLarge" in too_big.text
    retyped = post(answer, PNG, **{"Content-Type": "image/svg+xml"})
    assert retyped.status_code == 403 and "Policy Condition failed" in retyped.text
    assert bucket_keys(s3_settings) == []


async def test_an_upload_whose_bytes_are_not_its_kind_is_deleted_with_the_reason(s3_settings):
    store = S3MediaStore(**s3_settings)
    answer = await store.upload_link("ada", "headshot", "image/png", len(PNG))
    assert post(answer, PDF).status_code == 204  # S3 cannot read it; we do
    with pytest.raises(Rejected, match="A headshot must be one of: JPEG, PNG, WEBP"):
        await store.complete_upload("ada", answer["media_id"])
    assert bucket_keys(s3_settings) == []
    with pytest.raises(Rejected, match="cannot find that upload"):
        await store.complete_upload("ada", answer["media_id"])


async def test_an_upload_link_dies_after_fifteen_minutes(s3_settings, s3_server):
    store = S3MediaStore(**s3_settings)
    answer = await store.upload_link("ada", "headshot", "image/png", len(PNG))
    s3_server.advance_clock(LINK_MAX_S + 1)
    late = post(answer, PNG)
    assert late.status_code == 403 and "Policy expired" in late.text
