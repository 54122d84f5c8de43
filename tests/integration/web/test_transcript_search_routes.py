"""GET /projects/{project}/transcripts/search over HTTP: the office finds who said a word in their
self-tape, with a snippet and the time it is said (from the kept WebVTT subtitles); a crew member
of the same project is refused, and so is a search without a word."""
import uuid
from datetime import date, time

import pytest

from core.commands import ApplyForJob, GrantProjectRole, PostJob
from core.money import Money
from core.subtitles import vtt
from core.transcript_commands import AttachTranscript
from core.transcripts import Segment, Transcription
from tests.integration.people import auth, person, project_of

VOICE_LINK = "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1"
SAID = (Segment(0.0, 2.5, "Good morning, my name is Ada."), Segment(2.5, 6.0, "I grew up in Lagos,"),
        Segment(6.0, 9.0, "and I act in Yoruba and English."))


@pytest.fixture
def settings(settings, tmp_path, monkeypatch):
    monkeypatch.setenv("NOLLYCREW_VAR_DIR", str(tmp_path))  # one media store for the api and the bus
    from config.settings import Settings

    return Settings()


@pytest.fixture
async def bus(couch, redis, settings):
    from config.bootstrap import build_bus

    return build_bus(couch, redis, settings=settings)


async def applicant_said(bus, project_id, job_id, segments) -> tuple[str, str]:
    """(applicant, application) of someone who applied with a voice note that said `segments`."""
    actor = await person(bus, "crew")
    application_id = await bus.handle(ApplyForJob(f"application_request:{uuid.uuid4().hex}", actor, job_id,
                                                  media=({"url": VOICE_LINK, "content_type": "audio/ogg"},)))
    subtitles = await bus.services.media.save(actor, "subtitles", "text/vtt", vtt(segments).encode())
    heard = Transcription(" ".join(s.text for s in segments), "en", segments[-1].end_s, "tiny.en")
    await bus.handle(AttachTranscript(project_id, application_id, actor, 0, heard, "", "",
                                      {"vtt": subtitles.media_id}))
    return actor, application_id


async def test_the_office_finds_who_said_lagos_and_a_crew_member_may_not(api, bus):
    producer, crew = await person(bus, "producer"), await person(bus, "crew")
    project_id, tag = await project_of(bus, producer), uuid.uuid4().hex
    job_id = await bus.handle(PostJob(f"job_post_request:{tag}", project_id, producer, "Lead actress", "cast",
                                      date(2026, 12, 1), date(2026, 12, 3), time(6, 0), Money(30_000_000, "NGN"),
                                      "day", "Lagos Island", "Lagos"))
    await bus.handle(GrantProjectRole(f"grant_request:{tag}", project_id, producer, crew, "crew"))
    ada, ada_application = await applicant_said(bus, project_id, job_id, SAID)
    await applicant_said(bus, project_id, job_id, (Segment(0.0, 3.0, "Hello from Enugu."),))
    search = f"/projects/{project_id}/transcripts/search"

    answer = await api.get(search, params={"q": "lagos"}, headers=auth(producer))

    assert answer.status == 200
    found = await answer.json()
    assert found["searched"] == 2
    (hit,) = found["hits"]
    assert (hit["application_id"], hit["person_id"], hit["media_index"]) == (ada_application, ada, 0)
    assert "I grew up in Lagos," in hit["snippet"] and hit["words_found"] == ["lagos"]
    assert hit["start_s"] == 2.5 and hit["copies"] == {}  # the media worker has not copied it yet
    assert (await api.get(search, params={"q": "lagos"}, headers=auth(crew))).status == 403
    refused = await api.get(search, params={"q": "  "}, headers=auth(producer))
    assert refused.status == 400 and "Type a word" in (await refused.json())["reason"]
    assert (await api.get(search, params={"q": "lagos"})).status == 401
