"""The stripboard offline: two devices of the same producer move different strips while offline, the
conflict is shown and a person resolves it keeping both moves; and one device edits the board and
writes call-sheet notes offline, reloads, and the server has both once the network is back."""
import re
import uuid

import aiohttp
from playwright.async_api import TimeoutError as PlaywrightTimeout

from core import scopes
from tests.browser.offline_steps import controlled_by_service_worker
from tests.browser.sign_in_steps import enter_code
from tests.integration.helpers import eventually

OUTCOME_WAIT_S = 30.0
SYNC_WAIT_S = 30.0
DAY_1, DAY_2 = "2026-12-10", "2026-12-11"
# A small breakdown and the schedule the core would have published from it: what the board starts from.
SCENES = [
    ("1", "EXT", "MARINA", "NIGHT", 6), ("2", "INT", "TUNDE'S CAR", "NIGHT", 10), ("3", "INT", "OFFICE", "DAY", 4),
    ("4", "EXT", "BALOGUN MARKET", "DAY", 11), ("5", "INT", "ADA'S FLAT", "DAY", 8), ("6", "EXT", "BAR BEACH", "DAY", 3),
]
SCHEDULE_DAYS = {1: (DAY_1, ["1", "2", "3"]), 2: (DAY_2, ["4", "5"])}
SCHEDULE_BONEYARD = ["6"]


PHONE_NOTES, LAPTOP_NOTES = "Rain cover at the marina.", "Generator on standby from 05:30."


async def _has_both(field) -> bool:
    value = await field.input_value()
    return PHONE_NOTES in value and LAPTOP_NOTES in value


def new_phone() -> str:
    return "+23480" + str(uuid.uuid4().int)[:8]


async def seed_breakdown_and_schedule(settings, project_id: str) -> None:
    """Written as the core writes them (admin): the office's breakdown, the published schedule."""
    breakdown = {
        "_id": "breakdown", "type": "breakdown", "version": 1,
        "scenes": [{"id": sid, "number": sid, "heading": f"{ie}. {place} - {dn}", "int_ext": ie, "set": place,
                    "time_of_day": dn, "day_night": dn, "eighths": eighths, "characters": ["ADA"],
                    "synopsis": f"Scene {sid} at the {place.lower()}."} for sid, ie, place, dn, eighths in SCENES],
    }
    schedule = {
        "_id": "schedule", "type": "schedule", "version": 1, "status": "published", "timezone": "Africa/Lagos",
        "days": [{"day": day, "date": date, "call": "06:30", "wrap": "18:30",
                  "scenes": [{"scene_id": sid, "location_id": "loc", "start": "07:00", "end": "08:00"} for sid in ids],
                  "moves": []} for day, (date, ids) in SCHEDULE_DAYS.items()],
        "boneyard": SCHEDULE_BONEYARD,
    }
    await _admin_put(settings, scopes.office_db(project_id), breakdown)
    await _admin_put(settings, scopes.project_db(project_id), schedule)


def _auth(settings):
    return aiohttp.BasicAuth(settings.couch_admin_user, settings.couch_admin_password.get_secret_value())


async def _admin_put(settings, db: str, doc: dict) -> None:
    async with aiohttp.ClientSession(auth=_auth(settings)) as http:
        async with http.put(f"{settings.couch_url.rstrip('/')}/{db}/{doc['_id']}", json=doc) as answer:
            assert answer.status in (201, 202), await answer.text()


async def server_doc(settings, db: str, doc_id: str) -> dict | None:
    """The server's copy with its conflicting revisions listed, read with the core's admin account."""
    async with aiohttp.ClientSession(auth=_auth(settings)) as http:
        async with http.get(f"{settings.couch_url.rstrip('/')}/{db}/{doc_id}", params={"conflicts": "true"}) as answer:
            return await answer.json(content_type=None) if answer.status == 200 else None


async def create_project(page, title: str) -> str:
    await page.get_by_role("link", name="New project").click()
    await page.get_by_label("Title").fill(title)
    await page.get_by_role("button", name="Create project").click()
    card = page.locator(".card.project", has_text=title)
    await card.get_by_role("link", name=f"Stripboard of {title}").wait_for(timeout=OUTCOME_WAIT_S * 1000)
    return await card.get_attribute("data-project-id")


async def sign_in_again(page, phone: str, sent_code) -> None:
    """The same producer on a second device: phone and a fresh code."""
    await page.goto("/")
    await page.get_by_label("Phone number").fill(phone)
    await enter_code(page, phone, sent_code)


def strip_at(page, place, scene_id: str):
    return page.locator(f'.board-current section[data-place="{place}"] li.strip[data-scene-id="{scene_id}"]')


async def move_by_buttons(page, scene_id: str, place: str) -> None:
    """A phone or keyboard user: tap the strip, choose where it goes, Move."""
    await page.get_by_role("button", name=re.compile(f"^Scene {scene_id}, ")).click()
    await page.get_by_label(f"Move scene {scene_id} to").select_option(place)
    await page.get_by_role("button", name="Move", exact=True).click()
    await strip_at(page, place, scene_id).wait_for()


# What a board that never opens shows, to tell a slow sync from one that is stuck.
BOARD_STATE_JS = """(async () => ({
  screen: document.querySelector("main")?.innerText.slice(0, 200),
  sync: document.querySelector('[data-testid="sync-status"]')?.innerText,
  roles: localStorage.getItem("nollycrew.roles"),
  databases: (await indexedDB.databases()).map((db) => db.name),
}))()"""


async def open_board(page, project_id: str) -> None:
    await page.goto(f"/#/project/{project_id}/board")
    try:
        await page.get_by_role("heading", name=re.compile("^Stripboard: ")).wait_for()
    except PlaywrightTimeout:
        raise AssertionError(f"the board did not open: {await page.evaluate(BOARD_STATE_JS)}") from None


async def test_two_devices_offline_conflict_resolved_by_a_person(
    phone_page, chromium, api_url, sign_up, sent_code, core_rules, settings, screenshot
):
    phone = new_phone()
    await sign_up(phone_page, phone, "Ify Okafor")
    project_id = await create_project(phone_page, "Lagos Rain")
    await seed_breakdown_and_schedule(settings, project_id)
    office = scopes.office_db(project_id)

    # The board starts from the published schedule on the first device, and reaches the server.
    await phone_page.get_by_role("link", name="Stripboard of Lagos Rain").click()
    await phone_page.get_by_role("button", name="The published schedule (version 1)").click()
    await strip_at(phone_page, 1, "1").wait_for()
    await eventually(lambda: server_doc(settings, office, "board"), SYNC_WAIT_S, 0.25)
    await screenshot(phone_page, "30-stripboard")

    laptop = await chromium.new_context(viewport={"width": 1280, "height": 800}, base_url=api_url, service_workers="allow")
    try:
        other = await laptop.new_page()
        await sign_in_again(other, phone, sent_code)
        await open_board(other, project_id)
        await strip_at(other, 2, "4").wait_for(timeout=SYNC_WAIT_S * 1000)

        # Both offline; each moves a different strip.
        await phone_page.context.set_offline(True)
        await laptop.set_offline(True)
        await move_by_buttons(phone_page, "1", "2")
        await move_by_buttons(other, "4", "boneyard")
        # ...and both write the first day's call-sheet notes.
        for page, text in ((phone_page, PHONE_NOTES), (other, LAPTOP_NOTES)):
            await page.get_by_label("Call-sheet notes for day 1").fill(text)
            await page.get_by_role("button", name="Save notes for day 1").click()
            await page.get_by_text("Saved on this device.").wait_for()
        await laptop.set_offline(False)
        await phone_page.context.set_offline(False)

        # Both versions reach the server: a real conflict, shown on the device that resolves it.
        async def in_conflict():
            doc = await server_doc(settings, office, "board")
            return doc if doc.get("_conflicts") else None

        conflicted = await eventually(in_conflict, SYNC_WAIT_S, 0.25)
        assert len(conflicted["_conflicts"]) == 1
        conflict_heading = phone_page.get_by_role("heading", name="Two versions of this board")
        await conflict_heading.wait_for(timeout=SYNC_WAIT_S * 1000)
        await phone_page.get_by_label(re.compile(r"^Scene 1: day 2 ")).check()
        await phone_page.get_by_label(re.compile(r"^Scene 4: boneyard ")).check()
        await screenshot(phone_page, "31-stripboard-conflict")
        await phone_page.get_by_role("button", name="Save the strips as chosen").click()

        # Both moves kept, on both devices and on the server, with no conflict left.
        for page in (phone_page, other):
            await strip_at(page, 2, "1").wait_for(timeout=SYNC_WAIT_S * 1000)
            await strip_at(page, "boneyard", "4").wait_for(timeout=SYNC_WAIT_S * 1000)
            await page.get_by_role("heading", name="Two versions of this board").wait_for(state="detached", timeout=SYNC_WAIT_S * 1000)

        async def resolved():
            doc = await server_doc(settings, office, "board")
            return doc if not doc.get("_conflicts") and "4" in doc["boneyard"] else None

        # The notes are in conflict too: the person keeps both texts.
        await phone_page.get_by_text("Call-sheet notes for day 1: two versions of these notes.").wait_for(timeout=SYNC_WAIT_S * 1000)
        await screenshot(phone_page, "35-notes-conflict")
        await phone_page.get_by_role("button", name="Keep both texts").click()
        for page in (phone_page, other):
            notes_field = page.get_by_label("Call-sheet notes for day 1")
            await notes_field.wait_for(timeout=SYNC_WAIT_S * 1000)
            await eventually(lambda field=notes_field: _has_both(field), SYNC_WAIT_S, 0.25)

        async def notes_resolved():
            doc = await server_doc(settings, office, f"call_sheet_notes:{DAY_1}")
            return doc if doc and not doc.get("_conflicts") and LAPTOP_NOTES in doc["text"] else None

        notes = await eventually(notes_resolved, SYNC_WAIT_S, 0.25)
        assert PHONE_NOTES in notes["text"] and LAPTOP_NOTES in notes["text"]
        board = await eventually(resolved, SYNC_WAIT_S, 0.25)
        assert board["days"][0]["scenes"] == ["2", "3"]
        assert board["days"][1]["scenes"] == ["5", "1"]
        assert sorted(board["boneyard"]) == ["4", "6"]
        await screenshot(phone_page, "32-stripboard-resolved")
    finally:
        await laptop.close()


async def test_offline_board_edits_and_call_sheet_notes_survive_a_reload(
    phone_page, sign_up, core_rules, settings, screenshot
):
    page = phone_page
    await sign_up(page, new_phone(), "Chidi Nwosu")
    project_id = await create_project(page, "Third Mainland")
    await seed_breakdown_and_schedule(settings, project_id)
    office = scopes.office_db(project_id)
    await open_board(page, project_id)
    await page.get_by_role("button", name="The published schedule (version 1)").click()
    await strip_at(page, 1, "1").wait_for()
    await eventually(lambda: server_doc(settings, office, "board"), SYNC_WAIT_S, 0.25)
    await controlled_by_service_worker(page)

    # Offline: drag a strip from the boneyard onto day 1, move another by buttons, write notes.
    await page.context.set_offline(True)
    await page.set_viewport_size({"width": 1280, "height": 1600})  # a laptop's mouse: both days in view
    dragged = strip_at(page, "boneyard", "6")
    box = await dragged.bounding_box()  # held by its synopsis line: the strip's button takes taps
    await dragged.drag_to(page.locator('.board-current section[data-place="1"] ol.strips'),
                          source_position={"x": 8, "y": box["height"] - 6})
    await strip_at(page, 1, "6").wait_for()
    await page.set_viewport_size({"width": 360, "height": 780})
    await move_by_buttons(page, "2", "boneyard")
    notes = "Rain cover at the marina; generator on standby."
    await page.get_by_label("Call-sheet notes for day 1").fill(notes)
    await page.get_by_role("button", name="Save notes for day 1").click()
    await page.get_by_text("Saved on this device.").wait_for()

    # Reload with no network: the app from the service worker, the edits from IndexedDB.
    await page.reload()
    await page.get_by_text("Offline: your work is saved on this device").wait_for()
    await strip_at(page, "boneyard", "2").wait_for()
    await strip_at(page, 1, "6").wait_for()
    assert await page.get_by_label("Call-sheet notes for day 1").input_value() == notes
    await screenshot(page, "33-stripboard-offline")

    # Back online: the server has the board and the notes.
    await page.context.set_offline(False)

    async def synced():
        board = await server_doc(settings, office, "board")
        notes_doc = await server_doc(settings, office, f"call_sheet_notes:{DAY_1}")
        return (board, notes_doc) if notes_doc and "2" in board["boneyard"] else None

    board, notes_doc = await eventually(synced, SYNC_WAIT_S, 0.25)
    assert "6" in board["days"][0]["scenes"] and "2" not in board["days"][0]["scenes"]
    assert notes_doc["text"] == notes and notes_doc["type"] == "call_sheet_notes"
    assert not board.get("_conflicts") and not notes_doc.get("_conflicts")
    await page.get_by_test_id("sync-status").get_by_text(re.compile("up to date")).wait_for(timeout=SYNC_WAIT_S * 1000)



async def test_optimise_shows_the_proposal_beside_the_board_then_publishes_it(
    phone_page, sign_up, core_rules, bus, settings, screenshot
):
    """Through the real core: refused without a shoot plan (with its reason), then accepted; the
    solver's draft (run here as the worker runs it) shows beside the board; publishing it
    gives the project its schedule."""
    import json
    from datetime import date

    from config.seed_shoot import PLAN_FILE, demo_plan
    from workers.schedule_solving import solve_draft

    page = phone_page
    phone = new_phone()
    person_id = await sign_up(page, phone, "Bola Ade")
    project_id = await create_project(page, "Eko Nights")
    office = scopes.office_db(project_id)
    breakdown = {"_id": "breakdown", "type": "breakdown", "version": 1,
                 "scenes": json.loads(PLAN_FILE.read_text())["scenes"]}
    await _admin_put(settings, office, breakdown)
    await open_board(page, project_id)
    await page.get_by_role("button", name="The breakdown (every scene in the boneyard)").click()
    await strip_at(page, "boneyard", "1").wait_for()

    await page.get_by_role("button", name="Optimise").click()
    await page.get_by_text(re.compile("^Optimise: refused: Set the shoot plan first")).wait_for(timeout=OUTCOME_WAIT_S * 1000)

    plan = demo_plan(date(2026, 12, 1), person_id, {person_id: ("Bola Ade", "producer", phone)})
    await _admin_put(settings, office, {"_id": "shoot_plan", "type": "shoot_plan", "plan": plan})
    await page.get_by_role("button", name="Optimise").click()
    await page.get_by_text("Optimise: accepted").wait_for(timeout=OUTCOME_WAIT_S * 1000)
    await page.get_by_text("Draft 1: the solver is working on it…").wait_for(timeout=OUTCOME_WAIT_S * 1000)

    # The office worker's job, run here: the draft comes down and shows beside the board.
    await bus.handle(solve_draft(project_id, 1, plan, breakdown, None, 10))
    proposal = page.locator(".board-proposal")
    await proposal.get_by_role("button", name="Use draft 1 as the board").wait_for(timeout=SYNC_WAIT_S * 1000)
    assert await proposal.locator("li.strip").count() == len(breakdown["scenes"])
    await screenshot(page, "34-stripboard-proposal")

    await proposal.get_by_role("button", name="Use draft 1 as the board").click()
    await page.locator('.board-current section[data-place="boneyard"] li.empty').wait_for()
    await page.get_by_role("button", name="Publish").click()
    await page.get_by_text("Publish: accepted").wait_for(timeout=OUTCOME_WAIT_S * 1000)

    schedule = await server_doc(settings, scopes.project_db(project_id), "schedule")
    draft = await server_doc(settings, office, "schedule_draft:1")
    assert schedule["version"] == 1
    assert [d["scenes"] for d in schedule["days"]] == [d["scenes"] for d in draft["schedule"]["days"]]

    # The AD parks a strip by hand; "Check my board" has the solver time the board as arranged.
    parked = draft["schedule"]["days"][0]["scenes"][0]["scene_id"]
    await move_by_buttons(page, parked, "boneyard")
    await strip_at(page, "boneyard", parked).wait_for()
    await page.get_by_role("button", name="Check my board").click()
    await page.get_by_text("Check my board: accepted").wait_for(timeout=OUTCOME_WAIT_S * 1000)
    drafts = await server_doc(settings, office, "schedule_drafts")
    asked = next(entry for entry in drafts["drafts"] if entry["number"] == 2)
    assert parked in asked["board"]["boneyard"]
    await bus.handle(solve_draft(project_id, 2, plan, breakdown, None, 10, asked["board"]))
    await proposal.get_by_text("Your board works as arranged").wait_for(timeout=SYNC_WAIT_S * 1000)
    await screenshot(page, "35-stripboard-checked")
    await proposal.get_by_role("button", name="Use draft 2 as the board").click()
    await page.get_by_role("button", name="Publish").click()

    async def published_again():
        doc = await server_doc(settings, scopes.project_db(project_id), "schedule")
        return doc if doc["version"] == 2 else None
    second = await eventually(published_again, SYNC_WAIT_S, 0.25)
    first_dates = {slot["scene_id"]: day["date"] for day in schedule["days"] for slot in day["scenes"]}
    assert parked in second["boneyard"]
    assert all(first_dates[slot["scene_id"]] == day["date"] for day in second["days"] for slot in day["scenes"])


async def test_a_first_ad_on_another_device_resolves_the_producers_conflicting_edit(
    phone_page, chromium, api_url, sign_up, core_rules, bus, settings
):
    """Two people, not two devices of one: the producer and the first AD she made, both offline,
    each move a strip; the AD resolves the conflict and the server keeps her resolution."""
    from core.commands import GrantProjectRole

    producer_id = await sign_up(phone_page, new_phone(), "Ify Okafor")
    project_id = await create_project(phone_page, "Lagos Rain")
    await seed_breakdown_and_schedule(settings, project_id)
    office = scopes.office_db(project_id)
    await open_board(phone_page, project_id)
    await phone_page.get_by_role("button", name="The published schedule (version 1)").click()
    await eventually(lambda: server_doc(settings, office, "board"), SYNC_WAIT_S, 0.25)

    laptop = await chromium.new_context(viewport={"width": 1280, "height": 800}, base_url=api_url, service_workers="allow")
    try:
        other = await laptop.new_page()
        ad_id = await sign_up(other, new_phone(), "Tunde Bello")
        await bus.handle(GrantProjectRole(f"project_role_grant:{uuid.uuid4().hex}", project_id, producer_id, ad_id,
                                          "first_ad"))
        await other.reload()  # her new role reaches the device when it next signs its databases on
        await open_board(other, project_id)
        await strip_at(other, 2, "4").wait_for(timeout=SYNC_WAIT_S * 1000)

        await phone_page.context.set_offline(True)
        await laptop.set_offline(True)
        await move_by_buttons(phone_page, "1", "2")
        await move_by_buttons(other, "4", "boneyard")
        await laptop.set_offline(False)
        await phone_page.context.set_offline(False)

        await other.get_by_role("heading", name="Two versions of this board").wait_for(timeout=SYNC_WAIT_S * 1000)
        await other.get_by_label(re.compile(r"^Scene 1: day 2 ")).check()
        await other.get_by_label(re.compile(r"^Scene 4: boneyard ")).check()
        await other.get_by_role("button", name="Save the strips as chosen").click()

        async def resolved():
            doc = await server_doc(settings, office, "board")
            return doc if not doc.get("_conflicts") and "4" in doc["boneyard"] and "1" in doc["days"][1]["scenes"] else None

        board = await eventually(resolved, SYNC_WAIT_S, 0.25)
        assert board["author"] == ad_id
        for page in (phone_page, other):
            await strip_at(page, 2, "1").wait_for(timeout=SYNC_WAIT_S * 1000)
            await strip_at(page, "boneyard", "4").wait_for(timeout=SYNC_WAIT_S * 1000)
    finally:
        await laptop.close()


async def test_a_device_that_cannot_read_its_roles_at_first_opens_the_office_when_it_can(
    phone_page, chromium, api_url, sign_up, core_rules, bus, settings
):
    """A busy server (or one bar of signal) fails the first questions about the person's roles:
    the device keeps asking, and the first AD's new office opens, without a reload."""
    from core.commands import GrantProjectRole

    producer_id = await sign_up(phone_page, new_phone(), "Ify Okafor")
    project_id = await create_project(phone_page, "Lagos Rain")
    await seed_breakdown_and_schedule(settings, project_id)
    await open_board(phone_page, project_id)
    await phone_page.get_by_role("button", name="The published schedule (version 1)").click()
    await eventually(lambda: server_doc(settings, scopes.office_db(project_id), "board"), SYNC_WAIT_S, 0.25)

    laptop = await chromium.new_context(viewport={"width": 1280, "height": 800}, base_url=api_url,
                                        service_workers="block")  # every request through the route below
    try:
        other = await laptop.new_page()
        ad_id = await sign_up(other, new_phone(), "Tunde Bello")
        failed = []

        async def busy_at_first(route):
            if route.request.method == "GET" and len(failed) < 2:
                failed.append(route.request.url)
                await route.fulfill(status=503, json={"error": "unavailable", "reason": "busy"})
            else:
                await route.continue_()

        await other.route("**/db/_session", busy_at_first)
        await bus.handle(GrantProjectRole(f"project_role_grant:{uuid.uuid4().hex}", project_id, producer_id, ad_id,
                                          "first_ad"))
        await open_board(other, project_id)
        await strip_at(other, 2, "4").wait_for(timeout=SYNC_WAIT_S * 1000)
        assert len(failed) == 2
        roles = await other.evaluate("JSON.parse(localStorage.getItem('nollycrew.roles'))")
        assert scopes.office_role(project_id) in roles
    finally:
        await laptop.close()
