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
            raise Rejected("The production sheet has no {field}.", field=key)
    for member in production["cast"]:
        _need(member, ("person_id", "name", "character"), "cast member")
        if not _whole_minutes(member.get("makeup_minutes", 0), allow_negative=False):
            raise Rejected("{name}'s makeup time must be a whole number of minutes, 0 or more.", name=member["name"])
        if member.get("pickup") and not _whole_minutes(member["pickup"].get("minutes_before_call", 0),
                                                       allow_negative=False):
            raise Rejected("{name}'s pickup lead time must be a whole number of minutes, 0 or more.",
                           name=member["name"])
    for member in production["crew"]:
        _need(member, ("person_id", "name", "department", "role"), "crew member")
        if not _whole_minutes(member.get("call_offset_minutes", 0), allow_negative=True):
            raise Rejected("{name}'s call offset must be a whole number of minutes.", name=member["name"])
    for place in production["locations"]:
        _need(place, ("id", "name", "address", "latitude", "longitude"), "location")


def location(production: dict, location_id: str) -> dict:
    for place in production["locations"]:
        if place["id"] == location_id:
            return place
    raise Rejected("The schedule uses location {location}, which is not on the production sheet.",
                   location=repr(location_id))


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


def _whole_minutes(value, allow_negative: bool) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and (value >= 0 or allow_negative)


def _need(record: dict, keys: tuple[str, ...], what: str) -> None:
    missing = [key for key in keys if record.get(key) in (None, "")]
    if missing:
        who = record.get("name") or record.get("id") or record.get("person_id") or "?"
        fields = ", ".join(missing)
        if what == "cast member":
            raise Rejected("A cast member on the production sheet ({name}) has no {fields}.", name=who, fields=fields)
        if what == "crew member":
            raise Rejected("A crew member on the production sheet ({name}) has no {fields}.", name=who, fields=fields)
        raise Rejected("A location on the production sheet ({name}) has no {fields}.", name=who, fields=fields)
