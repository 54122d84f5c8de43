"""An admin's view of failed background jobs and the two remedies: REQUEUE (run them again once
the cause is fixed) and DROP (they can never succeed). Admins only; the bus's audit log records
each remedy carried out. Wiring: core/handlers/__init__.py ({**FAILED_JOB_HANDLERS}); the STATS
answer's figures come from core/failed_job_commands.failed_job_figures."""
from core.bus import Result, Services
from core.errors import Rejected
from core.failed_job_commands import DropFailedJobs, RequeueFailedJobs, chosen_queue, failed_jobs
from core.handlers.admin_chat import require_admin
from core.handlers.crew_calls import answer


async def requeue_failed_jobs(cmd: RequeueFailedJobs, services: Services) -> Result:
    await require_admin(services, cmd, Rejected("Only a NollyCrew admin can run failed jobs again."))
    port = failed_jobs(services)
    queue = chosen_queue(cmd.queue, port.queue_names())
    count = await port.requeue(queue)
    await services.outbox.queue(answer(cmd, cmd.admin_id, "failed_jobs_requeued",
                                       {"count": count, "queue": queue or ", ".join(port.queue_names())}))
    return Result(ref=None)


async def drop_failed_jobs(cmd: DropFailedJobs, services: Services) -> Result:
    await require_admin(services, cmd, Rejected("Only a NollyCrew admin can drop failed jobs."))
    port = failed_jobs(services)
    queue = chosen_queue(cmd.queue, port.queue_names())
    count = await port.drop(queue)
    await services.outbox.queue(answer(cmd, cmd.admin_id, "failed_jobs_dropped",
                                       {"count": count, "queue": queue or ", ".join(port.queue_names())}))
    return Result(ref=None)


FAILED_JOB_HANDLERS = {RequeueFailedJobs: requeue_failed_jobs, DropFailedJobs: drop_failed_jobs}
