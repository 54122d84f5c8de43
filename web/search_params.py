"""The query string of /search/people and /search/jobs, checked, as core.search queries.

Unknown parameters are refused rather than ignored: a misspelt filter ("skil=gaffer") would
otherwise return everyone and look like an answer.
"""
from datetime import date
from typing import Literal

from multidict import MultiMapping
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from core.money import CURRENCIES
from core.profile_lists import DEPARTMENTS, LANGUAGES, RATE_PERIODS, SKILLS, STATES
from core.search import JobQuery, PeopleQuery

MAX_LIMIT = 100
MAX_OFFSET = 1000  # deeper than this, a narrower filter serves the person better
MAX_FILTER_VALUES = 10
MAX_TEXT_CHARS = 100
# Availability is asked for a shoot, not a season; a longer window also costs the index more.
MAX_WINDOW_DAYS = 62
SEARCHABLE_SKILLS = SKILLS | {role for roles in DEPARTMENTS.values() for role in roles}
STATES_BY_FOLDED = {state.casefold(): state for state in STATES}
LIST_PARAMS = {"skill", "language"}


class BadSearch(ValueError):
    """The reason is written for the person who sent the query."""


class _Common(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    department: str = ""
    state: str = ""
    city: str = Field("", max_length=60)
    rate_min: int | None = Field(None, ge=0)
    rate_max: int | None = Field(None, ge=0)
    currency: str = "NGN"
    rate_per: Literal["", *RATE_PERIODS] = ""
    available_from: date | None = None
    available_to: date | None = None
    q: str = Field("", max_length=MAX_TEXT_CHARS)
    limit: int = Field(20, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)

    @field_validator("department")
    @classmethod
    def _department(cls, value: str) -> str:
        if value and value.lower() not in DEPARTMENTS:
            raise ValueError(f"unknown department; one of {', '.join(sorted(DEPARTMENTS))}")
        return value.lower()

    @field_validator("state")
    @classmethod
    def _state(cls, value: str) -> str:
        if value and value.casefold() not in STATES_BY_FOLDED:
            raise ValueError("not a Nigerian state (or FCT)")
        return STATES_BY_FOLDED.get(value.casefold(), "")

    @field_validator("currency")
    @classmethod
    def _currency(cls, value: str) -> str:
        if value.upper() not in CURRENCIES:
            raise ValueError(f"one of {', '.join(sorted(CURRENCIES))}")
        return value.upper()

    @model_validator(mode="after")
    def _ranges(self):
        if self.rate_min is not None and self.rate_max is not None and self.rate_min > self.rate_max:
            raise ValueError("rate_min is more than rate_max")
        if self.available_from and self.available_to and self.available_from > self.available_to:
            raise ValueError("available_from is after available_to")
        if self.available_from and self.available_to and (
                self.available_to - self.available_from).days >= MAX_WINDOW_DAYS:
            raise ValueError(f"ask about at most {MAX_WINDOW_DAYS} days at a time")
        return self


class PeopleParams(_Common):
    role: Literal["", "actor", "crew", "producer", "investor", "admin"] = ""
    skill: list[str] = Field(default_factory=list, max_length=MAX_FILTER_VALUES)
    language: list[str] = Field(default_factory=list, max_length=MAX_FILTER_VALUES)
    min_rating: float | None = Field(None, ge=0, le=5)
    verified: bool = False

    @field_validator("skill")
    @classmethod
    def _skills(cls, values: list[str]) -> list[str]:
        unknown = [value for value in values if value.lower() not in SEARCHABLE_SKILLS]
        if unknown:
            raise ValueError(f"unknown skill or crew role: {', '.join(unknown)}")
        return [value.lower() for value in values]

    @field_validator("language")
    @classmethod
    def _languages(cls, values: list[str]) -> list[str]:
        unknown = [value for value in values if value.lower() not in LANGUAGES]
        if unknown:
            raise ValueError(f"unknown language: {', '.join(unknown)}")
        return [value.lower() for value in values]

    def query(self) -> PeopleQuery:
        return PeopleQuery(
            role=self.role, department=self.department, skills=tuple(self.skill), state=self.state,
            city=self.city, languages=tuple(self.language), rate_min=self.rate_min,
            rate_max=self.rate_max, currency=self.currency, rate_per=self.rate_per,
            min_rating=self.min_rating, verified_only=self.verified,
            available_from=self.available_from, available_to=self.available_to, text=self.q,
            limit=self.limit, offset=self.offset,
        )


class JobParams(_Common):
    def query(self) -> JobQuery:
        return JobQuery(
            department=self.department, state=self.state, city=self.city, rate_min=self.rate_min,
            rate_max=self.rate_max, currency=self.currency, rate_per=self.rate_per,
            available_from=self.available_from, available_to=self.available_to, text=self.q,
            limit=self.limit, offset=self.offset,
        )


def parse(model: type[_Common], params: MultiMapping[str]) -> PeopleQuery | JobQuery:
    """`skill` and `language` may repeat or be comma-separated; anything else is given once."""
    raw: dict = {}
    for name in params.keys():
        values = params.getall(name)
        if name in LIST_PARAMS:
            raw[name] = [part for value in values for part in value.split(",") if part.strip()]
        elif len(values) > 1:
            raise BadSearch(f"{name}: give it once")
        else:
            raw[name] = values[0]
    try:
        return model.model_validate(raw).query()
    except ValidationError as error:
        raise BadSearch("; ".join(_words(problem) for problem in error.errors())) from None


def _words(problem: dict) -> str:
    where = ".".join(str(part) for part in problem["loc"] if not isinstance(part, int))
    message = problem["msg"].removeprefix("Value error, ")
    if problem["type"] == "extra_forbidden":
        message = "not a search filter"
    return f"{where}: {message}" if where else message
