"""A solved shoot as the published-schedule document that call sheets, stripboard and DOOD read.

Call and wrap are drawn tight around the work (first shot less the set-up time, last cut): the
model may leave slack there, and tightening only lengthens turnaround and shortens the day."""
from datetime import date

from core.scheduling.shoot_model import ModelAnswer
from core.scheduling.shoot_problem import ShootProblem, clock, minute_of_day
from core.scheduling.shoot_windows import ShootPlan


def published_shape(plan: ShootPlan, answer: ModelAnswer, version: int) -> dict:
    problem = plan.problem
    days = []
    for index, day in enumerate(problem.dates):
        shot = sorted((scene_id for scene_id, chosen in answer.day_of.items() if chosen == index),
                      key=lambda scene_id: answer.start_of[scene_id])
        if shot:
            days.append(_day(plan, answer, len(days) + 1, day.isoformat(), shot))
    boneyard = [scene.id for scene in problem.scenes if scene.id not in answer.day_of]
    return {
        "version": version, "status": "draft", "timezone": problem.timezone, "days": days,
        "boneyard": boneyard, "cost": cost(problem, days),
    }


def _day(plan: ShootPlan, answer: ModelAnswer, number: int, day: str, shot: list[str]) -> dict:
    problem = plan.problem
    scenes, moves = [], []
    for position, scene_id in enumerate(shot):
        scene = plan.by_id[scene_id]
        start = answer.start_of[scene_id]
        scenes.append({"scene_id": scene_id, "location_id": scene.location_id,
                       "start": clock(start), "end": clock(start + scene.minutes)})
        if position and plan.by_id[shot[position - 1]].location_id != scene.location_id:
            previous = plan.by_id[shot[position - 1]]
            moves.append({"from": previous.location_id, "to": scene.location_id,
                          "travel_minutes": problem.travel_min[(previous.location_id, scene.location_id)],
                          "at": clock(answer.start_of[previous.id] + previous.minutes)})
    first = answer.start_of[shot[0]]
    last = max(answer.start_of[scene_id] + plan.by_id[scene_id].minutes for scene_id in shot)
    call = first - problem.working_day.first_shot_after_call_min
    return {"day": number, "date": day, "call": clock(call), "wrap": clock(last), "scenes": scenes, "moves": moves}


def cost(problem: ShootProblem, days: list[dict]) -> dict:
    """The cost parts of a schedule, counted from the document itself so any reader can check them."""
    weights, working = problem.weights, problem.working_day
    overtime = sum(max(0, day_length_min(day) - working.standard_min) for day in days)
    moves = sum(len(day["moves"]) for day in days)
    holds, paid_naira = 0, 0
    for cast_id, member in problem.cast.items():
        worked = sorted({problem.dates.index(_date(day)) for day in days for entry in day["scenes"]
                         if cast_id in _scene_cast(problem, entry["scene_id"])})
        if not worked:
            continue
        span = [problem.dates[i] for i in range(worked[0], worked[-1] + 1) if member.free_on(problem.dates[i])]
        holds += len(span) - len(worked)
        paid_naira += len(span) * problem.paid_day_naira(cast_id)
    objective = (paid_naira + moves * weights.company_move_naira + overtime * weights.overtime_minute_naira)
    return {"hold_days": holds, "company_moves": moves, "overtime_minutes": overtime, "objective": objective}


def day_length_min(day: dict) -> int:
    call = minute_of_day(day["call"])
    return minute_of_day(day["wrap"], call) - call


def _date(day: dict) -> date:
    return date.fromisoformat(day["date"])


def _scene_cast(problem: ShootProblem, scene_id: str) -> tuple[str, ...]:
    return next(scene.cast_ids for scene in problem.scenes if scene.id == scene_id)
