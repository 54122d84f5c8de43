"""The shoot-day CP-SAT model: which date each scene is shot, and when in the day.

`solve_shoot_model` is the one door to OR-Tools for the shoot optimiser. A day is modelled as
location blocks: the unit shoots every scene it has at a location together, then moves; a move
inside a day costs the drive plus rigging out and in. A cast member is paid for every day from
their first to their last work day (a day they are not free is not paid), so the solver packs
each actor's scenes into few, adjacent days."""
import time
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from core.scheduling.shoot_problem import DAY_MIN
from core.scheduling.shoot_windows import CAST, FIXED, LIGHT, LOCATION, ShootPlan

WORKERS = 4  # on two cores still: four different searches prove bounds that two cannot
COMPACT_SHARE = 0.15  # of the time limit, for drawing the days tight once the costs are settled
EXPLAIN_STEP_LIMIT_S = 2.0  # each trial while shrinking a conflict to the rules that matter
EXPLAIN_MAX_TRIALS = 16
HOURS, TURNAROUND, TRAVEL, PRECEDENCE = "hours", "turnaround", "travel", "precedence"
DELETE_FIRST = (LIGHT, TRAVEL, TURNAROUND, PRECEDENCE, HOURS, FIXED, LOCATION, CAST)


@dataclass(frozen=True)
class Previous:
    """A published schedule as the model reads it: each scene's date index and the kept orders."""
    day_of: dict[str, int]
    pairs: tuple[tuple[str, str, int], ...]  # (a, b, day): a was shot just before b that day


@dataclass
class ModelAnswer:
    status: str  # "optimal", "feasible", "infeasible" or "unknown" (time ran out, nothing found)
    seconds: float
    day_of: dict[str, int] = field(default_factory=dict)
    start_of: dict[str, int] = field(default_factory=dict)
    conflict: list[tuple[str, str]] = field(default_factory=list)  # constraint groups, when explaining
    bound: int | None = None  # the solver's proved lower bound on the objective (naira)


def solve_shoot_model(plan: ShootPlan, limit_s: float, previous: Previous | None = None,
                      explain: bool = False) -> ModelAnswer:
    """Solve the shoot; with `explain`, every rule group is an assumption and an infeasible answer
    carries a small set of groups that cannot hold together.

    Two passes: the real costs first (what "optimal" refers to), then, with those costs held at the
    value found, the days are drawn tight so the call sheet shows no idle gaps."""
    started = time.monotonic()
    built = _Model(plan, explain)
    built.build(previous)
    if explain:
        built.model.AddAssumptions(list(built.assumed.values()))
    solver = _solver(limit_s * (1 if explain else 1 - COMPACT_SHARE), 1 if explain else WORKERS)
    status = solver.Solve(built.model)
    answer = ModelAnswer(_status(status), 0.0)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        answer.bound = round(solver.BestObjectiveBound())
        answer.day_of, answer.start_of = built.read(solver)
        compact = _solver(limit_s * COMPACT_SHARE, WORKERS)
        if built.compact(solver) and compact.Solve(built.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            answer.day_of, answer.start_of = built.read(compact)
    elif status == cp_model.INFEASIBLE and explain:
        answer.conflict = _smallest_conflict(built, solver)
    answer.seconds = round(time.monotonic() - started, 3)
    return answer


def _solver(limit_s: float, workers: int) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = limit_s
    solver.parameters.num_workers = workers
    return solver


def _status(status) -> str:
    return {cp_model.OPTIMAL: "optimal", cp_model.FEASIBLE: "feasible",
            cp_model.INFEASIBLE: "infeasible"}.get(status, "unknown")


def _smallest_conflict(built: "_Model", solver: cp_model.CpSolver) -> list[tuple[str, str]]:
    """Deletion filter: drop each group in turn and keep it out while the rest stays infeasible.

    People and places are tried last, so the set that survives names them when it can."""
    by_index = {literal.Index(): group for group, literal in built.assumed.items()}
    core = [by_index[index] for index in solver.SufficientAssumptionsForInfeasibility() if index in by_index]
    core.sort(key=lambda group: DELETE_FIRST.index(group[0]))
    for group in list(core)[:EXPLAIN_MAX_TRIALS]:
        trial = [kept for kept in core if kept != group]
        built.model.ClearAssumptions()
        built.model.AddAssumptions([built.assumed[kept] for kept in trial])
        step = cp_model.CpSolver()
        step.parameters.max_time_in_seconds = EXPLAIN_STEP_LIMIT_S
        step.parameters.num_workers = 1
        if step.Solve(built.model) == cp_model.INFEASIBLE:
            core = trial
    return core


class _Model:
    def __init__(self, plan: ShootPlan, explain: bool):
        self.plan, self.problem, self.explain = plan, plan.problem, explain
        self.model = cp_model.CpModel()
        self.assumed: dict[tuple[str, str], cp_model.IntVar] = {}
        self.x: dict[tuple[str, int], cp_model.IntVar] = {}
        self.start: dict[str, cp_model.IntVar] = {}
        self.costs: list = []
        self.day_lengths: list = []
        self.day_range = range(len(self.problem.dates))

    def read(self, solver: cp_model.CpSolver) -> tuple[dict[str, int], dict[str, int]]:
        day_of = {scene_id: day for (scene_id, day), chosen in self.x.items() if solver.Value(chosen)}
        return day_of, {scene_id: solver.Value(self.start[scene_id]) for scene_id in day_of}

    def compact(self, solved: cp_model.CpSolver) -> bool:
        """Keep every scene on its date and the costs at the solution found; minimise the day lengths."""
        if not self.costs:
            return False
        self.model.Add(sum(self.costs) <= round(solved.ObjectiveValue()))
        for chosen in self.x.values():
            self.model.Add(chosen == solved.Value(chosen))
        self.model.ClearHints()
        for variable in [*self.start.values(), *self.call.values(), *self.wrap.values()]:
            self.model.AddHint(variable, solved.Value(variable))
        self.model.Minimize(sum(self.day_lengths))
        return True

    def guard(self, group: tuple[str, str]) -> list:
        """The assumption literal that switches a rule group on, when explaining; else always on."""
        if not self.explain:
            return []
        if group not in self.assumed:
            self.assumed[group] = self.model.NewBoolVar(f"{group[0]}:{group[1]}")
        return [self.assumed[group]]

    def build(self, previous: Previous | None) -> None:
        self._scenes()
        self._days()
        self._precedences()
        self._cast()
        if previous:
            self._keep(previous)
        elif not self.explain:
            self._hint_days()
        if not self.explain:  # explaining asks only "is there any schedule?", which is much faster
            self.model.Minimize(sum(self.costs))

    def _scenes(self) -> None:
        latest = self.problem.working_day.latest_wrap_min
        self.by_day: dict[int, list[str]] = {day: [] for day in self.day_range}
        self.intervals: dict[int, list] = {day: [] for day in self.day_range}
        for scene in self.plan.scenes:
            start = self.start[scene.id] = self.model.NewIntVar(0, latest, f"start {scene.id}")
            days = self.day_range if self.explain else self.plan.candidates(scene)
            for day in days:
                chosen = self.x[(scene.id, day)] = self.model.NewBoolVar(f"{scene.id} on {day}")
                self.by_day[day].append(scene.id)
                self.intervals[day].append(
                    self.model.NewOptionalFixedSizeIntervalVar(start, scene.minutes, chosen, f"shoot {scene.id}/{day}"))
                self._window(scene, day, chosen)
            self.model.AddExactlyOne(self.x[(scene.id, day)] for day in days)

    def _window(self, scene, day: int, chosen) -> None:
        record, start = self.plan.days[(scene.id, day)], self.start[scene.id]
        if not self.explain:
            low, high = record.window()
            self.model.Add(start >= low).OnlyEnforceIf(chosen)
            self.model.Add(start + scene.minutes <= high).OnlyEnforceIf(chosen)
            return
        for group in record.blocked_by:
            self.model.AddImplication(self.guard(group)[0], chosen.Not())
        for (low, high), guard in ((record.base, []), (record.light, self.guard((LIGHT, scene.id))),
                                   (record.hours, self.guard((LOCATION, scene.location_id)))):
            self.model.Add(start >= low).OnlyEnforceIf([chosen, *guard])
            self.model.Add(start + scene.minutes <= high).OnlyEnforceIf([chosen, *guard])

    def _days(self) -> None:
        working, weights = self.problem.working_day, self.problem.weights
        self.call, self.wrap = {}, {}
        for day in self.day_range:
            # The call stays on the shoot date itself, so every time that day reads unambiguously.
            latest_call = min(working.latest_wrap_min, DAY_MIN - 1)
            call = self.call[day] = self.model.NewIntVar(working.earliest_call_min, latest_call, f"call {day}")
            wrap = self.wrap[day] = self.model.NewIntVar(
                working.earliest_call_min, working.latest_wrap_min, f"wrap {day}")
            self.model.Add(wrap >= call)
            self.model.Add(wrap - call <= working.max_min).OnlyEnforceIf(self.guard((HOURS, "")))
            overtime = self.model.NewIntVar(0, working.latest_wrap_min, f"overtime {day}")
            self.model.Add(overtime >= wrap - call - working.standard_min)
            self.model.AddNoOverlap(self.intervals[day])
            # Redundant, for the LP: the day's shooting fits between first shot and the longest wrap.
            self.model.Add(sum(self.plan.by_id[scene_id].minutes * self.x[(scene_id, day)]
                               for scene_id in self.by_day[day]) + working.first_shot_after_call_min <= wrap - call)
            moves = self._blocks(day)
            self.costs += [weights.overtime_minute_naira * overtime, weights.company_move_naira * moves]
            self.day_lengths.append(wrap - call)
        for day in self.day_range[1:]:
            gap_min = (self.problem.dates[day] - self.problem.dates[day - 1]).days * 24 * 60
            self.model.Add(self.call[day] + gap_min - self.wrap[day - 1] >= working.turnaround_min).OnlyEnforceIf(
                self.guard((TURNAROUND, "")))

    def _blocks(self, day: int):
        """One block per location used that day; blocks in some order, a drive between each."""
        working, latest = self.problem.working_day, self.problem.working_day.latest_wrap_min
        used, block = {}, {}
        for scene_id in self.by_day[day]:
            scene, chosen = self.plan.by_id[scene_id], self.x[(scene_id, day)]
            place = scene.location_id
            if place not in used:
                used[place] = self.model.NewBoolVar(f"at {place} on {day}")
                block[place] = (self.model.NewIntVar(0, latest, f"in {place}/{day}"),
                                self.model.NewIntVar(0, latest, f"out {place}/{day}"))
                self.model.Add(self.call[day] + working.first_shot_after_call_min <= block[place][0]).OnlyEnforceIf(
                    used[place])
                self.model.Add(block[place][1] <= self.wrap[day]).OnlyEnforceIf(used[place])
            self.model.AddImplication(chosen, used[place])
            self.model.Add(block[place][0] <= self.start[scene_id]).OnlyEnforceIf(chosen)
            self.model.Add(self.start[scene_id] + scene.minutes <= block[place][1]).OnlyEnforceIf(chosen)
        places = sorted(used)
        for i, first in enumerate(places):
            for second in places[i + 1:]:
                self._order_blocks(day, block, used, first, second)
        if not places:
            return 0
        any_work = self.model.NewBoolVar(f"works {day}")
        self.model.AddMaxEquality(any_work, [used[place] for place in places])
        moves = self.model.NewIntVar(0, len(places) - 1, f"moves {day}")  # never negative: helps the bound
        self.model.Add(moves == sum(used.values()) - any_work)
        return moves

    def _order_blocks(self, day, block, used, first, second) -> None:
        overhead = self.problem.working_day.move_overhead_min
        first_first = self.model.NewBoolVar(f"{first} before {second} on {day}")
        for earlier, later, order in ((first, second, first_first), (second, first, first_first.Not())):
            both = [order, used[earlier], used[later]]
            drive = self.problem.travel_min[(earlier, later)] + overhead
            self.model.Add(block[earlier][1] <= block[later][0]).OnlyEnforceIf(both)
            self.model.Add(block[earlier][1] + drive <= block[later][0]).OnlyEnforceIf(
                both + self.guard((TRAVEL, "")))

    def _day_index(self, scene_id: str):
        return sum(day * chosen for (owner, day), chosen in self.x.items() if owner == scene_id)

    def _precedences(self) -> None:
        for number, rule in enumerate(self.problem.precedences):
            guard = self.guard((PRECEDENCE, str(number)))
            if rule.before not in self.start or rule.after not in self.start:
                continue  # a parked scene has no date to keep in order
            self.model.Add(self._day_index(rule.before) <= self._day_index(rule.after)).OnlyEnforceIf(guard)
            minutes = self.plan.by_id[rule.before].minutes
            for day in self.day_range:
                both = [self.x.get((rule.before, day)), self.x.get((rule.after, day))]
                if all(chosen is not None for chosen in both):
                    self.model.Add(self.start[rule.before] + minutes <= self.start[rule.after]).OnlyEnforceIf(
                        both + guard)

    def _cast(self) -> None:
        """Paid span per actor: started (from first work day on) and not finished (up to the last)."""
        working = self.problem.working_day
        shooting_min = working.max_min - working.first_shot_after_call_min
        for member in self.problem.cast.values():
            scenes = [scene for scene in self.plan.scenes if member.id in scene.cast_ids]
            if not scenes:
                continue
            started = [self.model.NewBoolVar(f"{member.id} started {day}") for day in self.day_range]
            going = [self.model.NewBoolVar(f"{member.id} not finished {day}") for day in self.day_range]
            rate = self.problem.paid_day_naira(member.id)
            paid_days = []
            for day in self.day_range:
                shot = [(scene.minutes, self.x[(scene.id, day)]) for scene in scenes if (scene.id, day) in self.x]
                works = self.model.NewBoolVar(f"{member.id} works {day}")
                for _, chosen in shot:
                    self.model.AddImplication(chosen, works)
                # Redundant, for the bound: an actor's day holds at most one working day of their scenes.
                self.model.Add(sum(minutes * chosen for minutes, chosen in shot) <= shooting_min * works).OnlyEnforceIf(
                    self.guard((HOURS, "")))
                self.model.AddImplication(works, started[day])
                self.model.AddImplication(works, going[day])
                if day:
                    self.model.AddImplication(started[day - 1], started[day])
                    self.model.AddImplication(going[day], going[day - 1])
                if member.free_on(self.problem.dates[day]):
                    paid = self.model.NewBoolVar(f"{member.id} paid {day}")
                    self.model.AddBoolOr([started[day].Not(), going[day].Not(), paid])
                    self.model.AddImplication(works, paid)
                    self.costs.append(rate * paid)
                    paid_days.append(paid)
            # Redundant, for the bound: at least as many paid days as full working days of their scenes.
            fewest_days = -(-sum(scene.minutes for scene in scenes) // shooting_min)
            # Paid days exist only on the days the actor is free, so the rule rests on their calendar too.
            self.model.Add(sum(paid_days) >= fewest_days).OnlyEnforceIf(
                self.guard((HOURS, "")) + self.guard((CAST, member.id)))

    def _hint_days(self) -> None:
        """A first guess of dates, so the search starts near a schedule: the most constrained scenes
        first, each on a date with room, preferring its location and its cast already there."""
        working = self.problem.working_day
        room = {day: working.max_min - working.first_shot_after_call_min for day in self.day_range}
        places = {day: set() for day in self.day_range}
        cast = {day: set() for day in self.day_range}
        options = {scene.id: [day for day in self.day_range if (scene.id, day) in self.x] for scene in self.plan.scenes}
        for scene in sorted(self.plan.scenes, key=lambda scene: (len(options[scene.id]), -scene.minutes)):
            def score(day: int) -> tuple:
                move = 0 if scene.location_id in places[day] or not places[day] else working.move_overhead_min + 60
                fits = room[day] >= scene.minutes + move
                return (not fits, move > 0, -len(cast[day] & set(scene.cast_ids)), day)
            day = min(options[scene.id], key=score)
            room[day] -= scene.minutes + (0 if scene.location_id in places[day] or not places[day] else 90)
            places[day].add(scene.location_id)
            cast[day] |= set(scene.cast_ids)
            for other in options[scene.id]:
                self.model.AddHint(self.x[(scene.id, other)], int(other == day))

    def _keep(self, previous: Previous) -> None:
        weights = self.problem.weights
        for scene_id, day in previous.day_of.items():
            if scene_id not in self.start:
                continue
            stays = self.x.get((scene_id, day))
            if stays is None:
                self.costs.append(weights.scene_moved_naira)
                continue
            self.model.AddHint(stays, 1)
            self.costs.append(weights.scene_moved_naira * (1 - stays))
        for before, after, day in previous.pairs:
            both = [self.x.get((before, day)), self.x.get((after, day))]
            if any(chosen is None for chosen in both):
                continue
            kept = self.model.NewBoolVar(f"{before} still before {after}")
            for chosen in both:
                self.model.AddImplication(kept, chosen)
            minutes = self.plan.by_id[before].minutes
            self.model.Add(self.start[before] + minutes <= self.start[after]).OnlyEnforceIf(kept)
            self.costs.append(weights.order_change_naira * (1 - kept))
