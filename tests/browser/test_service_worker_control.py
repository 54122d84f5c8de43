"""A page the service worker did not control when it loaded asks to be claimed, so going offline
and reloading still opens the app. Without this, a page that navigated while the worker was
installing (seen in CI) or reloaded past it stays uncontrolled until the next visit."""
from tests.browser.offline_steps import controlled_by_service_worker

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
