"""How results are ordered, in points a person can check against the one-line reason.

People: up to 10 points for the skills asked for (by the share matched), up to 5 for the rating
(the average, shrunk toward 0 when it rests on few reviews) and 2 for verified (both in
ranking_points.py), up to 1 for a rate under the budget (the further under, the more), and 1 for
being in the city asked for.
Ties go to more reviews, then name, then id, so the same query always gives the same order.
Jobs: soonest start first, then the best pay, then id.
"""
from core.money import CURRENCIES, Money
from core.search.query import PeopleQuery
from core.search.records import JobRecord, ProfileRecord, Rate

SKILLS_POINTS = 10.0
BUDGET_POINTS = 1.0
CITY_POINTS = 1.0


def profile_score(r: ProfileRecord, query: PeopleQuery, skills: frozenset[str]) -> float:
    score = r.base_points  # rating weighed by reviews, and verified: see ranking_points.py
    if skills:
        score += SKILLS_POINTS * len(r.skills & skills) / len(skills)
    if query.rate_max and r.rate is not None:  # only rates that fit the range are still here
        score += BUDGET_POINTS * (1 - r.rate.amount_minor / query.rate_max)
    if query.city:
        score += CITY_POINTS
    return score


def profile_order(query: PeopleQuery, skills: frozenset[str]):
    """The sort key: best score first; ties to more reviews, then name, then id."""
    if not skills and not query.rate_max:  # the common case, kept to one addition per profile
        return lambda r: (-r.base_points, -r.rating_count, r.name, r.doc_id)
    return lambda r: (-profile_score(r, query, skills), -r.rating_count, r.name, r.doc_id)


def profile_reason(r: ProfileRecord, query: PeopleQuery, skills: frozenset[str]) -> str:
    parts = []
    if skills:
        parts.append(f"{len(r.skills & skills)} of {len(skills)} skills")
    if r.rating_count:
        reviews = "review" if r.rating_count == 1 else "reviews"
        parts.append(f"{r.rating_average:.1f}★ from {r.rating_count} {reviews}")
    else:
        parts.append("no reviews yet")
    if r.verified:
        parts.append("verified")
    if query.has_rate_range:
        parts.append(f"{rate_words(r.rate)}, within budget" if r.rate else "rate not given")
    if r.doc.get("city"):
        parts.append(f"in {r.doc['city']}")
    return ", ".join(parts)


def job_order(r: JobRecord) -> tuple:
    return (r.start_date, -(r.rate.amount_minor if r.rate else 0), r.doc_id)


def job_score(r: JobRecord) -> float:
    """Jobs are ordered by date, not points; the score is the share of places still open."""
    slots = r.doc.get("slots") or 1
    return round((slots - len(r.doc.get("hired", ()))) / slots, 2)


def job_reason(r: JobRecord) -> str:
    doc = r.doc
    location = doc.get("location") or {}
    places = (doc.get("slots") or 1) - len(doc.get("hired", ()))
    parts = [f"starts {r.start_date}"]
    if r.rate:
        parts.append(rate_words(r.rate))
    parts.append(f"{places} {'place' if places == 1 else 'places'} open")
    where = ", ".join(filter(None, (location.get("city"), location.get("state"))))
    if where:
        parts.append(f"in {where}")
    return ", ".join(parts)


def rate_words(rate: Rate) -> str:
    amount = str(Money(rate.amount_minor, rate.currency)) if rate.currency in CURRENCIES else (
        f"{rate.amount_minor} {rate.currency} minor units")
    return f"{amount}/{rate.per}" if rate.per else amount
