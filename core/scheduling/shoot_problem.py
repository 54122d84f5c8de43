"""The shoot-schedule problem as the optimiser sees it: frozen records, times in minutes.

Every time of day is minutes after the local midnight of the shoot date; a night that runs past
midnight keeps counting (01:30 the next morning is 1530). Written out, times are HH:MM and a
time earlier than the day's call is the next morning, as on a night-shoot call sheet.
The JSON that fills these records is read by shoot_input.py and documented in
docs/shoot-schedule-format.md."""
from dataclasses import dataclass, field
from datetime import date

DAY_MIN = 24 * 60

# What light a scene needs, decided from INT/EXT and DAY/NIGHT unless the scene says otherwise.
LIGHT_DAY = "day"  # between sunrise and sunset
LIGHT_NIGHT = "night"  # after dusk, until the latest wrap
LIGHT_TWILIGHT = "dawn_to_dusk"  # exteriors at dawn, dusk or "later": any natural light
LIGHT_ANY = "any"  # interiors: lit by the crew, any time in the working day
LIGHTS = (LIGHT_DAY, LIGHT_NIGHT, LIGHT_TWILIGHT, LIGHT_ANY)


@dataclass(frozen=True)
class Scene:
    id: str
    number: str
    heading: str
    location_id: str
    minutes: int
    cast_ids: tuple[str, ...]
    light: str
    fixed_date: date | None = None
    parked: bool = False  # the AD put it in the boneyard on purpose

    def label(self) -> str:
        return f"Scene {self.number} ({self.heading})" if self.heading else f"Scene {self.number}"


@dataclass(frozen=True)
class CastMember:
    id: str
    name: str
    characters: tuple[str, ...]
    daily_rate_minor: int | None  # kobo for NGN; None when the office has not priced the deal yet
    unavailable: frozenset[date] = frozenset()
    available_from: date | None = None
    available_until: date | None = None

    def free_on(self, day: date) -> bool:
        if day in self.unavailable:
            return False
        if self.available_from and day < self.available_from:
            return False
        return not (self.available_until and day > self.available_until)


@dataclass(frozen=True)
class Location:
    id: str
    name: str
    address: str
    latitude: float
    longitude: float
    open_ranges: tuple[tuple[date, date], ...] = ()  # empty: open every shoot day
    closed_dates: frozenset[date] = frozenset()
    opens_min: int | None = None
    closes_min: int | None = None

    def open_on(self, day: date) -> bool:
        if day in self.closed_dates:
            return False
        return not self.open_ranges or any(first <= day <= last for first, last in self.open_ranges)


@dataclass(frozen=True)
class WorkingDay:
    standard_min: int  # paid day before overtime starts
    max_min: int  # with overtime; call to wrap never longer
    earliest_call_min: int
    latest_wrap_min: int  # may pass midnight (> DAY_MIN) for night work
    first_shot_after_call_min: int  # makeup, wardrobe, lighting the first set-up
    turnaround_min: int  # wrap to next call, for cast and crew
    move_overhead_min: int  # wrapping out and rigging in again, on top of the drive


@dataclass(frozen=True)
class Weights:
    """Every weight is in naira, so the objective reads as money the production would lose."""
    hold_day: int = 1  # times the actor's daily rate, for every paid day (work or hold)
    hold_day_unpriced_naira: int = 100_000  # a paid day of an actor with no rate yet
    company_move_naira: int = 150_000
    overtime_minute_naira: int = 2_500
    scene_moved_naira: int = 5_000_000  # re-optimisation: above everything else
    order_change_naira: int = 20_000


@dataclass(frozen=True)
class Precedence:
    before: str
    after: str


@dataclass(frozen=True)
class ShootProblem:
    title: str
    timezone: str
    currency: str
    dates: tuple[date, ...]
    working_day: WorkingDay
    scenes: tuple[Scene, ...]
    cast: dict[str, CastMember]
    locations: dict[str, Location]
    travel_min: dict[tuple[str, str], int]  # every ordered pair of distinct locations
    precedences: tuple[Precedence, ...] = ()
    weights: Weights = field(default_factory=Weights)

    def scene(self, scene_id: str) -> Scene:
        return next(scene for scene in self.scenes if scene.id == scene_id)

    def to_schedule(self) -> tuple[Scene, ...]:
        return tuple(scene for scene in self.scenes if not scene.parked)

    def paid_day_naira(self, cast_id: str) -> int:
        rate = self.cast[cast_id].daily_rate_minor
        if rate is None:
            return self.weights.hold_day_unpriced_naira
        return self.weights.hold_day * rate // 100


def short_date(day: date) -> str:
    """3 Dec: how an AD writes a date on a call sheet."""
    return f"{day.day} {day:%b}"


def clock(minutes: int) -> str:
    """HH:MM on a 24-hour clock. Work after midnight reads as the small hours (1530 is "01:30"); on a
    shoot day a time earlier than the call is the next morning, the rule the call sheets read by."""
    minutes %= DAY_MIN
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def minute_of_day(text: str, call_min: int = 0) -> int:
    """The inverse of `clock` on a shoot day: before the call means after the next midnight."""
    hours, minutes = text.split(":")
    value = int(hours) * 60 + int(minutes)
    return value + DAY_MIN if value < call_min else value
