"""When each scene could be shot on each shoot date, and what rules a date out.

This is the cheap half of the optimiser: cast and location calendars, fixed dates and the sun
decide, scene by scene and date by date, a window of minutes. The CP-SAT model only chooses among
the windows left; the explanations read the same records to say why a date is no good."""
from dataclasses import dataclass
from datetime import date

from core.scheduling.daylight import daylight
from core.scheduling.shoot_problem import (
    LIGHT_ANY, LIGHT_DAY, LIGHT_NIGHT, Scene, ShootProblem,
)

Span = tuple[int, int]
# Constraint groups, the units in which an infeasibility is explained and switched off.
CAST, LOCATION, FIXED, LIGHT = "cast", "location", "fixed", "light"


@dataclass(frozen=True)
class SceneDay:
    blocked_by: tuple[tuple[str, str], ...]  # groups that, each on its own, rule this date out
    base: Span  # first shot after the earliest call .. latest wrap
    light: Span  # what the sun allows for this scene's light
    hours: Span  # what the location's opening hours allow

    def window(self) -> Span:
        return (max(self.base[0], self.light[0], self.hours[0]), min(self.base[1], self.light[1], self.hours[1]))

    def fits(self, minutes: int) -> bool:
        low, high = self.window()
        return not self.blocked_by and high - low >= minutes


class ShootPlan:
    """The problem plus every scene-date window, computed once per solve."""

    def __init__(self, problem: ShootProblem):
        self.problem = problem
        self.scenes = problem.to_schedule()
        self.by_id = {scene.id: scene for scene in problem.scenes}
        self.scheduled_ids = {scene.id for scene in self.scenes}
        self._sun: dict[tuple[str, date], dict[str, int]] = {}
        self.days = {
            (scene.id, index): self._scene_day(scene, day)
            for scene in self.scenes for index, day in enumerate(problem.dates)
        }

    def candidates(self, scene: Scene) -> list[int]:
        """Indexes of the shoot dates on which the scene can be shot, all rules considered alone."""
        return [index for index in range(len(self.problem.dates)) if self.days[(scene.id, index)].fits(scene.minutes)]

    def sun(self, location_id: str, day: date) -> dict[str, int]:
        key = (location_id, day)
        if key not in self._sun:
            place = self.problem.locations[location_id]
            self._sun[key] = daylight(place.latitude, place.longitude, day, self.problem.timezone).minutes()
        return self._sun[key]

    def _scene_day(self, scene: Scene, day: date) -> SceneDay:
        problem, working = self.problem, self.problem.working_day
        place = problem.locations[scene.location_id]
        blocked = [(CAST, cast_id) for cast_id in scene.cast_ids if not problem.cast[cast_id].free_on(day)]
        if not place.open_on(day):
            blocked.append((LOCATION, place.id))
        if scene.fixed_date and scene.fixed_date != day:
            blocked.append((FIXED, scene.id))
        base = (working.earliest_call_min + working.first_shot_after_call_min, working.latest_wrap_min)
        hours = (
            base[0] if place.opens_min is None else place.opens_min,
            base[1] if place.closes_min is None else place.closes_min,
        )
        return SceneDay(tuple(blocked), base, self._light(scene, day, base), hours)

    def _light(self, scene: Scene, day: date, base: Span) -> Span:
        if scene.light == LIGHT_ANY:
            return base
        sun = self.sun(scene.location_id, day)
        if scene.light == LIGHT_DAY:
            return (sun["sunrise"], sun["sunset"])
        if scene.light == LIGHT_NIGHT:
            return (sun["dusk"], base[1])
        return (sun["dawn"], sun["dusk"])

    def why_not(self, scene: Scene, index: int) -> list[tuple[str, str]]:
        """The groups that rule this date out for the scene: calendars first, then light and hours."""
        record = self.days[(scene.id, index)]
        if record.blocked_by:
            return list(record.blocked_by)
        groups = []
        if _length(record.base, record.light) < scene.minutes:
            groups.append((LIGHT, scene.id))
        if _length(record.base, record.hours) < scene.minutes:
            groups.append((LOCATION, scene.location_id))
        if not groups and not record.fits(scene.minutes):
            groups = [(LIGHT, scene.id), (LOCATION, scene.location_id)]
        return groups


def _length(a: Span, b: Span) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])
