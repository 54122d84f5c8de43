"""A kept self-tape to its copies on the application in CouchDB: the transcription job queues the
copy job in Redis under one id, the job runs Debian's ffmpeg on the kept file, keeps the copies
in the media store (each following its source's access) and answers the core, once; a file
ffmpeg cannot read is recorded with its reason."""
import asyncio
import os
import uuid
from datetime import date, time

import pytest
from rq import Queue
from rq.job import Job

from core import scopes
from core.commands import ApplyForJob, PostJob
from core.money import Money
from core.transcript_commands import AttachTranscript
from core.transcripts import Transcription
from tests.conftest import TWILIO_SID, TWILIO_TOKEN
from tests.fakes.twilio_server import FakeTwilio
from tests.integration.people import person, project_of
from tests.integration.workers.job_stack import bus  # noqa: F401 (fixture)
from tests.unit.workers.media_samples import phone_video, quiet_voice_note
from tests.unit.workers.speech_samples import CASTING_READ, spoken_wav
from workers.media_processing import QUEUE, process_self_tape, processing_job_id
from workers.transcription import transcribe_self_tape, transcript_job_id

VIDEO_LINK = "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1"
HEARD = Transcription("Good morning, I grew up in Lagos.", "en", 3.0, "tiny.en")


@pytest.fixture
async def fake():
    async with FakeTwilio(TWILIO_SID, TWILIO_TOKEN) as fake:
        yield fake


@pytest.fixture
def settings(settings, fake, tmp_path, monkeypatch):
    monkeypatch.setenv("NOLLYCREW_VAR_DIR", str(tmp_path))  # the media store, for core and job alike
    monkeypatch.setenv("NOLLYCREW_TWILIO_API_BASE", fake.base_url)
    from config.settings import Settings

    return Settings()



@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("samples")
    speech = folder / "speech.wav"
    speech.write_bytes(spoken_wav(" ".join(CASTING_READ[:2]), folder))
    return {"video/mp4": phone_video(folder / "tape.mp4", 4, 1280, 720, speech=speech).read_bytes(),
            "audio/ogg": quiet_voice_note(folder / "note.ogg", speech).read_bytes()}


async def applied(bus, media: list[dict]) -> tuple[str, str, str]:
    """(project, applicant, application) for a fresh job applied to with `media`."""
    producer, actor = await person(bus, "producer"), await person(bus, "crew")
    project_id, tag = await project_of(bus, producer), uuid.uuid4().hex
    job = await bus.handle(PostJob(f"job_post_request:{tag}", project_id, producer, "Lead actress", "cast",
                                   date(2026, 12, 1), date(2026, 12, 3), time(6, 0), Money(30_000_000, "NGN"),
                                   "day", "Lagos Island", "Lagos"))
    application = await bus.handle(ApplyForJob(f"application_request:{tag}", actor, job, media=tuple(media)))
    return project_id, actor, application


async def kept_and_transcribed(bus, data: bytes, content_type: str) -> tuple[str, str, str, str]:
    """What the transcription job leaves: the self-tape kept in the media store, its transcript
    (with the kept file's id) on the application. (project, applicant, application, media id)."""
    project_id, actor, application_id = await applied(bus, [{"url": VIDEO_LINK, "content_type": content_type}])
    kind = "showreel" if content_type.startswith("video/") else "voice_clip"
    kept = await bus.services.media.save(actor, kind, content_type, data)
    await bus.handle(AttachTranscript(project_id, application_id, actor, 0, HEARD, "", kept.media_id, {}))
    return project_id, actor, application_id, kept.media_id


async def application_copies(bus, project_id, actor, application_id) -> tuple[dict, dict]:
    store = bus.services.store
    return (await store.get(scopes.office_db(project_id), f"application:{application_id}"),
            await store.get(scopes.user_db(actor), f"application:{application_id}"))


def files_kept(settings) -> int:
    return sum(len(files) for _, _, files in os.walk(settings.var_dir))


async def test_a_kept_video_gets_a_thumbnail_and_a_low_copy_on_both_copies_of_the_application(bus, samples):
    project_id, actor, application_id, source_id = await kept_and_transcribed(bus, samples["video/mp4"], "video/mp4")

    assert await asyncio.to_thread(process_self_tape, project_id, application_id, 0) == "derived"

    office_copy, applicant_copy = await application_copies(bus, project_id, actor, application_id)
    (entry,) = office_copy["derived_media"]
    assert (entry["status"], entry["source_media_id"], sorted(entry["media"])) == ("done", source_id,
                                                                                   ["thumbnail", "video_low"])
    assert applicant_copy["derived_media"] == office_copy["derived_media"]
    for kind, content_type, head in (("thumbnail", "image/jpeg", b"\xff\xd8\xff"), ("video_low", "video/mp4", None)):
        kept, data = await bus.services.media.load(entry["media"][kind])
        assert (kept.kind, kept.content_type, kept.owner_id, kept.derived_from) == (kind, content_type, actor, source_id)
        assert data.startswith(head) if head else data[4:8] == b"ftyp"


async def test_the_jobs_retry_writes_nothing_twice(bus, samples, settings):
    project_id, actor, application_id, _ = await kept_and_transcribed(bus, samples["video/mp4"], "video/mp4")
    assert await asyncio.to_thread(process_self_tape, project_id, application_id, 0) == "derived"
    written, files = await application_copies(bus, project_id, actor, application_id), files_kept(settings)

    assert await asyncio.to_thread(process_self_tape, project_id, application_id, 0) == "done before"

    assert await application_copies(bus, project_id, actor, application_id) == written  # same _revs
    assert files_kept(settings) == files


async def test_a_voice_note_gets_an_evened_out_copy(bus, samples):
    project_id, actor, application_id, source_id = await kept_and_transcribed(bus, samples["audio/ogg"], "audio/ogg")

    assert await asyncio.to_thread(process_self_tape, project_id, application_id, 0) == "derived"

    office_copy, _ = await application_copies(bus, project_id, actor, application_id)
    kept, data = await bus.services.media.load(office_copy["derived_media"][0]["media"]["voice_normalised"])
    assert (kept.content_type, kept.derived_from, data[:4]) == ("audio/ogg", source_id, b"OggS")


async def test_a_damaged_file_is_recorded_with_its_reason_and_nothing_kept(bus, samples, settings):
    damaged = samples["video/mp4"][:5_000]
    project_id, actor, application_id, source_id = await kept_and_transcribed(bus, damaged, "video/mp4")
    files = files_kept(settings)

    assert await asyncio.to_thread(process_self_tape, project_id, application_id, 0) == "refused"

    office_copy, applicant_copy = await application_copies(bus, project_id, actor, application_id)
    assert office_copy["derived_media"] == applicant_copy["derived_media"]
    assert {key: office_copy["derived_media"][0][key] for key in ("status", "reason", "source_media_id")} == {
        "status": "refused", "source_media_id": source_id,
        "reason": "This file is not a video or voice note we can play: it may be damaged or cut short."}
    assert files_kept(settings) == files


async def test_a_self_tape_whose_file_was_not_kept_is_left_alone(bus):
    project_id, actor, application_id = await applied(bus, [{"url": VIDEO_LINK, "content_type": "video/mp4"}])

    assert await asyncio.to_thread(process_self_tape, project_id, application_id, 0) == "nothing kept"

    office_copy, _ = await application_copies(bus, project_id, actor, application_id)
    assert "derived_media" not in office_copy


async def test_the_transcription_job_queues_the_copies_once(bus, redis, samples, fake):
    url = fake.add_media(samples["audio/ogg"], "audio/ogg")
    project_id, actor, application_id = await applied(bus, [{"url": url, "content_type": "audio/ogg"}])
    args = Job.fetch(transcript_job_id(application_id, 0), connection=redis).args

    assert await asyncio.to_thread(transcribe_self_tape, *args) == "transcribed"
    assert await asyncio.to_thread(transcribe_self_tape, *args) == "done before"  # a retry: still one job

    wanted = processing_job_id(application_id, 0)
    assert Queue(QUEUE, connection=redis).job_ids.count(wanted) == 1
    job = Job.fetch(wanted, connection=redis)
    assert job.args == (project_id, application_id, 0)
    assert await asyncio.to_thread(process_self_tape, *job.args) == "derived"
    office_copy, _ = await application_copies(bus, project_id, actor, application_id)
    assert list(office_copy["derived_media"][0]["media"]) == ["voice_normalised"]
