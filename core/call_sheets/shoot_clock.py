"""Times on a shoot day, page counts in eighths, and cast numbers.

A shoot day's times are "HH:MM" on the day's date; a time earlier than the day's call belongs to the
next morning (a night shoot that wraps at 02:00). Inside, times are minutes after the shoot date's
midnight, so 02:00 after a 17:00 call is 1560."""
import re
from collections import Counter
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from core.errors import Rejected

MINUTES_PER_DAY = 24 * 60
EIGHTHS_PER_PAGE = 8
_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def minute_of(clock: str, call_min: int | None = None) -> int:
    """Minutes after midnight; before the call means after the next midnight."""
    match = _CLOCK.match(str(clock).strip())
    if not match:
        raise Rejected("{clock} is not a time of day; write it as HH:MM, e.g. 06:30.", clock=repr(clock))
    minute = int(match[1]) * 60 + int(match[2])
    return minute + MINUTES_PER_DAY if call_min is not None and minute < call_min else minute


def clock_of(minute: int) -> str:
    minute %= MINUTES_PER_DAY
    return f"{minute // 60:02d}:{minute % 60:02d}"


def at(shoot_date: date, minute: int, timezone: str) -> datetime:
    """The aware moment `minute` minutes after the shoot date's local midnight."""
    midnight = datetime.combine(shoot_date, datetime.min.time(), tzinfo=zone(timezone))
    return midnight + timedelta(minutes=minute)


def zone(timezone: str) -> ZoneInfo:
    try:
        return ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise Rejected("{timezone} is not a time zone we know; use e.g. Africa/Lagos.", timezone=repr(timezone))


def shoot_date(day: dict) -> date:
    try:
        return date.fromisoformat(day["date"])
    except (KeyError, TypeError, ValueError):
        raise Rejected("Shoot day {day} has no date in the form YYYY-MM-DD.", day=day.get("day", "?"))


def pages(eighths: int) -> str:
    """Page count the way a first AD writes it: 11 eighths is "1 3/8", 8 is "1", 3 is "3/8"."""
    whole, rest = divmod(int(eighths), EIGHTHS_PER_PAGE)
    if not rest:
        return str(whole)
    return f"{whole} {rest}/8" if whole else f"{rest}/8"


def day_label(shoot_day: date) -> str:
    """"Tue 1 Dec": short enough for a strip."""
    return f"{shoot_day:%a} {shoot_day.day} {shoot_day:%b}"


def scene_order_key(scene_id: str) -> tuple:
    """Script order: "2" < "10" < "10A"."""
    number = re.match(r"^(\d+)(.*)$", str(scene_id))
    return (0, int(number[1]), number[2]) if number else (1, 0, str(scene_id))


def scene_characters(scene: dict) -> list[str]:
    """Everyone in the scene: speaking parts, then those introduced in the action."""
    seen = []
    for name in [*scene.get("characters", []), *scene.get("introduced", [])]:
        if name not in seen:
            seen.append(name)
    return seen


def cast_numbers(scenes_by_id: dict[str, dict]) -> dict[str, int]:
    """Cast numbers as on a stripboard: the character in most scenes is 1; ties go to whoever
    appears first in the script. Numbered over the whole breakdown so every document agrees."""
    counts, first_seen = Counter(), {}
    for scene_id in sorted(scenes_by_id, key=scene_order_key):
        for name in scene_characters(scenes_by_id[scene_id]):
            counts[name] += 1
            first_seen.setdefault(name, len(first_seen))
    ranked = sorted(counts, key=lambda name: (-counts[name], first_seen[name]))
    return {name: number for number, name in enumerate(ranked, start=1)}


def scene(scenes_by_id: dict[str, dict], scene_id: str) -> dict:
    try:
        return scenes_by_id[str(scene_id)]
    except KeyError:
        raise Rejected("The schedule has scene {scene}, which is not in the breakdown.", scene=scene_id)


def eighths(found: dict) -> int:
    value = found.get("eighths", 1)
    if not isinstance(value, int) or value < 1:
        raise Rejected("Scene {scene} has no page length (eighths).", scene=found.get("number", found.get("id")))
    return value


def int_ext_short(int_ext: str) -> str:
    return {"INT/EXT": "I/E"}.get(int_ext, int_ext)


def shoot_days(schedule: dict) -> list[dict]:
    """The schedule's days in shooting order, after checking they can be read."""
    if not isinstance(schedule, dict) or not isinstance(schedule.get("days"), list) or not schedule["days"]:
        raise Rejected("The schedule has no shoot days.")
    for position, day in enumerate(schedule["days"], start=1):
        if not isinstance(day, dict) or not isinstance(day.get("day"), int):
            raise Rejected("Shoot day number {position} in the schedule has no day number.", position=position)
        missing = [key for key in ("date", "call", "wrap") if not day.get(key)]
        if missing:
            raise Rejected("Shoot day {day} has no {fields}.", day=day["day"], fields=" or ".join(missing))
        for slot in day.get("scenes", []):
            if not isinstance(slot, dict) or not all(slot.get(key) for key in ("scene_id", "start", "end")):
                raise Rejected("A scene on shoot day {day} has no scene number, start or end time.", day=day["day"])
    return sorted(schedule["days"], key=lambda day: day["day"])
