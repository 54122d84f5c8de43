"""core.search: each filter narrows, ranking is explained and stable, the index follows upserts."""
from datetime import date

import pytest

from core.search import DirectoryIndex, JobQuery, PeopleQuery


def person(pid: str, **fields) -> dict:
    doc = {
        "_id": f"person:{pid}", "type": "person", "person_id": pid, "name": pid.title(),
        "roles": ["crew"], "verified": False, "headline": "", "city": "Ikeja", "state": "Lagos",
        "department": "lighting", "crew_roles": [], "skills": [], "languages": ["english"],
        "rate": None, "rating": {"average": 0.0, "count": 0}, "busy_days": [],
    }
    return {**doc, **fields}


def job(jid: str, **fields) -> dict:
    doc = {
        "_id": f"job_post:{jid}", "type": "job_post", "job_post_id": jid, "title": f"Job {jid}",
        "project_title": "Ojukwu's Daughter", "department": "camera", "start_date": "2026-12-01",
        "end_date": "2026-12-05", "rate": {"amount_minor": 5_000_000, "currency": "NGN"},
        "rate_per": "day", "location": {"city": "Lekki", "state": "Lagos"}, "slots": 2, "hired": [],
        "status": "open",
    }
    return {**doc, **fields}


def ngn(amount_naira: int, per: str = "day") -> dict:
    return {"amount_minor": amount_naira * 100, "currency": "NGN", "per": per}


def ids(page) -> list[str]:
    return [hit.doc["_id"].split(":")[1] for hit in page.hits]


@pytest.fixture
def index() -> DirectoryIndex:
    index = DirectoryIndex()
    for doc in [
        person("ada", crew_roles=["gaffer"], skills=["driving"], city="Lekki", verified=True,
               languages=["english", "yoruba"], rate=ngn(45_000), rating={"average": 4.6, "count": 12}),
        person("bola", crew_roles=["electrician"], languages=["english", "yoruba"], rate=ngn(30_000),
               rating={"average": 4.9, "count": 2}, busy_days=["2026-12-03"]),
        person("chidi", roles=["actor"], department="", state="Enugu", city="Enugu", skills=["dance"],
               languages=["english", "igbo"], rate={"amount_minor": 20_000, "currency": "USD", "per": "day"}),
        person("dayo", crew_roles=["gaffer", "generator_operator"], state="Oyo", city="Ibadan",
               rate=ngn(80_000), rating={"average": 3.8, "count": 30}),
        person("emeka", department="camera", crew_roles=["focus_puller"], headline="Focus puller, 8 years"),
    ]:
        index.upsert(doc)
    return index


@pytest.mark.parametrize("query, expected", [
    (PeopleQuery(role="actor"), {"chidi"}),
    (PeopleQuery(role="Crew"), {"ada", "bola", "dayo", "emeka"}),
    (PeopleQuery(department="camera"), {"emeka"}),
    (PeopleQuery(skills=("gaffer",)), {"ada", "dayo"}),
    (PeopleQuery(skills=("dance", "driving")), {"ada", "chidi"}),
    (PeopleQuery(state="lagos "), {"ada", "bola", "emeka"}),
    (PeopleQuery(state="Lagos", city="Lekki"), {"ada"}),
    (PeopleQuery(languages=("yoruba",)), {"ada", "bola"}),
    (PeopleQuery(languages=("english", "igbo")), {"chidi"}),
    (PeopleQuery(min_rating=4.5), {"ada", "bola"}),
    (PeopleQuery(verified_only=True), {"ada"}),
    (PeopleQuery(text="focus PULLER"), {"emeka"}),
    (PeopleQuery(role="crew", state="Lagos", skills=("gaffer", "electrician"), min_rating=4.0), {"ada", "bola"}),
])
def test_each_filter_narrows_to_the_right_people(index, query, expected):
    page = index.search_people(query)
    assert set(ids(page)) == expected
    assert page.total == len(expected)


def test_availability_excludes_anyone_busy_on_a_day_of_the_window(index):
    window = PeopleQuery(role="crew", state="Lagos", available_from=date(2026, 12, 1), available_to=date(2026, 12, 5))
    assert set(ids(index.search_people(window))) == {"ada", "emeka"}
    after = PeopleQuery(role="crew", state="Lagos", available_from=date(2026, 12, 4), available_to=date(2026, 12, 9))
    assert "bola" in ids(index.search_people(after))
    one_day = PeopleQuery(state="Lagos", available_from=date(2026, 12, 3))
    assert "bola" not in ids(index.search_people(one_day))


def test_a_rate_range_compares_only_rates_in_the_same_currency(index):
    naira = index.search_people(PeopleQuery(rate_min=40_000 * 100, rate_max=50_000 * 100))
    # Ada fits; Emeka gave no rate and stays (ranked below); Chidi's dollar rate is not comparable.
    assert ids(naira) == ["ada", "emeka"]
    assert naira.hits[1].reason.endswith("rate not given, in Ikeja")
    dollars = index.search_people(PeopleQuery(rate_max=30_000, currency="USD"))
    assert set(ids(dollars)) == {"chidi", "emeka"}
    per_hour = index.search_people(PeopleQuery(rate_max=10**9, rate_per="hour"))
    assert ids(per_hour) == ["emeka"]


def test_ranking_counts_skills_first_then_rating_weighed_by_reviews_and_verified(index):
    more_skills = index.search_people(PeopleQuery(skills=("gaffer", "generator_operator")))
    assert ids(more_skills) == ["dayo", "ada"]  # 2 of 2 beats 1 of 2, verified or not
    assert more_skills.hits[0].reason == "2 of 2 skills, 3.8★ from 30 reviews, in Ibadan"
    same_skills = index.search_people(PeopleQuery(skills=("gaffer", "generator_operator", "driving")))
    assert ids(same_skills) == ["ada", "dayo"]  # 2 of 3 each: the verified badge decides
    ada, dayo = same_skills.hits
    assert ada.reason == "2 of 3 skills, 4.6★ from 12 reviews, verified, in Lekki"
    assert ada.score > dayo.score


def test_a_high_average_from_few_reviews_ranks_below_a_solid_record(index):
    page = index.search_people(PeopleQuery(state="Lagos", role="crew"))
    assert ids(page) == ["ada", "bola", "emeka"]
    assert "4.9★ from 2 reviews" in page.hits[1].reason
    assert page.hits[2].reason == "no reviews yet, in Ikeja"


def test_ties_are_ordered_by_name_then_id_every_time():
    index = DirectoryIndex()
    for pid in ("zainab", "musa", "amaka"):
        index.upsert(person(pid))
    assert ids(index.search_people(PeopleQuery())) == ["amaka", "musa", "zainab"]


def test_pagination_returns_the_next_slice_and_the_full_total(index):
    everyone = ids(index.search_people(PeopleQuery(limit=100)))
    first = index.search_people(PeopleQuery(limit=2))
    second = index.search_people(PeopleQuery(limit=2, offset=2))
    assert ids(first) + ids(second) == everyone[:4]
    assert first.total == second.total == 5


def test_an_upsert_replaces_the_earlier_version_and_remove_removes(index):
    index.upsert(person("bola", crew_roles=["gaffer"], state="Kano", city="Kano"))
    assert "bola" not in ids(index.search_people(PeopleQuery(state="Lagos")))
    assert "bola" in ids(index.search_people(PeopleQuery(skills=("gaffer",), state="Kano")))
    assert "bola" not in ids(index.search_people(PeopleQuery(skills=("electrician",))))
    index.remove("person:bola")
    assert index.search_people(PeopleQuery(state="Kano")).total == 0
    assert index.counts == {"people": 4, "jobs": 0}


def test_a_deleted_document_leaves_the_index(index):
    index.upsert({"_id": "person:ada", "_deleted": True})
    assert "ada" not in ids(index.search_people(PeopleQuery()))


def test_jobs_filter_by_department_place_rate_dates_and_title():
    index = DirectoryIndex()
    index.upsert(job("a1", title="Focus puller", start_date="2026-12-10", end_date="2026-12-12"))
    index.upsert(job("b2", title="Gaffer", department="lighting", location={"city": "Ibadan", "state": "Oyo"}))
    index.upsert(job("c3", title="Boom operator", department="sound",
                     rate={"amount_minor": 2_000_000, "currency": "NGN"}))
    index.upsert(job("d4", title="Clapper loader", status="filled"))
    assert ids(index.search_jobs(JobQuery())) == ["b2", "c3", "a1"]  # soonest first, then best pay
    assert ids(index.search_jobs(JobQuery(department="camera"))) == ["a1"]
    assert ids(index.search_jobs(JobQuery(state="Oyo", city="ibadan"))) == ["b2"]
    assert ids(index.search_jobs(JobQuery(rate_min=3_000_000))) == ["b2", "a1"]
    assert ids(index.search_jobs(JobQuery(rate_max=3_000_000))) == ["c3"]
    assert ids(index.search_jobs(JobQuery(rate_min=1, currency="USD"))) == []
    window = JobQuery(available_from=date(2026, 12, 11), available_to=date(2026, 12, 20))
    assert ids(index.search_jobs(window)) == ["a1"]
    assert ids(index.search_jobs(JobQuery(text="focus"))) == ["a1"]
    reason = index.search_jobs(JobQuery(text="gaffer")).hits[0].reason
    assert reason == "starts 2026-12-01, ₦50,000/day, 2 places open, in Ibadan, Oyo"


def test_a_job_that_is_no_longer_open_leaves_the_index():
    index = DirectoryIndex()
    index.upsert(job("a1"))
    index.upsert(job("a1", status="filled"))
    assert index.search_jobs(JobQuery()).total == 0


def test_text_matches_the_start_of_words_in_name_or_headline(index):
    assert ids(index.search_people(PeopleQuery(text="eme"))) == ["emeka"]
    assert ids(index.search_people(PeopleQuery(text="8 years focus"))) == ["emeka"]
    assert index.search_people(PeopleQuery(text="uller")).total == 0  # not the middle of a word


def test_a_rating_range_and_a_rate_range_follow_updates(index):
    index.upsert(person("dayo", crew_roles=["gaffer"], rate=ngn(40_000), rating={"average": 4.8, "count": 40}))
    assert "dayo" in ids(index.search_people(PeopleQuery(min_rating=4.7)))
    assert "dayo" in ids(index.search_people(PeopleQuery(rate_max=41_000 * 100, role="crew")))
    index.upsert(person("dayo", rate=ngn(90_000), rating={"average": 3.0, "count": 1}))
    assert "dayo" not in ids(index.search_people(PeopleQuery(min_rating=4.7)))
    assert "dayo" not in ids(index.search_people(PeopleQuery(rate_max=41_000 * 100, role="crew")))


def test_busy_days_follow_updates_and_removal(index):
    window = PeopleQuery(state="Lagos", available_from=date(2026, 12, 3))
    index.upsert(person("bola", busy_days=["2026-12-20"]))
    assert "bola" in ids(index.search_people(window))
    index.upsert(person("ada", busy_days=["2026-12-03"], city="Lekki"))
    assert "ada" not in ids(index.search_people(window))
    index.remove("person:ada")
    assert index.people.busy_on["2026-12-03"] == set()
