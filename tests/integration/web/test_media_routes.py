"""Uploads through the api: kept on local files, public kinds for everyone signed in, private
ones for their owner only; refusals say why."""
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
