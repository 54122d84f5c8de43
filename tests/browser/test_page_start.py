"""The first moments of a page, where CI found two races: a page the service worker did not control
when it loaded asks to be claimed, so going offline and reloading still opens the app (without
this, a page that navigated while the worker was installing, or reloaded past it, stays
uncontrolled until the next visit); and a link followed, or a language chosen, while the app
is still opening is taken, not lost."""
from tests.browser.catalog_steps import said
from tests.browser.offline_steps import controlled_by_service_worker
from tests.browser.test_stripboard import new_phone

CONTROLLED_JS = "navigator.serviceWorker.controller !== null"


async def test_a_page_loaded_past_the_active_worker_is_claimed_and_opens_offline(phone_page):
    page = phone_page
    await page.goto("/")
    await controlled_by_service_worker(page)

    # A reload that bypasses the cache bypasses the service worker too (Chromium's shift-reload):
    # the new document starts uncontrolled although the worker is active.
    cdp = await page.context.new_cdp_session(page)
    async with page.expect_event("load"):
        await cdp.send("Page.reload", {"ignoreCache": True})
    await page.get_by_label("Phone number").wait_for()
    await controlled_by_service_worker(page)

    await page.context.set_offline(True)
    await page.reload()
    await page.get_by_label("Phone number").wait_for()
    assert await page.evaluate(CONTROLLED_JS)


def as_the_app_opens(action_js: str) -> str:
    """A page script that runs `action_js` once, with `value` taken from sessionStorage's
    "test.value", the moment the signed-in app is first drawn ("Opening your projects…"):
    before its effects have run, the window in which a route or language change used to be lost."""
    return """
new MutationObserver((changes, observer) => {
  const value = sessionStorage.getItem("test.value");
  const opening = [...document.querySelectorAll("p.loading")].find((p) => p.textContent.startsWith("Opening your projects"));
  if (value && opening) {
    sessionStorage.removeItem("test.value");
    observer.disconnect();
    %s
  }
}).observe(document, { childList: true, subtree: true });
""" % action_js


FOLLOW_A_LINK = "location.hash = value;"
# As when the profile's language comes down: saved for this person, then announced.
CHANGE_LANGUAGE = """const person = JSON.parse(localStorage.getItem("nollycrew.person")).person_id;
    localStorage.setItem(`nollycrew.settings.${person}`, JSON.stringify({ language: value }));
    window.dispatchEvent(new CustomEvent("nollycrew:language", { detail: value }));"""


async def reload_and_act_as_the_app_opens(page, action_js: str, value: str) -> None:
    await page.add_init_script(as_the_app_opens(action_js))
    await page.evaluate("(value) => sessionStorage.setItem('test.value', value)", value)
    await page.reload()


async def test_a_link_followed_as_the_app_opens_is_not_lost(phone_page, sign_up):
    page = phone_page
    await sign_up(page, new_phone(), "Kemi Adeyemi")
    await page.get_by_role("heading", name="Your projects").wait_for()
    await reload_and_act_as_the_app_opens(page, FOLLOW_A_LINK, "#/settings")

    await page.get_by_role("heading", name="Settings").wait_for(timeout=10_000)
    assert await page.evaluate("location.hash") == "#/settings"
    assert await page.evaluate("sessionStorage.getItem('test.value')") is None  # the jump did happen


async def test_a_language_chosen_as_the_app_opens_is_not_lost(phone_page, sign_up):
    page = phone_page
    await sign_up(page, new_phone(), "Musa Bello")
    await page.get_by_role("button", name="Sign out").wait_for()
    await reload_and_act_as_the_app_opens(page, CHANGE_LANGUAGE, "ha")

    await page.get_by_role("button", name=said("ha", "Sign out")).wait_for(timeout=10_000)
    assert await page.get_by_role("link", name=said("ha", "Settings")).is_visible()
    assert await page.evaluate("sessionStorage.getItem('test.value')") is None  # the change did happen
