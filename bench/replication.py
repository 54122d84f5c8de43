"""How long a crew member's phone takes to pull a project database over a slow mobile link.

Fills `project_bench0001` with realistic project documents, pulls it into a fresh PouchDB
(bench/replicate.js, the real `pouchdb` package) through bench/throttle.py's link once per variant,
and prints seconds, bytes on the wire, and how far each variant is from what the documents'
gzipped bytes alone need at the link rate (the goal: within 3x).

    python -m bench.replication [--docs 2000] [--rate-bps 400000] [--rtt-ms 400]
                                [--couch http://127.0.0.1:5984 --via http://127.0.0.1:8080/db/]

PouchDB in Node fetches with node-fetch 2: it sends `Accept-Encoding: gzip,deflate` and inflates
gzip, deflate and br. PouchDB Server (express-pouchdb's `compression` middleware) compresses
answers over 1 KB when asked; CouchDB 3 never does. So "identity" is what a phone gets from
CouchDB 3 with nothing in front; the /db/ proxy compresses (deflate, for that Accept-Encoding).
The `answers` column shows the encodings that came back (answers under 1 KB stay identity).
"""
import argparse
import asyncio
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from base64 import b64encode
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench.project_docs import project_documents
from bench.throttle import ThrottledLink
from config.embedded import PouchDBServer, free_port
from config.settings import Settings

DB_NAME = "project_bench0001"
REPLICATE_JS = Path(__file__).with_name("replicate.js")
DOCS_SEED = 20260202
BULK_DOCS_CHUNK = 500
GZIP_LEVEL = 6  # zlib's default, what express's compression middleware and most proxies use
VARIANT_TIMEOUT_S = 150

# Against a remote source one batch costs GET _changes (read ahead while the previous batch is
# processed), POST _bulk_get, and by default GET + PUT of the checkpoint's _local doc on the source,
# which the next batch waits for. Fewer, larger batches and a target-only checkpoint (the device
# keeps it; a first pull has nothing to resume from on the server) leave about one round trip each.
TUNED_OPTIONS = {"batch_size": 2000, "batches_limit": 1, "checkpoint": "target"}


@dataclass
class Variant:
    name: str
    options: dict  # for PouchDB.replicate
    flags: tuple[str, ...] = ()  # for bench/replicate.js
    via: bool = False


VARIANTS = [
    Variant("default", {}),
    Variant("tuned, identity", TUNED_OPTIONS, ("--skip-setup", "--accept-encoding=identity")),
    Variant("tuned", TUNED_OPTIONS, ("--skip-setup",)),
    Variant("tuned, gzip requests", TUNED_OPTIONS, ("--skip-setup", "--gzip-requests")),
    Variant("tuned, br, gzip requests", TUNED_OPTIONS,
            ("--skip-setup", "--gzip-requests", "--accept-encoding=br")),
    Variant("tuned+gzip via /db/", TUNED_OPTIONS, ("--skip-setup",), via=True),
    Variant("same, gzip requests", TUNED_OPTIONS, ("--skip-setup", "--gzip-requests"), via=True),
]


@dataclass
class Couch:
    url: str
    user: str
    password: str

    def request(self, method: str, path: str, body=None):
        token = b64encode(f"{self.user}:{self.password}".encode()).decode()
        request = urllib.request.Request(
            self.url.rstrip("/") + path, method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Content-Type": "application/json", "Authorization": f"Basic {token}"})
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read())


def seed_project(couch: Couch, docs: list[dict]) -> None:
    try:
        couch.request("DELETE", f"/{DB_NAME}")
    except urllib.error.HTTPError as err:
        if err.code != 404:
            raise
    couch.request("PUT", f"/{DB_NAME}")
    for start in range(0, len(docs), BULK_DOCS_CHUNK):
        results = couch.request("POST", f"/{DB_NAME}/_bulk_docs", {"docs": docs[start:start + BULK_DOCS_CHUNK]})
        failed = [row for row in results if "error" in row]
        if failed:
            raise RuntimeError(f"seeding failed: {failed[:3]}")


def json_bytes(docs: list[dict]) -> tuple[int, int]:
    """The documents' own compact JSON, and that stream gzipped: what the link must carry at least."""
    lines = [json.dumps(doc, separators=(",", ":"), ensure_ascii=False).encode() for doc in docs]
    return sum(map(len, lines)), len(gzip.compress(b"\n".join(lines), GZIP_LEVEL))


class VariantFailed(RuntimeError):
    """replicate.js exited with an error; the message is its last line of stderr."""


async def run_variant(variant: Variant, url: str, target_port: int, couch: Couch, args) -> dict:
    async with ThrottledLink(target_port, args.rate_bps, args.rtt_ms / 1000) as link:
        link_url = urllib.parse.urlsplit(url)._replace(netloc=f"127.0.0.1:{link.port}").geturl()
        env = {**os.environ, "NOLLYCREW_BENCH_USER": couch.user, "NOLLYCREW_BENCH_PASSWORD": couch.password}
        node = await asyncio.create_subprocess_exec(
            shutil.which("node") or "node", str(REPLICATE_JS), link_url, json.dumps(variant.options),
            *variant.flags, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
        stdout, stderr = await asyncio.wait_for(node.communicate(), VARIANT_TIMEOUT_S)
        if node.returncode != 0:
            raise VariantFailed((stderr.decode().strip().splitlines() or ["no message"])[-1])
        result = json.loads(stdout.decode().strip().splitlines()[-1])
        return {**result, "up": link.bytes_up, "down": link.bytes_down}


def print_header(args, doc_count: int, own_bytes: int, gzipped: int, need_s: float) -> None:
    print(f"{doc_count} documents in {DB_NAME}: {own_bytes:,} B of JSON, {gzipped:,} B gzipped "
          f"(level {GZIP_LEVEL}); link {args.rate_bps:,} bit/s each way, {args.rtt_ms:g} ms round trip")
    print(f"the gzipped bytes alone need {need_s:.2f} s at that rate; goal: within 3x = {3 * need_s:.1f} s")
    print(f"tuned options: {json.dumps(TUNED_OPTIONS)} and skip_setup on the remote database\n")
    print(f"{'variant':<26} {'seconds':>8} {'wire B':>9} {'(up+down)':>19} {'wire/JSON':>9} "
          f"{'x gzip need':>11} {'requests':>8} {'docs':>5}  answers")


def print_row(name: str, row: dict, own_bytes: int, need_s: float) -> None:
    seconds = row["elapsed_ms"] / 1000
    wire = row["up"] + row["down"]
    split = f"({row['up']:,}+{row['down']:,})"
    print(f"{name:<26} {seconds:>8.2f} {wire:>9,} {split:>19} {wire / own_bytes:>9.2f} "
          f"{seconds / need_s:>11.2f} {row['requests']:>8} {row['docs_written']:>5}  "
          f"{'/'.join(row['answer_encodings'])}", flush=True)


@contextmanager
def seedable_couch(args):
    """The server to fill: --couch as given, else a fresh PouchDB Server in a temp dir with
    `nollycrew api` in front of it, whose /db/ the proxy variants go through."""
    if args.couch:
        settings = Settings()
        yield Couch(args.couch, settings.couch_admin_user, settings.couch_admin_password.get_secret_value())
        return
    with tempfile.TemporaryDirectory(prefix="nollycrew-bench-") as data_dir:
        server = PouchDBServer(free_port(), Path(data_dir), "bench", "bench-only-password").start()
        api_port = free_port()
        api = subprocess.Popen(
            [sys.executable, "-m", "config.cli", "api"],
            env={**os.environ, "NOLLYCREW_COUCH_URL": server.url, "NOLLYCREW_API_PORT": str(api_port),
                 "NOLLYCREW_COUCH_ADMIN_USER": server.admin_user,
                 "NOLLYCREW_COUCH_ADMIN_PASSWORD": server.admin_password,
                 "NOLLYCREW_LOG_LEVEL": "WARNING"},
        )
        try:
            _wait_for_http(f"http://127.0.0.1:{api_port}/")
            args.via = f"http://127.0.0.1:{api_port}/db/"
            yield Couch(server.url, server.admin_user, server.admin_password)
        finally:
            api.terminate()
            api.wait()
            server.stop()


def _wait_for_http(url: str, timeout_s: float = 30) -> None:
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


async def bench(args) -> None:
    docs = project_documents(args.docs, DOCS_SEED)
    own_bytes, gzipped = json_bytes(docs)
    need_s = gzipped * 8 / args.rate_bps
    with seedable_couch(args) as couch:
        seed_project(couch, docs)
        print_header(args, len(docs), own_bytes, gzipped, need_s)
        for variant in VARIANTS:
            if variant.via and not args.via:
                print(f"{variant.name:<26} skipped: give --couch URL --via http://127.0.0.1:8080/db/ "
                      f"(the api's /db/ proxy in front of that CouchDB)")
                continue
            base = args.via if variant.via else couch.url
            url = base.rstrip("/") + "/" + DB_NAME
            try:
                row = await run_variant(variant, url, urllib.parse.urlsplit(base).port or 80, couch, args)
            except VariantFailed as failure:
                print(f"{variant.name:<26} failed: {failure}", flush=True)
                continue
            print_row(variant.name, row, own_bytes, need_s)
        if args.couch:
            couch.request("DELETE", f"/{DB_NAME}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--rate-bps", type=int, default=400_000)
    parser.add_argument("--rtt-ms", type=float, default=400)
    parser.add_argument("--couch", help="use this running CouchDB (admin from NOLLYCREW_COUCH_ADMIN_*) "
                                        "instead of a fresh PouchDB Server; needed with --via")
    parser.add_argument("--via", help="base URL of the api's /db/ proxy, which fronts --couch")
    args = parser.parse_args()
    if args.via and not args.couch:
        parser.error("--via needs --couch: the database must be seeded in the server the proxy fronts")
    for url in filter(None, (args.couch, args.via)):
        if urllib.parse.urlsplit(url).hostname not in ("127.0.0.1", "localhost"):
            parser.error(f"{url}: the throttled link only forwards to 127.0.0.1")
    asyncio.run(bench(args))


if __name__ == "__main__":
    main()
