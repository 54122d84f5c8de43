"""The producers' web app over a slow mobile link: first load, first sync, warm offline start.

Starts the embedded stack (PouchDB Server, Redis) in a scratch directory, makes a producer with
a project and two job posts (through the core's commands) plus `--docs` project documents
(bench/project_docs.py), serves the
api with the built app (`make app` first), and drives Debian's Chromium through
bench/throttle.py's link (default 400 kbit/s, 400 ms round trip; byte counts are TCP payload
both ways, headers included) to print:

- first load: bytes and seconds until the sign-in screen is usable and the service worker has
  the app on the device (goal: at most 1 MB);
- first sync: bytes and seconds from opening the app signed in until the dashboard shows the
  project and every database is up to date (goal: at most 10 s for 2,000 documents);
- warm offline start: the network off, the app opened again: milliseconds from navigation
  until the project card is on screen, median and worst of `--starts` (goal: at most 3 s).

    python -m bench.webapp_load [--rate-bps 400000] [--rtt-ms 400] [--docs 2000] [--starts 5]

Other processes share the machine's two cores, so the figures are noisy.
"""
import argparse
import asyncio
import json
import os
import re
import statistics
import tempfile
import time
import urllib.request
from base64 import b64encode
from datetime import date, time as clock_time, timedelta
from pathlib import Path

from bench.project_docs import project_documents
from bench.throttle import ThrottledLink
from config.embedded import PouchDBServer, RedisServer, free_port

ADMIN_USER, ADMIN_PASSWORD = "bench", "bench-admin-password"
CHROMIUM = os.environ.get("NOLLYCREW_CHROMIUM", "/usr/bin/chromium")
DOCS_SEED = 20261128
BULK_DOCS_CHUNK = 500
WAIT_MS = 180_000
PRODUCER_PHONE = "+2348039990001"
FIRST_SHOOT_IN_DAYS = 14
JOBS = [("Gaffer", "lighting", 4_500_000), ("Boom operator", "sound", 3_000_000)]
PROJECT_CARD = ".card.project"
UP_TO_DATE = "Online: up to date"


def add_project_docs(couch_url: str, project_id: str, count: int) -> None:
    auth = "Basic " + b64encode(f"{ADMIN_USER}:{ADMIN_PASSWORD}".encode()).decode()
    docs = project_documents(count, DOCS_SEED)
    for start in range(0, len(docs), BULK_DOCS_CHUNK):
        request = urllib.request.Request(
            f"{couch_url}/project_{project_id}/_bulk_docs", method="POST",
            data=json.dumps({"docs": docs[start:start + BULK_DOCS_CHUNK]}).encode(),
            headers={"Authorization": auth, "Content-Type": "application/json", "Accept": "application/json"},
        )
        with urllib.request.urlopen(request) as answer:
            failed = [row for row in json.load(answer) if "error" in row]
        if failed:
            raise RuntimeError(f"seeding the project failed: {failed[:3]}")


async def production(bus) -> str:
    """A producer (no demo password: the api reaches CouchDB as them with the derived one), a
    project and its job posts, made by the same commands their intents become."""
    from core.commands import CreateProject, PostJob, RegisterPerson
    from core.money import Money

    producer = await bus.handle(RegisterPerson(PRODUCER_PHONE, "Funke Adeyemi", ("producer",)))
    first_day = date.today() + timedelta(days=FIRST_SHOOT_IN_DAYS)
    project_id = await bus.handle(CreateProject("project_request:bench-webapp", producer, "Eko Nights", first_day))
    for title, department, rate_kobo in JOBS:
        await bus.handle(PostJob(
            intent_id=f"job_post_request:bench-{department}", project_id=project_id, posted_by=producer, title=title,
            department=department, start_date=first_day, end_date=first_day + timedelta(days=11),
            call_time=clock_time(6, 30), rate=Money(rate_kobo, "NGN"), rate_per="day", city="Lekki", state="Lagos",
            slots=2,
        ))
    return project_id


async def sign_in(api_url: str, phone: str, settings, redis) -> dict:
    """A session for `phone` by one-time code, read from the console channel's outbox."""
    import aiohttp
    from rq import Queue

    from bots.channels.console import OUTBOX_KEY
    from config.bootstrap import channels, session
    from workers import context, queues
    from workers.messaging import _send

    async with aiohttp.ClientSession() as http:
        async with http.post(api_url + "/auth/code", json={"phone": phone}) as answer:
            assert answer.status == 202, await answer.text()
        ctx = context.JobContext(lambda: session(settings, redis), channels(settings, redis), redis, "")
        queue = Queue(queues.MESSAGES, connection=redis)
        for job in queue.jobs:
            await _send(ctx, job.args[0])
            queue.remove(job)
        text = json.loads(redis.lrange(OUTBOX_KEY.format(phone=phone), -1, -1)[0])["text"]
        code = re.search(r"\b(\d{6})\b", text).group(1)
        async with http.post(api_url + "/auth/code/verify", json={"phone": phone, "code": code}) as answer:
            return await answer.json()


async def measure(args, api_port: int, signed_in: dict) -> dict:
    from playwright.async_api import async_playwright

    figures = {}
    async with ThrottledLink(api_port, rate_bps=args.rate_bps, rtt_s=args.rtt_ms / 1000) as link, \
            async_playwright() as playwright:
        base = f"http://127.0.0.1:{link.port}"
        browser = await playwright.chromium.launch(executable_path=CHROMIUM)
        context = await browser.new_context(viewport={"width": 360, "height": 780}, base_url=base)
        page = await context.new_page()

        started = time.monotonic()
        await page.goto("/")
        await page.get_by_label("Phone number").wait_for(timeout=WAIT_MS)
        usable_s = time.monotonic() - started
        await page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        figures["first_load"] = (link.bytes_down + link.bytes_up, usable_s, time.monotonic() - started)

        await context.add_cookies([{"name": "nc_session", "value": signed_in["token"], "url": base}])
        person = json.dumps({"person_id": signed_in["person_id"], "label": "Funke"})
        await page.evaluate(f"localStorage.setItem('nollycrew.person', {json.dumps(person)})")
        before = link.bytes_down + link.bytes_up
        started = time.monotonic()
        await page.reload()
        await page.locator(PROJECT_CARD).first.wait_for(timeout=WAIT_MS)
        await page.get_by_text(UP_TO_DATE).wait_for(timeout=WAIT_MS)
        figures["first_sync"] = (link.bytes_down + link.bytes_up - before, time.monotonic() - started)

        await context.set_offline(True)
        starts_ms = []
        for _ in range(args.starts):
            await page.reload()
            shown = await page.wait_for_function(
                f"document.querySelector('{PROJECT_CARD}') && performance.now()", timeout=WAIT_MS, polling=10)
            starts_ms.append(await shown.json_value())
        figures["warm_offline_ms"] = starts_ms
        await browser.close()
    return figures


async def run(args) -> None:
    from aiohttp import web

    from web.app import create_app
    from config.bootstrap import build_bus, open_couch, open_redis
    from config.settings import Settings
    from sync.provisioning import migrate

    with tempfile.TemporaryDirectory(prefix="nollycrew-webapp-bench-") as scratch:
        couch_server = PouchDBServer(free_port(), Path(scratch) / "couch", ADMIN_USER, ADMIN_PASSWORD).start()
        redis_server = RedisServer(free_port(), Path(scratch) / "redis").start()
        try:
            os.environ.update({
                "NOLLYCREW_COUCH_URL": couch_server.url, "NOLLYCREW_COUCH_ADMIN_USER": ADMIN_USER,
                "NOLLYCREW_COUCH_ADMIN_PASSWORD": ADMIN_PASSWORD, "NOLLYCREW_REDIS_URL": redis_server.url,
                "NOLLYCREW_VAR_DIR": str(Path(scratch) / "var"),
            })
            settings = Settings()
            couch, redis = open_couch(settings), open_redis(settings)
            await migrate(couch)
            project_id = await production(build_bus(couch, redis, settings=settings))
            add_project_docs(couch_server.url, project_id, args.docs)
            runner = web.AppRunner(create_app(settings))
            await runner.setup()
            api_port = free_port()
            await web.TCPSite(runner, "127.0.0.1", api_port).start()
            signed_in = await sign_in(f"http://127.0.0.1:{api_port}", PRODUCER_PHONE, settings, redis)
            figures = await measure(args, api_port, signed_in)
            await runner.cleanup()
            await couch.close()
        finally:
            couch_server.stop()
            redis_server.stop()
    report(args, figures)


def report(args, figures: dict) -> None:
    load_bytes, usable_s, cached_s = figures["first_load"]
    sync_bytes, sync_s = figures["first_sync"]
    starts = figures["warm_offline_ms"]
    print(f"link: {args.rate_bps / 1000:.0f} kbit/s, {args.rtt_ms} ms round trip; project: {args.docs} extra documents")
    print(f"first load:         {load_bytes / 1024:8.1f} KiB  sign-in usable {usable_s:5.2f} s,"
          f" app saved offline {cached_s:5.2f} s   (goal: at most 1024 KiB)")
    print(f"first sync:         {sync_bytes / 1024:8.1f} KiB  dashboard up to date {sync_s:5.2f} s   (goal: at most 10 s)")
    print(f"warm offline start: median {statistics.median(starts):6.0f} ms, worst {max(starts):6.0f} ms"
          f" over {len(starts)} starts   (goal: at most 3000 ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rate-bps", type=int, default=400_000)
    parser.add_argument("--rtt-ms", type=int, default=400)
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--starts", type=int, default=5)
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
