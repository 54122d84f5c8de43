"""Reads the shoot-schedule JSON (docs/shoot-schedule-format.md) into a ShootProblem.

Every mistake is refused with the field and the fix in words, because the person who typed the
file is an AD with a spreadsheet, not a programmer."""
from datetime import date, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from core.scheduling.daylight import LAGOS
from core.scheduling.shoot_errors import BadShootFile
from core.scheduling.shoot_problem import (
    DAY_MIN, LIGHT_ANY, LIGHT_DAY, LIGHT_NIGHT, LIGHT_TWILIGHT, LIGHTS, CastMember, Location, Precedence,
    Scene, ShootProblem, Weights, WorkingDay,
)
from core.scheduling.shoot_travel import travel_minutes

MAX_SHOOT_DAYS = 120
MINUTES_PER_EIGHTH = 6  # a page a shooting hour, less a little: the breakdown's own estimate


def read_problem(data: dict) -> ShootProblem:
    if not isinstance(data, dict):
        raise BadShootFile("The schedule file must be a JSON object with production, scenes, cast and locations.")
    production = _section(data, "production")
    timezone = production.get("timezone", LAGOS)
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise BadShootFile("production.timezone \"{timezone}\" is not a time zone name such as Africa/Lagos.",
                           timezone=timezone)
    working_day = _working_day(data.get("working_day", {}))
    night_interiors = bool(data.get("working_day", {}).get("interior_night_after_dusk", False))
    eighth_min = _number(data.get("working_day", {}), "minutes_per_eighth", MINUTES_PER_EIGHTH, "working_day")
    cast = {member.id: member for member in map(_cast_member, _list(data, "cast"))}
    locations = {place.id: place for place in map(_location, _list(data, "locations"))}
    if not locations:
        raise BadShootFile("The file lists no locations; every scene must be shot somewhere.")
    scenes = tuple(_scene(raw, cast, locations, night_interiors, eighth_min) for raw in _list(data, "scenes"))
    if not scenes:
        raise BadShootFile("The file lists no scenes to schedule.")
    _unique_scenes([scene.id for scene in scenes])
    precedences = tuple(_precedence(raw, {scene.id for scene in scenes}) for raw in data.get("precedences", []))
    return ShootProblem(
        title=str(production.get("title", "Untitled production")), timezone=timezone,
        currency=str(production.get("currency", "NGN")), dates=_shoot_dates(production),
        working_day=working_day, scenes=scenes, cast=cast, locations=locations,
        travel_min=travel_minutes(list(locations.values()), data.get("travel", {})),
        precedences=precedences, weights=_weights(data.get("weights", {})),
    )


def _shoot_dates(production: dict) -> tuple[date, ...]:
    days_off = {_date(text, "production.days_off") for text in production.get("days_off", [])}
    if "dates" in production:
        dates = sorted({_date(text, "production.dates") for text in production["dates"]} - days_off)
    else:
        start = _date(production.get("start_date"), "production.start_date")
        count = _number(production, "shoot_days", None, "production")
        if count > MAX_SHOOT_DAYS:
            raise BadShootFile("production.shoot_days is {count}; the optimiser plans at most {most}.",
                               count=count, most=MAX_SHOOT_DAYS)
        dates, day = [], start
        while len(dates) < count:
            if day not in days_off:
                dates.append(day)
            day += timedelta(days=1)
    if not dates:
        raise BadShootFile("The production has no shoot dates: give production.dates or start_date and shoot_days.")
    return tuple(dates)


def _working_day(raw: dict) -> WorkingDay:
    call = _clock(raw.get("default_call", "06:00"), "working_day.default_call")
    wrap = _clock(raw.get("latest_wrap", "02:00"), "working_day.latest_wrap")
    if wrap <= call:
        wrap += DAY_MIN  # "02:00" after a 06:00 call is the next morning
    standard = round(_number(raw, "standard_hours", 12, "working_day") * 60)
    longest = round(_number(raw, "max_hours", 14, "working_day") * 60)
    if longest < standard:
        raise BadShootFile("working_day.max_hours (with overtime) cannot be less than standard_hours.")
    return WorkingDay(
        standard_min=standard, max_min=longest, earliest_call_min=call, latest_wrap_min=wrap,
        first_shot_after_call_min=_number(raw, "first_shot_after_call_minutes", 45, "working_day"),
        turnaround_min=round(_number(raw, "turnaround_hours", 10, "working_day") * 60),
        move_overhead_min=_number(raw, "company_move_overhead_minutes", 30, "working_day"),
    )


def _scene(raw: dict, cast: dict, locations: dict, night_interiors: bool, eighth_min: int) -> Scene:
    scene_id = str(raw.get("id", raw.get("number", "")))
    if not scene_id:
        raise BadShootFile("A scene has no id; give each scene its scene number as \"id\".")
    where = f"Scene {scene_id}"
    location_id = raw.get("location_id")
    if location_id is None:
        raise BadShootFile("Scene {scene} has no location_id: say which location it is shot at.", scene=scene_id)
    if location_id not in locations:
        raise BadShootFile("Scene {scene}: location_id \"{location}\" is not one of the locations ({locations}).",
                           scene=scene_id, location=location_id, locations=", ".join(locations))
    if "minutes" in raw:
        minutes = _number(raw, "minutes", None, where)
    elif "estimated_minutes" in raw:
        minutes = _number(raw, "estimated_minutes", None, where)
    else:
        minutes = _number(raw, "eighths", None, where) * eighth_min
    if minutes < 1:
        raise BadShootFile("Scene {scene}: its length must be at least one minute.", scene=scene_id)
    light = raw.get("light") or _light(raw, night_interiors)
    if light not in LIGHTS:
        raise BadShootFile("Scene {scene}: light \"{light}\" must be one of {lights}.",
                           scene=scene_id, light=light, lights=", ".join(LIGHTS))
    fixed = _date(raw["date"], f"{where} date") if raw.get("date") else None
    return Scene(
        id=scene_id, number=str(raw.get("number", scene_id)), heading=str(raw.get("heading", "")),
        location_id=location_id, minutes=minutes, cast_ids=_scene_cast(raw, cast, scene_id), light=light,
        fixed_date=fixed, parked=bool(raw.get("boneyard", False)),
    )


def _light(raw: dict, night_interiors: bool) -> str:
    outside = raw.get("int_ext", "") in ("EXT", "INT/EXT", "I/E")
    day_night = raw.get("day_night", "DAY")
    if day_night == "NIGHT":
        return LIGHT_NIGHT if outside or night_interiors else LIGHT_ANY
    if not outside:
        return LIGHT_ANY
    return LIGHT_DAY if day_night == "DAY" else LIGHT_TWILIGHT


def _scene_cast(raw: dict, cast: dict, scene_id: str) -> tuple[str, ...]:
    """Cast by explicit id, or by character name (speaking or introduced), as the breakdown gives it."""
    ids = [str(cast_id) for cast_id in raw.get("cast", [])]
    for cast_id in ids:
        if cast_id not in cast:
            raise BadShootFile("Scene {scene}: cast \"{cast}\" is not in the cast list.", scene=scene_id, cast=cast_id)
    listed = [raw.get("characters", []), raw.get("introduced", [])]
    if not all(isinstance(names, list) for names in listed):
        raise BadShootFile("Scene {scene}: characters and introduced must be lists of names.", scene=scene_id)
    names = {str(name).strip().upper() for name in listed[0] + listed[1]}
    ids += [member.id for member in cast.values() if names & set(member.characters)]
    return tuple(dict.fromkeys(ids))


def _cast_member(raw: dict) -> CastMember:
    cast_id = str(raw.get("id", ""))
    if not cast_id:
        raise BadShootFile("A cast member has no id.")
    where = f"Cast {raw.get('name', cast_id)}"
    rate = raw.get("daily_rate_minor")
    if rate is not None and (not isinstance(rate, int) or rate < 0):
        raise BadShootFile("Cast {cast}: daily_rate_minor must be a whole number of kobo, "
                           "e.g. 25000000 for ₦250,000.",
                           cast=raw.get("name", cast_id))
    return CastMember(
        id=cast_id, name=str(raw.get("name", cast_id)),
        characters=tuple(str(name).strip().upper() for name in raw.get("characters", [])),
        daily_rate_minor=rate,
        unavailable=frozenset(_date(text, f"{where} unavailable") for text in raw.get("unavailable", [])),
        available_from=_date(raw["available_from"], where) if raw.get("available_from") else None,
        available_until=_date(raw["available_until"], where) if raw.get("available_until") else None,
    )


def _location(raw: dict) -> Location:
    location_id = str(raw.get("id", ""))
    if not location_id:
        raise BadShootFile("A location has no id.")
    where = f"Location {raw.get('name', location_id)}"
    try:
        latitude, longitude = float(raw["latitude"]), float(raw["longitude"])
    except (KeyError, TypeError, ValueError):
        raise BadShootFile("Location {location}: give latitude and longitude as numbers (Bar Beach is 6.4215, 3.4246).",
                           location=raw.get("name", location_id))
    ranges = tuple((_date(span.get("from"), where), _date(span.get("until"), where))
                   for span in raw.get("available", []))
    hours = raw.get("hours") or {}
    opens = _clock(hours["open"], f"{where} hours.open") if "open" in hours else None
    closes = _clock(hours["close"], f"{where} hours.close") if "close" in hours else None
    if opens is not None and closes is not None and closes <= opens:
        closes += DAY_MIN
    return Location(
        id=location_id, name=str(raw.get("name", location_id)), address=str(raw.get("address", "")),
        latitude=latitude, longitude=longitude, open_ranges=ranges,
        closed_dates=frozenset(_date(text, where) for text in raw.get("closed_dates", [])),
        opens_min=opens, closes_min=closes,
    )


def _precedence(raw: dict, scene_ids: set[str]) -> Precedence:
    before, after = str(raw.get("before", "")), str(raw.get("after", ""))
    for scene_id in (before, after):
        if scene_id not in scene_ids:
            raise BadShootFile("A precedence names scene \"{scene}\", which is not in the scene list.", scene=scene_id)
    return Precedence(before, after)


def _weights(raw: dict) -> Weights:
    known = Weights.__dataclass_fields__
    for name in raw:
        if name not in known:
            raise BadShootFile("weights.{name} is not a weight; the weights are {known}.",
                               name=name, known=", ".join(known))
    return Weights(**{name: _number(raw, name, None, "weights") for name in raw})


def _section(data: dict, name: str) -> dict:
    section = data.get(name)
    if not isinstance(section, dict):
        raise BadShootFile("The file needs a \"{name}\" object.", name=name)
    return section


def _list(data: dict, name: str) -> list:
    items = data.get(name, [])
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise BadShootFile("\"{name}\" must be a list of objects.", name=name)
    return items


def _unique_scenes(ids: list[str]) -> None:
    seen = set()
    for item in ids:
        if item in seen:
            raise BadShootFile("Two scenes have the id \"{scene}\"; ids must be unique.", scene=item)
        seen.add(item)


def _number(raw: dict, name: str, default, where: str) -> int:
    value = raw.get(name, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise BadShootFile("{where}: {name} must be a number of zero or more (got {value}).",
                           where=where, name=name, value=repr(value))
    return value if isinstance(value, int) else value if name.endswith("hours") else round(value)


def _date(text, where: str) -> date:
    try:
        return date.fromisoformat(str(text))
    except ValueError:
        raise BadShootFile("{where}: \"{text}\" is not a date written as YYYY-MM-DD, e.g. 2026-12-03.",
                           where=where, text=text)


def _clock(text, where: str) -> int:
    try:
        hours, minutes = (int(part) for part in str(text).split(":"))
    except ValueError:
        raise BadShootFile("{where}: \"{text}\" is not a time written as HH:MM, e.g. 06:30.", where=where, text=text)
    if not (0 <= hours < 24 and 0 <= minutes < 60):
        raise BadShootFile("{where}: \"{text}\" is not a time of day.", where=where, text=text)
    return hours * 60 + minutes
