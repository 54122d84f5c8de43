"""A WhatsApp voice note from the fake Twilio to a transcript on the application in CouchDB: the
core queues the job in Redis, the job fetches the file behind Twilio's basic auth, keeps it and
its subtitles in the media store, hears it with the packaged tiny.en, and answers the core."""
import asyncio
import uuid
from datetime import date, time

import aiohttp
import pytest
from rq import Queue
from rq.job import Job

from core import scopes
from core.commands import ApplyForJob, PostJob
from core.media import MB
from core.money import Money
from core.transcripts import Untranscribable, word_error_rate
from tests.conftest import TWILIO_SID, TWILIO_TOKEN
from tests.fakes.twilio_server import FakeTwilio
from tests.integration.people import person, project_of
from tests.integration.workers.job_stack import bus  # noqa: F401 (fixture)
from tests.unit.workers.speech_samples import CASTING_READ, spoken_wav, voice_note, wav_seconds
from tests.unit.workers.test_whisper_speech import MAX_WORD_ERROR_RATE
from workers.channel_media import ChatAccounts, ChatMediaUnavailable, fetch_chat_media
from workers.transcription import QUEUE, transcribe_self_tape, transcript_job_id

SPOKEN = " ".join(CASTING_READ[:2])


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
def reading(tmp_path_factory) -> bytes:
    return spoken_wav(SPOKEN, tmp_path_factory.mktemp("speech"))


async def apply_with(bus, media: list[dict]) -> tuple[str, str, str]:
    """(project, applicant, application) for a fresh job applied to with `media`."""
    producer, actor = await person(bus, "producer"), await person(bus, "crew")
    project_id, tag = await project_of(bus, producer), uuid.uuid4().hex
    job = await bus.handle(PostJob(f"job_post_request:{tag}", project_id, producer, "Lead actress", "cast",
                                   date(2026, 12, 1), date(2026, 12, 3), time(6, 0), Money(30_000_000, "NGN"),
                                   "day", "Lagos Island", "Lagos"))
    application = await bus.handle(ApplyForJob(f"application_request:{tag}", actor, job, media=tuple(media)))
    return project_id, actor, application


def accounts(settings) -> ChatAccounts:
    return ChatAccounts.from_settings(settings)


async def test_a_voice_note_becomes_a_transcript_on_the_application(bus, fake, redis, reading):
    note = voice_note(reading)
    url = fake.add_media(note, "audio/ogg")
    project_id, actor, application_id = await apply_with(bus, [{"url": url, "content_type": "audio/ogg"}])

    queue = Queue(QUEUE, connection=redis)
    assert queue.job_ids == [transcript_job_id(application_id, 0)]
    job = Job.fetch(queue.job_ids[0], connection=redis)
    assert await asyncio.to_thread(transcribe_self_tape, *job.args) == "transcribed"

    store, media = bus.services.store, bus.services.media
    office_copy = await store.get(scopes.office_db(project_id), f"application:{application_id}")
    (transcript,) = office_copy["transcripts"]
    assert word_error_rate(SPOKEN, transcript["text"]) < MAX_WORD_ERROR_RATE, transcript["text"]
    assert (transcript["status"], transcript["language"], transcript["model"]) == ("done", "en", "tiny.en")
    assert transcript["duration_s"] == pytest.approx(wav_seconds(reading), abs=0.5)
    kept, data = await media.load(transcript["media_id"])
    assert (data, kept.owner_id, kept.kind, kept.content_type) == (note, actor, "voice_clip", "audio/ogg")
    srt, vtt = [(await media.load(transcript["subtitles"][name]))[1].decode() for name in ("srt", "vtt")]
    assert srt.startswith("1\n00:00:00,000 --> ") and vtt.startswith("WEBVTT\n\n00:00:00.000 --> ")
    applicant_copy = await store.get(scopes.user_db(actor), f"application:{application_id}")
    assert applicant_copy["transcripts"] == office_copy["transcripts"]
    assert fake.media_fetches == [{"media_sid": url.rsplit("/", 1)[1], "authorised": True}]

    assert await asyncio.to_thread(transcribe_self_tape, *job.args) == "done before"  # a retry of the job
    again = await store.get(scopes.office_db(project_id), f"application:{application_id}")
    assert again["_rev"] == office_copy["_rev"] and len(fake.media_fetches) == 1


async def test_a_repeated_application_queues_one_job(bus, fake, redis):
    url = fake.add_media(b"OggS", "audio/ogg")
    project_id, actor, application_id = await apply_with(bus, [{"url": url, "content_type": "audio/ogg"}])

    await bus.services.media_work.transcribe(project_id, application_id, 0, "audio/ogg")

    assert Queue(QUEUE, connection=redis).job_ids == [transcript_job_id(application_id, 0)]


async def test_a_file_that_cannot_be_fetched_is_recorded_with_its_reason(bus, fake):
    gone = fake.add_media(b"", "audio/ogg").rsplit("/", 1)[0] + "/ME" + "0" * 32  # no such Media SID
    project_id, _, application_id = await apply_with(bus, [{"url": gone, "content_type": "audio/ogg"}])

    assert await asyncio.to_thread(transcribe_self_tape, project_id, application_id, 0) == "refused"

    application = await bus.services.store.get(scopes.office_db(project_id), f"application:{application_id}")
    assert application["transcripts"][0]["status"] == "refused"
    assert application["transcripts"][0]["reason"] == "The chat no longer has this file (it answered HTTP 404)."


async def test_twilio_answers_401_without_the_accounts_credentials(fake):
    url = fake.add_media(b"OggS voice", "audio/ogg")

    async with aiohttp.ClientSession() as session:
        async with session.get(url) as answer:
            assert answer.status == 401 and answer.headers["WWW-Authenticate"].startswith("Basic")
        async with session.get(url, auth=aiohttp.BasicAuth(TWILIO_SID, TWILIO_TOKEN)) as answer:
            assert answer.status == 200 and await answer.read() == b"OggS voice"


async def test_wrong_credentials_are_retried_later_not_recorded_as_a_refusal(fake, settings):
    url = fake.add_media(b"OggS voice", "audio/ogg")
    wrong = ChatAccounts(fake.base_url, TWILIO_SID, "not-the-token", "", "")

    with pytest.raises(ChatMediaUnavailable, match="HTTP 401"):
        await fetch_chat_media(url, "audio/ogg", wrong)


async def test_the_credentials_do_not_follow_a_redirect_to_twilios_file_store(fake, settings):
    fake.media_redirects = True
    url = fake.add_media(b"OggS voice", "audio/ogg")

    assert await fetch_chat_media(url, "audio/ogg", accounts(settings)) == b"OggS voice"
    assert [request["authorization"] for request in fake.file_store_requests] == [None]


async def test_a_voice_note_over_its_limit_is_refused(fake, settings):
    url = fake.add_media(b"OggS" + b"\x00" * (16 * MB), "audio/ogg")

    with pytest.raises(Untranscribable, match="at most 16 MB to be transcribed; this one is 17 MB"):
        await fetch_chat_media(url, "audio/ogg", accounts(settings))


async def test_a_telegram_voice_note_is_fetched_with_the_bot_token_put_back():
    from tests.fakes.telegram_server import FakeTelegram

    token = "123456:transcription-bot-token"
    async with FakeTelegram(token) as telegram:
        telegram.add_file("voice-1", "voice/file_9.oga", b"OggS telegram voice")
        stored_url = f"{telegram.file_base_url}{{token}}/voice/file_9.oga"  # as bots/channels/telegram.py keeps it
        chats = ChatAccounts("https://api.twilio.com", TWILIO_SID, TWILIO_TOKEN, telegram.base_url, token)

        assert await fetch_chat_media(stored_url, "audio/ogg", chats) == b"OggS telegram voice"
