"""The production sheet: what the office knows about a production that the schedule does not.

Shape (JSON-able dict, snake_case keys; fields marked ? may be left out):

    {"id": "eko-nights",                      # used in calendar UIDs
     "title": "Eko Nights", "company": "Lagoon Pictures Ltd",
     "timezone": "Africa/Lagos",
     "producer": {"name": "...", "phone": "+234..."},
     "director": {"name": "...", "phone": "+234..."},
     "first_ad": {"name": "...", "phone": "+234..."},
     "cast": [{"person_id": "p-ada", "name": "Funke Adeyemi", "character": "ADA",  # as in the breakdown
               "phone": "+234...",
               "pickup"?: {"place": "Lekki Phase 1 gate", "minutes_before_call"?: 60},
               "makeup_minutes": 45}],
     "crew": [{"person_id": "p-kunle", "name": "Kunle Ade", "department": "camera",
               "role": "Focus puller", "phone": "+234...",
               "call_offset_minutes": -30}],        # negative = earlier than the general call
     "locations": [{"id": "loc-marina", "name": "Marina jetty", "address": "...",
                    "latitude": 6.45, "longitude": 3.39, "parking"?: "...",
                    "nearest_hospital": {"name": "...", "address": "...", "phone": "..."}}],
     "notes"?: {"2026-12-01": "Rain cover for EXT scenes."},
     "set_codes"?: {"2026-12-01": "4821"}}     # the code shown on set for check-in

A cast member's call is when they must be at base: makeup starts then, and they are on set when
their first scene of the day starts. Pickup is `minutes_before_call` before that call.
"""
from core.errors import Rejected

OFFICE_ROLES = (("producer", "Producer"), ("director", "Director"), ("first_ad", "1st AD"))
DEFAULT_PICKUP_LEAD_MIN = 60  # Lagos traffic: an hour from pickup to base unless the office says otherwise
DEPARTMENT_ORDER = ("production", "camera", "lighting/grip", "sound", "art", "wardrobe", "makeup",
                    "transport", "catering")


def check(production: dict) -> None:
    """Reject a production sheet a call sheet cannot be built from, saying what is missing."""
    if not isinstance(production, dict):
        raise Rejected("The production sheet is missing.")
    for key in ("title", "cast", "crew", "locations"):
        if key not in production:
            raise Rejected(f"The production sheet has no {key}.")
    for member in production["cast"]:
        _need(member, ("person_id", "name", "character"), "cast member")
        _minutes(member.get("makeup_minutes", 0), f"{member['name']}'s makeup time", allow_negative=False)
        if member.get("pickup"):
            _minutes(member["pickup"].get("minutes_before_call", 0), f"{member['name']}'s pickup lead time",
                     allow_negative=False)
    for member in production["crew"]:
        _need(member, ("person_id", "name", "department", "role"), "crew member")
        _minutes(member.get("call_offset_minutes", 0), f"{member['name']}'s call offset", allow_negative=True)
    for place in production["locations"]:
        _need(place, ("id", "name", "address", "latitude", "longitude"), "location")


def location(production: dict, location_id: str) -> dict:
    for place in production["locations"]:
        if place["id"] == location_id:
            return place
    raise Rejected(f"The schedule uses location {location_id!r}, which is not on the production sheet.")


def office_contacts(production: dict) -> list[dict]:
    """Producer, director and 1st AD: the only phone numbers a personal call sheet shows."""
    contacts = []
    for key, label in OFFICE_ROLES:
        person = production.get(key) or {}
        if person.get("name"):
            contacts.append({"role": label, "name": person["name"], "phone": person.get("phone", "")})
    return contacts


def department_rank(department: str) -> tuple[int, str]:
    """Departments in the order call sheets list them; unknown ones after, alphabetically."""
    name = department.lower()
    return (DEPARTMENT_ORDER.index(name) if name in DEPARTMENT_ORDER else len(DEPARTMENT_ORDER), name)


def _minutes(value, what: str, allow_negative: bool) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or (value < 0 and not allow_negative):
        raise Rejected(f"{what} must be a whole number of minutes{'' if allow_negative else ', 0 or more'}.")


def _need(record: dict, keys: tuple[str, ...], what: str) -> None:
    missing = [key for key in keys if record.get(key) in (None, "")]
    if missing:
        who = record.get("name") or record.get("id") or record.get("person_id") or "?"
        raise Rejected(f"A {what} on the production sheet ({who}) has no {', '.join(missing)}.")
