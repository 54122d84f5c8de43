"""A stripboard the first AD arranged by hand, checked and timed by the optimiser.

The board's order is the starting point, kept wherever the plan allows, exactly as a published
schedule is kept when re-optimising: a strip leaves its day only when it cannot be shot there
(an actor away, a location closed, night scenes in daylight), and each move says why. Strips the
AD put in the boneyard stay there. A board day without a date takes the plan's shoot date of the
same number; a day past the plan's last shoot date keeps no claim, so its strips go where they fit."""
from core.scheduling.shoot import DEFAULT_LIMIT_S
from core.scheduling.shoot_errors import BadShootFile
from core.scheduling.shoot_input import read_problem
from core.scheduling.shoot_reschedule import reschedule


def schedule_from_board(problem: dict, board: dict, limit_s: float = DEFAULT_LIMIT_S) -> dict:
    """{"schedule": the timed draft, "moved": [{"scene_id", "from_date", "to_date", "reason"}]}.

    `problem` is the schedule file (as for schedule_shoot); `board` the office's `board`
    document: {"days": [{"day", "date" (or ""), "scenes": [scene ids in shooting order]}],
    "boneyard": [scene ids]}."""
    days, boneyard = _board_days(board), board.get("boneyard", [])
    if not isinstance(boneyard, list):
        raise BadShootFile("The stripboard's boneyard is not a list of scenes.")
    boneyard = {str(scene_id) for scene_id in boneyard}
    parked = {**problem, "scenes": [
        {**scene, "boneyard": True} if _scene_id(scene) in boneyard else scene for scene in problem.get("scenes", [])
    ]}
    dates = read_problem(parked).dates
    as_published = {"version": 0, "days": [
        {"date": when or dates[position].isoformat(), "scenes": [{"scene_id": scene_id} for scene_id in order]}
        for position, (when, order) in enumerate(days)
        if when or position < len(dates)
    ]}
    return reschedule(parked, as_published, None, limit_s)


def _board_days(board: dict) -> list[tuple[str, list[str]]]:
    days = board.get("days")
    if not isinstance(days, list) or not all(isinstance(day, dict) for day in days):
        raise BadShootFile("The stripboard has no days to check.")
    for number, day in enumerate(days, start=1):
        if not isinstance(day.get("scenes", []), list):
            raise BadShootFile("Day {day} of the stripboard is not a list of scenes.", day=day.get("day", number))
    return [(day.get("date") or "", [str(scene_id) for scene_id in day.get("scenes", [])]) for day in days]


def _scene_id(scene: dict) -> str:
    return str(scene.get("id", scene.get("number", "")))
