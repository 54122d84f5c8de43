"""RQ job: solve one schedule draft (OR-Tools CP-SAT, in core) and hand the answer to the core.

A schedule that cannot be met is an answer: the draft records the optimiser's reasons, in a first
AD's words. Only I/O makes RQ retry; solving the same plan again would fail the same way."""
import asyncio

import structlog

from core import scopes
from core.errors import Rejected
from core.scheduling.board_check import schedule_from_board
from core.scheduling.shoot import plan_shoot
from core.scheduling.shoot_breakdown import problem_from_breakdown
from core.scheduling.shoot_errors import ScheduleInfeasible
from core.scheduling.shoot_reschedule import reschedule
from core.shoot_commands import RecordScheduleDraft
from workers import context

log = structlog.get_logger()
SOLVER_FAILED = "The optimiser stopped with an error on our side; it has been logged. Please try again later."


def solve_schedule_draft(project_id: str, number: int) -> str:
    """Ids in; "ready", "infeasible" or "done before" out, for the job's record."""
    return asyncio.run(_solve(project_id, number))


async def _solve(project_id: str, number: int) -> str:
    async with context.current().open_session() as session:
        office = scopes.office_db(project_id)
        index = await session.store.get(office, "schedule_drafts")
        entry = next((d for d in (index or {}).get("drafts", []) if d["number"] == number), None)
        if entry is None or entry["status"] != "solving":
            return "done before"
        plan, breakdown = await session.store.get(office, "shoot_plan"), await session.store.get(office, "breakdown")
        published = None
        if entry["keep_published"]:
            published = await session.store.get(scopes.project_db(project_id), "schedule")
        command = solve_draft(project_id, number, plan["plan"], breakdown, published, entry["limit_s"],
                              entry.get("board"))
        await session.bus.handle(command)
        return "ready" if command.schedule is not None else "infeasible"


def solve_draft(project_id: str, number: int, plan: dict, breakdown: dict, published: dict | None,
                limit_s: float, board: dict | None = None) -> RecordScheduleDraft:
    """The draft for this plan and breakdown; around `published` when given (re-optimisation), or
    around the office's hand-arranged `board`."""
    try:
        problem = problem_from_breakdown(breakdown["scenes"], plan)
        if board is not None:
            answer = schedule_from_board(problem, board, limit_s)
            schedule = {**answer["schedule"], "moved_by_solver": answer["moved"], "from_board": True}
        elif published is not None:
            answer = reschedule(problem, published, None, limit_s)
            schedule = {**answer["schedule"], "moved_by_solver": answer["moved"]}
        else:
            result = plan_shoot(problem, limit_s)
            schedule = {**result.schedule, "solver": {"proved_optimal": result.proved_optimal,
                                                      "seconds": round(result.seconds, 2)}}
        return RecordScheduleDraft(project_id, number, schedule)
    except ScheduleInfeasible as refused:
        return RecordScheduleDraft(project_id, number, None, list(refused.reasons))
    except Rejected as refused:
        return RecordScheduleDraft(project_id, number, None, [refused.reason])
    except Exception:
        log.exception("schedule_solver_failed", project_id=project_id, number=number)
        return RecordScheduleDraft(project_id, number, None, [SOLVER_FAILED])
