"""The shoot-day optimiser: a schedule file in, a draft of the published schedule out.

    schedule_shoot(data, limit_s)            -> the published-schedule shape, status "draft"
    plan_shoot(data, limit_s)                -> the same plus whether the solver proved it optimal
    reschedule(data, published, change)      -> {"schedule": ..., "moved": [...]} (shoot_reschedule.py)

A schedule that cannot be met raises ScheduleInfeasible with reasons: first any scene that has no
possible date on its own, else the smallest set of rules the solver found in conflict."""
from dataclasses import dataclass

from core.scheduling.shoot_errors import ScheduleInfeasible, ScheduleNotFound
from core.scheduling.shoot_explain import conflict_reasons, single_scene_problems
from core.scheduling.shoot_input import read_problem
from core.scheduling.shoot_model import Previous, solve_shoot_model
from core.scheduling.shoot_output import published_shape
from core.scheduling.shoot_problem import ShootProblem
from core.scheduling.shoot_windows import ShootPlan

DEFAULT_LIMIT_S = 10.0


@dataclass(frozen=True)
class ShootResult:
    schedule: dict
    proved_optimal: bool
    seconds: float
    plan: ShootPlan
    bound_naira: int | None  # no schedule can cost less (the model's objective, reschedule penalties included)


def schedule_shoot(data: dict, limit_s: float = DEFAULT_LIMIT_S) -> dict:
    """The best schedule found within `limit_s` seconds, as a draft published-schedule document."""
    return plan_shoot(data, limit_s).schedule


def plan_shoot(data: dict, limit_s: float = DEFAULT_LIMIT_S) -> ShootResult:
    return solve(read_problem(data), limit_s)


def solve(problem: ShootProblem, limit_s: float, previous: Previous | None = None, version: int = 1) -> ShootResult:
    plan = ShootPlan(problem)
    alone = single_scene_problems(plan)
    if alone:
        raise ScheduleInfeasible(alone)
    answer = solve_shoot_model(plan, limit_s, previous)
    if answer.status == "infeasible":
        explained = solve_shoot_model(plan, limit_s, explain=True)
        if explained.status != "infeasible":
            raise ScheduleInfeasible([
                "No schedule meets every rule, and the optimiser could not narrow down which rules clash "
                f"within {limit_s:g} s. Try again with a longer limit, or relax availability one person at a time."])
        raise ScheduleInfeasible(conflict_reasons(plan, explained.conflict))
    if answer.status == "unknown":
        raise ScheduleNotFound(
            "The optimiser found no schedule within {seconds} s, though it did not prove there is none. "
            "Give it more time (--limit-s) or fewer constraints.", seconds=f"{limit_s:g}")
    schedule = published_shape(plan, answer, version)
    return ShootResult(schedule, answer.status == "optimal", answer.seconds, plan, answer.bound)
