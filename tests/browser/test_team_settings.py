"""Team and settings in the web app.

A producer gives a gaffer hired on the project the role of first assistant director while
offline; it is accepted once the network is back (the core's team record and the gaffer's CouchDB
roles show it). The gaffer, now in the office, tries to give a role himself and sees the core's
refusal; the producer takes the role back. In Settings a producer chooses Yorùbá: the core puts it
on her profile (the field the bots answer in), the choice survives a reload offline, and after
the device's data is cleared it comes back from the profile."""
import uuid
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from core import scopes
from core.commands import ApplyForJob, CreateProject, Hire, PostJob, RegisterPerson
from core.errors import Rejected
from core.money import Money
from core.project_roles import GRANT_ROLES, PROJECT_ROLES, require
from tests.browser.catalog_steps import said
from tests.browser.offline_steps import controlled_by_service_worker
from tests.browser.sign_in_steps import enter_code
from tests.integration.helpers import eventually

OUTCOME_WAIT_S = 30.0
WAIT_MS = int(OUTCOME_WAIT_S * 1000)
LAGOS = ZoneInfo("Africa/Lagos")
JOB_STARTS_IN_DAYS = 20
GAFFER = "Tunde Bakare"
FIRST_AD = PROJECT_ROLES["first_ad"].title
ACCOUNTANT = PROJECT_ROLES["production_accountant"].title
SOUND_RECORDIST = "Ngozi Chukwu"
SAVED_SETTINGS_JS = "Object.keys(localStorage).filter((key) => key.startsWith('nollycrew.settings'))"


@pytest.fixture
async def bus(couch, redis, settings):
    from config.bootstrap import build_bus

    return build_bus(couch, redis, settings=settings)


def new_phone() -> str:
    return "+23480" + str(uuid.uuid4().int)[:8]


async def seed_hired_gaffer(bus, producer_id: str, phone: str) -> dict:
    """A project of the producer with a gaffer hired on it (through the bus, as the office would)."""
    tag = uuid.uuid4().hex
    project_id = await bus.handle(CreateProject(f"project_request:{tag}", producer_id, "Eko Nights"))
    start = datetime.now(LAGOS).date() + timedelta(days=JOB_STARTS_IN_DAYS)
    job_post_id = await bus.handle(PostJob(
        f"job_post_request:{tag}", project_id, producer_id, "Gaffer", "lighting", start, start + timedelta(days=4),
        time(6, 30), Money(4_500_000, "NGN"), "day", "Lekki", "Lagos", 1,
    ))
    gaffer_id = await bus.handle(RegisterPerson(phone, GAFFER, ("crew",), department="lighting"))
    application_id = await bus.handle(ApplyForJob(f"application_request:{tag}", gaffer_id, job_post_id, "Ten years on set."))
    await bus.handle(Hire(f"hire_request:{tag}", project_id, producer_id, application_id))
    return {"project_id": project_id, "gaffer_id": gaffer_id}


def refusal(roles: set[str]) -> str:
    """What the core says to someone with `roles` who gives a project role."""
    with pytest.raises(Rejected) as refused:
        require(roles, GRANT_ROLES, "give project roles")
    return str(refused.value)


async def open_team(page, project_id: str) -> None:
    await page.goto(f"/#/project/{project_id}/team")
    await page.get_by_role("heading", name="Who is on the project").wait_for(timeout=WAIT_MS)


def person_row(page, department: str, person_id: str):
    return page.locator(f'.team-department[data-department="{department}"] .team-person[data-person-id="{person_id}"]')


def role_request(page, intent_type: str, person_id: str, role: str):
    return page.locator(f'.request[data-type="{intent_type}"][data-person-id="{person_id}"][data-role="{role}"]')


async def give_role(page, typed: str, person_id: str, role_title: str) -> None:
    """A keyboard user: type part of the name, pick the role, press Enter on the button."""
    await page.get_by_label("Find a person (name or job)").fill(typed)
    # The person is offered once the office's records of them are on the device.
    await page.locator(f'#grant-person option[value="{person_id}"]').wait_for(state="attached", timeout=WAIT_MS)
    await page.get_by_label("Role", exact=True).select_option(label=role_title)
    await page.get_by_role("button", name="Give the role").focus()
    await page.keyboard.press("Enter")


async def state_of(row) -> str:
    await row.wait_for(timeout=WAIT_MS)
    return await row.get_attribute("data-state")


async def settled(row) -> str:
    """The row's state once the core has answered (accepted or refused)."""
    async def answered():
        state = await state_of(row)
        return state if state in ("accepted", "rejected") else None

    return await eventually(answered, OUTCOME_WAIT_S, 0.25)


async def team_roles(bus, project_id: str, person_id: str) -> list[str]:
    member = await bus.services.store.get(scopes.office_db(project_id), f"team:{person_id}")
    return (member or {}).get("roles", [])


async def couch_roles(bus, person_id: str) -> list[str]:
    account = await bus.services.store.get("_users", f"org.couchdb.user:{person_id}")
    return account["roles"]


async def test_producer_gives_first_ad_offline_refusal_shows_its_reason_and_takes_it_back(
    phone_page, chromium, api_url, sign_up, sent_code, core_rules, bus, screenshot
):
    page = phone_page
    producer_id = await sign_up(page, new_phone(), "Funmi Adebayo")
    gaffer_phone = new_phone()
    seeded = await seed_hired_gaffer(bus, producer_id, gaffer_phone)
    project_id, gaffer_id = seeded["project_id"], seeded["gaffer_id"]
    office_role = scopes.office_role(project_id)

    # The team by department: the producer in the office, the gaffer under lighting.
    await page.get_by_role("link", name="Team of Eko Nights").click()
    await page.get_by_role("heading", name="Who is on the project").wait_for(timeout=WAIT_MS)
    await person_row(page, "lighting", gaffer_id).wait_for(timeout=WAIT_MS)
    producer_row = person_row(page, "production", producer_id)
    assert "Producer" in await producer_row.inner_text()
    assert "No project role yet" in await person_row(page, "lighting", gaffer_id).inner_text()
    await controlled_by_service_worker(page)
    await screenshot(page, "60-team")

    # Offline: the grant waits on the device.
    await page.context.set_offline(True)
    await page.get_by_text("Offline: your work is saved on this device").wait_for()
    await give_role(page, "tunde", gaffer_id, FIRST_AD)
    grant = role_request(page, "project_role_grant", gaffer_id, "first_ad")
    assert await state_of(grant) == "unsent"
    assert f"Give {FIRST_AD} to {GAFFER}" in await grant.inner_text()
    await screenshot(page, "61-team-grant-offline")

    # Back online: the core gives the role and opens the office to the gaffer's devices.
    await page.context.set_offline(False)
    assert await settled(grant) == "accepted"
    gaffer_row = person_row(page, "lighting", gaffer_id)
    await gaffer_row.locator('.team-role[data-role="first_ad"]').wait_for(timeout=WAIT_MS)
    assert await team_roles(bus, project_id, gaffer_id) == ["first_ad"]
    assert office_role in await couch_roles(bus, gaffer_id)

    # The gaffer, now first AD, sees the team on his own phone; a role he gives is refused.
    crew_context = await chromium.new_context(viewport={"width": 360, "height": 780}, base_url=api_url,
                                              service_workers="allow")
    try:
        gaffer_page = await crew_context.new_page()
        await gaffer_page.goto("/")
        await gaffer_page.get_by_label("Phone number").fill(gaffer_phone)
        await enter_code(gaffer_page, gaffer_phone, sent_code)
        await open_team(gaffer_page, project_id)
        await gaffer_page.get_by_text("Only the producer gives and takes back project roles").wait_for()
        await give_role(gaffer_page, "tunde", gaffer_id, ACCOUNTANT)
        refused = role_request(gaffer_page, "project_role_grant", gaffer_id, "production_accountant")
        assert await settled(refused) == "rejected"
        assert f"Refused: {refusal({'first_ad'})}" in await refused.inner_text()
        await screenshot(gaffer_page, "62-team-refused")
    finally:
        await crew_context.close()
    assert await team_roles(bus, project_id, gaffer_id) == ["first_ad"]

    # The producer takes the role back: the office closes to the gaffer again.
    await page.get_by_role("button", name=f"Take back {FIRST_AD} from {GAFFER}").click()
    revoke = role_request(page, "project_role_revoke", gaffer_id, "first_ad")
    assert await settled(revoke) == "accepted"
    await gaffer_row.get_by_text("No project role yet").wait_for(timeout=WAIT_MS)
    assert await team_roles(bus, project_id, gaffer_id) == []
    assert office_role not in await couch_roles(bus, gaffer_id)
    assert scopes.member_role(project_id) in await couch_roles(bus, gaffer_id)  # still on the project
    await screenshot(page, "63-team-revoked")

    # Someone not on the project yet, found in the NollyCrew directory by name, joins as crew.
    sound_id = await bus.handle(RegisterPerson(new_phone(), SOUND_RECORDIST, ("crew",), department="sound"))
    await page.get_by_label("Find a person (name or job)").fill("ngozi")

    async def found_in_directory():
        async with page.expect_response(lambda answer: "/search/people" in answer.url) as searched:
            await page.get_by_role("button", name="Search all of NollyCrew").click()
        hits = (await (await searched.value).json()).get("results", [])
        return any(hit["person_id"] == sound_id for hit in hits)

    await eventually(found_in_directory, OUTCOME_WAIT_S, 0.1)  # the directory index follows its feed
    await page.locator(f'#grant-person option[value="{sound_id}"]').wait_for(state="attached")
    await page.get_by_label("Person", exact=True).select_option(sound_id)
    await page.get_by_label("Role", exact=True).select_option(label=PROJECT_ROLES["crew"].title)
    await page.get_by_role("button", name="Give the role").click()
    assert await settled(role_request(page, "project_role_grant", sound_id, "crew")) == "accepted"
    await page.locator(f'.team-person[data-person-id="{sound_id}"] .team-role[data-role="crew"]').wait_for(timeout=WAIT_MS)
    assert await team_roles(bus, project_id, sound_id) == ["crew"]
    assert scopes.member_role(project_id) in await couch_roles(bus, sound_id)
    await screenshot(page, "66-team-from-directory")


async def test_choosing_yoruba_writes_the_profile_and_survives_a_reload_offline(
    phone_page, sign_up, core_rules, bus, screenshot
):
    page = phone_page
    person_id = await sign_up(page, new_phone(), "Bisi Ogunleye")
    await page.get_by_role("link", name="Settings").click()
    await page.get_by_role("heading", name="Settings").wait_for()
    assert await page.get_by_label("English").is_checked()
    assert "₦45,000.00" in await page.locator("#currency-hint").inner_text()
    await screenshot(page, "64-settings")

    await page.get_by_label("Yorùbá").check()
    choice = page.locator(".settings .request")
    state = await settled(choice)
    assert state == "accepted", f"the core did not take the language: {await choice.inner_text()}"

    async def profile_language():
        profile = await bus.services.store.get(scopes.user_db(person_id), "profile")
        return profile.get("chat_language")

    assert await eventually(profile_language, OUTCOME_WAIT_S, 0.25) == "yo"
    await controlled_by_service_worker(page)

    # Offline, after a reload: the app still speaks Yorùbá, its sync bar too.
    await page.context.set_offline(True)
    await page.reload()
    await page.get_by_text(said("yo", "Offline: your work is saved on this device")).wait_for()
    await page.get_by_role("heading", name="Settings").wait_for()
    assert await page.get_by_label("Yorùbá").is_checked()
    assert await page.locator("fieldset.choices").get_attribute("data-language") == "yo"
    await screenshot(page, "65-settings-yoruba-offline")

    # Back online, "clear" empties the device; the language comes back from the profile.
    await page.context.set_offline(False)
    await page.get_by_text(said("yo", "Online: up to date")).wait_for(timeout=WAIT_MS)
    page.once("dialog", lambda dialog: dialog.accept())
    await page.get_by_role("button", name="Clear data on this device").click()
    await page.get_by_role("heading", name="Your projects").wait_for(timeout=WAIT_MS)
    assert await page.evaluate(SAVED_SETTINGS_JS) == []
    await page.get_by_role("link", name="Settings").click()
    await page.locator('fieldset.choices[data-language="yo"]').wait_for(timeout=WAIT_MS)
    assert await page.get_by_label("Yorùbá").is_checked()


async def test_amounts_show_in_pounds_too_at_the_rate_an_admin_recorded(phone_page, sign_up, bus):
    """Money stays naira; with pounds chosen, the settings' example day rate shows its pounds beside
    it, worked out from the rate the admin recorded (₦1,950.50 a pound)."""
    from core.fx_commands import RecordFxRate

    admin = await bus.handle(RegisterPerson(new_phone(), "Ngozi Admin", ("admin",)))
    await bus.handle(RecordFxRate(f"fx_rate_record:{uuid.uuid4().hex}", admin, "GBP", "NGN", "1950.50",
                                  "test bureau"))
    page = phone_page
    await sign_up(page, new_phone(), "Kunle Ade")
    await page.get_by_role("link", name="Settings").click()
    pounds = page.get_by_label("Show amounts in")
    await page.locator('#display-currency option[value="GBP"]:not([disabled])').wait_for(state="attached",
                                                                                         timeout=WAIT_MS)
    await pounds.select_option("GBP")

    hint = await page.locator("#currency-hint").inner_text()
    expected_pence = round(4_500_000 / 1950.50)
    assert f"≈ £{expected_pence // 100}.{expected_pence % 100:02d}" in hint, hint
    assert "₦45,000.00" in hint and "test bureau" in hint
