"""The daily round for real: scheduled once however often workers start, and run by a worker:
the day's escrow releases walked, the next day's round scheduled."""
import os
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from rq import Queue
from rq.registry import ScheduledJobRegistry

from core import scopes
from workers import queues
from workers.daily import next_run, run_daily, schedule_next

ROOT = Path(__file__).resolve().parents[3]


def test_each_day_is_scheduled_once_however_often_workers_start(redis):
    now = datetime.now(timezone.utc)

    first, again = schedule_next(redis, now), schedule_next(redis, now)

    registry = ScheduledJobRegistry(queues.DEFAULT, connection=redis)
    assert first == again and registry.get_job_ids() == [first]
    assert registry.get_scheduled_time(first) == next_run(now).astimezone(timezone.utc).replace(microsecond=0)


async def test_a_worker_runs_the_round_and_schedules_the_next(redis, bus):
    Queue(queues.DEFAULT, connection=redis).enqueue(run_daily)

    done = subprocess.run([sys.executable, "-m", "config.cli", "worker", "--burst"], cwd=ROOT,
                          env=os.environ.copy(), capture_output=True, text=True, timeout=120)

    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-2000:]
    walked = await bus.services.store.get(scopes.OPS, "escrow_due_walk")
    assert walked["last_day"] == datetime.now(ZoneInfo("Africa/Lagos")).date().isoformat()
    tomorrow = queues.job_id("daily", next_run(datetime.now(timezone.utc)).date().isoformat())
    assert tomorrow in ScheduledJobRegistry(queues.DEFAULT, connection=redis).get_job_ids()
