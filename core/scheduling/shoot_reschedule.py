"""Re-optimising after a change, keeping the published schedule wherever it still works.

Moving a scene to another date costs far more than any hold day or company move (the cast and
locations were booked on the strength of the published dates), and swapping two scenes inside a
day costs a little (the call sheet went out). Every moved scene is reported with the reason."""
from dataclasses import replace
from datetime import date

from core.scheduling.shoot import DEFAULT_LIMIT_S, solve
from core.scheduling.shoot_errors import BadShootFile
from core.scheduling.shoot_explain import why_not_on
from core.scheduling.shoot_input import read_problem
from core.scheduling.shoot_model import Previous
from core.scheduling.shoot_problem import ShootProblem, short_date
from core.scheduling.shoot_windows import CAST, FIXED, LOCATION, ShootPlan

CHANGE_KINDS = ("cast_unavailable", "location_unavailable", "shoot_date_lost")


def reschedule(problem: dict, published: dict, change: dict | list[dict] | None = None,
               limit_s: float = DEFAULT_LIMIT_S) -> dict:
    """{"schedule": the new draft (version after the published one), "moved": [...]}.

    `problem` is the schedule file (as for schedule_shoot); `change`, one or a list, is applied on
    top of it: {"kind": "cast_unavailable", "cast_id", "dates"}, {"kind": "location_unavailable",
    "location_id", "dates"} or {"kind": "shoot_date_lost", "dates"}."""
    changes = [] if change is None else change if isinstance(change, list) else [change]
    changed = apply_changes(read_problem(problem), changes)
    days = _published_days(published)
    was = {scene_id: when for when, order in days for scene_id in order}
    previous = Previous(
        day_of={scene_id: changed.dates.index(day) for scene_id, day in was.items() if day in changed.dates},
        pairs=_kept_pairs(days, changed),
    )
    version = published.get("version", 0)
    if not isinstance(version, int):
        raise BadShootFile("The previous schedule's version must be a whole number.")
    result = solve(changed, limit_s, previous, version=version + 1)
    now = {scene["scene_id"]: date.fromisoformat(day["date"])
           for day in result.schedule["days"] for scene in day["scenes"]}
    moved = [{"scene_id": scene_id, "from_date": before.isoformat(),
              "to_date": now[scene_id].isoformat() if scene_id in now else None,
              "reason": _reason(result.plan, scene_id, before)}
             for scene_id, before in was.items() if now.get(scene_id) != before]
    return {"schedule": result.schedule, "moved": moved}


def apply_changes(problem: ShootProblem, changes: list[dict]) -> ShootProblem:
    for change in changes:
        kind = change.get("kind") if isinstance(change, dict) else None
        if kind not in CHANGE_KINDS:
            raise BadShootFile("A change must have kind {kinds} (got {kind}).",
                               kinds=", ".join(CHANGE_KINDS), kind=repr(kind))
        try:
            days = frozenset(date.fromisoformat(text) for text in change.get("dates", []))
        except (TypeError, ValueError):
            raise BadShootFile("The {kind} change lists a date not written as YYYY-MM-DD.", kind=kind)
        if kind == "cast_unavailable":
            member = problem.cast.get(change.get("cast_id"))
            if member is None:
                raise BadShootFile("The change names cast \"{cast}\", who is not in the cast list.",
                                   cast=change.get("cast_id"))
            cast = {**problem.cast, member.id: replace(member, unavailable=member.unavailable | days)}
            problem = replace(problem, cast=cast)
        elif kind == "location_unavailable":
            place = problem.locations.get(change.get("location_id"))
            if place is None:
                raise BadShootFile("The change names location \"{location}\", which is not listed.",
                                   location=change.get("location_id"))
            locations = {**problem.locations, place.id: replace(place, closed_dates=place.closed_dates | days)}
            problem = replace(problem, locations=locations)
        else:
            problem = replace(problem, dates=tuple(day for day in problem.dates if day not in days))
    if not problem.dates:
        raise BadShootFile("After the change there are no shoot dates left.")
    return problem


def _published_days(published: dict) -> list[tuple[date, list[str]]]:
    """Each published day's date and its scene ids in shooting order."""
    try:
        return [(date.fromisoformat(day["date"]), [str(entry["scene_id"]) for entry in day["scenes"]])
                for day in published["days"]]
    except (KeyError, TypeError, ValueError):
        raise BadShootFile("The previous schedule is not a published schedule (days with date and scenes).")


def _kept_pairs(days: list[tuple[date, list[str]]], problem: ShootProblem) -> tuple[tuple[str, str, int], ...]:
    pairs = []
    for when, order in days:
        if when in problem.dates:
            pairs += [(a, b, problem.dates.index(when)) for a, b in zip(order, order[1:])]
    return tuple(pairs)


def _reason(plan: ShootPlan, scene_id: str, before: date) -> str:
    problem = plan.problem
    scene = plan.by_id.get(scene_id)
    if scene is None:
        return "It is no longer in the script."
    if scene_id not in plan.scheduled_ids:
        return "It was taken off the schedule (boneyard)."
    if before not in problem.dates:
        return f"{short_date(before)} is no longer a shoot day."
    index = problem.dates.index(before)
    groups = plan.why_not(scene, index)
    if not groups:
        return "Moved to make room for scenes that had to leave their day after the change."
    kinds = {kind for kind, _ in groups}
    if kinds <= {CAST}:
        verb = "is" if len(groups) == 1 else "are"
        return f"{names_of(problem, groups)} {verb} no longer free on {short_date(before)}."
    if kinds == {LOCATION} and not problem.locations[scene.location_id].open_on(before):
        return f"{problem.locations[scene.location_id].name} is no longer available on {short_date(before)}."
    if FIXED in kinds:
        return f"It is now fixed to {short_date(scene.fixed_date)}."
    return f"On {short_date(before)} {why_not_on(plan, scene, index)}."


def names_of(problem: ShootProblem, groups: list[tuple[str, str]]) -> str:
    people = [problem.cast[subject].name for _, subject in groups]
    return people[0] if len(people) == 1 else ", ".join(people[:-1]) + " and " + people[-1]
