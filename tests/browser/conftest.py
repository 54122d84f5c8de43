"""Browser tier: the producers' web app in Debian's headless Chromium, driven by Playwright.

The embedded stack is the integration tier's (real PouchDB Server and Redis, the session
fixtures of tests/conftest.py); on it run, in this process and event loop, the api with the
web app's routes on a loopback port, the core's feed rules, and the send job for sign-in codes.
Chromium is the system's (`/usr/bin/chromium`, from Debian); Playwright never downloads one.
"""
import asyncio
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from rq import Queue

from tests.integration.conftest import own_databases  # noqa: F401  (each module deletes what it made)
from tests.browser.sign_in_steps import enter_code
from tests.integration.helpers import eventually

CHROMIUM = os.environ.get("NOLLYCREW_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
APP_SHELL = Path(__file__).resolve().parents[2] / "web" / "app" / "dist" / "index.html"
PHONE_WIDTH_PX, LAPTOP_WIDTH_PX = 360, 1280
PHONE_HEIGHT_PX, LAPTOP_HEIGHT_PX = 780, 800
CODE_WAIT_S = 20.0


@pytest.fixture(scope="session")
def built_app() -> Path:
    if not APP_SHELL.is_file():
        pytest.fail("The web app is not built: run `make app` (npm ci, then npm run build).")
    return APP_SHELL.parent


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Debian's chromium is not installed at {CHROMIUM}: apt-get install chromium")
    return CHROMIUM


@pytest.fixture
async def api_url(settings, couch, redis, built_app) -> str:
    """The api with the web app on a loopback port; its address, as Chromium opens it."""
    from web.app import create_app

    server = TestServer(create_app(settings), host="127.0.0.1")
    await server.start_server()
    yield str(server.make_url("")).rstrip("/")
    await server.close()


@pytest.fixture
async def core_rules(settings, couch, redis):
    """The core's feed rules, as `nollycrew core` runs them: intents become outcomes."""
    from config.bootstrap import build_feed_runner

    runner = build_feed_runner(settings, couch, redis)
    task = asyncio.create_task(runner.run())
    yield runner
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)


@pytest.fixture
def sent_code(settings, redis):
    """Sends the queued messages as the worker would, then reads the latest code that reached
    `phone` through the console channel (the message record in ops keeps no code, by design)."""
    from bots.channels.console import OUTBOX_KEY
    from config.bootstrap import channels, session
    from workers import context, queues
    from workers.messaging import _send

    ctx = context.JobContext(lambda: session(settings, redis), channels(settings, redis), redis, "")

    async def code_for(phone: str) -> str:
        async def delivered():
            queue = Queue(queues.MESSAGES, connection=redis)
            for job in queue.jobs:
                await _send(ctx, job.args[0])
                queue.remove(job)
            return redis.lrange(OUTBOX_KEY.format(phone=phone), 0, -1)

        texts = [json.loads(raw)["text"] for raw in await eventually(delivered, CODE_WAIT_S, 0.2)]
        return re.search(r"\b(\d{6})\b", texts[-1]).group(1)

    return code_for


@pytest.fixture(scope="session")
async def chromium(chromium_path):
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=chromium_path)
        yield browser
        await browser.close()


@pytest.fixture
async def phone_page(chromium, api_url):
    """A fresh browser profile (its own IndexedDB and service worker) at phone width."""
    context = await chromium.new_context(
        viewport={"width": PHONE_WIDTH_PX, "height": PHONE_HEIGHT_PX}, base_url=api_url, service_workers="allow"
    )
    page = await context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    await context.close()
    assert errors == [], f"the page threw: {errors}"


@pytest.fixture(scope="session")
def artifacts() -> Path:
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True)
    return ARTIFACTS


UNLABELLED_FIELDS_JS = """[...document.querySelectorAll('input, select, textarea')]
    .filter((field) => field.labels.length === 0 && !field.getAttribute('aria-label')).map((field) => field.outerHTML)"""


@pytest.fixture
def screenshot(artifacts):
    """Saves the screen at phone and at laptop width (<name>-360.png and <name>-1280.png), after
    checking what a phone user and a screen reader need: nothing wider than the phone's screen,
    and a label on every field."""

    async def both_widths(page, name: str) -> None:
        overflow_px = await page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow_px <= 0, f"{name}: {overflow_px} px wider than a {PHONE_WIDTH_PX} px phone"
        assert await page.evaluate(UNLABELLED_FIELDS_JS) == [], f"{name}: fields without a label"
        await page.screenshot(path=artifacts / f"{name}-{PHONE_WIDTH_PX}.png", full_page=True)
        await page.set_viewport_size({"width": LAPTOP_WIDTH_PX, "height": LAPTOP_HEIGHT_PX})
        await page.screenshot(path=artifacts / f"{name}-{LAPTOP_WIDTH_PX}.png", full_page=True)
        await page.set_viewport_size({"width": PHONE_WIDTH_PX, "height": PHONE_HEIGHT_PX})

    return both_widths


@pytest.fixture
def sign_up(sent_code):
    """Signs a new producer up in the page, by phone and code; returns their person id."""

    async def signed_up(page, phone: str, name: str) -> str:
        await page.goto("/")
        await page.get_by_label("Phone number").fill(phone)
        await page.get_by_label("I am new: sign me up as a producer").check()
        await page.get_by_label("Your name").fill(name)
        await enter_code(page, phone, sent_code)
        return await page.evaluate("JSON.parse(localStorage.getItem('nollycrew.person')).person_id")

    return signed_up

