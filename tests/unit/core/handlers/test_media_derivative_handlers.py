"""The media worker's copies of a self-tape (thumbnail, low-bandwidth video, evened-out voice note)
written onto both copies of the application once, through the real bus with in-memory adapters."""
from datetime import timedelta

import pytest

from core import scopes
from core.bus import MessageBus
from core.commands import ApplyForJob
from core.handlers import COMMAND_HANDLERS, EVENT_HANDLERS
from core.handlers.media_derivatives import DERIVED_MEDIA_HANDLERS
from core.media_derivatives import AttachDerivedMedia, derived_for
from tests.unit.fakes import make_bus
from tests.unit.production import open_production

VOICE = {"url": "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1", "content_type": "audio/ogg"}
VIDEO = {"url": "https://api.telegram.org/file/bot{token}/videos/file_3.mp4", "content_type": "video/mp4"}
VIDEO_COPIES = {"thumbnail": "thumb-1", "video_low": "low-1"}


@pytest.fixture
async def production():
    plain = make_bus()
    bus = MessageBus(plain.services, {**COMMAND_HANDLERS, **DERIVED_MEDIA_HANDLERS}, EVENT_HANDLERS)
    return await open_production(bus)


async def apply(production, media) -> str:
    return await production.bus.handle(ApplyForJob("application_request:chidi", production.chidi_id,
                                                   production.job_post_id, media=tuple(media)))


def answer(production, application_id, media_index=0, derived=VIDEO_COPIES, reason="") -> AttachDerivedMedia:
    return AttachDerivedMedia(production.project_id, application_id, production.chidi_id, media_index,
                              f"kept-{media_index}", derived, reason)


async def copies(production, application_id) -> list[dict]:
    store = production.bus.services.store
    return [await store.get(db, f"application:{application_id}")
            for db in (production.office, scopes.user_db(production.chidi_id))]


async def test_the_copies_land_on_both_copies_of_the_application(production):
    application_id = await apply(production, [VIDEO])

    assert await production.bus.handle(answer(production, application_id)) == application_id

    now = production.bus.services.clock.now().isoformat()
    for copy in await copies(production, application_id):
        assert copy["derived_media"] == [{"media_index": 0, "status": "done", "source_media_id": "kept-0",
                                          "media": VIDEO_COPIES, "at": now}]
        assert copy["media"] == [VIDEO] and copy["status"] == "received"


async def test_a_retried_answer_changes_nothing(production):
    application_id = await apply(production, [VIDEO])
    await production.bus.handle(answer(production, application_id))
    written = await copies(production, application_id)

    production.bus.services.clock.at += timedelta(minutes=5)
    await production.bus.handle(answer(production, application_id, derived={"thumbnail": "t2", "video_low": "l2"}))

    assert await copies(production, application_id) == written  # same _rev: not even rewritten


async def test_a_retry_after_a_crash_between_the_copies_copies_the_first_answer(production):
    application_id = await apply(production, [VIDEO])
    await production.bus.handle(answer(production, application_id))
    store, user_db = production.bus.services.store, scopes.user_db(production.chidi_id)
    await store.update(user_db, f"application:{application_id}",  # as if the second write never happened
                       lambda doc: {key: value for key, value in doc.items() if key != "derived_media"})

    production.bus.services.clock.at += timedelta(minutes=5)
    await production.bus.handle(answer(production, application_id, derived={"thumbnail": "t2", "video_low": "l2"}))

    office_copy, user_copy = await copies(production, application_id)
    assert user_copy["derived_media"] == office_copy["derived_media"]
    assert office_copy["derived_media"][0]["media"] == VIDEO_COPIES


async def test_a_refusal_is_recorded_with_its_reason_beside_the_other_items(production):
    application_id = await apply(production, [VOICE, VIDEO])
    reason = "We could not convert this file: it may be damaged part of the way through."

    await production.bus.handle(answer(production, application_id, 1, derived=None, reason=reason))
    await production.bus.handle(answer(production, application_id, 0, derived={"voice_normalised": "v-1"}))

    office_copy, _ = await copies(production, application_id)
    assert [entry["media_index"] for entry in office_copy["derived_media"]] == [0, 1]
    assert derived_for(office_copy, 0)["media"] == {"voice_normalised": "v-1"}
    assert {key: derived_for(office_copy, 1)[key] for key in ("status", "reason", "source_media_id")} == {
        "status": "refused", "reason": reason, "source_media_id": "kept-1"}


async def test_only_the_kinds_the_worker_makes_are_recorded(production):
    application_id = await apply(production, [VIDEO])

    await production.bus.handle(answer(production, application_id, derived={**VIDEO_COPIES, "other": "x"}))

    office_copy, _ = await copies(production, application_id)
    assert office_copy["derived_media"][0]["media"] == VIDEO_COPIES


async def test_an_answer_for_an_application_that_is_gone_or_an_index_it_lacks_writes_nothing(production):
    application_id = await apply(production, [VIDEO])

    assert await production.bus.handle(answer(production, "nosuch.application")) is None
    assert await production.bus.handle(answer(production, application_id, media_index=3)) is None
    office_copy, _ = await copies(production, application_id)
    assert "derived_media" not in office_copy
