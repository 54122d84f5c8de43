"""`nollycrew`: the one command for every process and chore."""
import argparse
import asyncio
import os
import sys

import structlog

from config.logs import configure_logging
from config.settings import Settings

log = structlog.get_logger()
COUCH_WAIT_S = 120


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="nollycrew", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    dev = commands.add_parser("dev", help="run the whole system on the embedded stack")
    dev.add_argument("--fresh", action="store_true", help="start from empty databases")
    commands.add_parser("migrate", help="create databases, security and design documents (idempotent)")
    commands.add_parser("seed", help="add the demo production (idempotent)")
    commands.add_parser("api", help="serve /db/, webhooks, /healthz and /metrics")
    commands.add_parser("core", help="run the rules engine on the changes feeds")
    worker = commands.add_parser("worker", help="run an RQ worker for messages and other quick jobs")
    worker.add_argument("--office", action="store_true", help="work the office queue: scripts, schedules")
    worker.add_argument("--media", action="store_true", help="work the media queue: self-tape transcription")
    worker.add_argument("--ai", action="store_true", help="work the ai queue: the assistants")
    worker.add_argument("--queues", default="", metavar="A,B",
                        help="work exactly these queues, most urgent first: messages,default,office,media,ai")
    worker.add_argument("--burst", action="store_true", help="stop when the queues are empty")
    breakdown = commands.add_parser("breakdown", help="break a screenplay down: FILE [--json]", add_help=False)
    breakdown.add_argument("rest", nargs=argparse.REMAINDER)
    schedule = commands.add_parser(
        "schedule", help="solve a schedule: talent FILE.json | movie FILE.txt | shoot FILE.json", add_help=False
    )
    schedule.add_argument("rest", nargs=argparse.REMAINDER)
    commands.add_parser("telegram-webhook", help="point the Telegram bot's webhook at public_url")
    chat = commands.add_parser("chat", help="talk to the bots from this terminal")
    chat.add_argument("--phone", required=True, help="whose phone you are, e.g. +2348030000001")
    args = parser.parse_args(argv)

    if args.command == "breakdown":
        from config.breakdown_cli import main as breakdown_main

        return _into_a_pipe(breakdown_main, args.rest)
    if args.command == "schedule":
        from config.schedule_cli import main as schedule_main

        return _into_a_pipe(schedule_main, args.rest)
    settings = Settings()
    configure_logging(settings.log_level, settings.log_json)
    if args.command == "dev":
        from config.devstack import run_dev

        return run_dev(settings, fresh=args.fresh)
    if args.command == "migrate":
        return asyncio.run(_migrate(settings))
    if args.command == "seed":
        return asyncio.run(_seed(settings))
    if args.command == "api":
        return _api(settings)
    if args.command == "core":
        return asyncio.run(_core(settings))
    if args.command == "worker":
        return _worker(settings, args)
    if args.command == "telegram-webhook":
        from bots.telegram_routes import point_telegram_here

        print(f"Telegram now posts updates to {asyncio.run(point_telegram_here(settings))}")
        return 0
    if args.command == "chat":
        from bots.console_chat import run_chat
        from config.bootstrap import open_redis

        run_chat(open_redis(settings), args.phone)
        return 0
    return 2


def _into_a_pipe(command, argv: list[str]) -> int:
    """A report piped into `head` that stops reading is no error of ours: no traceback."""
    try:
        code = command(argv)
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # Python's own advice for SIGPIPE
        return 0


async def _migrate(settings: Settings) -> int:
    from config.bootstrap import media_store, open_couch
    from sync.media_sharing import share_kept_self_tapes
    from sync.provisioning import migrate

    couch = open_couch(settings)
    try:
        await couch.wait_until_up(COUCH_WAIT_S)
        touched = await migrate(couch)
        shared = await share_kept_self_tapes(couch, media_store(settings))
        log.info("migrated", databases=len(touched), applications_with_shared_self_tapes=shared)
    finally:
        await couch.close()
    return 0


async def _seed(settings: Settings) -> int:
    from config.bootstrap import SystemClock, build_bus, open_couch, open_redis
    from config.seed import seed_demo

    couch = open_couch(settings)
    try:
        await couch.wait_until_up(COUCH_WAIT_S)
        demo = await seed_demo(build_bus(couch, open_redis(settings), settings=settings), SystemClock().now().date())
        log.info("seeded", project_id=demo["project_id"], people=len(demo["people"]))
    finally:
        await couch.close()
    return 0


def _api(settings: Settings) -> int:
    from aiohttp import web

    from web.app import create_app

    web.run_app(create_app(settings), host=settings.api_host, port=settings.api_port, print=None)
    return 0


async def _core(settings: Settings) -> int:
    from prometheus_client import start_http_server

    from config.bootstrap import build_feed_runner, open_couch, open_redis

    if settings.core_metrics_port:
        start_http_server(settings.core_metrics_port, addr="127.0.0.1")
    couch = open_couch(settings)
    try:
        await couch.wait_until_up(COUCH_WAIT_S)
        log.info("core_started", couch=settings.couch_url)
        await build_feed_runner(settings, couch, open_redis(settings)).run()
    finally:
        await couch.close()
    return 0


def _worker(settings: Settings, args: argparse.Namespace) -> int:
    from rq import SimpleWorker, Worker

    from config.bootstrap import install_job_context
    from workers import queues

    try:
        plan = queues.worker_plan(office=args.office, media=args.media, ai=args.ai, listen=args.queues)
    except ValueError as error:
        print(f"nollycrew worker: {error}", file=sys.stderr)
        return 2
    redis = install_job_context(settings)
    if plan.loads_catalogs:
        from bots import i18n

        i18n.load_catalogs()  # a broken catalog stops the start, not the first Hausa reply
    if plan.runs_daily_round:
        from datetime import datetime, timezone

        from workers.daily import schedule_next

        schedule_next(redis, datetime.now(timezone.utc))  # the money's daily round, once per day
    # Messages and money jobs run in the worker's own process: a fork per job cost more than the
    # job (a call-sheet fan-out of 150 took twice as long), and the ledger's memory of what it has
    # read lives per process (sync/ledger_store.py), so a forked job replayed the whole log.
    # Solving schedules keeps a fork per job: long, CPU-heavy work that must not grow the worker.
    # Transcription and the assistants run in the worker's process too: a model loads once, not per job.
    worker_class = Worker if plan.forks else SimpleWorker
    worker = worker_class(list(plan.queues), connection=redis, maintenance_interval=queues.MAINTENANCE_S)
    log.info("worker_started", queues=list(plan.queues), forks=plan.forks)
    # The scheduler (RQ's own) moves jobs due now from the scheduled registries to their queues:
    # retries with backoff, reminders, the daily round. Any worker may run it; RQ keeps one per queue.
    worker.work(with_scheduler=not args.burst, burst=args.burst)
    return 0


if __name__ == "__main__":
    sys.exit(main())
