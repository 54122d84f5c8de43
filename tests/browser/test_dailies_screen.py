"""Dailies review in the web app: a producer uploads a generated take as "12A/3" through the page,
the core makes it version 1, the player streams it through its short-lived link, a comment made
at the player's time is accepted and listed, one written offline goes up with the signal, clicking
a comment takes the player there, and a comment the core refuses shows its reason."""
import uuid
from datetime import datetime, timezone

import pytest
from aiohttp.test_utils import TestServer

from core import scopes
from core.commands import RegisterPerson
from tests.browser.dailies_steps import docs, free_port, new_phone, pattern_mp4, seed_project, wait_until_ready
from tests.browser.offline_steps import controlled_by_service_worker
from tests.integration.helpers import eventually

OUTCOME_WAIT_S = 30.0
WAIT_MS = int(OUTCOME_WAIT_S * 1000)
TAKE_S, TAKE_FPS = 3, 25
COMMENT_AT_S = 1.2  # 30 frames at 25 fps
SAID = "Action! Mama, I did not take the money."
VTT = f"WEBVTT\n\n00:00:00.000 --> 00:00:02.000\n{SAID}\n"


@pytest.fixture
def api_port() -> int:
    return free_port()


@pytest.fixture
def settings(settings, tmp_path, monkeypatch, api_port):
    # One media store for the bus and the api, whose links name the api's own address.
    monkeypatch.setenv("NOLLYCREW_VAR_DIR", str(tmp_path))
    monkeypatch.setenv("NOLLYCREW_PUBLIC_URL", f"http://127.0.0.1:{api_port}")
    from config.settings import Settings

    return Settings()


@pytest.fixture
async def api_url(settings, couch, redis, built_app, api_port) -> str:
    from web.app import create_app

    server = TestServer(create_app(settings), host="127.0.0.1", port=api_port)
    await server.start_server()
    yield str(server.make_url("")).rstrip("/")
    await server.close()


@pytest.fixture
async def bus(couch, redis, settings):
    from config.bootstrap import build_bus

    return build_bus(couch, redis, settings=settings)


@pytest.fixture
def take(tmp_path):
    return pattern_mp4(tmp_path / "12a-3.mp4", TAKE_S, fps=TAKE_FPS)


def comment_row(page, text: str):
    return page.locator(".dailies-comment", has_text=text)


async def test_upload_play_and_comment_on_dailies(phone_page, sign_up, core_rules, couch, bus, take, screenshot):
    page = phone_page
    producer_id = await sign_up(page, new_phone(), "Funmi Adebayo")
    project_id = await seed_project(bus, producer_id, "Eko Nights")
    office = scopes.office_db(project_id)

    await page.get_by_role("link", name="Dailies of Eko Nights").click(timeout=WAIT_MS)
    await page.get_by_role("heading", name="Dailies · Eko Nights").wait_for(timeout=WAIT_MS)
    await page.get_by_text("No rushes yet").wait_for()
    await screenshot(page, "dailies-01-empty")

    # Upload through the page: the file goes to the media store, the request to the core.
    await page.get_by_label("Video file (MP4)").set_input_files(str(take))
    await page.get_by_label("Scene and take").fill("12A/3")
    await page.get_by_label("Note (optional)").fill("Wide, Ada's entrance")
    await page.get_by_label("Frame rate").select_option(str(TAKE_FPS))
    await page.get_by_role("button", name="Upload", exact=True).click()
    upload = page.locator('.request[data-type="dailies_upload"]')
    await page.locator('.request[data-type="dailies_upload"][data-state="accepted"]').wait_for(timeout=WAIT_MS)
    assert "Upload of 12A/3 at 25 frames a second" in await upload.inner_text()
    [doc] = await docs(couch, office, "dailies:12a-3")
    assert (doc["label"], [v["number"] for v in doc["versions"]]) == ("12A/3", [1])
    assert (doc["versions"][0]["frame_rate_fps"], doc["versions"][0]["note"]) == (TAKE_FPS, "Wide, Ada's entrance")

    # The media worker's subtitles of the take, as it writes them on the version (seeded here).
    vtt = await bus.services.media.save(producer_id, "subtitles", "text/vtt", VTT.encode(),
                                        derived_from=doc["versions"][0]["media_id"])
    await bus.services.store.update(office, "dailies:12a-3", lambda current: {**current, "versions": [{
        **current["versions"][0], "subtitles": {"vtt": vtt.media_id},
        "transcript": {"status": "done", "text": SAID, "language": "en", "reason": ""}}]})

    # The player streams version 1 through its signed link, with the subtitles.
    await page.get_by_role("link", name="Watch 12A/3 version 1").click(timeout=WAIT_MS)
    video = page.get_by_label("Dailies 12A/3, version 1")
    await video.wait_for(timeout=WAIT_MS)
    assert "sig=" in await video.get_attribute("src")
    await page.get_by_text("What is said in this take (en)").wait_for(timeout=WAIT_MS)
    track = video.locator("track")
    assert await track.get_attribute("src") == f"/media/{vtt.media_id}"
    assert await page.evaluate("(src) => fetch(src).then((answer) => answer.status)", f"/media/{vtt.media_id}") == 200
    await wait_until_ready(video)
    await page.wait_for_function("document.querySelector('.dailies-player video').currentTime > 0.2", timeout=WAIT_MS)
    await video.evaluate(
        "(v, at) => new Promise((done) => { v.pause(); v.onseeked = () => done(); v.currentTime = at; })", COMMENT_AT_S)

    # "Comment at <time>" takes the player's time, in frames at the version's rate.
    await page.get_by_role("button", name="Comment at 00:00:01:05").click()
    assert await page.get_by_label("Timecode (HH:MM:SS:FF at 25 frames a second)").input_value() == "00:00:01:05"
    await page.get_by_label("Comment", exact=True).fill("Boom in frame, top left")
    await page.get_by_role("button", name="Add the comment").click()
    first = comment_row(page, "Boom in frame, top left")
    await page.locator('.dailies-comment[data-state="accepted"]', has_text="Boom in frame").wait_for(timeout=WAIT_MS)
    assert "Accepted" in await first.inner_text()
    await screenshot(page, "dailies-02-player")

    # Offline: the comment waits on the device, then goes up with the signal.
    await controlled_by_service_worker(page)
    await page.context.set_offline(True)
    await page.get_by_text("Offline: your work is saved on this device").wait_for()
    await page.get_by_text("Uploading rushes needs the network: this device is offline.").wait_for()
    assert await page.get_by_role("button", name="Upload", exact=True).is_disabled()
    await page.get_by_label("Timecode (HH:MM:SS:FF at 25 frames a second)").fill("00:00:00:10")
    await page.get_by_label("Comment", exact=True).fill("Slate is late")
    await page.get_by_role("button", name="Add the comment").click()
    offline = comment_row(page, "Slate is late")
    await page.locator('.dailies-comment[data-state="unsent"]', has_text="Slate is late").wait_for()
    assert "Waiting to go up" in await offline.inner_text()
    await screenshot(page, "dailies-03-offline-comment")
    # A reload with no network: the screen, the comments and the waiting one come from the device.
    await page.reload()
    await page.get_by_text("Playback needs the network; the comments are here.").wait_for(timeout=WAIT_MS)
    await page.locator('.dailies-comment[data-state="unsent"]', has_text="Slate is late").wait_for(timeout=WAIT_MS)
    assert await comment_row(page, "Boom in frame, top left").count() == 1
    await page.context.set_offline(False)
    await page.locator('.dailies-comment[data-state="accepted"]', has_text="Slate is late").wait_for(timeout=WAIT_MS)
    # Listed in time order, the offline one (0.4 s) first.
    texts = await page.locator(".dailies-comments .comment-text").all_inner_texts()
    assert texts == ["Slate is late", "Boom in frame, top left"]
    [doc] = await docs(couch, office, "dailies:12a-3")
    assert [(c["timecode"], c["text"], c["by"]) for c in doc["versions"][0]["comments"]] == [
        ("00:00:00:10", "Slate is late", producer_id), ("00:00:01:05", "Boom in frame, top left", producer_id)]

    # Clicking a comment takes the player to its time (asking for a new link first if need be).
    await wait_until_ready(video)  # back online: a new link, as the reload had none
    await video.evaluate("(v) => { v.pause(); v.currentTime = 0; }")  # paused: the seek is what moves it
    await page.get_by_role("button", name="Go to 00:00:01:05").click()
    await page.wait_for_function("Math.abs(document.querySelector('.dailies-player video').currentTime - 1.2) < 0.05",
                                 timeout=WAIT_MS)

    # A link that no longer works (expired, or as here tampered with): the player asks for a new one.
    broken = "sig=" + "0" * 64
    await video.evaluate("(v, bad) => { v.src = v.src.replace(/sig=[0-9a-f]+/, bad); }", broken)
    await page.wait_for_function("""(bad) => { const v = document.querySelector('.dailies-player video');
        return v !== null && v.src.includes('sig=') && !v.src.includes(bad) && v.readyState >= 1; }""",
                                 arg=broken, timeout=WAIT_MS)
    assert await page.locator(".dailies-player .note.error").count() == 0

    # A comment on a version that does not exist (written by another of the producer's devices):
    # the core refuses it and the page says why.
    crafted = f"dailies_comment:{uuid.uuid4().hex}"
    await bus.services.store.create(scopes.user_db(producer_id), {
        "_id": crafted, "type": "dailies_comment", "author": producer_id,
        "created_at": datetime.now(timezone.utc).isoformat(), "project_id": project_id, "label": "12A/3",
        "version": 2, "timecode": "00:00:01:00", "text": "Better than take 1?",
    })
    refused = page.locator(f'.request[data-request-id="{crafted}"]')
    await page.locator(f'.request[data-request-id="{crafted}"][data-state="rejected"]').wait_for(timeout=WAIT_MS)
    assert "refused: 12A/3 has no version 2: the latest is version 1." in await refused.inner_text()
    assert "12A/3 version 2 at 00:00:01:00" in await refused.inner_text()
    await screenshot(page, "dailies-04-refused-comment")


async def test_the_office_invites_a_reviewer_found_in_the_directory_and_takes_them_back(
    phone_page, sign_up, core_rules, couch, bus, screenshot
):
    page = phone_page
    producer_id = await sign_up(page, new_phone(), "Funmi Adebayo")
    project_id = await seed_project(bus, producer_id, "Eko Nights")
    agent_id = await bus.handle(RegisterPerson(new_phone(), "Chidinma Eze", ("investor",)))
    office = scopes.office_db(project_id)
    await page.get_by_role("link", name="Dailies of Eko Nights").click(timeout=WAIT_MS)
    await page.get_by_text("Nobody invited yet.").wait_for(timeout=WAIT_MS)

    await page.get_by_label("Find someone not on the project (name)").fill("chidinma")

    async def found_in_directory():
        await page.get_by_role("button", name="Search all of NollyCrew").click()
        return await page.locator(f'#reviewer-person option[value="{agent_id}"]').count() == 1

    await eventually(found_in_directory, OUTCOME_WAIT_S, 0.2)  # the directory index follows its feed
    await page.get_by_label("Reviewer", exact=True).select_option(agent_id)
    await page.get_by_role("button", name="Invite to review").click()
    invite = page.locator(f'.request[data-type="dailies_reviewer_invite"][data-person-id="{agent_id}"]')
    await invite.and_(page.locator('[data-state="accepted"]')).wait_for(timeout=WAIT_MS)
    reviewer = page.locator(f'.dailies-reviewers li.team-role[data-person-id="{agent_id}"]')
    await reviewer.wait_for(timeout=WAIT_MS)
    assert "Chidinma Eze" in await reviewer.inner_text()
    [reviewers] = await docs(couch, office, "dailies_reviewers")
    assert [entry["person_id"] for entry in reviewers["people"]] == [agent_id]
    await screenshot(page, "dailies-05-reviewers")

    await page.get_by_role("button", name="Stop Chidinma Eze reviewing").click()
    removal = page.locator(f'.request[data-type="dailies_reviewer_remove"][data-person-id="{agent_id}"]')
    await removal.and_(page.locator('[data-state="accepted"]')).wait_for(timeout=WAIT_MS)
    await reviewer.wait_for(state="detached", timeout=WAIT_MS)
    [reviewers] = await docs(couch, office, "dailies_reviewers")
    assert reviewers["people"] == []
