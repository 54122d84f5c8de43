"""Directory documents as the compact records the index filters on, computed once per version."""
import re
from sys import intern
from dataclasses import dataclass

from core.search.query import folded
from core.search.ranking_points import base_points

WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Rate:
    amount_minor: int
    currency: str
    per: str


@dataclass(frozen=True, slots=True)
class ProfileRecord:
    doc_id: str
    doc: dict
    skills: frozenset[str]  # skills and crew roles, folded
    rate: Rate | None
    rating_average: float
    rating_count: int
    verified: bool
    busy_days: tuple[str, ...]  # ISO dates
    name: str
    base_points: float  # the query-independent part of the score (core/search/ranking.py)


@dataclass(frozen=True, slots=True)
class JobRecord:
    doc_id: str
    doc: dict
    rate: Rate | None
    start_date: str
    end_date: str
    text: str  # title and project title, folded


def profile_record(doc: dict) -> ProfileRecord:
    busy_days = doc.get("busy_days", ())
    doc = _slim(doc)
    rating = doc.get("rating") or {}
    rate = doc.get("rate")
    return ProfileRecord(
        doc_id=doc["_id"],
        doc=doc,
        skills=frozenset(profile_skills(doc)),
        rate=Rate(rate["amount_minor"], rate["currency"], rate.get("per", "")) if rate else None,
        rating_average=float(rating.get("average") or 0.0),
        rating_count=int(rating.get("count") or 0),
        verified=bool(doc.get("verified")),
        busy_days=tuple({intern(day) for day in busy_days}),
        name=doc.get("name", ""),
        base_points=base_points(bool(doc.get("verified")), float(rating.get("average") or 0.0),
                                int(rating.get("count") or 0)),
    )


def job_record(doc: dict) -> JobRecord:
    doc = _slim(doc)
    rate = doc.get("rate")
    return JobRecord(
        doc_id=doc["_id"],
        doc=doc,
        rate=Rate(rate["amount_minor"], rate["currency"], doc.get("rate_per", "")) if rate else None,
        start_date=doc.get("start_date", ""),
        end_date=doc.get("end_date") or doc.get("start_date", ""),
        text=folded(f"{doc.get('title', '')} {doc.get('project_title', '')}"),
    )


def profile_keys(doc: dict) -> list[tuple[str, str]]:
    """The (field, value) pairs a profile is filed under in the inverted indexes."""
    keys = [("role", folded(role)) for role in doc.get("roles", ())]
    keys += [("skill", skill) for skill in profile_skills(doc)]
    keys += [("language", folded(language)) for language in doc.get("languages", ())]
    keys += [(name, folded(doc.get(name) or "")) for name in ("department", "state", "city") if doc.get(name)]
    words = WORD.findall(folded(f"{doc.get('name', '')} {doc.get('headline', '')}"))
    keys += [("word", word) for word in set(words)]
    if doc.get("verified"):
        keys.append(("verified", "yes"))
    if not doc.get("rate"):
        keys.append(("rate", "none"))
    return keys


def profile_ranges(record: ProfileRecord) -> list[tuple[tuple, object]]:
    """(column, value) pairs for range filters: the rate per currency and period, the rating."""
    ranges: list[tuple[tuple, object]] = [(("rating",), record.rating_average)]
    if record.rate is not None:
        ranges.append((("rate", record.rate.currency, record.rate.per), record.rate.amount_minor))
    return ranges


def profile_skills(doc: dict) -> set[str]:
    """A gaffer is found by "gaffer" whether it is listed as a skill or as a crew role."""
    return {folded(s) for s in [*doc.get("skills", ()), *doc.get("crew_roles", ())]}


def job_keys(doc: dict) -> list[tuple[str, str]]:
    location = doc.get("location") or {}
    keys = [("department", folded(doc.get("department") or ""))] if doc.get("department") else []
    keys += [(name, folded(location.get(name) or "")) for name in ("state", "city") if location.get(name)]
    return keys


# 50,000 profiles repeat the same few hundred words (states, cities, skills, dates); JSON parsing
# makes a new string for each. Sharing one copy of each, and not keeping the busy days twice,
# keeps the index at a fraction of the documents' size.
SHARED_WORDS = ("type", "state", "city", "department", "gender", "currency", "per", "rate_per", "status")
SHARED_LISTS = ("roles", "crew_roles", "skills", "languages")
NOT_KEPT = ("busy_days",)  # held sorted in the record; never shown


def _slim(doc: dict) -> dict:
    slim = {}
    for key, value in doc.items():
        if key in NOT_KEPT:
            continue
        if isinstance(value, str) and key in SHARED_WORDS:
            value = intern(value)
        elif isinstance(value, list) and key in SHARED_LISTS:
            value = [intern(item) if isinstance(item, str) else item for item in value]
        elif isinstance(value, dict):
            value = {k: intern(v) if isinstance(v, str) and k in SHARED_WORDS else v for k, v in value.items()}
        slim[intern(key)] = value
    return slim
