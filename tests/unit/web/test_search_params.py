"""web/search_params.py: query strings to core.search queries, and readable refusals."""
from datetime import date

import pytest
from multidict import MultiDict

from core.search import JobQuery, PeopleQuery
from web.search_params import BadSearch, JobParams, PeopleParams, parse


def test_filters_become_a_people_query_with_lists_repeated_or_comma_separated():
    query = parse(PeopleParams, MultiDict([
        ("role", "crew"), ("skill", "Gaffer,grip"), ("skill", "dance"), ("state", "lagos"),
        ("language", "yoruba"), ("rate_max", "5000000"), ("available_from", "2026-12-01"),
        ("verified", "true"), ("limit", "5"),
    ]))
    assert query == PeopleQuery(role="crew", skills=("gaffer", "grip", "dance"), state="Lagos",
                                languages=("yoruba",), rate_max=5_000_000, verified_only=True,
                                available_from=date(2026, 12, 1), limit=5)


def test_jobs_take_the_shared_filters_only():
    assert parse(JobParams, MultiDict(department="Camera", state="FCT")) == JobQuery(department="camera", state="FCT")
    with pytest.raises(BadSearch, match="skill: not a search filter"):
        parse(JobParams, MultiDict(skill="gaffer"))


@pytest.mark.parametrize("params, reason", [
    ({"state": "Texas"}, "state: not a Nigerian state"),
    ({"skill": "juggling"}, "skill: unknown skill or crew role: juggling"),
    ({"language": "klingon"}, "language: unknown language"),
    ({"rate_min": "9", "rate_max": "1"}, "rate_min is more than rate_max"),
    ({"currency": "XYZ"}, "currency: one of"),
    ({"min_rating": "6"}, "min_rating: Input should be less than or equal to 5"),
    ({"available_from": "2027-01-01", "available_to": "2027-04-01"}, "at most 62 days"),
    ({"offset": "-1"}, "offset: Input should be greater than or equal to 0"),
])
def test_bad_filters_are_refused_with_a_reason(params, reason):
    with pytest.raises(BadSearch, match=reason):
        parse(PeopleParams, MultiDict(params))


def test_a_filter_given_twice_is_refused():
    with pytest.raises(BadSearch, match="state: give it once"):
        parse(PeopleParams, MultiDict([("state", "Lagos"), ("state", "Oyo")]))
