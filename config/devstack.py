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
STOP_GRACE_S = 15.0  # a worker finishes the job in hand (RQ's warm shut down) before it goes
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
        _stop_all(list(children.values()))
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
    # A session of its own: Ctrl-C reaches this process only, which stops the services in order
    # (a worker's RQ scheduler is a process of its own that still talks to Redis as it stops).
    return subprocess.Popen([sys.executable, "-m", "config.cli", *SERVICES[name]], env=os.environ.copy(),
                            start_new_session=True)


def _stop_all(children: list[subprocess.Popen], grace_s: float = STOP_GRACE_S) -> None:
    """SIGTERM to each service's whole process group, then wait until every process of theirs is
    gone (SIGKILL after `grace_s`): only then may Redis and PouchDB Server stop."""
    groups = [child.pid for child in children]
    for group in groups:
        _signal_group(group, signal.SIGTERM)
    deadline = time.monotonic() + grace_s
    while any(_group_alive(group) for group in groups) and time.monotonic() < deadline:
        for child in children:
            child.poll()  # reap the leaders, so their groups can empty
        time.sleep(0.1)
    for group in groups:
        _signal_group(group, signal.SIGKILL)
    for child in children:
        child.wait()


def _signal_group(group: int, signum: int) -> None:
    try:
        os.killpg(group, signum)
    except ProcessLookupError:
        pass


def _group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
        return True
    except ProcessLookupError:
        return False


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
