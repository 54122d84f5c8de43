"""Why a schedule cannot be met, in the words a first AD uses on the phone to the producer.

Two passes: a scene that has no possible date on its own (cheap, read from the windows), then,
when every scene has some date but they cannot all fit together, the small set of rule groups the
solver found in conflict."""
from datetime import date

from core.scheduling.shoot_model import HOURS, TRAVEL, TURNAROUND
from core.scheduling.shoot_problem import LIGHT_DAY, LIGHT_NIGHT, Scene, clock, short_date
from core.scheduling.shoot_windows import CAST, FIXED, LIGHT, LOCATION, ShootPlan

MAX_LISTED = 6


def names(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def dates(days: list[date]) -> str:
    shown = [short_date(day) for day in days[:MAX_LISTED]]
    more = len(days) - MAX_LISTED
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def scene_numbers(scenes: list[Scene]) -> str:
    shown = [scene.number for scene in scenes[:MAX_LISTED]]
    more = len(scenes) - MAX_LISTED
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def single_scene_problems(plan: ShootPlan) -> list[str]:
    """Each scene that cannot be shot on any date even alone, and precedences that cannot hold."""
    reasons = [_no_date(plan, scene) for scene in plan.scenes if not plan.candidates(scene)]
    working = plan.problem.working_day
    longest = working.max_min - working.first_shot_after_call_min
    reasons += [f"{scene.label()} runs {_hours(scene.minutes)}, longer than a whole working day allows "
                f"({_hours(longest)} of shooting after call)." for scene in plan.scenes if scene.minutes > longest]
    for rule in plan.problem.precedences:
        first = plan.candidates(plan.by_id[rule.before]) if rule.before in plan.scheduled_ids else []
        second = plan.candidates(plan.by_id[rule.after]) if rule.after in plan.scheduled_ids else []
        if first and second and min(first) > max(second):
            days, after = plan.problem.dates, plan.by_id[rule.after].number
            reasons.append(f"Scene {plan.by_id[rule.before].number} must be shot before scene {after}, but it can "
                           f"only be shot from {short_date(days[min(first)])} and scene {after} no later than "
                           f"{short_date(days[max(second)])}.")
    return reasons


def _no_date(plan: ShootPlan, scene: Scene) -> str:
    problem = plan.problem
    if scene.fixed_date:
        if scene.fixed_date not in problem.dates:
            return f"{scene.label()} is fixed to {short_date(scene.fixed_date)}, which is not a shoot date."
        index = problem.dates.index(scene.fixed_date)
        return (f"{scene.label()} is fixed to {short_date(scene.fixed_date)}, "
                f"but that day {why_not_on(plan, scene, index)}.")
    cast = [problem.cast[cast_id] for cast_id in scene.cast_ids]
    needs = f"{scene.label()} needs {names([member.name for member in cast])}" if cast else scene.label()
    indexes = range(len(problem.dates))
    free = [i for i in indexes if all(member.free_on(problem.dates[i]) for member in cast)]
    if not free:
        if len(cast) == 1:
            return f"{needs}, but {cast[0].name} is not free on any shoot day."
        limited = [member for member in cast if not all(member.free_on(day) for day in problem.dates)]
        each = "; ".join(f"{member.name} is free on "
                         f"{dates([day for day in problem.dates if member.free_on(day)]) or 'no shoot day'}"
                         for member in limited)
        return f"{needs}, but no shoot day has {'both' if len(cast) == 2 else 'all of them'} free ({each})."
    who = "" if not cast else f"{cast[0].name} is" if len(cast) == 1 else "both are" if len(cast) == 2 else "all are"
    place = problem.locations[scene.location_id]
    opened = [i for i in free if place.open_on(problem.dates[i])]
    if not opened:
        when = (f"on the only days {who} free ({dates([problem.dates[i] for i in free])})" if cast
                else "on every shoot day")
        return f"{needs}, but {when} {place.name} is closed."
    when = (f"on the days {who} free and {place.name} is open" if cast else f"on the days {place.name} is open")
    index = opened[0]
    return f"{needs}, but {when} ({dates([problem.dates[i] for i in opened])}) {why_not_on(plan, scene, index)}."


def why_not_on(plan: ShootPlan, scene: Scene, index: int) -> str:
    """What rules this date out for the scene, as a clause: "Ada is not free", "it is too dark"."""
    problem, day = plan.problem, plan.problem.dates[index]
    record, clauses = plan.days[(scene.id, index)], []
    groups = plan.why_not(scene, index)
    each_alone = min(_length(record.base, record.light), _length(record.base, record.hours))
    if not record.blocked_by and each_alone >= scene.minutes:
        place = problem.locations[scene.location_id]
        return (f"the light it needs ({clock(record.light[0])}-{clock(record.light[1])}) and {place.name}'s hours "
                f"({clock(record.hours[0])}-{clock(record.hours[1])}) overlap by less than its {scene.minutes} min")
    for kind, subject in groups:
        if kind == CAST:
            clauses.append(f"{problem.cast[subject].name} is not free")
        elif kind == FIXED:
            clauses.append(f"the scene is fixed to {short_date(scene.fixed_date)}")
        elif kind == LOCATION and not problem.locations[subject].open_on(day):
            clauses.append(f"{problem.locations[subject].name} is closed")
        elif kind == LOCATION:
            place = problem.locations[subject]
            clauses.append(f"{place.name} is open only {clock(record.hours[0])}-{clock(record.hours[1])}, "
                           f"too short for its {scene.minutes} min")
        elif kind == LIGHT:
            clauses.append(_light_clause(scene, record))
    return names(clauses) or "it does not fit"


def _light_clause(scene: Scene, record) -> str:
    low, high = record.light
    if scene.light == LIGHT_DAY:
        return f"there are not {scene.minutes} min of daylight (sunrise {clock(low)}, sunset {clock(high)})"
    if scene.light == LIGHT_NIGHT:
        return f"there are not {scene.minutes} min between dusk ({clock(low)}) and the latest wrap ({clock(high)})"
    return f"there are not {scene.minutes} min of natural light (dawn {clock(low)}, dusk {clock(high)})"


def conflict_reasons(plan: ShootPlan, groups: list[tuple[str, str]]) -> list[str]:
    if not groups:
        total = sum(scene.minutes for scene in plan.scenes)
        working = plan.problem.working_day
        return [f"The scenes do not fit in the shoot days: {_hours(total)} of shooting across "
                f"{len(plan.problem.dates)} days of at most {_hours(working.max_min)} from call to wrap. "
                f"Add shoot days or allow longer days."]
    total = sum(scene.minutes for scene in plan.scenes)
    headline = (f"No schedule can keep this rule with {_hours(total)} of shooting in {len(plan.problem.dates)} "
                f"shoot days:" if len(groups) == 1 else "No schedule meets all of these at once; relax one of them:")
    return [headline] + [
        _capital(_group(plan, kind, subject)) + "." for kind, subject in groups]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _group(plan: ShootPlan, kind: str, subject: str) -> str:
    problem, shoot_days = plan.problem, len(plan.problem.dates)
    if kind == CAST:
        member = problem.cast[subject]
        free = [day for day in problem.dates if member.free_on(day)]
        scenes = [scene for scene in plan.scenes if subject in scene.cast_ids]
        return (f"{member.name} is free on {len(free)} of the {shoot_days} shoot days ({dates(free)}) "
                f"and is in scenes {scene_numbers(scenes)} "
                f"({_hours(sum(scene.minutes for scene in scenes))} of shooting)")
    if kind == LOCATION:
        place = problem.locations[subject]
        opened = [day for day in problem.dates if place.open_on(day)]
        scenes = [scene for scene in plan.scenes if scene.location_id == subject]
        hours = "" if place.opens_min is None and place.closes_min is None else (
            f", {clock(place.opens_min or 0)}-{clock(place.closes_min or 24 * 60)}")
        return (f"{place.name} is open on {len(opened)} of the {shoot_days} shoot days ({dates(opened)}{hours}) "
                f"for scenes {scene_numbers(scenes)}")
    if kind == FIXED:
        scene = plan.by_id[subject]
        return f"{scene.label()} is fixed to {short_date(scene.fixed_date)}"
    if kind == LIGHT:
        scene = plan.by_id[subject]
        need = {LIGHT_DAY: "between sunrise and sunset", LIGHT_NIGHT: "after dusk"}.get(scene.light,
                                                                                         "between dawn and dusk")
        return f"{scene.label()} must be shot {need}"
    if kind == HOURS:
        return f"a shoot day lasts at most {_hours(problem.working_day.max_min)} from call to wrap, overtime included"
    if kind == TURNAROUND:
        return f"cast and crew need {_hours(problem.working_day.turnaround_min)} between wrap and the next call"
    if kind == TRAVEL:
        return (f"a company move takes the drive plus {problem.working_day.move_overhead_min} min "
                f"to wrap out and rig in")
    rule = problem.precedences[int(subject)]
    return (f"scene {plan.by_id[rule.before].number} must be shot before scene {plan.by_id[rule.after].number} "
            f"(the same day or earlier)")


def _length(a: tuple[int, int], b: tuple[int, int]) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def _hours(minutes: int) -> str:
    whole, rest = divmod(minutes, 60)
    return f"{whole} h" if not rest else f"{whole} h {rest:02d}"
