"""Latency of a filtered directory search through the api, with 50,000 profiles and 5,000 open jobs.

Starts PouchDB Server and Redis (the embedded stack) in a temp dir, fills `directory` with
bench/directory_docs.py's profiles and job posts, registers one person to search as, starts the
api in a subprocess, waits until its in-memory index has loaded everything, then sends filtered
searches over one keep-alive connection and prints p50/p95/p99/max in ms (goal: p95 <= 100 ms),
the index load time, and the api's resident memory.

    python -m bench.search [--people 50000] [--jobs 5000] [--searches 1000]
"""
import argparse
import asyncio
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from base64 import b64encode
from datetime import date, timedelta
from pathlib import Path

from bench.directory_docs import PLACES, directory_documents
from bench.replication import Couch as AdminHttp, _wait_for_http
from config.embedded import PouchDBServer, RedisServer, free_port
from config.logs import configure_logging
from core.profile_lists import DEPARTMENTS, SKILLS

DOCS_SEED = 20261127
QUERY_SEED = 7
BULK_DOCS_CHUNK = 1000
PASSWORD = "bench-search-password"
LOAD_TIMEOUT_S = 240
TODAY = date(2026, 12, 1)


async def prepare(couch_url: str, redis_url: str) -> str:
    """The directory database as the api expects it, and one signed-in person; returns their id."""
    from config.bootstrap import build_bus, open_redis
    from config.settings import Settings
    from core.commands import RegisterPerson
    from sync.couch import Couch
    from sync.provisioning import migrate

    settings = Settings(couch_url=couch_url, redis_url=redis_url, couch_admin_user="bench",
                        couch_admin_password="bench-only-password")
    couch = Couch(couch_url, "bench", "bench-only-password")
    try:
        await migrate(couch)
        bus = build_bus(couch, open_redis(settings))
        return await bus.handle(RegisterPerson("+2348030000001", "Bench Producer", ("producer",), password=PASSWORD))
    finally:
        await couch.close()


def load(admin: AdminHttp, docs: list[dict]) -> float:
    started = time.monotonic()
    for start in range(0, len(docs), BULK_DOCS_CHUNK):
        rows = admin.request("POST", "/directory/_bulk_docs", {"docs": docs[start:start + BULK_DOCS_CHUNK]})
        failed = [row for row in rows if "error" in row]
        if failed:
            raise RuntimeError(f"seeding failed: {failed[:3]}")
    return time.monotonic() - started


def searches(count: int) -> list[str]:
    """A mix a producer and crew would send: crew for dates in a state, actors by language, jobs."""
    rng = random.Random(QUERY_SEED)
    states = list(PLACES)
    crew_roles = [role for roles in DEPARTMENTS.values() for role in roles]
    paths = []
    for _ in range(count):
        state = rng.choices(states, [w for w, _ in PLACES.values()])[0]
        start = TODAY + timedelta(days=rng.randint(0, 60))
        window = {"available_from": start.isoformat(),
                  "available_to": (start + timedelta(days=rng.randint(0, 10))).isoformat()}
        kind = rng.random()
        if kind < 0.35:
            params = {"role": "crew", "skill": ",".join(rng.sample(crew_roles, rng.randint(1, 2))),
                      "state": state, **window, "rate_max": rng.randint(50, 300) * 100_000}
        elif kind < 0.5:
            params = {"role": "crew", "department": rng.choice(list(DEPARTMENTS)), "state": state,
                      "city": rng.choice(PLACES[state][1]), "verified": "true", "min_rating": 4}
        elif kind < 0.65:
            params = {"role": "actor", "state": state, "language": rng.choice(("yoruba", "igbo", "hausa", "pidgin")),
                      "skill": rng.choice(sorted(SKILLS)), **window}
        elif kind < 0.75:  # broad: everyone free in a state within budget, the heaviest shape
            params = {"state": state, "rate_max": rng.randint(50, 300) * 100_000, **window}
        elif kind < 0.8:
            params = {"q": rng.choice(("Okafor", "Chioma", "gaffer", "makeup", "Adeyemi Tunde"))}
        else:
            params = {"department": rng.choice(list(DEPARTMENTS)), "state": state, **window}
            if rng.random() < 0.5:
                params["rate_min"] = rng.randint(50, 200) * 100_000
            paths.append("/search/jobs?" + urllib.parse.urlencode(params))
            continue
        paths.append("/search/people?" + urllib.parse.urlencode(params))
    return paths


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def wait_until_loaded(port: int, headers: dict, expected_people: int, expected_jobs: int) -> dict:
    deadline = time.monotonic() + LOAD_TIMEOUT_S
    while True:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", "/search/status", headers=headers)
        answer = connection.getresponse()
        status = json.loads(answer.read())
        connection.close()
        if answer.status == 200 and status["loaded"] and status["people"] >= expected_people \
                and status["jobs"] >= expected_jobs:
            return status
        if time.monotonic() > deadline:
            raise TimeoutError(f"the index did not load in {LOAD_TIMEOUT_S} s: {status}")
        time.sleep(0.2)


def run_searches(port: int, headers: dict, paths: list[str]) -> tuple[list[float], list[int]]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)  # one keep-alive connection
    latencies_ms, totals = [], []
    for path in paths:
        started = time.perf_counter()
        connection.request("GET", path, headers=headers)
        answer = connection.getresponse()
        body = answer.read()
        latencies_ms.append((time.perf_counter() - started) * 1000)
        if answer.status != 200:
            raise RuntimeError(f"{path}: {answer.status} {body[:300]!r}")
        totals.append(json.loads(body)["total"])
    connection.close()
    return latencies_ms, totals


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--jobs", type=int, default=5_000)
    parser.add_argument("--searches", type=int, default=1_000)
    args = parser.parse_args()
    configure_logging("WARNING")
    docs = directory_documents(args.people, args.jobs, DOCS_SEED, TODAY)
    with tempfile.TemporaryDirectory(prefix="nollycrew-bench-search-") as scratch:
        server = PouchDBServer(free_port(), Path(scratch) / "couch", "bench", "bench-only-password").start()
        redis = RedisServer(free_port(), Path(scratch) / "redis").start()
        api = None
        try:
            person_id = asyncio.run(prepare(server.url, redis.url))
            seconds = load(AdminHttp(server.url, "bench", "bench-only-password"), docs)
            print(f"loaded {args.people:,} profiles and {args.jobs:,} open jobs into directory in {seconds:.1f} s")
            api_port = free_port()
            started = time.monotonic()
            api = subprocess.Popen(
                [sys.executable, "-m", "config.cli", "api"],
                env={**os.environ, "NOLLYCREW_COUCH_URL": server.url, "NOLLYCREW_REDIS_URL": redis.url,
                     "NOLLYCREW_COUCH_ADMIN_USER": "bench", "NOLLYCREW_COUCH_ADMIN_PASSWORD": "bench-only-password",
                     "NOLLYCREW_API_PORT": str(api_port), "NOLLYCREW_LOG_LEVEL": "WARNING"},
            )
            _wait_for_http(f"http://127.0.0.1:{api_port}/")
            token = b64encode(f"{person_id}:{PASSWORD}".encode()).decode()
            headers = {"Authorization": f"Basic {token}", "Accept": "application/json"}
            status = wait_until_loaded(api_port, headers, args.people, args.jobs)
            ready_s = time.monotonic() - started
            print(f"api index: {status['people']:,} people, {status['jobs']:,} jobs; loaded in "
                  f"{status['load_seconds']:.1f} s ({ready_s:.1f} s from process start); "
                  f"api RSS {rss_mb(api.pid):.0f} MB")
            paths = searches(args.searches)
            run_searches(api_port, headers, paths[:50])  # warm-up: first-call costs are not search
            latencies, totals = run_searches(api_port, headers, paths)
            print(f"{len(latencies)} filtered searches on one keep-alive connection "
                  f"(median {statistics.median(totals):.0f} matches, max {max(totals):,}):")
            print(f"  p50 {percentile(latencies, 0.50):.1f} ms   p95 {percentile(latencies, 0.95):.1f} ms   "
                  f"p99 {percentile(latencies, 0.99):.1f} ms   max {max(latencies):.1f} ms   (goal: p95 <= 100 ms)")
            print(f"api RSS after the searches: {rss_mb(api.pid):.0f} MB")
        finally:
            if api is not None:
                api.terminate()
                api.wait()
            redis.stop()
            server.stop()


if __name__ == "__main__":
    main()
