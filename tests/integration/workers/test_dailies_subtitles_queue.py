"""Rushes uploaded as dailies to subtitles on their version in CouchDB: the upload queues one job
in Redis, the job loads the take from the media store, hears it with the packaged tiny.en, keeps
SRT and VTT made from the take and answers the core once; the office reads the subtitles through
GET /media because it may play the take, a stranger cannot; a mute take is recorded as refused."""
import asyncio

import pytest
from aiohttp.test_utils import TestClient, TestServer
from rq import Queue
from rq.job import Job

from core import scopes
from core.commands import GrantProjectRole
from core.dailies import dailies_doc_id
from core.dailies_commands import UploadDailies
from core.dailies_subtitles import NO_SOUND
from core.transcripts import word_error_rate
from tests.integration.people import auth, person, project_of
from tests.integration.workers.job_stack import bus  # noqa: F401 (fixture)
from tests.unit.workers.media_samples import phone_video
from tests.unit.workers.speech_samples import CASTING_READ, spoken_wav, wav_seconds
from tests.unit.workers.test_whisper_speech import MAX_WORD_ERROR_RATE
from workers.transcription import QUEUE, dailies_job_id, subtitle_dailies

SPOKEN = " ".join(CASTING_READ[:2])


@pytest.fixture
def settings(settings, tmp_path, monkeypatch):
    monkeypatch.setenv("NOLLYCREW_VAR_DIR", str(tmp_path))  # one media store for the api, core and job
    from config.settings import Settings

    return Settings()



@pytest.fixture
async def api(settings, couch, redis):
    from web.app import create_app

    client = TestClient(TestServer(create_app(settings)))
    await client.start_server()
    yield client
    await client.close()


@pytest.fixture(scope="module")
def takes(tmp_path_factory) -> dict[str, bytes]:
    """A phone-made take of someone speaking (H.264 and AAC), and a mute one."""
    folder = tmp_path_factory.mktemp("takes")
    speech = folder / "speech.wav"
    speech.write_bytes(spoken_wav(SPOKEN, folder))
    seconds = round(wav_seconds(speech.read_bytes()), 1)
    return {"spoken": phone_video(folder / "spoken.mp4", seconds, 320, 240, fps=25, speech=speech).read_bytes(),
            "mute": phone_video(folder / "mute.mp4", 2, 320, 240, fps=25, sound=False).read_bytes()}


async def uploaded(api, bus, data: bytes) -> tuple[str, str, str]:
    """(producer, project, media id) with `data` uploaded through the api as version 1 of 12A/3."""
    producer = await person(bus, "producer")
    project_id = await project_of(bus, producer)
    answer = await api.post("/media/dailies", data=data, headers=auth(producer))
    assert answer.status == 201, await answer.text()
    media_id = (await answer.json())["media_id"]
    await bus.handle(UploadDailies("dailies_upload:1", project_id, producer, media_id, "12A/3"))
    return producer, project_id, media_id


async def version_one(bus, project_id: str) -> dict:
    doc = await bus.services.store.get(scopes.office_db(project_id), dailies_doc_id("12a-3"))
    return doc["versions"][0]


def cue_text(vtt: str) -> str:
    """The words of a WebVTT file: its cues' text without the header and the timings."""
    lines = vtt.splitlines()[1:]
    return " ".join(line for line in lines if line.strip() and "-->" not in line)


async def test_a_spoken_take_gets_subtitles_the_office_reads_and_a_stranger_does_not(api, bus, redis, takes):
    producer, project_id, media_id = await uploaded(api, bus, takes["spoken"])

    queue = Queue(QUEUE, connection=redis)
    assert queue.job_ids == [dailies_job_id(project_id, "12a-3", 1)]
    job = Job.fetch(queue.job_ids[0], connection=redis)
    assert await asyncio.to_thread(subtitle_dailies, *job.args) == "transcribed"

    version = await version_one(bus, project_id)
    transcript = version["transcript"]
    assert (transcript["status"], transcript["language"], transcript["model"], transcript["reason"]) == (
        "done", "en", "tiny.en", "")
    assert word_error_rate(SPOKEN, transcript["text"]) < MAX_WORD_ERROR_RATE, transcript["text"]
    assert sorted(version["subtitles"]) == ["srt", "vtt"] and version["media_id"] == media_id
    for name, content_type in (("srt", "application/x-subrip"), ("vtt", "text/vtt")):
        kept, _ = await bus.services.media.load(version["subtitles"][name])
        assert (kept.kind, kept.content_type, kept.derived_from, kept.owner_id) == (
            "subtitles", content_type, media_id, producer)

    first_ad, stranger = await person(bus, "crew"), await person(bus, "actor")
    await bus.handle(GrantProjectRole("project_role_grant:1", project_id, producer, first_ad, "first_ad"))
    vtt_url = f"/media/{version['subtitles']['vtt']}"
    for who in (producer, first_ad):  # the first AD owns nothing here: the take's access is what counts
        answer = await api.get(vtt_url, headers=auth(who))
        assert (answer.status, answer.content_type) == (200, "text/vtt")
        vtt = await answer.text()
        assert vtt.startswith("WEBVTT\n\n") and word_error_rate(SPOKEN, cue_text(vtt)) < MAX_WORD_ERROR_RATE, vtt
    srt = await api.get(f"/media/{version['subtitles']['srt']}", headers=auth(first_ad))
    assert srt.status == 200 and (await srt.text()).startswith("1\n00:00:")
    assert (await api.get(vtt_url, headers=auth(stranger))).status == 404
    assert (await api.get(vtt_url)).status == 401


async def test_a_retried_job_and_a_retried_upload_write_nothing_more(api, bus, redis, takes, settings):
    producer, project_id, media_id = await uploaded(api, bus, takes["spoken"])
    args = (project_id, "12a-3", 1)
    assert await asyncio.to_thread(subtitle_dailies, *args) == "transcribed"
    written = await bus.services.store.get(scopes.office_db(project_id), dailies_doc_id("12a-3"))
    files = sorted(path.name for path in (settings.var_dir / "media").iterdir())

    assert await asyncio.to_thread(subtitle_dailies, *args) == "done before"  # a retry of the job
    await bus.handle(UploadDailies("dailies_upload:1", project_id, producer, media_id, "12A/3"))  # of the upload
    await bus.services.media_work.transcribe_dailies(*args)  # asked once more

    again = await bus.services.store.get(scopes.office_db(project_id), dailies_doc_id("12a-3"))
    assert again["_rev"] == written["_rev"]
    assert sorted(path.name for path in (settings.var_dir / "media").iterdir()) == files
    assert Queue(QUEUE, connection=redis).job_ids.count(dailies_job_id(*args)) == 1


async def test_a_mute_take_is_recorded_as_refused_with_its_reason(api, bus, takes):
    _, project_id, _ = await uploaded(api, bus, takes["mute"])

    assert await asyncio.to_thread(subtitle_dailies, project_id, "12a-3", 1) == "refused"

    version = await version_one(bus, project_id)
    assert (version["transcript"]["status"], version["transcript"]["reason"], version["subtitles"]) == (
        "refused", NO_SOUND, {})
