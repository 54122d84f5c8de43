"""Is a location share on set? Checked against the day's call-sheet locations, for check-in by
location (core/handlers/shoot_day.py calls `require_on_set` when method is "location").

SET_RADIUS_M covers a compound and its street parking; a phone's fix indoors in Lagos is often
50 to 100 m off, so a tighter radius would turn away people standing at the gate."""
from math import asin, cos, radians, sin, sqrt

from core.errors import Rejected

SET_RADIUS_M = 300
EARTH_RADIUS_M = 6_371_000


def distance_m(one: tuple[float, float], other: tuple[float, float]) -> float:
    """Great-circle distance (haversine): exact enough at a few hundred metres."""
    lat1, lon1, lat2, lon2 = map(radians, (*one, *other))
    a = sin((lat2 - lat1) / 2) ** 2 + cos(lat1) * cos(lat2) * sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_M * asin(sqrt(a))


def require_on_set(sheet: dict | None, position: tuple[float, float]) -> None:
    """Refuse, saying how far and from where, a position outside every location of the day."""
    places = [p for p in (sheet or {}).get("locations", []) if "latitude" in p and "longitude" in p]
    if not places:
        raise Rejected("Today's call sheet has no set location to check you in by place: type the set code.")
    distance, place = min((distance_m(position, (p["latitude"], p["longitude"])), p["name"]) for p in places)
    if distance > SET_RADIUS_M:
        far = f"{distance / 1000:.1f} km" if distance >= 1000 else f"{distance:.0f} m"
        raise Rejected("You are {distance} from {place}. Check in when you arrive, or type the set code the AD shows.",
                       distance=far, place=place)
