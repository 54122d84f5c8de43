"""Call-sheet fan-out: 150 personalised messages, time until all are handed to the fake gateway.
Goal: at most 10 s (issue 6).

Starts PouchDB Server and Redis, a fake Twilio in this process, and `nollycrew worker`
processes with NOLLYCREW_OUTBOUND_CHANNEL=twilio pointed at the fake. Sets up a project with
150 crew on one published call sheet for today in Lagos (so the sends are urgent and quiet hours
do not hold them), two thirds on WhatsApp with the 24-hour window open (the PDF goes as media),
one third on SMS, in all five languages. Then times the send command (the bus handling the
`call_sheet_send` intent's command) until the fake has received the 150th message. Other helpers
load the same 2 cores, so the figures are noisy.

    .venv/bin/python -m bench.fanout [--people 150] [--workers 2]
"""
import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

from rq import Worker

from bots import inbound_guard
from config.bootstrap import build_bus, open_couch, open_redis
from config.embedded import PouchDBServer, RedisServer, free_port
from config.settings import Settings
from core import scopes
from sync.audited_bus import AuditedBus
from core.call_sheet_send import SendCallSheet
from core.call_sheets.call_sheet import call_sheet
from core.commands import CreateProject, RegisterPerson
from core.reputation import PRODUCTION_TIME_ZONE
from sync.provisioning import migrate
from tests.fakes.twilio_server import FakeTwilio

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ("en", "pcm", "yo", "ig", "ha")
SMS_EVERY = 3  # one person in three is on SMS
WAIT_LIMIT_S = 120.0
POLL_S = 0.02
WORKER_START_LIMIT_S = 30.0
TWILIO_SID, TWILIO_TOKEN = "AC" + "1" * 32, "bench-twilio-token"


def settings_env(couch_url: str, redis_url: str, twilio_url: str, scratch: Path) -> dict[str, str]:
    return {
        "NOLLYCREW_COUCH_URL": couch_url, "NOLLYCREW_COUCH_ADMIN_USER": "bench",
        "NOLLYCREW_COUCH_ADMIN_PASSWORD": "bench-password", "NOLLYCREW_REDIS_URL": redis_url,
        "NOLLYCREW_OUTBOUND_CHANNEL": "twilio", "NOLLYCREW_TWILIO_API_BASE": twilio_url,
        "NOLLYCREW_TWILIO_ACCOUNT_SID": TWILIO_SID, "NOLLYCREW_TWILIO_AUTH_TOKEN": TWILIO_TOKEN,
        # Nothing listens there: the fake's status callbacks fail at once, as the api is not run.
        "NOLLYCREW_PUBLIC_URL": f"http://127.0.0.1:{free_port()}", "NOLLYCREW_VAR_DIR": str(scratch / "var"),
    }


def one_day_sheet(project_id: str, crew: list[str], today: str) -> dict:
    """A published call sheet for today: one scene at one location, everyone in crew."""
    departments = ("camera", "lighting", "grip", "sound", "makeup", "costume")
    production = {
        "id": project_id, "title": "Eko Nights", "timezone": "Africa/Lagos",
        "cast": [], "locations": [{"id": "loc-marina", "name": "Marina jetty", "address": "Marina Rd, Lagos Island",
                                   "latitude": 6.4495, "longitude": 3.3925}],
        "crew": [{"person_id": person, "name": f"Crew {n}", "department": departments[n % len(departments)],
                  "role": "Assistant", "call_offset_minutes": -15 * (n % 4)} for n, person in enumerate(crew)],
    }
    schedule = {"version": 1, "status": "published", "timezone": "Africa/Lagos", "days": [
        {"day": 1, "date": today, "call": "06:30", "wrap": "18:30",
         "scenes": [{"scene_id": "1", "location_id": "loc-marina", "start": "07:00", "end": "09:00"}]}]}
    scenes = {"1": {"id": "1", "number": "1", "heading": "EXT. MARINA - DAY", "int_ext": "EXT", "set": "MARINA",
                    "day_night": "DAY", "eighths": 8, "characters": [], "synopsis": "The jetty at dawn."}}
    return {"_id": f"call_sheet:{today}", **call_sheet(schedule, 1, scenes, production)}


async def set_up(settings: Settings, couch, redis, people: int) -> tuple[AuditedBus, str, str, str]:
    """(bus that sends call sheets, project, producer, today): the people, their channels, the sheet."""
    await migrate(couch)
    audited = build_bus(couch, redis, settings=settings)
    store, now = audited.services.store, datetime.now(timezone.utc)
    producer = await audited.handle(RegisterPerson("+2348010000001", "Bench Producer", ("producer",)))
    project_id = await audited.handle(CreateProject(f"project_request:{uuid.uuid4().hex}", producer, "Eko Nights"))
    crew = []
    for n in range(people):
        phone = f"+234803{n:07d}"
        person = await audited.handle(RegisterPerson(phone, f"Crew {n}", ("crew",), language=LANGUAGES[n % 5]))
        channel = "sms" if n % SMS_EVERY == 0 else "whatsapp"
        await store.update(scopes.user_db(person), "profile",
                           lambda p, c=channel, n=n: {**p, "channel": c, "chat_language": LANGUAGES[n % 5]})
        if channel == "whatsapp":  # they wrote to us today: the 24-hour window is open
            inbound_guard.note_inbound(redis, "whatsapp", phone, now)
        crew.append(person)
    today = now.astimezone(PRODUCTION_TIME_ZONE).date().isoformat()
    await store.create(scopes.project_db(project_id), one_day_sheet(project_id, crew, today))
    return audited, project_id, producer, today


def start_workers(count: int, env: dict[str, str], scratch: Path) -> list[subprocess.Popen]:
    logs = [open(scratch / f"worker-{n}.log", "ab") for n in range(count)]
    return [subprocess.Popen([sys.executable, "-m", "config.cli", "worker"], cwd=ROOT, env={**os.environ, **env},
                             stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL) for log in logs]


async def wait_for_workers(redis, count: int) -> None:
    deadline = time.monotonic() + WORKER_START_LIMIT_S
    while len(Worker.all(connection=redis)) < count:
        if time.monotonic() > deadline:
            raise RuntimeError(f"{count} workers did not start within {WORKER_START_LIMIT_S:.0f} s")
        await asyncio.sleep(0.2)


async def measure(args, scratch: Path, couch_url: str, redis_url: str) -> dict:
    async with FakeTwilio(TWILIO_SID, TWILIO_TOKEN) as fake:
        env = settings_env(couch_url, redis_url, fake.base_url, scratch)
        settings = Settings(**{key.removeprefix("NOLLYCREW_").lower(): value for key, value in env.items()})
        couch, redis = open_couch(settings), open_redis(settings)
        workers: list[subprocess.Popen] = []
        try:
            bus, project_id, producer, today = await set_up(settings, couch, redis, args.people)
            workers = start_workers(args.workers, env, scratch)
            await wait_for_workers(redis, args.workers)
            fake.reset()
            started = time.monotonic()
            arrivals: list[float] = []
            watching = asyncio.create_task(watch(fake, args.people, started, arrivals))
            try:
                await bus.handle(SendCallSheet(f"call_sheet_send:{uuid.uuid4().hex}", project_id, producer, today))
            except BaseException:
                watching.cancel()
                raise
            handed_s = time.monotonic() - started
            await watching
            return {"handed_s": handed_s, "arrivals": arrivals, "messages": list(fake.messages)}
        finally:
            for worker in workers:
                worker.terminate()
            for worker in workers:
                worker.wait(timeout=30)
            await couch.close()
            redis.close()


async def watch(fake: FakeTwilio, people: int, started: float, arrivals: list[float]) -> None:
    """Note when each message reaches the fake (to within POLL_S), until all have or time is up."""
    while len(arrivals) < people and time.monotonic() - started < WAIT_LIMIT_S:
        arrivals += [time.monotonic() - started] * (len(fake.messages) - len(arrivals))
        await asyncio.sleep(POLL_S)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=150)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="nollycrew-bench-"))
    couch_server = PouchDBServer(free_port(), scratch / "couch", "bench", "bench-password").start()
    redis_server = RedisServer(free_port(), scratch / "redis").start()
    try:
        figures = asyncio.run(measure(args, scratch, couch_server.url, redis_server.url))
    finally:
        redis_server.stop()
        couch_server.stop()
    arrivals, messages = figures["arrivals"], figures["messages"]
    with_media = sum(1 for m in messages if m.get("media_urls"))
    sms = sum(1 for m in messages if not str(m.get("to", "")).startswith("whatsapp:"))
    print(f"people on the sheet: {args.people}, nollycrew workers: {args.workers} (noisy: shared CPU)")
    print(f"send command handled (all {args.people} queued): {figures['handed_s']:.2f} s")
    if arrivals:
        print(f"first message at the fake: {arrivals[0]:.2f} s, median {statistics.median(arrivals):.2f} s")
    print(f"messages received by the fake: {len(arrivals)} of {args.people} "
          f"({with_media} WhatsApp with the PDF as media, {sms} SMS)")
    if len(arrivals) >= args.people:
        print(f"time to the {args.people}th message: {arrivals[-1]:.2f} s (goal at most 10 s)")
    else:
        print(f"not all arrived within {WAIT_LIMIT_S:.0f} s; worker logs in {scratch}")


if __name__ == "__main__":
    main()
