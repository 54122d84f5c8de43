"""Intents per second through the rules engine, end to end on the embedded stack.

Starts PouchDB Server, Redis and a `nollycrew core` process, writes N job-post intents into
a project's office database in one request (as a device pushing after a day offline would),
and times until every intent carries its outcome. Prints the figures; asserts nothing.

    .venv/bin/python -m bench.feed [--intents 1000]
"""
import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import aiohttp

from config.bootstrap import build_bus, open_couch, open_redis
from config.embedded import PouchDBServer, RedisServer, free_port
from config.settings import Settings
from core import scopes
from core.commands import CreateProject, RegisterPerson
from sync.provisioning import migrate

POLL_S = 0.25


def job_request(author: str, n: int) -> dict:
    start = date.today() + timedelta(days=7)
    return {
        "_id": f"job_post_request:{uuid.uuid4().hex}", "type": "job_post_request", "author": author,
        "created_at": datetime.now(timezone.utc).isoformat(), "title": f"Extra #{n}",
        "department": "production", "start_date": start.isoformat(),
        "end_date": (start + timedelta(days=1)).isoformat(), "call_time": "07:00",
        "rate_minor": 1_500_000, "currency": "NGN", "city": "Enugu", "state": "Enugu",
    }


async def measure(settings: Settings, intents: int) -> dict:
    couch, redis = open_couch(settings), open_redis(settings)
    try:
        await migrate(couch)
        bus = build_bus(couch, redis)
        producer = await bus.handle(RegisterPerson("+2348039990000", "Bench", ("producer",)))
        project = await bus.handle(CreateProject(f"project_request:{uuid.uuid4().hex}", producer, "Bench"))
        office = scopes.office_db(project)
        await asyncio.sleep(1.0)  # let the core find the new databases before the clock starts
        docs = [job_request(producer, n) for n in range(intents)]
        started = time.monotonic()
        async with aiohttp.ClientSession(auth=aiohttp.BasicAuth("bench", "bench-password")) as http:
            async with http.post(f"{settings.couch_url}/{office}/_bulk_docs", json={"docs": docs},
                                 headers={"Accept": "application/json"}) as response:
                assert response.status == 201, await response.text()
        written = time.monotonic()
        ids = [d["_id"] for d in docs]
        while True:
            found = [d async for d in couch.database(office).docs(ids)]
            done = sum(1 for d in found if "outcome" in d.data)
            if done == intents:
                break
            await asyncio.sleep(POLL_S)
        finished = time.monotonic()
        return {"write_s": written - started, "total_s": finished - started}
    finally:
        await couch.close()
        redis.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--intents", type=int, default=1000)
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="nollycrew-bench-"))
    couch_server = PouchDBServer(free_port(), scratch / "couch", "bench", "bench-password").start()
    redis_server = RedisServer(free_port(), scratch / "redis").start()
    env = {
        "NOLLYCREW_COUCH_URL": couch_server.url, "NOLLYCREW_COUCH_ADMIN_USER": "bench",
        "NOLLYCREW_COUCH_ADMIN_PASSWORD": "bench-password", "NOLLYCREW_REDIS_URL": redis_server.url,
        "NOLLYCREW_FEED_DISCOVERY_INTERVAL_S": "0.5", "NOLLYCREW_LOG_LEVEL": "WARNING",
    }
    os.environ.update(env)
    core = subprocess.Popen([sys.executable, "-m", "config.cli", "core"], env=os.environ.copy())
    try:
        figures = asyncio.run(measure(Settings(), args.intents))
    finally:
        core.terminate()
        core.wait()
        redis_server.stop()
        couch_server.stop()
    rate = args.intents / figures["total_s"]
    print(f"intents: {args.intents}")
    print(f"bulk write: {figures['write_s']:.2f} s")
    print(f"all outcomes written after: {figures['total_s']:.2f} s")
    print(f"throughput: {rate:.0f} intents/s end to end (one core process, PouchDB Server, 2 cores)")


if __name__ == "__main__":
    main()
