"""The step before a test takes a page offline: the app's service worker must control it, or a
reload with no network shows the browser's own error page instead of the app."""
from playwright.async_api import TimeoutError as PlaywrightTimeout

CONTROL_WAIT_S = 60.0  # installing precaches the shell and bundles; slow on a loaded CI machine
POLL_MS = 250  # by interval: a frame-driven poll can stall while the browser is busy elsewhere

REGISTRATION_JS = """navigator.serviceWorker.getRegistration().then((registration) => registration
  ? { installing: Boolean(registration.installing), waiting: Boolean(registration.waiting),
      active: registration.active ? registration.active.state : null }
  : null)"""


async def controlled_by_service_worker(page) -> None:
    try:
        await page.wait_for_function("navigator.serviceWorker.controller !== null", polling=POLL_MS,
                                     timeout=CONTROL_WAIT_S * 1000)
    except PlaywrightTimeout:
        registration = await page.evaluate(REGISTRATION_JS)
        raise AssertionError(f"no service worker controls the page after {CONTROL_WAIT_S:.0f} s; "
                             f"its registration: {registration}") from None
