"""A worker killed in the middle of a send job: the job runs again and the person gets one message.

A real `nollycrew worker` process sends through the fake Twilio (the real twilio client) and
writes to PouchDB Server through a gate in front of it. The gate holds the send job's first
write after Twilio took the message (the provider-id index), and the worker's whole process
group is killed with SIGKILL there: Twilio has the message, our record still says "queued".

RQ then finds the job abandoned (StartedJobRegistry.cleanup, run by any worker's maintenance once
the dead worker's heartbeat has lapsed: the job's time limit plus 60 s in a worker that does not
fork; here run with that moment as its cutoff rather than waiting for it) and retries it; a second worker, with RQ's scheduler, runs the retry. Twilio must
have one message, and the record one "sent" with that message's id.

Also: a job enqueued twice under one deterministic id runs once (workers/queues.enqueue_once)."""
import asyncio
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web
from rq import Queue, SimpleWorker
from rq.job import Job, JobStatus
from rq.registry import StartedJobRegistry

from core import scopes
from core.commands import RegisterPerson
from core.ports import OutboundMessage
from sync.store import CouchStore
from tests.fakes.twilio_server import FakeTwilio
from tests.unit.fakes import FixedClock
from workers import queues
from workers.outbox import RqOutbox

ROOT = Path(__file__).resolve().parents[3]
ACCOUNT_SID = "AC" + "7" * 32
AUTH_TOKEN = "killed-worker-auth-token"
WAIT_S = 90  # for a worker process to start and reach a point; a bound, not a measurement
POLL_S = 0.1
# RQ's SimpleWorker keeps a running job's entry alive for its time limit plus this long.
HEARTBEAT_MARGIN_S = 60
SIDE_EFFECT_KEY = "test:worker-killed:runs"


class SentTwice(AssertionError):
    """The person got the message more than once: the failure this test exists to catch."""


class CouchGate:
    """A pass-through proxy to PouchDB Server that never answers the write of a provider-id index
    (`provider_message:<sid>`): the job stops there, after the send, before its record."""

    def __init__(self, upstream: str):
        self.upstream, self.url = upstream.rstrip("/"), ""
        self.held = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> "CouchGate":
        self._session = aiohttp.ClientSession(auto_decompress=False)
        app = web.Application(client_max_size=64 * 1024**2)
        app.router.add_route("*", "/{tail:.*}", self.forward)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.url = f"http://127.0.0.1:{self._runner.addresses[0][1]}"
        return self

    async def stop(self) -> None:
        await self._runner.cleanup()
        await self._session.close()

    async def forward(self, request: web.Request) -> web.StreamResponse:
        if request.method == "PUT" and "provider_message:" in request.path:
            self.held.set()
            await asyncio.Event().wait()  # never answered: the worker is killed while it waits
        headers = {k: v for k, v in request.headers.items() if k.lower() not in ("host", "content-length")}
        async with self._session.request(request.method, self.upstream + request.path_qs, headers=headers,
                                         data=await request.read()) as answer:
            body = await answer.read()
            kept = {k: v for k, v in answer.headers.items()
                    if k.lower() not in ("content-length", "transfer-encoding", "connection")}
            return web.Response(status=answer.status, headers=kept, body=body)


@pytest.fixture
async def twilio():
    async with FakeTwilio(ACCOUNT_SID, AUTH_TOKEN) as fake:
        yield fake


@pytest.fixture
async def gate(pouchdb_server):
    gate = await CouchGate(pouchdb_server.url).start()
    yield gate
    await gate.stop()


def worker_env(settings, twilio: FakeTwilio, couch_url: str) -> dict[str, str]:
    return {**os.environ, "NOLLYCREW_COUCH_URL": couch_url, "NOLLYCREW_OUTBOUND_CHANNEL": "twilio",
            "NOLLYCREW_TWILIO_API_BASE": twilio.base_url, "NOLLYCREW_TWILIO_ACCOUNT_SID": ACCOUNT_SID,
            "NOLLYCREW_TWILIO_AUTH_TOKEN": AUTH_TOKEN, "NOLLYCREW_REDIS_URL": settings.redis_url}


def start_worker(env: dict[str, str], *flags: str) -> subprocess.Popen:
    """`nollycrew worker` in a process group of its own, as a container runs it: killing the
    group kills RQ's scheduler process with it."""
    return subprocess.Popen([sys.executable, "-m", "config.cli", "worker", "--queues", queues.MESSAGES, *flags],
                            cwd=ROOT, env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def kill_group(process: subprocess.Popen, sig: int) -> str:
    os.killpg(process.pid, sig)
    _, errors = process.communicate(timeout=WAIT_S)
    return errors


async def until(check, what: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while not check():
        assert time.monotonic() < deadline, f"gave up waiting: {what}"
        await asyncio.sleep(POLL_S)


async def crew_member(bus, store: CouchStore) -> str:
    phone = "+23480" + str(uuid.uuid4().int)[:8]
    person_id = await bus.handle(RegisterPerson(phone, "Chiamaka Test", ("crew",)))
    await store.update(scopes.user_db(person_id), "profile", lambda doc: {**doc, "channel": "sms"})
    return person_id


# Twilio's Messages API has no idempotency key: without the receipt check (workers/send_receipts.py,
# called from workers/messaging.py's send) the retry sends a second copy.
async def test_a_send_killed_after_twilio_took_it_is_not_sent_again(settings, redis, couch, bus, twilio, gate):
    store = CouchStore(couch)
    person_id = await crew_member(bus, store)
    outbox = RqOutbox(store, Queue(queues.MESSAGES, connection=redis), FixedClock())
    # Urgent, so quiet hours never hold it back whenever the test runs.
    await outbox.queue(OutboundMessage(f"welcome.{uuid.uuid4().hex}", person_id, "welcome", urgent=True))
    [job_id] = Queue(queues.MESSAGES, connection=redis).get_job_ids()
    doc_id = Job.fetch(job_id, connection=redis).args[0]

    first = start_worker(worker_env(settings, twilio, gate.url), "--burst")
    try:
        await until(gate.held.is_set, "the send job to reach its first write after Twilio")
    finally:
        errors = kill_group(first, signal.SIGKILL)
    assert first.returncode == -signal.SIGKILL, errors[-2000:]
    assert len(twilio.messages) == 1
    assert (await store.get(scopes.OPS, doc_id))["state"] == "queued"
    assert Job.fetch(job_id, connection=redis).get_status() == JobStatus.STARTED

    lapsed = time.time() + Job.fetch(job_id, connection=redis).timeout + HEARTBEAT_MARGIN_S + 1
    StartedJobRegistry(queues.MESSAGES, connection=redis).cleanup(timestamp=lapsed)
    assert Job.fetch(job_id, connection=redis).get_status() == JobStatus.SCHEDULED  # RQ's retry, after its wait

    second = start_worker(worker_env(settings, twilio, settings.couch_url))
    try:
        await until(lambda: Job.fetch(job_id, connection=redis).get_status() in (JobStatus.FINISHED, JobStatus.FAILED),
                    "the retried send job to end")
    finally:
        errors = kill_group(second, signal.SIGTERM)
    assert Job.fetch(job_id, connection=redis).get_status() == JobStatus.FINISHED, errors[-2000:]

    if len(twilio.messages) != 1:
        raise SentTwice(f"Twilio was asked {len(twilio.messages)} times: {[m['sid'] for m in twilio.messages]}")
    record = await store.get(scopes.OPS, doc_id)
    sent = [entry for entry in record["history"] if entry["state"] == "sent"]
    assert record["state"] == "sent" and [e["provider_id"] for e in sent] == [twilio.messages[0]["sid"]]
    index = await store.get(scopes.OPS, f"provider_message:{twilio.messages[0]['sid']}")
    assert index is not None and index["message_id"] == doc_id


def count_a_run() -> int:
    """A job with a side effect anyone can count."""
    from workers import context

    return context.current().redis.incr(SIDE_EFFECT_KEY)


def test_a_job_enqueued_twice_under_one_id_runs_once(redis, settings):
    from config.bootstrap import install_job_context

    install_job_context(settings)
    queue = queues.queue(queues.DEFAULT, redis)
    key = queues.job_id("count", uuid.uuid4().hex)

    first = queues.enqueue_once(queue, count_a_run, job_id=key)
    again = queues.enqueue_once(queue, count_a_run, job_id=key)
    SimpleWorker([queue], connection=redis).work(burst=True)
    later = queues.enqueue_once(queue, count_a_run, job_id=key)  # finished, and kept for its result TTL
    SimpleWorker([queue], connection=redis).work(burst=True)

    assert first is not None and again is None and later is None
    assert int(redis.get(SIDE_EFFECT_KEY)) == 1


def test_a_plain_enqueue_under_a_known_id_runs_twice(redis, settings):
    """Why enqueue_once exists: RQ queues the id again and the work runs again."""
    from config.bootstrap import install_job_context

    install_job_context(settings)
    queue = Queue(queues.DEFAULT, connection=redis)
    key = queues.job_id("count", uuid.uuid4().hex)

    queue.enqueue(count_a_run, job_id=key)
    queue.enqueue(count_a_run, job_id=key)
    SimpleWorker([queue], connection=redis).work(burst=True)

    assert int(redis.get(SIDE_EFFECT_KEY)) == 2
