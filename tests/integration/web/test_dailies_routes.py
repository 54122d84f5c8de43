"""Dailies over HTTP: the office and the reviewers it invites read a label's versions and comments
and get a link that streams a version for at most 15 minutes; anyone else gets 403."""
from urllib.parse import parse_qs, urlsplit

import pytest
from aiohttp.test_utils import TestClient, TestServer

from core import scopes
from core.bus import MessageBus
from core.dailies_commands import CommentOnDailies, InviteDailiesReviewer, UploadDailies
from core.dailies_subtitles import AttachDailiesSubtitles
from core.handlers import COMMAND_HANDLERS, EVENT_HANDLERS
from core.media import LINK_MAX_S
from core.transcripts import Transcription
from sync.media_files import LocalMediaStore
from tests.integration.people import auth, person, project_of
from web.app import create_app
from web.media_routes import MEDIA

MP4 = b"\x00\x00\x00\x18ftypisom" + b"\x00" * 400


@pytest.fixture
def store(tmp_path):
    return LocalMediaStore(tmp_path / "media", link_secret="test-media-link-secret")


@pytest.fixture
async def api(settings, couch, redis, store, tmp_path):
    app = create_app(settings.model_copy(update={"var_dir": tmp_path}))
    app[MEDIA] = store
    client = TestClient(TestServer(app))
    await client.start_server()
    yield client
    await client.close()


@pytest.fixture
def dailies_bus(bus, store):
    """The integration bus keeping files in this test's store."""
    bus.services.media = store
    return MessageBus(bus.services, COMMAND_HANDLERS, EVENT_HANDLERS)


WEBVTT = b"WEBVTT\n\n00:00:00.500 --> 00:00:01.500\nAction.\n"


async def shot(api, dailies_bus) -> tuple[str, str]:
    """(producer, project) with version 1 of 12A/3 uploaded."""
    producer = await person(dailies_bus, "producer")
    project_id = await project_of(dailies_bus, producer)
    upload = await (await api.post("/media/dailies", data=MP4, headers=auth(producer))).json()
    await dailies_bus.handle(UploadDailies("dailies_upload:1", project_id, producer, upload["media_id"], "12A/3"))
    return producer, project_id


async def test_the_office_streams_a_version_through_a_short_link(api, dailies_bus):
    producer, project_id = await shot(api, dailies_bus)
    answer = await api.get(f"/projects/{project_id}/dailies/12a-3/1/link", headers=auth(producer))
    assert answer.status == 200
    link = (await answer.json())["url"]
    expires = int(parse_qs(urlsplit(link).query)["expires"][0])
    assert expires - (await answer.json())["expires_at"] <= 1 and (await answer.json())["expires_s"] <= LINK_MAX_S

    played = await api.get(link)  # no sign-in: the link is the permission
    assert played.status == 200 and await played.read() == MP4 and played.content_type == "video/mp4"
    # The office also fetches it signed in, since the upload now belongs to the project.
    media_id = urlsplit(link).path.rsplit("/", 1)[1]
    assert (await api.get(f"/media/{media_id}", headers=auth(producer))).status == 200

    missing = await api.get(f"/projects/{project_id}/dailies/12a-3/2/link", headers=auth(producer))
    assert missing.status == 404


async def test_an_invited_reviewer_sees_comments_and_gets_links_a_stranger_does_not(api, dailies_bus):
    producer, project_id = await shot(api, dailies_bus)
    investor, stranger = await person(dailies_bus, "investor"), await person(dailies_bus, "actor")
    for who in (investor, stranger):
        assert (await api.get(f"/projects/{project_id}/dailies/12a-3/1/link", headers=auth(who))).status == 403
        assert (await api.get(f"/projects/{project_id}/dailies/12a-3", headers=auth(who))).status == 403

    await dailies_bus.handle(InviteDailiesReviewer("dailies_reviewer_invite:1", project_id, producer, investor))
    await dailies_bus.handle(CommentOnDailies("dailies_comment:1", investor, project_id, "12A/3", 1,
                                              "The boom dips in at the turn.", timecode="00:00:04:12"))
    shown = await api.get(f"/projects/{project_id}/dailies/12a-3", headers=auth(investor))
    assert shown.status == 200
    version = (await shown.json())["versions"][0]
    assert [(c["timecode"], c["by"]) for c in version["comments"]] == [("00:00:04:12", investor)]
    assert (await api.get(f"/projects/{project_id}/dailies/12a-3/1/link", headers=auth(investor))).status == 200
    assert (await api.get(f"/projects/{project_id}/dailies/12a-3/1/link", headers=auth(stranger))).status == 403
    assert (await api.get(f"/projects/{project_id}/dailies/14-1", headers=auth(producer))).status == 404
    assert (await api.get(f"/projects/{project_id}/dailies/12a-3")).status == 401


async def test_a_reviewer_reads_the_takes_subtitles_through_links_too(api, dailies_bus, store):
    producer, project_id = await shot(api, dailies_bus)
    investor = await person(dailies_bus, "investor")
    await dailies_bus.handle(InviteDailiesReviewer("dailies_reviewer_invite:1", project_id, producer, investor))
    take = (await dailies_bus.services.store.get(scopes.office_db(project_id), "dailies:12a-3"))["versions"][0]
    vtt = await store.save(producer, "subtitles", "text/vtt", WEBVTT, derived_from=take["media_id"])
    heard = Transcription("Action.", "en", 2.0, "tiny.en", ())
    await dailies_bus.handle(AttachDailiesSubtitles(project_id, "12a-3", 1, take["media_id"], heard,
                                                    subtitles={"vtt": vtt.media_id}))

    assert (await api.get(f"/media/{vtt.media_id}", headers=auth(investor))).status == 404  # not office
    answer = await (await api.get(f"/projects/{project_id}/dailies/12a-3/1/link", headers=auth(investor))).json()
    track = await api.get(answer["subtitles"]["vtt"])  # no sign-in: the link is the permission
    assert track.status == 200 and await track.read() == WEBVTT
