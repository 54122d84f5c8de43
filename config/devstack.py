"""`nollycrew dev`: the whole system on the embedded stack, in one terminal.

PouchDB Server and Redis keep their data under var/, so a second start picks up where the
first stopped (--fresh starts clean). A process that dies is started again; Ctrl-C stops
everything this started.
"""
import asyncio
import os
import shutil
import signal
import subprocess
import sys
import time
from urllib.parse import urlparse

import structlog

from config.embedded import EmbeddedError, PouchDBServer, RedisServer, port_in_use
from config.seed import DEMO_PASSWORD, PEOPLE, PRODUCER, PRODUCER_EMAIL
from config.settings import Settings

log = structlog.get_logger()

# name -> `nollycrew` arguments
SERVICES = {"api": ["api"], "core": ["core"], "worker": ["worker"], "office worker": ["worker", "--office"],
            "media worker": ["worker", "--media"]}
RESTART_PAUSE_S = 2.0
WATCH_INTERVAL_S = 1.0


def run_dev(settings: Settings, fresh: bool = False) -> int:
    var = settings.var_dir
    if fresh:
        for part in ("couch", "redis"):
            shutil.rmtree(var / part, ignore_errors=True)
    couch_port = urlparse(settings.couch_url).port or 5984
    redis_port = urlparse(settings.redis_url).port or 6379
    busy = [port for port in (couch_port, redis_port, settings.api_port) if port_in_use(port)]
    if busy:
        print(f"Port(s) {busy} already in use: stop what runs there, or set NOLLYCREW_COUCH_URL, "
              "NOLLYCREW_REDIS_URL and NOLLYCREW_API_PORT to other ports.", file=sys.stderr)
        return 1
    couch = PouchDBServer(couch_port, var / "couch", settings.couch_admin_user,
                          settings.couch_admin_password.get_secret_value())
    redis = RedisServer(redis_port, var / "redis")
    children: dict[str, subprocess.Popen] = {}
    stopping = False

    def stop(*_):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    try:
        couch.start()
        redis.start()
        demo = asyncio.run(_prepare(settings))
        for name in SERVICES:
            children[name] = _start(name)
        _print_welcome(settings, demo["people"])
        while not stopping:
            time.sleep(WATCH_INTERVAL_S)
            if couch.process.poll() is not None:
                log.warning("restarting", process="pouchdb-server")
                couch.start()
            for name, child in children.items():
                if child.poll() is not None and not stopping:
                    log.warning("restarting", process=name, exit_code=child.returncode)
                    time.sleep(RESTART_PAUSE_S)
                    children[name] = _start(name)
    except KeyboardInterrupt:
        pass
    except EmbeddedError as error:
        print(f"nollycrew dev: {error}", file=sys.stderr)
        return 1
    finally:
        for child in children.values():
            if child.poll() is None:
                child.terminate()
        for child in children.values():
            try:
                child.wait(10)
            except subprocess.TimeoutExpired:
                child.kill()
        redis.stop()
        couch.stop()
        print("\nStopped api, core, the workers, Redis and PouchDB Server.")
    return 0


async def _prepare(settings: Settings) -> dict:
    from config.bootstrap import SystemClock, build_bus, open_couch, open_redis
    from config.seed import seed_demo
    from sync.provisioning import migrate

    couch = open_couch(settings)
    try:
        await migrate(couch)
        return await seed_demo(build_bus(couch, open_redis(settings), settings=settings), SystemClock().now().date())
    finally:
        await couch.close()


def _start(name: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "config.cli", *SERVICES[name]], env=os.environ.copy())


def _print_welcome(settings: Settings, ids: dict[str, str]) -> None:
    crew_phone = PEOPLE[0][0]
    print(
        f"""
NollyCrew is running.

  Web app:  {settings.public_url}/   (the producer: {PRODUCER_EMAIL}, password {DEMO_PASSWORD})
  Health:   {settings.public_url}/healthz

The cast and crew at /db/_session (user name = person id, password {DEMO_PASSWORD}):
""" + "".join(
        f"  {roles[0]:<9} {name:<14} {phone}  {ids[phone]}\n" for phone, name, roles, _ in PEOPLE
    ) + f"""
Talk to the bots from another terminal:
  .venv/bin/nollycrew chat --phone {crew_phone}

Ctrl-C stops everything.
""",
        flush=True,
    )
