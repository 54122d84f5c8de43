"""Inbound WhatsApp and SMS webhooks end to end, per message, on the embedded stack.

Starts PouchDB Server, Redis, `nollycrew api` and W `nollycrew worker` processes (replies go to
the console channel), posts a producer's open jobs, registers and onboards part of the senders,
then S senders post N Twilio-signed inbound webhooks (RequestValidator over the public URL).
Each sender writes like a person in a chat: the next message once the bot's reply to the last
is queued (closed loop, S messages in flight), or, with --rate, at a fixed total rate whatever
the answers (open loop). Times per message, from the POST's start:
  - webhook answered: the api's 200 (signature checked, rate limit, queued in Redis);
  - reply queued: the reply's `message:` record exists in ops (the goal's end point), seen on
    the ops changes feed;
  - reply sent: that record's state is `delivered` (the console channel took it).
At the end it checks every message has exactly one reply record, no intent was written twice,
and no RQ job failed, and how much CPU each process spent a message. Goal: 300 messages/s,
p99 <= 250 ms. Prints figures; asserts nothing. Other work on the machine makes them noisy.

    .venv/bin/python -m bench.inbound [--messages 600] [--senders 60] [--workers 2] [--rate 0]
    .venv/bin/python -m bench.inbound --workers 0 --rate 300 --messages 1500 --senders 150  # webhooks alone
    .venv/bin/python -m bench.inbound --profile 40   # then: RQ's own cost, and each job's CouchDB requests
"""
import argparse
import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from datetime import time as dt_time
from pathlib import Path
from urllib.parse import unquote

import aiohttp
from rq import Queue
from rq.registry import FailedJobRegistry, FinishedJobRegistry, ScheduledJobRegistry
from twilio.request_validator import RequestValidator

from bots.channels.base import Incoming
from bots.channels.console import OUTBOX_KEY
from config.bootstrap import build_bus, channels, open_couch, open_redis, session
from config.embedded import PouchDBServer, RedisServer, free_port, port_in_use
from config.logs import configure_logging
from config.seed import PRODUCER
from config.settings import Settings
from core import scopes
from core.chat_commands import CONSENT_VERSION, RecordChatConsent
from core.commands import CreateProject, PostJob, RegisterPerson
from core.ids import derived_id
from core.money import Money
from sync.provisioning import migrate
from tests.fakes.twilio_server import inbound_form
from workers import queues
from workers.context import JobContext
from workers.inbound import handle_incoming
from workers.messaging import _send  # the send job's body, without its asyncio.run: timed in-process

PUBLIC_URL = "https://bench.nollycrew.example"  # not the bound address: signatures hold behind a proxy
TWILIO_TOKEN = "bench-twilio-auth-token"
ACCOUNT_SID = "AC" + "b" * 32
# What people type, cycled per sender from a different start: a sender repeats a text at most
# ceil(messages per sender / len) times, so loop detection (4 identical in an hour) never mutes.
TEXTS = ("HI", "STATUS", "JOBS", "YES 4821", "SCHEDULE", "PAY", "TOMORROW", "HELP", "OFFERS", "MENU")
RATE_LIMIT_PER_SENDER = 20  # bots.inbound_guard.RATE_LIMIT: more in a minute is dropped
SMS_EVERY = 4  # one sender in 4 writes by SMS, the rest on WhatsApp
REPLY_WAIT_S = 120.0
START_WAIT_S = 60.0
REPLY_PREFIX = "message:reply."


@dataclass
class Sender:
    phone: str
    channel: str  # whatsapp | sms
    known: bool  # registered and onboarded before the run


@dataclass
class Timing:
    posted: float
    answered: float | None = None
    status: int | None = None


@dataclass
class Watch:
    """What the ops changes feed showed: when each reply record appeared and when it was sent."""

    queued: dict[str, float] = field(default_factory=dict)
    sent: dict[str, float] = field(default_factory=dict)
    waiting: dict[str, asyncio.Event] = field(default_factory=dict)


def senders_for(count: int, known_share: float) -> list[Sender]:
    return [Sender(f"+234806{n:07d}", "sms" if n % SMS_EVERY == 0 else "whatsapp", n < count * known_share)
            for n in range(count)]


def reply_id(sender: Sender, sid: str) -> str:
    """The reply's record id, as workers/inbound.py names it."""
    return REPLY_PREFIX + derived_id(sender.channel, sid)


async def prepare(settings: Settings, senders: list[Sender]) -> None:
    couch, redis = open_couch(settings), open_redis(settings)
    try:
        await migrate(couch)
        bus = build_bus(couch, redis, settings=settings)
        await post_jobs(bus)
        for sender in (s for s in senders if s.known):
            person = await bus.handle(RegisterPerson(sender.phone, f"Crew {sender.phone[-4:]}", ("crew",), "lighting"))
            await bus.handle(RecordChatConsent(f"chat_consent:bench-{person}", person, CONSENT_VERSION, "en", True))
    finally:
        await couch.close()
        redis.close()


async def post_jobs(bus) -> None:
    """A producer, a project and open jobs, for JOBS to list (the demo seed's shoot is not needed)."""
    phone, name, roles, _ = PRODUCER
    producer = await bus.handle(RegisterPerson(phone, name, roles, "production"))
    first_day = datetime.now(timezone.utc).date() + timedelta(days=14)
    project = await bus.handle(CreateProject("project_request:bench-inbound", producer, "Bench Nights", first_day))
    for n, department in enumerate(("lighting", "sound", "camera", "lighting", "art")):
        await bus.handle(PostJob(f"job_post_request:bench-{n}", project, producer, f"Crew #{n}", department,
                                 first_day, first_day + timedelta(days=10), dt_time(6, 30), Money(3_000_000, "NGN"),
                                 "day", "Lekki", "Lagos", slots=2))


async def watch_ops(settings: Settings, watch: Watch, ready: asyncio.Event) -> None:
    """Follow ops from now on; note the first sight of each reply record and of its sending."""
    url = f"{settings.couch_url}/{scopes.OPS}/_changes"
    params = {"feed": "continuous", "since": "now", "include_docs": "true", "heartbeat": "5000"}
    # Uncompressed: gzipped, a continuous feed waits in the server's buffer and never arrives.
    headers = {"Accept": "application/json", "Accept-Encoding": "identity", "Authorization": aiohttp.encode_basic_auth(
        settings.couch_admin_user, settings.couch_admin_password.get_secret_value())}
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=None)) as http:
        async with http.get(url, params=params, headers=headers) as feed:
            ready.set()
            async for line in feed.content:
                if not line.strip():
                    continue
                change = json.loads(line)
                doc_id, now = change.get("id", ""), time.monotonic()
                if not doc_id.startswith(REPLY_PREFIX):
                    continue
                watch.queued.setdefault(doc_id, now)
                if (change.get("doc") or {}).get("state") in ("sent", "delivered"):
                    watch.sent.setdefault(doc_id, now)
                if doc_id in watch.waiting:
                    watch.waiting[doc_id].set()


async def post(http: aiohttp.ClientSession, api: str, sender: Sender, text: str, timings: dict) -> str:
    sid = "SM" + uuid.uuid4().hex
    whatsapp = sender.channel == "whatsapp"
    form = inbound_form(f"whatsapp:{sender.phone}" if whatsapp else sender.phone, text, sid, None, ACCOUNT_SID)
    path = f"/webhooks/twilio/{sender.channel}"
    headers = {"X-Twilio-Signature": RequestValidator(TWILIO_TOKEN).compute_signature(PUBLIC_URL + path, form)}
    timing = timings[reply_id(sender, sid)] = Timing(time.monotonic())
    async with http.post(api + path, data=form, headers=headers) as answer:
        await answer.read()
        timing.answered, timing.status = time.monotonic(), answer.status
    return reply_id(sender, sid)


async def chat(http, api: str, sender: Sender, texts: list[str], watch: Watch, timings: dict) -> None:
    """Closed loop: the next message once the reply to this one is queued."""
    for text in texts:
        event = asyncio.Event()
        sid = await post(http, api, sender, text, timings)
        watch.waiting[sid] = event
        if sid not in watch.queued:
            try:
                await asyncio.wait_for(event.wait(), REPLY_WAIT_S)
            except asyncio.TimeoutError:
                return  # counted as a missing reply


def scripts(senders: list[Sender], messages: int) -> list[list[str]]:
    per_sender = [[] for _ in senders]
    for n in range(messages):
        s = n % len(senders)
        start = 0 if not senders[s].known else s  # new people say hello first
        per_sender[s].append(TEXTS[(start + len(per_sender[s])) % len(TEXTS)])
    return per_sender


async def load(settings: Settings, api: str, senders: list[Sender], messages: int, rate: float,
               replies: bool = True) -> dict:
    watch, timings, ready = Watch(), {}, asyncio.Event()
    watcher = asyncio.create_task(watch_ops(settings, watch, ready))
    await asyncio.wait_for(ready.wait(), START_WAIT_S)
    texts = scripts(senders, messages)
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as http:
        started = time.monotonic()
        if rate > 0:
            order = [(s, texts[s][k]) for k in range(max(map(len, texts))) for s in range(len(senders)) if k < len(texts[s])]
            posts = []
            for n, (s, text) in enumerate(order):
                await asyncio.sleep(max(0.0, started + n / rate - time.monotonic()))
                posts.append(asyncio.create_task(post(http, api, senders[s], text, timings)))
            await asyncio.gather(*posts)
        else:
            await asyncio.gather(*(chat(http, api, sender, texts[s], watch, timings) for s, sender in enumerate(senders)))
        answered = max(t.answered or started for t in timings.values())
        deadline = time.monotonic() + (REPLY_WAIT_S if replies else 0)
        while not set(timings) <= set(watch.queued) and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        last_queued = max(watch.queued.values(), default=started)
        while not set(timings) <= set(watch.sent) and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
    watcher.cancel()
    return {"watch": watch, "timings": timings, "started": started, "last_queued": last_queued,
            "last_answered": answered}


async def check(settings: Settings, senders: list[Sender], timings: dict) -> list[str]:
    """Exactly one reply record per message; no intent twice for one message; no failed job."""
    problems = []
    couch, redis = open_couch(settings), open_redis(settings)
    try:
        ops = couch.database(scopes.OPS)
        replies = [key async for key in ops.akeys(prefix=REPLY_PREFIX)]
        missing = set(timings) - set(replies)
        extra = set(replies) - set(timings)
        if missing:
            problems.append(f"{len(missing)} messages have no reply record")
        if extra:
            problems.append(f"{len(extra)} reply records answer no message of this run")
        index = {d.id: d.data["person_id"] async for d in ops.docs([f"phone:{s.phone}" for s in senders])}
        twice = 0
        for person_id in set(index.values()):
            seen = Counter()
            async for doc in couch.database(scopes.user_db(person_id)).docs(prefix=""):
                source = doc.data.get("source") or {}
                if source.get("message_id"):
                    seen[(doc.data["type"], source["message_id"])] += 1
            twice += sum(1 for n in seen.values() if n > 1)
        if twice:
            problems.append(f"{twice} intents written twice")
        handed = sum(redis.llen(OUTBOX_KEY.format(phone=s.phone)) for s in senders)
        if handed != len(timings):
            problems.append(f"the console channel took {handed} replies for {len(timings)} messages")
        queue = Queue(queues.MESSAGES, connection=redis)
        for registry, what in ((FailedJobRegistry(queue=queue), "failed"),
                               (ScheduledJobRegistry(queue=queue), "failed and wait for a retry")):
            ids = registry.get_job_ids()
            if ids:
                job = queue.fetch_job(ids[0])
                result = job.latest_result() if job else None
                why = (result.exc_string or "").strip().splitlines()[-1:] if result else []
                problems.append(f"{len(ids)} RQ jobs {what} (first: {job.func_name if job else '?'}: {why})")
    finally:
        await couch.close()
        redis.close()
    return problems


def queued_once(settings: Settings, messages: int) -> list[str]:
    """With no workers: every webhook left exactly one inbound job waiting."""
    redis = open_redis(settings)
    try:
        waiting = Queue(queues.MESSAGES, connection=redis).count
    finally:
        redis.close()
    return [] if waiting == messages else [f"{waiting} inbound jobs queued for {messages} webhooks"]


def percentiles(values: list[float]) -> str:
    if not values:
        return "      -        -        -"
    ordered = sorted(values)

    def at(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000

    return f"{at(0.5):7.0f}  {at(0.99):7.0f}  {ordered[-1] * 1000:7.0f}"


def report(args, figures: dict, problems: list[str], jobs: dict[str, list[tuple[float, float]]]) -> None:
    timings, watch = figures["timings"], figures["watch"]
    answered = [t.answered - t.posted for t in timings.values() if t.answered]
    queued = [watch.queued[sid] - t.posted for sid, t in timings.items() if sid in watch.queued]
    sent = [watch.sent[sid] - t.posted for sid, t in timings.items() if sid in watch.sent]
    seconds = max(figures["last_queued"] - figures["started"], 1e-9)
    statuses = Counter(t.status for t in timings.values())
    mode = f"open loop at {args.rate:g}/s" if args.rate else f"closed loop, {args.senders} in flight"
    print(f"messages: {len(timings)} from {args.senders} senders ({args.known_share:.0%} onboarded before), "
          f"{args.workers} workers, {mode}")
    print(f"webhook answers: {dict(statuses)}")
    print(f"{'ms from POST':<40}{'p50':>7}  {'p99':>7}  {'max':>7}")
    print(f"{'webhook answered (200)':<40}{percentiles(answered)}")
    print(f"{'reply queued (message: record in ops)':<40}{percentiles(queued)}")
    print(f"{'reply sent (console channel took it)':<40}{percentiles(sent)}")
    for kind, name in (("message", "inbound job"), ("send", "send job")):
        print(f"{name + ' waited in the queue':<40}{percentiles([w for w, _ in jobs[kind]])}")
        print(f"{name + ' ran (fork, job, exit)':<40}{percentiles([r for _, r in jobs[kind]])}")
    answering_s = max(figures["last_answered"] - figures["started"], 1e-9)
    print(f"webhooks answered: {len(answered) / answering_s:.0f} a second ({len(answered)} in {answering_s:.1f} s)")
    if args.workers:
        print(f"throughput: {len(queued) / seconds:.0f} messages/s to reply queued "
              f"({len(queued)} in {seconds:.1f} s; goal 300/s, p99 <= 250 ms)")
    print("checks: " + ("every message has exactly one reply record and one send, no intent twice, no failed job"
                        if args.workers
                        else "no workers: each webhook queued exactly one inbound job") if not problems
          else "checks FAILED: " + "; ".join(problems))


def job_times(settings: Settings) -> dict[str, list[tuple[float, float]]]:
    """(waited in the queue, ran) in seconds for each finished job, by kind: inbound and send."""
    redis = open_redis(settings)
    try:
        queue = Queue(queues.MESSAGES, connection=redis)
        ids = FinishedJobRegistry(queue=queue).get_job_ids()
        times: dict[str, list[tuple[float, float]]] = {"message": [], "send": []}
        for job in queue.job_class.fetch_many(ids, connection=redis):
            kind = job.id.split("-")[0] if job else ""
            if kind in times and job.started_at and job.ended_at:
                times[kind].append(((job.started_at - job.enqueued_at).total_seconds(),
                                    (job.ended_at - job.started_at).total_seconds()))
        return times
    finally:
        redis.close()


class RequestLog:
    """Every HTTP request this process makes to CouchDB: what, where, how long."""

    def __init__(self):
        self.entries: list[tuple[str, float]] = []
        self._original = aiohttp.ClientSession._request

    def __enter__(self) -> "RequestLog":
        self._original = original = aiohttp.ClientSession._request
        log = self

        async def timed(session, method, url, *args, **kwargs):
            started = time.monotonic()
            response = await original(session, method, url, *args, **kwargs)
            log.entries.append((f"{method} {_what(str(url))} {response.status}", time.monotonic() - started))
            return response

        aiohttp.ClientSession._request = timed
        return self

    def __exit__(self, *exc_info) -> None:
        aiohttp.ClientSession._request = self._original


def _what(url: str) -> str:
    """/user_ab12/profile -> user_*/profile; ops/message:reply.9f -> ops/message:* (ids folded)."""
    path = unquote(url.split("://", 1)[-1].split("/", 1)[-1].split("?")[0])
    db, _, doc = path.partition("/")
    db = db.split("_")[0] + "_*" if db.startswith(("user_", "project_", "office_")) else db
    doc = doc.split(":")[0] + ":*" if ":" in doc else doc
    return f"{db}/{doc}"


def rq_floor(settings: Settings, workers: list[subprocess.Popen], jobs: int) -> tuple[float, float]:
    """What RQ costs with nothing to do: `jobs` no-op jobs on the messages queue; the workers' CPU
    (ms a job) and the wall time (ms a job) until all are done."""
    redis = open_redis(settings)
    try:
        queue, cpu_before, started = Queue(queues.MESSAGES, connection=redis), cpu_seconds(workers), time.monotonic()
        enqueued = [queue.enqueue(queues.job_id, "bench", str(n)) for n in range(jobs)]
        while any(job.get_status(refresh=True) not in ("finished", "failed") for job in enqueued[-3:]):
            time.sleep(0.05)
        return (cpu_seconds(workers) - cpu_before) / jobs * 1000, (time.monotonic() - started) / jobs * 1000
    finally:
        redis.close()


async def profile(settings: Settings, senders: list[Sender], messages: int) -> None:
    """With the workers stopped: N messages through the inbound job, then their send jobs, one
    at a time in this process; every CouchDB request they make, counted and timed."""
    redis = open_redis(settings)
    ctx = JobContext(open_session=lambda: session(settings, redis), channel_for=channels(settings, redis),
                     redis=redis, status_callback_url=PUBLIC_URL + "/webhooks/twilio/status", public_url=PUBLIC_URL)
    known = [s for s in senders if s.known] or senders
    fresh = [Sender(f"+234807{n:07d}", "whatsapp", False) for n in range(messages // 2)]
    runs = [(known[n % len(known)], TEXTS[(n + 1) % len(TEXTS)]) for n in range(messages - len(fresh))]
    runs += [(sender, "HI") for sender in fresh]
    wall: dict[str, list[float]] = {"inbound, known sender": [], "inbound, new sender": [], "send": []}
    cpu: dict[str, float] = {"inbound, known sender": 0.0, "inbound, new sender": 0.0, "send": 0.0}
    logs = {kind: RequestLog() for kind in cpu}
    replies = []
    for sender, text in runs:
        sid = "SM" + uuid.uuid4().hex
        incoming = Incoming(channel=sender.channel, provider_id=sid, sender=sender.phone, text=text)
        kind = f"inbound, {'known' if sender.known else 'new'} sender"
        with logs[kind], _spent(cpu, kind, wall[kind]):
            await handle_incoming(ctx, incoming)
        replies.append(reply_id(sender, sid))
    for doc_id in replies:
        with logs["send"], _spent(cpu, "send", wall["send"]):
            await _send(ctx, doc_id)
    redis.close()
    print(f"\nprofile: {len(runs)} messages (half from new senders) through the inbound job, then their "
          "send jobs, one at a time in this process (no fork, no RQ)")
    for kind, spent in wall.items():
        print(f"  {kind}: {sum(spent) / len(spent) * 1000:.0f} ms a job (mean of {len(spent)})")
    for kind, log in logs.items():
        counts, total, jobs = Counter(), Counter(), len(wall[kind])
        for what, spent in log.entries:
            counts[what] += 1
            total[what] += spent
        print(f"  {kind} job: {len(log.entries) / jobs:.1f} CouchDB requests, "
              f"{sum(total.values()) / jobs * 1000:.0f} ms waiting on them, "
              f"{cpu[kind] / jobs * 1000:.0f} ms CPU in this process, a job")
        print(f"    {'request':<50}{'per job':>8}{'ms each':>9}")
        for what, n in counts.most_common():
            print(f"    {what:<50}{n / jobs:8.2f}{total[what] / n * 1000:9.1f}")


class _spent:
    """Adds the block's CPU seconds to cpu[kind] and its wall seconds to `walls`."""

    def __init__(self, cpu: dict, kind: str, walls: list):
        self.cpu, self.kind, self.walls = cpu, kind, walls

    def __enter__(self):
        self.cpu_started, self.started = time.process_time(), time.monotonic()

    def __exit__(self, *exc_info):
        self.cpu[self.kind] += time.process_time() - self.cpu_started
        self.walls.append(time.monotonic() - self.started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=600)
    parser.add_argument("--senders", type=int, default=60)
    # Two cores: PouchDB Server's one node thread needs most of one; two workers keep it busy,
    # and more only fight over the CPU (4 workers measured: the same messages/s, slower jobs).
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rate", type=float, default=0.0, help="total messages/s (0: each sender waits for its reply)")
    parser.add_argument("--known-share", type=float, default=0.5, help="share of senders onboarded before the run")
    parser.add_argument("--profile", type=int, default=0, help="then time N messages in-process, request by request")
    args = parser.parse_args()
    if args.workers == 0 and not args.rate:
        parser.error("with no workers nobody answers: give --rate to time the webhooks alone")
    if args.messages > args.senders * RATE_LIMIT_PER_SENDER:
        parser.error(f"more than {RATE_LIMIT_PER_SENDER} messages a sender would be dropped by the rate limit: "
                     "add senders")
    scratch = Path(tempfile.mkdtemp(prefix="nollycrew-bench-"))
    couch_server = PouchDBServer(free_port(), scratch / "couch", "bench", "bench-password").start()
    redis_server = RedisServer(free_port(), scratch / "redis").start()
    api_port = free_port()
    os.environ.update({
        "NOLLYCREW_COUCH_URL": couch_server.url, "NOLLYCREW_COUCH_ADMIN_USER": "bench",
        "NOLLYCREW_COUCH_ADMIN_PASSWORD": "bench-password", "NOLLYCREW_REDIS_URL": redis_server.url,
        "NOLLYCREW_API_PORT": str(api_port), "NOLLYCREW_PUBLIC_URL": PUBLIC_URL,
        "NOLLYCREW_TWILIO_AUTH_TOKEN": TWILIO_TOKEN, "NOLLYCREW_OUTBOUND_CHANNEL": "console",
        "NOLLYCREW_LOG_LEVEL": "WARNING", "NOLLYCREW_VAR_DIR": str(scratch / "var"),
    })
    settings, senders = Settings(), senders_for(args.senders, args.known_share)
    configure_logging(settings.log_level)
    children: list[subprocess.Popen] = []
    try:
        asyncio.run(prepare(settings, senders))
        children.append(_nollycrew("api"))
        children += [_nollycrew("worker") for _ in range(args.workers)]
        _wait_for_port(api_port)
        processes = {"PouchDB Server (node)": couch_server.process, "Redis": redis_server.process,
                     "api": children[0], "workers (with their work horses)": children[1:]}
        cpu_before = {name: cpu_seconds(p) for name, p in processes.items()}
        bench_before, commands_before = time.process_time(), redis_commands(settings)
        figures = asyncio.run(load(settings, f"http://127.0.0.1:{api_port}", senders, args.messages, args.rate,
                                   replies=args.workers > 0))
        cpu = {name: cpu_seconds(p) - cpu_before[name] for name, p in processes.items()}
        cpu["this load generator"] = time.process_time() - bench_before
        commands = redis_commands(settings) - commands_before
        problems = (asyncio.run(check(settings, senders, figures["timings"])) if args.workers
                    else queued_once(settings, len(figures["timings"])))
        report(args, figures, problems, job_times(settings))
        print(f"CPU per message (ms), {os.cpu_count()} cores: "
              + ", ".join(f"{name} {spent / len(figures['timings']) * 1000:.1f}" for name, spent in cpu.items()))
        print(f"Redis commands per message: {commands / len(figures['timings']):.0f} (this bench's feed and checks excluded)")
        if args.profile:
            cpu_ms, wall_ms = rq_floor(settings, children[1:], args.profile * 5)
            print(f"RQ alone ({args.profile * 5} no-op jobs): {cpu_ms:.0f} ms worker CPU a job (fork, bookkeeping), "
                  f"{wall_ms:.0f} ms wall a job with {args.workers} workers; a message takes 2 jobs")
            for worker in children[1:]:
                worker.terminate()
                worker.wait()
            asyncio.run(profile(settings, senders, args.profile))
    finally:
        for child in children:
            child.terminate()
        for child in children:
            child.wait()
        redis_server.stop()
        couch_server.stop()
        shutil.rmtree(scratch, ignore_errors=True)


def redis_commands(settings: Settings) -> int:
    redis = open_redis(settings)
    try:
        return redis.info("stats")["total_commands_processed"]
    finally:
        redis.close()


def cpu_seconds(process: subprocess.Popen | list) -> float:
    """User and system CPU of a process and its waited-for children (RQ's work horses), from /proc."""
    if isinstance(process, list):
        return sum(cpu_seconds(p) for p in process)
    fields = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")  # utime stime cutime cstime


def _nollycrew(*command: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "config.cli", *command], env=os.environ.copy(),
                            stdout=subprocess.DEVNULL)


def _wait_for_port(port: int) -> None:
    deadline = time.monotonic() + START_WAIT_S
    while not port_in_use(port):
        if time.monotonic() > deadline:
            raise RuntimeError(f"the api did not listen on {port}")
        time.sleep(0.1)


if __name__ == "__main__":
    main()
