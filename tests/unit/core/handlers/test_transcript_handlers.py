"""Self-tapes handed to the media worker when an application arrives, and its answer written
onto the application, through the real bus with in-memory adapters."""
from datetime import timedelta

import pytest

from core import scopes
from core.bus import MessageBus
from core.casting_commands import ApplyToCastingCall
from core.handlers import COMMAND_HANDLERS, EVENT_HANDLERS
from core.handlers.transcripts import TRANSCRIPT_HANDLERS
from core.transcript_commands import AttachTranscript
from core.transcripts import MediaWork, Transcription
from tests.unit.casting_fakes import CASTING_HANDLERS, casting_call
from tests.unit.fakes import make_bus
from tests.unit.production import open_production

VOICE = {"url": "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1", "content_type": "audio/ogg"}
PHOTO = {"url": "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME2", "content_type": "image/jpeg"}
VIDEO = {"url": "https://api.telegram.org/file/bot{token}/videos/file_3.mp4", "content_type": "video/mp4"}
HEARD = Transcription("Good morning, I am reading for the part of Amaka.", "en", 4.2, "tiny.en")


class RecordedMediaWork(MediaWork):
    def __init__(self):
        self.asked: list[tuple] = []

    async def transcribe(self, project_id: str, application_id: str, media_index: int, content_type: str) -> None:
        self.asked.append((project_id, application_id, media_index, content_type))

    async def transcribe_dailies(self, project_id, key, version):
        raise AssertionError("no dailies in these tests")


@pytest.fixture
def work() -> RecordedMediaWork:
    return RecordedMediaWork()


@pytest.fixture
def bus(work) -> MessageBus:
    plain = make_bus()
    plain.services.media_work = work  # core/bus.py's Services field, once wired
    return MessageBus(plain.services, {**COMMAND_HANDLERS, **CASTING_HANDLERS, **TRANSCRIPT_HANDLERS}, EVENT_HANDLERS)


@pytest.fixture
async def production(bus):
    return await open_production(bus)


async def apply(production, media, intent_id="application_request:chidi") -> str:
    from core.commands import ApplyForJob

    return await production.bus.handle(ApplyForJob(intent_id, production.chidi_id, production.job_post_id,
                                                   media=tuple(media)))


def attach(production, application_id, media_index=0, heard=HEARD, reason="") -> AttachTranscript:
    return AttachTranscript(production.project_id, application_id, production.chidi_id, media_index, heard, reason,
                            "media-1", {"srt": "srt-1", "vtt": "vtt-1"} if heard else None)


async def copies(production, application_id) -> list[dict]:
    store = production.bus.services.store
    return [await store.get(db, f"application:{application_id}")
            for db in (production.office, scopes.user_db(production.chidi_id))]


async def test_each_voice_note_and_video_of_an_application_goes_to_the_worker(production, work):
    application_id = await apply(production, [VOICE, PHOTO, VIDEO])

    assert work.asked == [(production.project_id, application_id, 0, "audio/ogg"),
                          (production.project_id, application_id, 2, "video/mp4")]


async def test_an_application_without_sound_queues_nothing(production, work):
    await apply(production, [PHOTO])

    assert work.asked == []


async def test_a_bus_without_media_workers_still_takes_the_application():
    production = await open_production(make_bus())

    application_id = await apply(production, [VOICE])

    office_copy, _ = await copies(production, application_id)
    assert office_copy["media"] == [VOICE] and "transcripts" not in office_copy


async def test_a_self_tape_for_a_casting_call_goes_to_the_worker(production, work):
    call_id = await production.bus.handle(casting_call(production.project_id, production.producer_id))

    application_id = await production.bus.handle(
        ApplyToCastingCall("casting_application:chidi", production.chidi_id, call_id, media=(VIDEO,)))

    assert work.asked == [(production.project_id, application_id, 0, "video/mp4")]


async def test_the_transcript_lands_on_both_copies_of_the_application(production):
    application_id = await apply(production, [VOICE])

    await production.bus.handle(attach(production, application_id))

    now = production.bus.services.clock.now().isoformat()
    for copy in await copies(production, application_id):
        assert copy["transcripts"] == [{
            "media_index": 0, "status": "done", "text": HEARD.text, "language": "en", "duration_s": 4.2,
            "model": "tiny.en", "at": now, "media_id": "media-1", "subtitles": {"srt": "srt-1", "vtt": "vtt-1"},
        }]
        assert copy["media"] == [VOICE] and copy["status"] == "received"


async def test_a_retried_answer_changes_nothing(production):
    application_id = await apply(production, [VOICE])
    await production.bus.handle(attach(production, application_id))
    written = await copies(production, application_id)

    production.bus.services.clock.at += timedelta(minutes=5)
    await production.bus.handle(attach(production, application_id, heard=Transcription("other", "en", 1.0, "x")))

    assert await copies(production, application_id) == written  # same _rev: not even rewritten


async def test_a_retry_after_a_crash_between_the_copies_copies_the_first_answer(production):
    application_id = await apply(production, [VOICE])
    await production.bus.handle(attach(production, application_id))
    store, user_db = production.bus.services.store, scopes.user_db(production.chidi_id)
    await store.update(user_db, f"application:{application_id}",  # as if the second write never happened
                       lambda doc: {key: value for key, value in doc.items() if key != "transcripts"})

    production.bus.services.clock.at += timedelta(minutes=5)
    await production.bus.handle(attach(production, application_id))

    office_copy, user_copy = await copies(production, application_id)
    assert user_copy["transcripts"] == office_copy["transcripts"]


async def test_a_file_that_cannot_be_transcribed_is_recorded_with_its_reason(production):
    application_id = await apply(production, [VOICE, VIDEO])
    reason = "The chat no longer has this file (it answered HTTP 404)."

    await production.bus.handle(attach(production, application_id, 1, heard=None, reason=reason))
    await production.bus.handle(attach(production, application_id, 0))

    office_copy, _ = await copies(production, application_id)
    assert [entry["media_index"] for entry in office_copy["transcripts"]] == [0, 1]
    assert {key: office_copy["transcripts"][1][key] for key in ("status", "reason")} == {
        "status": "refused", "reason": reason}


async def test_an_answer_for_an_application_that_is_gone_or_an_index_it_lacks_writes_nothing(production):
    application_id = await apply(production, [VOICE])

    assert await production.bus.handle(attach(production, "nosuch.application")) is None
    assert await production.bus.handle(attach(production, application_id, media_index=3)) is None
    office_copy, _ = await copies(production, application_id)
    assert "transcripts" not in office_copy
