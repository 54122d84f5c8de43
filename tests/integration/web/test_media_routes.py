"""Uploads through the api: headshots for everyone signed in, ID documents for their owner,
self-tapes for their owner and the office of the project they were submitted to; signed links
that play without a sign-in until they expire; on S3, redirects to presigned links and uploads
straight to the bucket whose bytes the api checks. Refusals say why."""
import uuid

import pytest
from aiohttp.test_utils import TestClient, TestServer

from core.media import MB
from tests.integration.people import auth, person
from web.app import create_app

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200
PDF = b"%PDF-1.7\n" + b"\x00" * 200


@pytest.fixture
async def media_api(settings, couch, redis, tmp_path):
    client = TestClient(TestServer(create_app(settings.model_copy(update={"var_dir": tmp_path}))))
    await client.start_server()
    yield client
    await client.close()


async def test_a_headshot_is_for_everyone_an_id_document_for_its_owner(media_api, bus):
    ada, emeka = await person(bus, "actor"), await person(bus, "crew")

    headshot = await media_api.post("/media/headshot", data=PNG, headers=auth(ada))
    assert headshot.status == 201
    shown = await media_api.get(f"/media/{(await headshot.json())['media_id']}", headers=auth(emeka))
    assert shown.status == 200 and await shown.read() == PNG and shown.content_type == "image/png"

    id_document = await media_api.post("/media/id_document", data=PDF, headers=auth(ada))
    media_id = (await id_document.json())["media_id"]
    assert (await media_api.get(f"/media/{media_id}", headers=auth(emeka))).status == 404
    assert (await media_api.get(f"/media/{media_id}", headers=auth(ada))).status == 200


async def test_bad_uploads_are_refused_with_the_reason(media_api, bus):
    ada = await person(bus, "actor")
    wrong = await media_api.post("/media/headshot", data=PDF, headers=auth(ada))
    assert wrong.status == 400 and "JPEG, PNG, WEBP" in (await wrong.json())["reason"]
    too_big = await media_api.post("/media/headshot", data=PNG + b"\x00" * (5 * MB), headers=auth(ada))
    assert too_big.status == 413 and "at most 5 MB" in (await too_big.json())["reason"]
    assert (await media_api.post("/media/headshot", data=PNG)).status == 401


async def test_an_identity_check_cites_ones_own_uploads(media_api, bus, settings, tmp_path):
    from config.bootstrap import media_store
    from core.errors import Rejected
    from core.kyc_commands import SubmitKyc

    ada, emeka = await person(bus, "actor"), await person(bus, "crew")
    selfie = await (await media_api.post("/media/selfie", data=PNG, headers=auth(ada))).json()
    document = await (await media_api.post("/media/id_document", data=PDF, headers=auth(ada))).json()
    bus.services.media = media_store(settings.model_copy(update={"var_dir": tmp_path}))

    with pytest.raises(Rejected, match="cannot find your ID document"):
        await bus.handle(SubmitKyc("kyc_submission:emeka", emeka, "NIN", "12345678901",
                                   document["media_id"], selfie["media_id"]))
    job = await bus.handle(SubmitKyc("kyc_submission:ada", ada, "NIN", "12345678901",
                                     document["media_id"], selfie["media_id"]))
    assert job


async def test_a_profile_shows_only_ones_own_headshots(media_api, bus, settings, tmp_path):
    from config.bootstrap import media_store
    from core.errors import Rejected
    from core.profile_commands import UpdateProfile

    ada, emeka = await person(bus, "actor"), await person(bus, "actor")
    mine = await (await media_api.post("/media/headshot", data=PNG, headers=auth(ada))).json()
    bus.services.media = media_store(settings.model_copy(update={"var_dir": tmp_path}))

    with pytest.raises(Rejected, match="cannot find your headshot"):
        await bus.handle(UpdateProfile("profile_update:emeka", emeka, {"headshots": [mine["media_id"]]}))
    await bus.handle(UpdateProfile("profile_update:ada", ada, {"headshots": [mine["media_id"]]}))
    card = await bus.services.store.get("directory", f"person:{ada}")
    assert card["headshots"] == [mine["media_id"]]


OGG = b"OggS" + b"\x00" * 200
MP4 = b"\x00\x00\x00\x18ftypisom" + b"\x00" * 200
LINK_SECRET = "test-media-link-secret"


@pytest.fixture
async def linking_api(settings, couch, redis, tmp_path):
    """The api with a local store that signs links (the secret config/bootstrap.py will pass)."""
    from sync.media_files import LocalMediaStore
    from web.media_routes import MEDIA

    app = create_app(settings.model_copy(update={"var_dir": tmp_path}))
    app[MEDIA] = LocalMediaStore(tmp_path / "media", link_secret=LINK_SECRET)
    client = TestClient(TestServer(app))
    await client.start_server()
    yield client
    await client.close()


async def test_a_self_tape_is_for_its_owner_and_the_office_of_the_project_applied_to(linking_api, bus):
    from core.media import share_uploads
    from tests.integration.people import project_of
    from web.media_routes import MEDIA

    ada, emeka, producer = await person(bus, "actor"), await person(bus, "actor"), await person(bus, "producer")
    project_id = await project_of(bus, producer)
    tape = await (await linking_api.post("/media/voice_clip", data=OGG, headers=auth(ada))).json()
    url = f"/media/{tape['media_id']}"
    assert [(await linking_api.get(url, headers=auth(who))).status for who in (ada, emeka, producer)] == [200, 404, 404]

    # An application citing it shares it with the project (core.media.share_uploads).
    await share_uploads(linking_api.server.app[MEDIA], project_id, tape["media_id"])
    assert [(await linking_api.get(url, headers=auth(who))).status for who in (ada, emeka, producer)] == [200, 404, 200]
    played = await linking_api.get(url, headers={**auth(producer), "Range": "bytes=0-3"})
    assert played.status == 206 and await played.read() == b"OggS" and played.content_type == "audio/ogg"


async def test_a_signed_link_plays_without_a_sign_in_until_it_expires(linking_api, bus):
    from web.media_routes import MEDIA

    ada = await person(bus, "actor")
    tape = await (await linking_api.post("/media/showreel", data=MP4, headers=auth(ada))).json()
    link = await linking_api.server.app[MEDIA].link(tape["media_id"], 60)
    played = await linking_api.get(link)
    assert played.status == 200 and await played.read() == MP4

    bent = link.replace("sig=", "sig=0")
    assert (await linking_api.get(bent)).status == 403
    other = await (await linking_api.post("/media/showreel", data=MP4, headers=auth(ada))).json()
    stolen = await linking_api.get(link.replace(tape["media_id"], other["media_id"]))
    assert stolen.status == 403 and "ask for a new one" in (await stolen.json())["reason"]


@pytest.fixture(scope="module")
def s3_server():
    from tests.fakes.s3_server import S3Server

    with S3Server() as server:
        yield server


@pytest.fixture
async def s3_api(settings, couch, redis, s3_server):
    """The api on the S3 store (moto), as NOLLYCREW_MEDIA_BACKEND=s3 will make it."""
    from sync.s3_media import S3MediaStore
    from tests.fakes.s3_server import s3_bucket
    from web.media_routes import MEDIA

    app = create_app(settings)
    app[MEDIA] = S3MediaStore(**s3_bucket(s3_server, f"nollycrew-{uuid.uuid4().hex[:12]}"))
    client = TestClient(TestServer(app))
    await client.start_server()
    yield client
    await client.close()


async def test_on_s3_a_file_is_a_redirect_to_a_presigned_link(s3_api, bus):
    import requests

    ada, emeka = await person(bus, "actor"), await person(bus, "actor")
    headshot = await (await s3_api.post("/media/headshot", data=PNG, headers=auth(ada))).json()
    tape = await (await s3_api.post("/media/showreel", data=MP4, headers=auth(ada))).json()

    shown = await s3_api.get(f"/media/{headshot['media_id']}", headers=auth(emeka), allow_redirects=False)
    assert shown.status == 302 and "X-Amz-Expires=900" in shown.headers["Location"]
    assert requests.get(shown.headers["Location"], timeout=30).content == PNG
    assert (await s3_api.get(f"/media/{tape['media_id']}", headers=auth(emeka), allow_redirects=False)).status == 404


async def test_a_phone_uploads_straight_to_s3_and_the_api_checks_the_bytes(s3_api, bus):
    import requests

    ada = await person(bus, "actor")
    asked = await s3_api.post("/media/showreel/upload-link", json={"content_type": "video/mp4", "size": len(MP4)},
                              headers=auth(ada))
    answer = await asked.json()
    sent = requests.post(answer["url"], data=answer["fields"], files={"file": ("tape.mp4", MP4)}, timeout=30)
    assert sent.status_code == 204
    kept = await s3_api.post(f"/media/uploads/{answer['media_id']}/complete", headers=auth(ada))
    assert kept.status == 201 and (await kept.json())["content_type"] == "video/mp4"

    too_big = await s3_api.post("/media/showreel/upload-link", json={"content_type": "video/mp4", "size": 101 * MB},
                                headers=auth(ada))
    assert too_big.status == 413 and "at most 100 MB" in (await too_big.json())["reason"]
    wrong = await (await s3_api.post("/media/headshot/upload-link", json={"content_type": "image/png", "size": 300},
                                     headers=auth(ada))).json()
    requests.post(wrong["url"], data=wrong["fields"], files={"file": ("x.png", PDF)}, timeout=30)
    refused = await s3_api.post(f"/media/uploads/{wrong['media_id']}/complete", headers=auth(ada))
    assert refused.status == 400 and "A headshot must be one of" in (await refused.json())["reason"]
    assert (await s3_api.post("/media/headshot/upload-link", data=b"nonsense", headers=auth(ada))).status == 400
