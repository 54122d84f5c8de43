"""A producer signs up in the browser, creates a project, posts a job, loses the network,
reloads the app and keeps working, and sees every change processed once the network is back."""
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from core import scopes
from tests.browser.offline_steps import controlled_by_service_worker
from tests.integration.helpers import eventually

OUTCOME_WAIT_S = 30.0
FIRST_SHOOT_IN_DAYS = 21


def new_phone() -> str:
    return "+23480" + str(uuid.uuid4().int)[:8]


async def request_state(page, text: str) -> str | None:
    row = page.locator(".request", has_text=text)
    return await row.get_attribute("data-state") if await row.count() == 1 else None


async def wait_for_state(page, text: str, state: str) -> None:
    async def reached():
        return await request_state(page, text) == state

    await eventually(reached, OUTCOME_WAIT_S, 0.25)


async def post_job(page, title: str, department: str, rate_naira: str, slots: str, end_date: str = "") -> None:
    await page.get_by_label("Job title").fill(title)
    if end_date:
        await page.get_by_label("Last day").fill(end_date)
    await page.get_by_label("Department").fill(department)
    await page.get_by_label("Rate (₦)").fill(rate_naira)
    await page.get_by_label("City").fill("Lekki")
    await page.get_by_label("Places").fill(slots)
    await page.get_by_role("button", name="Post the job").click()


async def test_sign_in_create_post_offline_reload_and_sync_back(
    phone_page, sign_up, core_rules, couch, screenshot
):
    page = phone_page
    phone = new_phone()
    first_shoot = datetime.now(ZoneInfo("Africa/Lagos")).date() + timedelta(days=FIRST_SHOOT_IN_DAYS)

    # Sign up by phone and a one-time code.
    await page.goto("/")
    await screenshot(page, "01-sign-in")
    person_id = await sign_up(page, phone, "Funmi Adebayo")
    await screenshot(page, "03-dashboard-empty")

    # Create a project: an intent in the producer's own database, accepted by the core.
    await page.get_by_role("link", name="New project").click()
    await page.get_by_label("Title").fill("Eko Nights")
    await page.get_by_label("First shoot date (optional)").fill(first_shoot.isoformat())
    await screenshot(page, "04-new-project")
    await page.get_by_role("button", name="Create project").click()
    await wait_for_state(page, "Eko Nights", "accepted")
    post_link = page.get_by_role("link", name="Post a job")
    await post_link.wait_for(timeout=OUTCOME_WAIT_S * 1000)
    card = page.locator(".card.project", has_text="Eko Nights")
    project_id = await card.get_attribute("data-project-id")
    assert "No jobs posted yet" in await card.inner_text()

    # Post a job: an intent in the office database.
    await post_link.click()
    await page.get_by_role("heading", name="Post a job on Eko Nights").wait_for()
    await screenshot(page, "05-post-job")
    await post_job(page, "Gaffer", "lighting", "45000", "2")
    await wait_for_state(page, "Gaffer", "accepted")
    await card.get_by_text("Crew filled: 0 of 2").wait_for(timeout=OUTCOME_WAIT_S * 1000)
    assert f"First shoot in {FIRST_SHOOT_IN_DAYS} days ({first_shoot.isoformat()}, planned)" in await card.inner_text()
    await controlled_by_service_worker(page)
    await screenshot(page, "06-dashboard-online")

    # Offline: the reload comes from the service worker, the data from IndexedDB.
    await page.context.set_offline(True)
    await page.reload()
    await page.get_by_text("Offline: your work is saved on this device").wait_for()
    await card.get_by_text("Crew filled: 0 of 2").wait_for()
    await post_link.click()
    await post_job(page, "Boom operator", "sound", "30000", "1")
    await wait_for_state(page, "Boom operator", "unsent")
    status = page.get_by_test_id("sync-status")
    assert await status.get_attribute("data-unsent") == "1"
    assert "1 change waiting to go up" in await status.inner_text()
    await screenshot(page, "07-dashboard-offline")

    # Back online: the request goes up, the core processes it, the outcome comes back.
    await page.context.set_offline(False)
    await wait_for_state(page, "Boom operator", "accepted")
    await card.get_by_text("Crew filled: 0 of 3").wait_for(timeout=OUTCOME_WAIT_S * 1000)
    # The push's own acknowledgement can land after the outcome came down by the pull: wait for it.
    await status.and_(page.locator('[data-unsent="0"]')).wait_for(timeout=OUTCOME_WAIT_S * 1000)
    await screenshot(page, "08-dashboard-synced")

    # A request the core refuses comes back with the reason, in the person's words.
    await post_link.click()
    await post_job(page, "Grip", "camera", "20000", "1", end_date=(first_shoot - timedelta(days=1)).isoformat())
    await wait_for_state(page, "Grip", "rejected")
    refused = await page.locator(".request", has_text="Grip").inner_text()
    assert "Refused: The job ends before it starts: check the dates." in refused

    # What the core itself holds, read with its own (admin) client.
    office = scopes.office_db(project_id)
    outcomes = sorted((doc["title"], doc["outcome"]["status"]) for doc in await _docs(couch, office, "job_post_request:"))
    assert outcomes == [("Boom operator", "accepted"), ("Gaffer", "accepted"), ("Grip", "rejected")]
    [project_request] = await _docs(couch, scopes.user_db(person_id), "project_request:")
    assert project_request["outcome"] == {**project_request["outcome"], "status": "accepted", "ref": project_id}
    titles = sorted(doc["title"] for doc in await _docs(couch, office, "job_post:"))
    assert titles == ["Boom operator", "Gaffer"]


async def _docs(couch, db: str, prefix: str) -> list[dict]:
    return [dict(doc.data) async for doc in couch.database(db).docs(prefix=prefix)]
