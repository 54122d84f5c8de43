"""Dailies handed to the media worker for subtitles when uploaded, and its answer written on the
version once, through the real bus with in-memory adapters."""
from datetime import timedelta

import pytest

from core import scopes
from core.dailies import dailies_doc_id
from core.dailies_commands import UploadDailies
from core.dailies_subtitles import NO_SPEECH, AttachDailiesSubtitles
from core.transcripts import MediaWork, Transcription
from tests.unit.media_fakes import make_media_bus
from tests.unit.production import open_production

MP4 = b"\x00\x00\x00\x18ftypisom" + b"\x00" * 40
HEARD = Transcription("Mama, the generator has packed up again.", "en", 4.2, "tiny.en")
SUBTITLES = {"srt": "srt-1", "vtt": "vtt-1"}


class RecordedMediaWork(MediaWork):
    def __init__(self):
        self.dailies: list[tuple] = []

    async def transcribe(self, project_id, application_id, media_index, content_type):
        raise AssertionError("no self-tape in these tests")

    async def transcribe_dailies(self, project_id: str, key: str, version: int) -> None:
        self.dailies.append((project_id, key, version))


@pytest.fixture
def work() -> RecordedMediaWork:
    return RecordedMediaWork()


@pytest.fixture
async def production(work):
    bus = make_media_bus()
    bus.services.media_work = work
    return await open_production(bus)


async def upload(production, intent="dailies_upload:1", label="12A/3", media_id=None) -> str:
    if media_id is None:
        media_id = (await production.bus.services.media.save(production.producer_id, "dailies", "video/mp4",
                                                             MP4)).media_id
    await production.bus.handle(UploadDailies(intent, production.project_id, production.producer_id, media_id, label))
    return media_id


async def label_doc(production, key="12a-3") -> dict:
    return await production.bus.services.store.get(scopes.office_db(production.project_id), dailies_doc_id(key))


def answer(production, media_id, version=1, heard=HEARD, reason="", key="12a-3") -> AttachDailiesSubtitles:
    return AttachDailiesSubtitles(production.project_id, key, version, media_id, heard, reason,
                                  SUBTITLES if heard else None)


async def test_each_uploaded_version_goes_to_the_worker(production, work):
    await upload(production)
    await upload(production, "dailies_upload:2")
    await upload(production, "dailies_upload:3", label="14/1")

    assert work.dailies == [(production.project_id, "12a-3", 1), (production.project_id, "12a-3", 2),
                            (production.project_id, "14-1", 1)]


async def test_a_retried_upload_asks_again_for_the_same_version(production, work):
    media_id = await upload(production)
    await upload(production, media_id=media_id)  # the same intent again: the job id makes it one job

    assert work.dailies == [(production.project_id, "12a-3", 1)] * 2
    assert len((await label_doc(production))["versions"]) == 1


async def test_a_retried_upload_of_a_subtitled_version_asks_nothing(production, work):
    media_id = await upload(production)
    await production.bus.handle(answer(production, media_id))

    await upload(production, media_id=media_id)

    assert work.dailies == [(production.project_id, "12a-3", 1)]


async def test_rushes_given_as_a_link_are_not_sent_to_the_worker(production, work):
    await upload(production, media_id="https://drive.example.com/rushes/12a-3.mp4")

    assert work.dailies == [] and len((await label_doc(production))["versions"]) == 1


async def test_a_bus_without_media_workers_still_takes_the_upload():
    production = await open_production(make_media_bus())

    await upload(production)

    assert [v["number"] for v in (await label_doc(production))["versions"]] == [1]


async def test_the_answer_is_written_on_its_version(production):
    first = await upload(production)
    second = await upload(production, "dailies_upload:2")

    assert await production.bus.handle(answer(production, second, version=2)) == "dailies:12a-3:2"

    now = production.bus.services.clock.now().isoformat()
    untouched, heard = (await label_doc(production))["versions"]
    assert "transcript" not in untouched and "subtitles" not in untouched and untouched["media_id"] == first
    assert heard["subtitles"] == SUBTITLES
    assert heard["transcript"] == {"status": "done", "text": HEARD.text, "language": "en", "duration_s": 4.2,
                                   "model": "tiny.en", "reason": "", "at": now}


async def test_a_take_that_cannot_be_heard_is_recorded_with_its_reason(production):
    media_id = await upload(production)

    await production.bus.handle(answer(production, media_id, heard=None, reason=NO_SPEECH))

    (version,) = (await label_doc(production))["versions"]
    assert (version["transcript"]["status"], version["transcript"]["reason"], version["subtitles"]) == (
        "refused", NO_SPEECH, {})


async def test_a_retried_answer_writes_nothing_more(production):
    media_id = await upload(production)
    await production.bus.handle(answer(production, media_id))
    written = await label_doc(production)

    production.bus.services.clock.at += timedelta(minutes=5)
    await production.bus.handle(answer(production, media_id, heard=Transcription("other", "en", 1.0, "x")))
    await production.bus.handle(answer(production, media_id, heard=None, reason=NO_SPEECH))

    assert await label_doc(production) == written  # same _rev: not even rewritten


@pytest.mark.parametrize("version, key, other_file", [
    (2, "12a-3", False),  # no version 2
    (1, "14-1", False),  # no such label
    (1, "12a-3", True),  # version 1 holds another file than the one heard
])
async def test_an_answer_for_a_missing_version_is_ignored(production, version, key, other_file):
    media_id = await upload(production)
    before = await label_doc(production)

    heard_id = "f" * 32 if other_file else media_id
    assert await production.bus.handle(answer(production, heard_id, version=version, key=key)) is None

    assert await label_doc(production) == before
