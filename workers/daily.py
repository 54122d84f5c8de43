"""The money's daily round, at 06:00 Lagos time: release what escrow owes crew whose work is done
and undisputed (core: ReleaseDueEscrow), then reconcile the ledger with the gateways named in
NOLLYCREW_RECONCILE_GATEWAYS (none by default: a machine without gateway keys has nothing to ask).

Each run schedules the next, under a job id made from its date, so a worker restarting any
number of times schedules each day once; every worker start makes sure the next one is there."""
import asyncio
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import structlog
from pydantic_settings import BaseSettings, SettingsConfigDict
from redis import Redis
from rq import Retry

from core.escrow_dispute_commands import ReleaseDueEscrow
from workers import context, queues
from workers.reconciliation import reconcile

log = structlog.get_logger()
LAGOS = ZoneInfo("Africa/Lagos")
DAILY_AT = time(6, 0)  # before the day's first call times, after the night's last wrap


class DailySettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NOLLYCREW_", env_file=None)

    reconcile_gateways: list[str] = []


def next_run(now: datetime) -> datetime:
    """The next DAILY_AT in Lagos strictly after `now` (aware)."""
    local = now.astimezone(LAGOS)
    run = datetime.combine(local.date(), DAILY_AT, tzinfo=LAGOS)
    return run if run > local else run + timedelta(days=1)


def schedule_next(redis: Redis, now: datetime) -> str:
    """Schedule the next run once (its id is its date); returns that id. A run whose database
    or gateway failed runs again with backoff: each step it takes is idempotent (the release
    walk keeps its checkpoint; reconciliation changes no ledger entry and rewrites its day's report)."""
    at = next_run(now)
    job_id = queues.job_id("daily", at.date().isoformat())
    queues.schedule_once(queues.queue(queues.DEFAULT, redis), at, run_daily, job_id=job_id,
                         retry=Retry(max=len(queues.JOB_RETRY_INTERVALS_S), interval=queues.JOB_RETRY_INTERVALS_S))
    return job_id


def run_daily() -> dict:
    """RQ job: the day's releases, then reconciliation, then the next day's run."""
    current = context.current()

    async def release() -> None:
        async with current.open_session() as session:
            await session.bus.handle(ReleaseDueEscrow())

    asyncio.run(release())
    now = datetime.now(LAGOS)
    gateways = DailySettings().reconcile_gateways
    report = reconcile(now.date().isoformat(), only=gateways) if gateways else None
    schedule_next(current.redis, now)
    log.info("daily_round_done", reconciled=bool(report))
    return {"reconciled": bool(report), "differences": len(report["differences"]) if report else 0}
