"""A producer hires through the web app: a job with two applicants (one with a transcribed voice
note) is seeded through the bus; in the page the producer reads the transcript (offline too),
shortlists both, compares them side by side, sees an offer refused with the core's reason, makes
one the core accepts, and takes the other off the shortlist and declines them."""
import io
import math
import struct
import uuid
import wave
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from core import scopes
from core.commands import ApplyForJob, CreateProject, PostJob, RegisterPerson
from core.money import Money
from core.transcript_commands import AttachTranscript
from core.transcripts import Transcription
from tests.browser.offline_steps import controlled_by_service_worker

OUTCOME_WAIT_S = 30.0
WAIT_MS = int(OUTCOME_WAIT_S * 1000)
LAGOS = ZoneInfo("Africa/Lagos")
JOB_STARTS_IN_DAYS = 20
READING = "Scene twelve. Mama, I did not take the money. Ask Obi, he was there."
VTT = "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nScene twelve. Mama, I did not take the money.\n"
TONE_HZ, SAMPLE_RATE_HZ, TAPE_S = 440, 8000, 1.0


@pytest.fixture
def settings(settings, tmp_path, monkeypatch):
    monkeypatch.setenv("NOLLYCREW_VAR_DIR", str(tmp_path))  # one media store for the bus and the api
    from config.settings import Settings

    return Settings()


@pytest.fixture
async def bus(couch, redis, settings):
    from config.bootstrap import build_bus

    return build_bus(couch, redis, settings=settings)


def new_phone() -> str:
    return "+23480" + str(uuid.uuid4().int)[:8]


def voice_note() -> bytes:
    """A second of a tone as WAV: something Chromium can play, no speech model needed."""
    frames = b"".join(
        struct.pack("<h", int(8000 * math.sin(2 * math.pi * TONE_HZ * i / SAMPLE_RATE_HZ)))
        for i in range(int(SAMPLE_RATE_HZ * TAPE_S))
    )
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(SAMPLE_RATE_HZ)
        wav.writeframes(frames)
    return out.getvalue()


async def seed_job(bus, producer_id: str) -> dict:
    """A project of the producer with a Gaffer job, two applicants, and the first one's voice note
    transcribed as the media worker would leave it (the file and its subtitles in the media store)."""
    tag = uuid.uuid4().hex
    project_id = await bus.handle(CreateProject(f"project_request:{tag}", producer_id, "Eko Nights"))
    start = datetime.now(LAGOS).date() + timedelta(days=JOB_STARTS_IN_DAYS)
    job_post_id = await bus.handle(PostJob(
        f"job_post_request:{tag}", project_id, producer_id, "Gaffer", "lighting", start, start + timedelta(days=4),
        time(6, 30), Money(4_500_000, "NGN"), "day", "Lekki", "Lagos", 2,
    ))
    people = {}
    for name, media in (("Adaeze Okafor", [{"url": "https://api.twilio.com/tape.ogg", "content_type": "audio/ogg"}]),
                        ("Tunde Bakare", [])):
        person_id = await bus.handle(RegisterPerson(new_phone(), name, ("crew",), department="lighting"))
        application_id = await bus.handle(ApplyForJob(f"application_request:{uuid.uuid4().hex}", person_id, job_post_id,
                                                      f"{name.split()[0]} here: ten years on set.", tuple(media)))
        people[name] = {"person_id": person_id, "application_id": application_id}
    ada = people["Adaeze Okafor"]
    media = bus.services.media
    kept = await media.save(ada["person_id"], "voice_clip", "audio/wav", voice_note())
    vtt = await media.save(ada["person_id"], "subtitles", "text/vtt", VTT.encode())
    srt = await media.save(ada["person_id"], "subtitles", "application/x-subrip", b"1\n")
    await bus.handle(AttachTranscript(
        project_id, ada["application_id"], ada["person_id"], 0, Transcription(READING, "en", TAPE_S, "test"),
        media_id=kept.media_id, subtitles={"srt": srt.media_id, "vtt": vtt.media_id},
    ))
    return {"project_id": project_id, "job_post_id": job_post_id, "people": people, "voice_id": kept.media_id,
            "vtt_id": vtt.media_id}


def applicant(page, name: str):
    return page.locator(".card.applicant", has_text=name)


async def wait_for_request(card, intent_type: str, state: str) -> str:
    """The text of the latest request of `intent_type` under an applicant, once it is in `state`."""
    row = card.locator(f'.request[data-type="{intent_type}"]').last
    await card.locator(f'.request[data-type="{intent_type}"][data-state="{state}"]').last.wait_for(timeout=WAIT_MS)
    return await row.inner_text()


async def make_offer(page, name: str, deadline_date: str) -> None:
    await page.get_by_role("link", name=f"Make {name} an offer").first.click()
    await page.get_by_role("heading", name=f"Offer Gaffer to {name}").wait_for()
    await page.get_by_label("Answer by (date)").fill(deadline_date)
    await page.get_by_role("button", name="Send the offer").click()
    await page.get_by_role("heading", name="Applicants for Gaffer").wait_for()


async def test_applicants_transcript_shortlist_compare_and_offer(
    phone_page, sign_up, core_rules, couch, bus, screenshot
):
    page = phone_page
    producer_id = await sign_up(page, new_phone(), "Funmi Adebayo")
    seeded = await seed_job(bus, producer_id)
    project_id, people = seeded["project_id"], seeded["people"]

    # The dashboard links to the project's jobs, with how far each has got.
    await page.get_by_role("link", name="Hiring on Eko Nights").click(timeout=WAIT_MS)
    job = page.locator(".card.job", has_text="Gaffer")
    await job.locator('[data-count="applied"]', has_text="2").wait_for(timeout=WAIT_MS)
    assert await job.locator('[data-count="shortlisted"]').inner_text() == "0"
    assert await job.locator('[data-count="hired"]').inner_text() == "0 of 2"
    await screenshot(page, "hiring-01-jobs")

    # Both applicants, the voice note playable from the media store, its transcript and subtitles.
    await job.get_by_role("link", name="Applicants for Gaffer").click()
    await page.get_by_role("heading", name="Applicants for Gaffer").wait_for()
    ada, tunde = applicant(page, "Adaeze Okafor"), applicant(page, "Tunde Bakare")
    await tunde.wait_for()
    assert "applied" in await ada.locator(".status-chip").inner_text()
    transcript = ada.get_by_label("Transcript of Adaeze Okafor's voice note")
    assert await transcript.inner_text() == READING
    player = ada.get_by_label("Self-tape of Adaeze Okafor")
    assert await player.get_attribute("src") == f"/media/{seeded['voice_id']}"
    assert await player.locator("track").get_attribute("src") == f"/media/{seeded['vtt_id']}"
    assert await page.evaluate("(src) => fetch(src).then((answer) => answer.status)", f"/media/{seeded['voice_id']}") == 200
    duration_s = await player.evaluate(
        "(audio) => new Promise((done) => { audio.onloadedmetadata = () => done(audio.duration); audio.load(); })")
    assert duration_s == pytest.approx(1.0, abs=0.05)
    assert await tunde.locator(".self-tape").count() == 0
    await screenshot(page, "hiring-02-applicants")

    # Offline, after a reload: the transcript is in the synced application, so it still reads.
    await controlled_by_service_worker(page)
    await page.context.set_offline(True)
    await page.reload()
    await page.get_by_text("Offline: your work is saved on this device").wait_for()
    assert await transcript.inner_text() == READING
    assert "Playback needs the network" in await ada.inner_text()
    await screenshot(page, "hiring-03-applicants-offline")

    # Shortlist both, still offline: the requests wait on the device, then go up with the network.
    # Each application moves forward, and each person goes on the job's list.
    for card, name in ((ada, "Adaeze Okafor"), (tunde, "Tunde Bakare")):
        await card.get_by_role("button", name=f"Shortlist {name}").click()
        assert "waiting to go up" in await wait_for_request(card, "shortlist_request", "unsent")
    assert await page.get_by_test_id("sync-status").get_attribute("data-unsent") == "4"
    await page.context.set_offline(False)
    for card in (ada, tunde):
        await wait_for_request(card, "shortlist_request", "accepted")
        await wait_for_request(card, "shortlist_decision", "accepted")
        await card.get_by_label("Compare", exact=False).wait_for(timeout=WAIT_MS)
        assert await card.get_attribute("data-status") == "shortlisted"
    await ada.get_by_role("checkbox").check()
    await tunde.get_by_role("checkbox").check()
    await screenshot(page, "hiring-04-shortlisted")

    # Compare them side by side: what their applications say, transcript included.
    await page.get_by_role("link", name="Compare", exact=True).click()
    await page.get_by_role("heading", name="Compare for Gaffer").wait_for()
    table = page.locator("table.compare")
    headers = await table.locator("thead th").all_inner_texts()
    assert headers[1:] == ["Adaeze Okafor", "Tunde Bakare"]
    transcript_row = await table.locator("tr", has=page.locator("th", has_text="Transcript")).locator("td").all_inner_texts()
    assert transcript_row == [READING, "-"]
    status_row = await table.locator("tr", has=page.locator("th", has_text="Status")).locator("td").all_inner_texts()
    assert status_row == ["shortlisted", "shortlisted"]
    await screenshot(page, "hiring-05-compare")

    # An offer whose deadline has passed: refused, with the core's reason under the applicant.
    yesterday = (datetime.now(LAGOS).date() - timedelta(days=1)).isoformat()
    await make_offer(page, "Adaeze Okafor", yesterday)
    refused = await wait_for_request(ada, "offer_request", "rejected")
    assert "refused: The offer's deadline has already passed: give a later one." in refused

    # A good one: the core makes the offer, on the job post's rate and dates.
    await page.get_by_role("link", name="Make Adaeze Okafor an offer").click()
    await page.get_by_role("heading", name="Offer Gaffer to Adaeze Okafor").wait_for()
    await page.get_by_label("Note to Adaeze Okafor (optional)").fill("Night shoots in Lekki; transport paid.")
    await screenshot(page, "hiring-06-offer")
    await page.get_by_role("button", name="Send the offer").click()
    await wait_for_request(ada, "offer_request", "accepted")
    await ada.locator('.offer-line[data-offer-status="open"]').wait_for(timeout=WAIT_MS)
    assert "₦45,000 per day" in await ada.locator(".offer-line").inner_text()
    # Tunde comes off the shortlist, then is declined: each request shows its outcome.
    await tunde.get_by_role("button", name="Remove Tunde Bakare from the shortlist").click()
    await wait_for_request(tunde, "shortlist_removal", "accepted")
    await tunde.get_by_role("checkbox").wait_for(state="detached", timeout=WAIT_MS)
    await tunde.get_by_role("button", name="Put Tunde Bakare back on the shortlist").wait_for()
    await tunde.get_by_role("button", name="Decline Tunde Bakare").click()
    await wait_for_request(tunde, "application_decline", "accepted")
    await page.locator('.card.applicant[data-status="declined"]', has_text="Tunde Bakare").wait_for(timeout=WAIT_MS)
    assert await tunde.get_by_role("button", name="Decline Tunde Bakare").count() == 0
    await screenshot(page, "hiring-07-offered")

    await page.get_by_role("link", name="Jobs", exact=True).click()
    await job.locator('[data-count="offered"]', has_text="1").wait_for(timeout=WAIT_MS)
    assert await job.locator('[data-count="shortlisted"]').inner_text() == "2"

    # What the core holds, read with its own (admin) client.
    office = scopes.office_db(project_id)
    application_id = people["Adaeze Okafor"]["application_id"]
    [offer] = await _docs(couch, office, f"offer:{application_id}")
    assert (offer["status"], offer["rate"], offer["made_by"]) == ("open", {"amount_minor": 4_500_000, "currency": "NGN"},
                                                                   producer_id)
    assert offer["note"] == "Night shoots in Lekki; transport paid."
    outcomes = sorted(doc["outcome"]["status"] for doc in await _docs(couch, office, "offer_request:"))
    assert outcomes == ["accepted", "rejected"]
    statuses = {name: (await _docs(couch, office, f"application:{p['application_id']}"))[0]["status"]
                for name, p in people.items()}
    assert statuses == {"Adaeze Okafor": "offered", "Tunde Bakare": "declined"}
    [job_list] = await _docs(couch, office, f"shortlist:job-{seeded['job_post_id']}")
    assert [entry["person_id"] for entry in job_list["liked"]] == [people["Adaeze Okafor"]["person_id"]]


async def _docs(couch, db: str, prefix: str) -> list[dict]:
    return [dict(doc.data) async for doc in couch.database(db).docs(prefix=prefix)]
