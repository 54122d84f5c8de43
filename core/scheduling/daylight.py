"""Sunrise, sunset, dawn and dusk at a place on a date, in the production's local time.

EXT DAY scenes are shot between sunrise and sunset; NIGHT scenes after dusk. Civil twilight (sun 6
degrees below the horizon) is what a camera department calls "dusk": after it, a night exterior
reads as night without lights fighting the sky."""
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from astral import Observer
from astral.sun import sun

from core.errors import Rejected

LAGOS = "Africa/Lagos"


@dataclass(frozen=True)
class Daylight:
    dawn: datetime
    sunrise: datetime
    sunset: datetime
    dusk: datetime

    def minutes(self) -> dict[str, int]:
        """Minutes after local midnight, the unit the shoot-day model counts in."""
        return {name: _minute_of_day(getattr(self, name)) for name in ("dawn", "sunrise", "sunset", "dusk")}


def daylight(latitude: float, longitude: float, day: date, timezone: str = LAGOS) -> Daylight:
    """The sun at (latitude, longitude) on `day`, as aware datetimes in `timezone`."""
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise Rejected("The location's coordinates ({latitude}, {longitude}) are not on Earth.",
                       latitude=latitude, longitude=longitude)
    try:
        times = sun(Observer(latitude, longitude), date=day, tzinfo=ZoneInfo(timezone))
    except ValueError as exc:  # the sun never rises or never sets there that day
        raise Rejected("The sun does not rise and set normally at ({latitude}, {longitude}) on {day}: {problem}",
                       latitude=latitude, longitude=longitude, day=str(day), problem=str(exc))
    return Daylight(times["dawn"], times["sunrise"], times["sunset"], times["dusk"])


def _minute_of_day(moment: datetime) -> int:
    return moment.hour * 60 + moment.minute
