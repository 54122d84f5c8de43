"""Drive time between locations: what the office typed, else straight-line distance in Lagos traffic."""
from math import asin, ceil, cos, radians, sin, sqrt

from core.scheduling.shoot_errors import BadShootFile
from core.scheduling.shoot_problem import Location

EARTH_RADIUS_KM = 6371.0
LAGOS_TRAFFIC_SPEED_KMH = 18  # a crew bus across the city by day, go-slow included
LAGOS_ROAD_FACTOR = 1.4  # roads round the lagoon are longer than the straight line


def straight_line_km(a: Location, b: Location) -> float:
    lat_a, lat_b = radians(a.latitude), radians(b.latitude)
    half = sin((lat_b - lat_a) / 2) ** 2 + cos(lat_a) * cos(lat_b) * sin(radians(b.longitude - a.longitude) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * asin(sqrt(half))


def travel_minutes(locations: list[Location], raw: dict) -> dict[tuple[str, str], int]:
    """Minutes for every ordered pair of distinct locations.

    `raw` may hold "speed_kmh" and "road_factor" for the estimate, and "minutes" as a list of
    {"from", "to", "minutes"} (both directions unless "one_way": true) or a matrix {from: {to: minutes}}."""
    if not isinstance(raw, dict):
        raise BadShootFile("\"travel\" must be an object (see docs/shoot-schedule-format.md).")
    speed = raw.get("speed_kmh", LAGOS_TRAFFIC_SPEED_KMH)
    factor = raw.get("road_factor", LAGOS_ROAD_FACTOR)
    if not isinstance(speed, (int, float)) or speed <= 0 or not isinstance(factor, (int, float)) or factor < 1:
        raise BadShootFile("travel.speed_kmh must be above 0 and travel.road_factor at least 1.")
    known = {place.id for place in locations}
    minutes = {
        (a.id, b.id): ceil(straight_line_km(a, b) * factor / speed * 60)
        for a in locations for b in locations if a.id != b.id
    }
    for origin, destination, value, both_ways in _typed(raw.get("minutes", [])):
        for place in (origin, destination):
            if place not in known:
                raise BadShootFile("travel.minutes names location \"{location}\", which is not in the locations list.",
                                   location=place)
        if not isinstance(value, int) or value < 0:
            raise BadShootFile("travel.minutes from {origin} to {destination} must be a whole number of minutes.",
                               origin=origin, destination=destination)
        minutes[(origin, destination)] = value
        if both_ways:
            minutes[(destination, origin)] = value
    return minutes


def _typed(entries) -> list[tuple[str, str, object, bool]]:
    if isinstance(entries, dict):
        return [(origin, destination, value, False)
                for origin, row in entries.items() for destination, value in dict(row).items() if origin != destination]
    if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
        raise BadShootFile("travel.minutes must be a list of {from, to, minutes} or a matrix {from: {to: minutes}}.")
    return [(str(entry.get("from")), str(entry.get("to")), entry.get("minutes"), not entry.get("one_way", False))
            for entry in entries]
