"""Profile updates: what each kind of person may say about themselves, with limits, and which of it
is public (the directory's person document) and which stays in the person's own database.

An update is partial: only the fields it carries change. The model for a person is built from
their roles, so an actor who also works as crew may set both kinds of field; a field of a role the
person does not have is refused by name.
"""
import re
from functools import cache
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictInt, StrictStr, ValidationError
from pydantic import ValidationInfo, field_validator, model_validator

from core.errors import Rejected
from core.profile_lists import DEPARTMENTS, LANGUAGES, RATE_PERIODS, SKILLS, STATES

MAX_URL_CHARS = 500
MAX_MEDIA = 10  # headshots
MAX_CLIPS = 5  # showreels, voice clips
MAX_LINKS = 20  # portfolio
MAX_CREDITS = 50
MAX_SHORT_LIST = 10  # languages, dialects, certifications, interests
MAX_SKILLS = 20
MAX_CREW_ROLES = 5
MAX_EQUIPMENT = 30
LOWEST_AGE_Y, HIGHEST_AGE_Y = 1, 100
SHORTEST_CM, TALLEST_CM = 50, 250
# What a producer or casting director needs to judge someone is public: the card and the
# showcase (headshots, reels, credits, portfolio). Contact details, the CV file, the full rate
# card and the agency's contacts stay in the person's own database.
CARD_FIELDS = (
    "name", "headline", "city", "state", "gender", "languages", "department", "crew_roles", "skills",
    "playing_age",
)
SHOWCASE_FIELDS = (
    "bio", "headshots", "showreel_urls", "voice_clip_urls", "credits", "roles_played", "dialects",
    "height_cm", "portfolio_urls", "certifications", "equipment_owned", "company", "past_productions",
    "investment_interests", "past_investments",
)
PUBLIC_FIELDS = CARD_FIELDS + SHOWCASE_FIELDS
_MEDIA_ID = re.compile(r"^[a-z0-9]{6,40}$")


def _https(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.netloc:
        raise ValueError("links must start with https://")
    return url


def _one_of(allowed: frozenset[str], what: str):
    def check(value: str) -> str:
        if value not in allowed:
            raise ValueError(f"{value!r} is not a {what} we know")
        return value

    return check


def _media(ref: str) -> str:
    """A media id from our uploads (later) or a link to a picture already online."""
    return ref if _MEDIA_ID.match(ref) else _https(ref)


def _state(name: str) -> str:
    return name if name == "" else _one_of(STATES, "Nigerian state (or FCT)")(name)


def _text(max_chars: int, min_chars: int = 0):
    return Annotated[StrictStr, Field(min_length=min_chars, max_length=max_chars)]


def _listed(item, max_items: int):
    return Annotated[list[item], Field(max_length=max_items)]


Url = Annotated[StrictStr, Field(max_length=MAX_URL_CHARS), AfterValidator(_https)]
MediaRef = Annotated[StrictStr, Field(max_length=MAX_URL_CHARS), AfterValidator(_media)]
Language = Annotated[StrictStr, AfterValidator(_one_of(LANGUAGES, "language"))]
Skill = Annotated[StrictStr, AfterValidator(_one_of(SKILLS, "skill"))]
Year = Annotated[StrictInt, Field(ge=1900, le=2100)]
Kobo = Annotated[StrictInt, Field(gt=0)]


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AgeRange(_Part):
    min: Annotated[StrictInt, Field(ge=LOWEST_AGE_Y, le=HIGHEST_AGE_Y)]
    max: Annotated[StrictInt, Field(ge=LOWEST_AGE_Y, le=HIGHEST_AGE_Y)]

    @model_validator(mode="after")
    def _youngest_first(self):
        if self.min > self.max:
            raise ValueError("min must not be more than max")
        return self


class Credit(_Part):
    title: _text(120, 1)
    role: _text(80) = ""
    year: Year | None = None
    company: _text(120) = ""


class Agency(_Part):
    name: _text(120, 1)
    email: _text(120) = ""
    phone: _text(20) = ""


class Production(_Part):
    title: _text(120, 1)
    year: Year | None = None
    role: _text(80) = ""


Rates = Annotated[dict[Literal["day", "hour", "job"], Kobo], Field(min_length=1)]


# A field typed without None but defaulting to None may be left out, not sent as null.
class CommonProfile(_Part):
    name: _text(80, 1) = None
    headline: _text(140) = None
    city: _text(60) = None
    state: Annotated[StrictStr, AfterValidator(_state)] = None
    gender: _text(30) = None
    languages: _listed(Language, MAX_SHORT_LIST) = None
    phone_visibility: Literal["nobody", "productions_i_work_on", "everyone"] = None
    email: _text(120) = None
    bio: _text(2000) = None
    # The language the bots and the web app speak to the person (bots/i18n.py LANGUAGES); private.
    chat_language: Literal["en", "pcm", "yo", "ig", "ha"] = None


class ActorProfile(CommonProfile):
    headshots: _listed(MediaRef, MAX_MEDIA) = None
    showreel_urls: _listed(Url, MAX_CLIPS) = None
    voice_clip_urls: _listed(Url, MAX_CLIPS) = None
    cv_url: Url | None = None
    credits: _listed(Credit, MAX_CREDITS) = None
    roles_played: _listed(_text(80, 1), MAX_CREDITS) = None
    dialects: _listed(_text(40, 1), MAX_SHORT_LIST) = None
    playing_age: AgeRange | None = None
    height_cm: Annotated[StrictInt, Field(ge=SHORTEST_CM, le=TALLEST_CM)] | None = None
    skills: _listed(Skill, MAX_SKILLS) = None
    agency: Agency | None = None
    rates: Rates | None = None


class CrewProfile(CommonProfile):
    department: Annotated[StrictStr, AfterValidator(_one_of(frozenset(DEPARTMENTS), "department"))] = None
    crew_roles: _listed(StrictStr, MAX_CREW_ROLES) = None
    skills: _listed(Skill, MAX_SKILLS) = None
    portfolio_urls: _listed(Url, MAX_LINKS) = None
    certifications: _listed(_text(80, 1), MAX_SHORT_LIST) = None
    equipment_owned: _listed(_text(80, 1), MAX_EQUIPMENT) = None
    rates: Rates | None = None

    @field_validator("crew_roles")
    @classmethod
    def _in_the_department(cls, roles: list[str], info: ValidationInfo) -> list[str]:
        department = info.data.get("department") or (info.context or {}).get("department", "")
        known = DEPARTMENTS.get(department, ())
        for role in roles:
            if role not in known:
                raise ValueError(f"{role!r} is not a role in the {department or 'chosen'} department")
        return roles


class ProducerProfile(CommonProfile):
    company: _text(120) = None
    past_productions: _listed(Production, MAX_CREDITS) = None


class InvestorProfile(CommonProfile):
    company: _text(120) = None
    investment_interests: _listed(_text(40, 1), MAX_SHORT_LIST) = None
    past_investments: _listed(Production, MAX_CREDITS) = None


_BY_ROLE = {"actor": ActorProfile, "crew": CrewProfile, "producer": ProducerProfile, "investor": InvestorProfile}


@cache
def profile_model(roles: frozenset[str]) -> type[CommonProfile]:
    """The update model for someone with these roles: the union of their roles' fields."""
    bases = tuple(_BY_ROLE[role] for role in sorted(roles) if role in _BY_ROLE) or (CommonProfile,)
    return bases[0] if len(bases) == 1 else type("ProfileOf_" + "_".join(sorted(roles)), bases, {})


def read_update(fields: dict, roles, department: str = "") -> CommonProfile:
    """The checked update, or Rejected naming the first field at fault.

    `department` is the one on file, which crew_roles are checked against when the update
    does not change the department too."""
    model = profile_model(frozenset(roles))
    if not isinstance(fields, dict) or not fields:
        raise Rejected("A profile update needs at least one field.")
    try:
        return model.model_validate(fields, context={"department": department})
    except ValidationError as error:
        raise _refusal(error, roles) from None


def _refusal(error: ValidationError, roles) -> Rejected:
    """The first problem the profile model found, as a refusal; its message is the validator's own."""
    first = error.errors()[0]
    field = ".".join(str(part) for part in first["loc"]) or "profile"
    if first["type"] == "extra_forbidden" and roles:
        return Rejected("{field} is not a field of your {roles} profile.",
                        field=field, roles=" and ".join(sorted(roles)))
    if first["type"] == "extra_forbidden":
        return Rejected("{field} is not a field of your profile.", field=field)
    return Rejected("{field}: {problem}.", field=field, problem=first["msg"].removeprefix("Value error, "))


def split_update(update: CommonProfile, phone: str) -> tuple[dict, dict]:
    """(public, private) fields of a checked update, as document fields.

    Public holds only directory-schema fields; `rate` is the first of the day, hour and job
    rates. `phone` is public only when the person shows it to everyone: public["phone"] is the
    number, or None to take it off the directory."""
    given = update.model_dump(exclude_unset=True, mode="json")
    public = {name: given.pop(name) for name in PUBLIC_FIELDS if name in given}
    if "rates" in update.model_fields_set:
        public["rate"] = public_rate(given["rates"])
    if "phone_visibility" in given:
        public["phone"] = phone if given["phone_visibility"] == "everyone" else None
    return public, given


def public_rate(rates: dict | None) -> dict | None:
    if not rates:
        return None
    per = next(period for period in RATE_PERIODS if period in rates)
    return {"amount_minor": rates[per], "currency": "NGN", "per": per}
