"""Self-tapes on 2G: where the media worker made copies of a self-tape, the applicants page plays a
video's low-bandwidth copy with its thumbnail as the poster and a voice note's evened-out copy,
and keeps a link to each original."""
import subprocess
import uuid
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from core.commands import ApplyForJob, PostJob, RegisterPerson
from core.media_derivatives import AttachDerivedMedia
from core.money import Money
from core.transcript_commands import AttachTranscript
from core.transcripts import Transcription
from tests.browser.dailies_steps import new_phone, pattern_mp4, poster_jpeg, seed_project, wait_until_ready

WAIT_MS = 30_000
LAGOS = ZoneInfo("Africa/Lagos")
TAPE_S = 2
READING = "Scene twelve. Mama, I did not take the money."


@pytest.fixture
def settings(settings, tmp_path, monkeypatch):
    monkeypatch.setenv("NOLLYCREW_VAR_DIR", str(tmp_path))  # one media store for the bus and the api
    from config.settings import Settings

    return Settings()


@pytest.fixture
async def bus(couch, redis, settings):
    from config.bootstrap import build_bus

    return build_bus(couch, redis, settings=settings)


async def seed_video_applicant(bus, producer_id: str, folder) -> dict:
    """A Gaffer job with one applicant whose video self-tape was kept, transcribed and copied as the
    media worker leaves it: the original, a smaller copy and a thumbnail in the media store."""
    project_id = await seed_project(bus, producer_id, "Eko Nights")
    start = datetime.now(LAGOS).date() + timedelta(days=20)
    job_post_id = await bus.handle(PostJob(
        f"job_post_request:{uuid.uuid4().hex}", project_id, producer_id, "Gaffer", "lighting", start,
        start + timedelta(days=4), time(6, 30), Money(4_500_000, "NGN"), "day", "Lekki", "Lagos", 1,
    ))
    person_id = await bus.handle(RegisterPerson(new_phone(), "Adaeze Okafor", ("crew",), department="lighting"))
    application_id = await bus.handle(ApplyForJob(
        f"application_request:{uuid.uuid4().hex}", person_id, job_post_id, "Ten years on set.",
        ({"url": "https://api.twilio.com/tape.mp4", "content_type": "video/mp4"},
         {"url": "https://api.twilio.com/voice.ogg", "content_type": "audio/ogg"}),
    ))
    original_file = pattern_mp4(folder / "tape.mp4", TAPE_S, 640, 480)
    low_file = pattern_mp4(folder / "tape-low.mp4", TAPE_S, 320, 240)
    media = bus.services.media
    original = await media.save(person_id, "showreel", "video/mp4", original_file.read_bytes())
    low = await media.save(person_id, "video_low", "video/mp4", low_file.read_bytes(), derived_from=original.media_id)
    poster = poster_jpeg(original_file, folder / "thumbnail.jpg").read_bytes()
    thumb = await media.save(person_id, "thumbnail", "image/jpeg", poster, derived_from=original.media_id)
    await bus.handle(AttachTranscript(project_id, application_id, person_id, 0,
                                      Transcription(READING, "en", float(TAPE_S), "test"), media_id=original.media_id))
    await bus.handle(AttachDerivedMedia(project_id, application_id, person_id, 0, original.media_id,
                                        {"thumbnail": thumb.media_id, "video_low": low.media_id}))
    voice = await media.save(person_id, "voice_clip", "audio/ogg", ogg_tone(folder / "voice.ogg").read_bytes())
    evened = await media.save(person_id, "voice_normalised", "audio/ogg", ogg_tone(folder / "evened.ogg").read_bytes(),
                              derived_from=voice.media_id)
    await bus.handle(AttachTranscript(project_id, application_id, person_id, 1,
                                      Transcription(READING, "en", float(TAPE_S), "test"), media_id=voice.media_id))
    await bus.handle(AttachDerivedMedia(project_id, application_id, person_id, 1, voice.media_id,
                                        {"voice_normalised": evened.media_id}))
    return {"original": original.media_id, "low": low.media_id, "thumbnail": thumb.media_id,
            "voice": voice.media_id, "evened": evened.media_id}


def ogg_tone(path):
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", f"sine=frequency=330:duration={TAPE_S}",
                    "-c:a", "libopus", str(path)], check=True, timeout=60, capture_output=True)
    return path


async def test_a_video_self_tape_plays_its_low_copy_with_its_poster(
    phone_page, sign_up, core_rules, bus, tmp_path, screenshot
):
    page = phone_page
    producer_id = await sign_up(page, new_phone(), "Funmi Adebayo")
    seeded = await seed_video_applicant(bus, producer_id, tmp_path)

    await page.get_by_role("link", name="Hiring on Eko Nights").click(timeout=WAIT_MS)
    await page.get_by_role("link", name="Applicants for Gaffer").click(timeout=WAIT_MS)
    player = page.locator('video[aria-label="Self-tape of Adaeze Okafor"]')
    await player.wait_for(timeout=WAIT_MS)
    await page.locator(f'video[src="/media/{seeded["low"]}"]').wait_for(timeout=WAIT_MS)
    assert await player.get_attribute("poster") == f"/media/{seeded['thumbnail']}"
    original = page.get_by_role("link", name="Original video of Adaeze Okafor")
    assert await original.get_attribute("href") == f"/media/{seeded['original']}"

    # The office may fetch the poster (it follows the self-tape's access); nothing of the video is
    # loaded before the person presses play (preload none, on a 2G link).
    poster = await page.evaluate("(src) => fetch(src).then((a) => [a.status, a.headers.get('content-type')])",
                                 f"/media/{seeded['thumbnail']}")
    assert poster == [200, "image/jpeg"]
    assert await player.evaluate("(video) => video.readyState") == 0
    await screenshot(page, "hiring-08-self-tape-low-copy")

    # It plays, and what plays is the low copy's picture, not the original's 640 px.
    assert await wait_until_ready(player) >= 0
    width = await player.evaluate("(video) => video.videoWidth")
    assert width == 320

    # The voice note plays its evened-out copy, the original a link away.
    voice = page.locator('audio[aria-label="Self-tape of Adaeze Okafor"]')
    assert await voice.get_attribute("src") == f"/media/{seeded['evened']}"
    voice_original = page.get_by_role("link", name="Original voice note of Adaeze Okafor")
    assert await voice_original.get_attribute("href") == f"/media/{seeded['voice']}"
    assert await wait_until_ready(voice, 1) >= 0
