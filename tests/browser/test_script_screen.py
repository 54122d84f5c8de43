"""Script versions, the breakdown and the day out of days in the web app.

A producer uploads a screenplay in the page; the core takes the version and the office worker's
reading (run here as the worker runs it) brings its breakdown to the device. Offline, they
correct two scenes and reload; meanwhile the office uploads a version that cuts one of them.
Back online, the core applies the one correction and refuses the other, with its reason. The
day out of days of a schedule published through the core shows on the device, offline too,
cell for cell what core.call_sheets.day_out_of_days makes of the same documents."""
import copy
import csv
import io
import re
import uuid

import pytest

from core import scopes
from core.call_sheets.day_out_of_days import day_out_of_days
from core.shoot_commands import (
    AddScriptVersion, CorrectBreakdown, PublishSchedule, RecordScheduleDraft, RequestSchedule, SetShootPlan,
)
from tests.browser.offline_steps import controlled_by_service_worker
from tests.unit.shoot_fakes import EKO_NIGHTS, PLAN
from workers.script_reading import read_upload

WAIT_S = 30.0
WAIT_MS = int(WAIT_S * 1000)
SOLVE_LIMIT_S = 10
FIRST_FILE, SECOND_FILE, NOT_A_SCRIPT = "eko-nights.fountain", "eko-nights-v2.fountain", "shopping.txt"
SHOPPING_LIST = "Shopping list for the shoot: rice, water, fuel.\n"  # text with no scene heading
# The second draft cuts the last scene (INT. OBI'S FLAT - NIGHT): scenes 1 to 3 stay as they were.
EKO_NIGHTS_CUT = EKO_NIGHTS[:EKO_NIGHTS.index("INT. OBI'S FLAT - NIGHT")]


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


async def create_project(page, title: str) -> str:
    await page.get_by_role("link", name="New project").click()
    await page.get_by_label("Title").fill(title)
    await page.get_by_role("button", name="Create project").click()
    card = page.locator(".card.project", has_text=title)
    await card.get_by_role("link", name=f"Script of {title}").wait_for(timeout=WAIT_MS)
    return await card.get_attribute("data-project-id")


async def read_version(bus, project_id: str, number: int, file_name: str, text: str) -> None:
    """What the office worker does with the job the core queued: read the file, hand back its breakdown."""
    await bus.handle(read_upload(project_id, number, file_name, text.encode()))


async def upload_elsewhere(bus, person_id: str, project_id: str, file_name: str, text: str) -> int:
    """The same office on another device: the file up, the intent taken by the core."""
    media = await bus.services.media.save(person_id, "script", "text/plain", text.encode())
    ref = await bus.handle(AddScriptVersion(f"script_upload:{uuid.uuid4().hex}", project_id, person_id,
                                            media.media_id, file_name))
    return int(ref.split(":")[1])


def pages(eighths: int) -> str:
    """As a first AD writes a length: 11 eighths is "1 3/8"."""
    whole, rest = divmod(eighths, 8)
    return f"{whole} {rest}/8" if whole and rest else f"{rest}/8" if rest else str(whole)


def scene(page, scene_id: str):
    return page.locator(f'li.scene[data-scene-id="{scene_id}"]')


def correction_line(page, text: str, state: str):
    return page.locator(f'li.correction[data-state="{state}"]', has_text=text)


async def test_offline_corrections_applied_or_refused_with_the_reason(
    phone_page, sign_up, core_rules, bus, screenshot
):
    page = phone_page
    person_id = await sign_up(page, new_phone(), "Ngozi Eze")
    project_id = await create_project(page, "Eko Nights")
    office = scopes.office_db(project_id)
    store = bus.services.store

    await page.get_by_role("link", name="Script of Eko Nights").click()
    await page.get_by_text("No script yet.").wait_for()
    await page.get_by_label(re.compile("^New version of the script")).set_input_files(
        {"name": FIRST_FILE, "mimeType": "text/plain", "buffer": EKO_NIGHTS.encode()})
    await page.get_by_role("button", name="Upload").click()
    await page.get_by_text(f"Upload of {FIRST_FILE}: accepted").wait_for(timeout=WAIT_MS)
    await page.get_by_text("Being read…").wait_for(timeout=WAIT_MS)

    await read_version(bus, project_id, 1, FIRST_FILE, EKO_NIGHTS)
    parsed = await store.get(office, "breakdown")
    for entry in parsed["scenes"]:
        await scene(page, entry["id"]).wait_for(timeout=WAIT_MS)
    assert await page.locator("li.scene").count() == len(parsed["scenes"]) == 4
    assert await scene(page, "1").locator("h3").inner_text() == f"1. {parsed['scenes'][0]['heading']}"
    await page.locator('li.version[data-version="1"]').get_by_text("current").wait_for()
    await controlled_by_service_worker(page)
    await screenshot(page, "40-script")

    # Offline: a cutlass and a longer scene 1; a vehicle in scene 4.
    await page.context.set_offline(True)
    longer = parsed["scenes"][0]["eighths"] + 3
    await page.get_by_role("button", name="Edit scene 1").click()
    await page.get_by_label("Length in eighths of a page").fill(str(longer))
    await page.get_by_label("Element category").select_option("props")
    await page.get_by_label("New element").fill("cutlass")
    await page.get_by_role("button", name="Add element").click()
    await screenshot(page, "41-breakdown-edit")
    await page.get_by_role("button", name="Save changes").click()
    await correction_line(scene(page, "1"), "Props: add cutlass", "unsent").wait_for()
    await correction_line(scene(page, "1"), "Length set to", "unsent").wait_for()
    await page.get_by_role("button", name="Edit scene 4").click()
    await page.get_by_label("Element category").select_option("vehicles")
    await page.get_by_label("New element").fill("okada")
    await page.get_by_role("button", name="Add element").click()
    await page.get_by_role("button", name="Save changes").click()
    await correction_line(scene(page, "4"), "Vehicles: add okada", "unsent").wait_for()

    # A reload with no network: the corrections are still on the device, waiting to go up.
    await page.reload()
    await page.get_by_text("Offline: your work is saved on this device").wait_for()
    await correction_line(scene(page, "1"), "Props: add cutlass", "unsent").wait_for(timeout=WAIT_MS)
    await correction_line(scene(page, "4"), "Vehicles: add okada", "unsent").wait_for()
    await screenshot(page, "42-breakdown-offline")

    # Meanwhile the office uploads a second draft without scene 4.
    second = await upload_elsewhere(bus, person_id, project_id, SECOND_FILE, EKO_NIGHTS_CUT)
    await read_version(bus, project_id, second, SECOND_FILE, EKO_NIGHTS_CUT)

    await page.context.set_offline(False)
    refused = correction_line(page.locator(".corrections-elsewhere"), "Vehicles: add okada", "rejected")
    await refused.wait_for(timeout=WAIT_MS)
    assert "There is no scene 4 in the current breakdown." in await refused.inner_text()
    await correction_line(scene(page, "1"), "Props: add cutlass", "accepted").wait_for(timeout=WAIT_MS)
    await correction_line(scene(page, "1"), "Length set to", "accepted").wait_for(timeout=WAIT_MS)
    props = scene(page, "1").locator('[data-category="props"] dd')
    await props.get_by_text(re.compile(r"\bcutlass\b")).wait_for(timeout=WAIT_MS)
    await page.get_by_role("heading", name="Breakdown of version 2 (current)").wait_for()
    assert await page.locator("li.scene").count() == 3

    # The server has what the page shows: version 2 with the correction applied.
    breakdown = await store.get(office, "breakdown")
    assert breakdown["version"] == second == 2
    first = next(entry for entry in breakdown["scenes"] if entry["id"] == "1")
    assert "cutlass" in first["elements"]["props"] and first["eighths"] == longer
    await scene(page, "1").locator(".scene-facts").get_by_text(f"{pages(longer)} pages").wait_for()
    await screenshot(page, "43-breakdown-applied-and-refused")

    # The first version is still there to read, as it was parsed, without the edit buttons.
    await page.get_by_role("link", name="View version 1").click()
    await page.get_by_role("heading", name="Breakdown of version 1").wait_for()
    await scene(page, "4").wait_for()
    assert await page.get_by_role("button", name=re.compile("^Edit scene")).count() == 0
    assert "cutlass" not in await scene(page, "1").inner_text()
    await screenshot(page, "44-script-version-1")

    # A file with no scene in it: the upload is taken, the reading refused with the reader's reason.
    await page.get_by_label(re.compile("^New version of the script")).set_input_files(
        {"name": NOT_A_SCRIPT, "mimeType": "text/plain", "buffer": SHOPPING_LIST.encode()})
    await page.get_by_role("button", name="Upload").click()
    await page.get_by_text(f"Upload of {NOT_A_SCRIPT}: accepted").wait_for(timeout=WAIT_MS)
    await read_version(bus, project_id, 3, NOT_A_SCRIPT, SHOPPING_LIST)
    unread = page.locator('li.version[data-version="3"] .version-state.refused')
    await unread.wait_for(timeout=WAIT_MS)
    version = next(v for v in (await store.get(office, "script"))["versions"] if v["number"] == 3)
    assert version["status"] == "refused" and version["reason"]
    assert await unread.inner_text() == f"Could not be read: {version['reason']}"
    await page.locator('li.version[data-version="2"]').get_by_text("current").wait_for()


def slot(scene_id: str, location_id: str, start: str, end: str) -> dict:
    return {"scene_id": scene_id, "location_id": location_id, "start": start, "end": end}


# A known schedule over three days (OBI is not free on 2 December): ADA works days 1 and 3 and is
# held on day 2; OBI starts on day 2.
KNOWN_SCHEDULE = {
    "timezone": "Africa/Lagos", "boneyard": [],
    "days": [
        {"day": 1, "date": "2026-12-01", "call": "17:00", "wrap": "21:00", "moves": [],
         "scenes": [slot("1", "loc-marina", "18:00", "18:30")]},
        {"day": 2, "date": "2026-12-03", "call": "08:00", "wrap": "12:00", "moves": [],
         "scenes": [slot("2", "loc-flat", "09:00", "09:30")]},
        {"day": 3, "date": "2026-12-04", "call": "08:00", "wrap": "21:00",
         "moves": [{"from": "loc-marina", "to": "loc-flat", "travel_minutes": 31, "at": "10:00"}],
         "scenes": [slot("3", "loc-marina", "09:00", "09:30"), slot("4", "loc-flat", "19:00", "19:30")]},
    ],
    "cost": {"hold_days": 1, "company_moves": 1, "overtime_minutes": 0, "objective": 0},
}


async def publish_through_the_core(bus, person_id: str, project_id: str) -> None:
    """The office's path to a published schedule: script read, shoot plan, a draft (the known
    schedule, handed back as the solver's worker hands back its answer), publish."""
    number = await upload_elsewhere(bus, person_id, project_id, FIRST_FILE, EKO_NIGHTS)
    await read_version(bus, project_id, number, FIRST_FILE, EKO_NIGHTS)
    tag = uuid.uuid4().hex
    await bus.handle(SetShootPlan(f"shoot_plan_update:{tag}", project_id, person_id, copy.deepcopy(PLAN)))
    ref = await bus.handle(RequestSchedule(f"schedule_request:{tag}", project_id, person_id, False, SOLVE_LIMIT_S))
    draft = int(ref.split(":")[1])
    await bus.handle(RecordScheduleDraft(project_id, draft, copy.deepcopy(KNOWN_SCHEDULE)))
    await bus.handle(PublishSchedule(f"schedule_publish:{tag}", project_id, person_id, draft))


async def test_day_out_of_days_grid_matches_the_core_and_shows_offline(
    phone_page, sign_up, core_rules, bus, screenshot
):
    page = phone_page
    person_id = await sign_up(page, new_phone(), "Tayo Bello")
    project_id = await create_project(page, "Lagos Rain")
    await page.get_by_role("link", name="Day out of days of Lagos Rain").click()
    await page.get_by_text("No day out of days yet").wait_for(timeout=WAIT_MS)

    await publish_through_the_core(bus, person_id, project_id)
    store = bus.services.store
    schedule = await store.get(scopes.project_db(project_id), "schedule")
    sheet = await store.get(scopes.office_db(project_id), "production_sheet")
    expected = day_out_of_days(schedule, sheet["scenes_by_id"], sheet["cast"])
    # The known schedule has a start, a hold, a finish and days off the span: all are compared below.
    assert {code for row in expected["rows"] for code in row["codes"]} == {"SW", "H", "WF", ""}

    grid = page.locator("table.dood")
    await grid.wait_for(timeout=WAIT_MS)

    async def shows_expected():
        headers = await grid.locator("thead th[data-date]").all_inner_texts()
        assert [" ".join(text.split()) for text in headers] == [day["label"] for day in expected["days"]]
        for row in expected["rows"]:
            line = grid.locator(f'tbody tr[data-character="{row["character"]}"]')
            assert await line.locator("td.dood-code").all_inner_texts() == row["codes"]
            assert await line.locator("td.dood-count").all_inner_texts() == [
                str(row["work_days"]), str(row["hold_days"]), str(row["total_days"])]
            assert row["name"] in await line.locator("th").inner_text()
        assert await grid.locator("tbody tr").count() == len(expected["rows"])
        working = grid.locator('tfoot tr[data-count="working"] td')
        assert (await working.all_inner_texts())[: len(expected["days"])] == [
            str(day["working"]) for day in expected["per_day"]]

    await shows_expected()
    # The name column stays in view while the days scroll sideways on a phone.
    position = await grid.locator("tbody th.dood-name").first.evaluate("(cell) => getComputedStyle(cell).position")
    assert position == "sticky"

    # The CSV link downloads the same report from the server.
    href = await page.get_by_role("link", name="Download as CSV").get_attribute("href")
    answer = await page.request.get(href)
    assert answer.status == 200
    rows = list(csv.reader(io.StringIO(await answer.text())))[1:]
    assert [row[3: 3 + len(expected["days"])] for row in rows] == [row["codes"] for row in expected["rows"]]

    # Offline, after a reload: the grid is on the device.
    await controlled_by_service_worker(page)
    await page.context.set_offline(True)
    await page.reload()
    await page.get_by_text("Offline: your work is saved on this device").wait_for()
    await grid.wait_for(timeout=WAIT_MS)
    await shows_expected()
    await screenshot(page, "45-day-out-of-days")
    await page.context.set_offline(False)

    # A correction after publication: the page says the grid is as published, not as corrected.
    stale = page.get_by_text("The breakdown has changed since this schedule was published.")
    assert await stale.count() == 0
    await bus.handle(CorrectBreakdown(f"breakdown_correction:{uuid.uuid4().hex}", project_id, person_id,
                                      {"scene": "1", "field": "elements.props", "add": ["cutlass"]}))
    await stale.wait_for(timeout=WAIT_MS)
