"""Who may see an upload: headshots everyone, ID documents their owner, self-tapes their owner and
the office of each production they were submitted to, derived files as their source."""
import pytest

from core.commands import GrantProjectRole
from core.handlers.team import project_roles_of
from core.media import share_uploads
from core.media_access import may_see
from tests.unit.media_fakes import make_media_bus
from tests.unit.production import open_production

OGG = b"OggS" + b"\x00" * 60


@pytest.fixture
async def production():
    return await open_production(make_media_bus())


async def seen_by(production, media, *people) -> list[bool]:
    services = production.bus.services
    return [await may_see(services, services.media, media, person) for person in people]


async def test_a_headshot_is_for_everyone_an_id_document_for_its_owner_only(production):
    media = production.bus.services.media
    headshot = await media.save(production.chidi_id, "headshot", "image/png", b"png")
    id_document = await media.save(production.chidi_id, "id_document", "application/pdf", b"pdf")
    await share_uploads(media, production.project_id, id_document.media_id)  # sharing opens nothing

    assert await seen_by(production, headshot, production.aisha_id, production.producer_id) == [True, True]
    id_document = await media.describe(id_document.media_id)
    assert await seen_by(production, id_document, production.chidi_id, production.producer_id) == [True, False]


async def test_a_self_tape_is_for_its_owner_and_the_office_it_was_submitted_to(production):
    media = production.bus.services.media
    tape = await media.save(production.chidi_id, "voice_clip", "audio/ogg", OGG)
    people = (production.chidi_id, production.producer_id, production.aisha_id)
    assert await seen_by(production, tape, *people) == [True, False, False]

    await share_uploads(media, production.project_id, tape.media_id)
    tape = await media.describe(tape.media_id)
    assert tape.projects == (production.project_id,)
    assert await seen_by(production, tape, *people) == [True, True, False]


async def test_cast_and_crew_of_the_production_are_not_its_office(production):
    media = production.bus.services.media
    await production.bus.handle(GrantProjectRole("project_role_grant:aisha", production.project_id,
                                                 production.producer_id, production.aisha_id, "crew"))
    assert await project_roles_of(production.bus.services, production.project_id, production.aisha_id) == {"crew"}
    tape = await media.save(production.chidi_id, "showreel", "video/mp4", b"mp4")
    await share_uploads(media, production.project_id, tape.media_id)
    assert await seen_by(production, await media.describe(tape.media_id), production.aisha_id) == [False]


async def test_a_derived_file_is_seen_as_its_source(production):
    media = production.bus.services.media
    tape = await media.save(production.chidi_id, "showreel", "video/mp4", b"mp4")
    thumbnail = await media.save(production.chidi_id, "thumbnail", "image/jpeg", b"jpg", derived_from=tape.media_id)
    smaller = await media.save(production.chidi_id, "video_low", "video/mp4", b"mp4", derived_from=tape.media_id)
    still_of_smaller = await media.save(production.chidi_id, "thumbnail", "image/jpeg", b"j", derived_from=smaller.media_id)
    derived = (thumbnail, smaller, still_of_smaller)
    for made in derived:
        assert await seen_by(production, made, production.producer_id) == [False]

    await share_uploads(media, production.project_id, tape.media_id)  # the source only
    for made in derived:
        assert await seen_by(production, made, production.producer_id, production.aisha_id) == [True, False]

    headshot = await media.save(production.chidi_id, "headshot", "image/png", b"png")
    its_thumbnail = await media.save(production.chidi_id, "thumbnail", "image/jpeg", b"j", derived_from=headshot.media_id)
    assert await seen_by(production, its_thumbnail, production.aisha_id) == [True]


async def test_a_derived_file_whose_source_is_gone_is_its_owners_only(production):
    media = production.bus.services.media
    orphan = await media.save(production.chidi_id, "thumbnail", "image/jpeg", b"jpg", derived_from="e" * 32)
    assert await seen_by(production, orphan, production.chidi_id, production.aisha_id) == [True, False]


async def test_subtitles_kept_without_a_source_follow_the_projects_they_were_shared_with(production):
    media = production.bus.services.media
    vtt = await media.save(production.chidi_id, "subtitles", "text/vtt", b"WEBVTT\n")
    assert await seen_by(production, vtt, production.producer_id) == [False]
    await share_uploads(media, production.project_id, vtt.media_id, "", "https://api.twilio.com/x")
    assert await seen_by(production, await media.describe(vtt.media_id), production.producer_id) == [True]
