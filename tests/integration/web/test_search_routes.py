"""/search/people and /search/jobs through the api, as a signed-in person, against PouchDB Server."""
import uuid

import pytest

from core import scopes
from sync.store import CouchStore
from tests.integration.helpers import eventually
from tests.integration.people import auth, person


@pytest.fixture
async def member(bus):
    return await person(bus, "producer")


@pytest.fixture
def city() -> str:
    """A city of our own, so profiles from other tests never match."""
    return "Testville " + uuid.uuid4().hex[:8]


def profile(name: str, city: str, **fields) -> dict:
    pid = uuid.uuid4().hex[:12]
    return {"_id": f"person:{pid}", "type": "person", "person_id": pid, "name": name, "roles": ["crew"],
            "department": "lighting", "state": "Lagos", "city": city, "languages": ["english"],
            "rating": {"average": 0.0, "count": 0}, "busy_days": [], **fields}


async def test_anonymous_and_wrong_passwords_are_refused(api, member):
    assert (await api.get("/search/people?state=Lagos")).status == 401
    wrong = await api.get("/search/people", headers=auth(member, "not-the-password"))
    assert wrong.status == 401
    assert "Sign in" in (await wrong.json())["reason"]
    assert (await api.get("/search/jobs")).status == 401


@pytest.mark.parametrize("query, words", [
    ("state=Atlantis", "state: not a Nigerian state"),
    ("rate_max=cheap", "rate_max: Input should be a valid integer"),
    ("available_from=2026-12-09&available_to=2026-12-01", "available_from is after available_to"),
    ("skil=gaffer", "skil: not a search filter"),
    ("limit=5000", "limit: Input should be less than or equal to 100"),
])
async def test_bad_parameters_get_400_with_the_reason(api, member, query, words):
    answer = await api.get(f"/search/people?{query}", headers=auth(member))
    assert answer.status == 400
    assert words in (await answer.json())["reason"]


async def test_a_filtered_search_returns_the_right_people_best_first(api, couch, member, city):
    store = CouchStore(couch)
    wanted = [
        profile("Bisi Adeyemi", city, crew_roles=["gaffer"], skills=["driving"], verified=True,
                rate={"amount_minor": 4_000_000, "currency": "NGN", "per": "day"},
                rating={"average": 4.7, "count": 20}),
        profile("Tunde Bakare", city, crew_roles=["gaffer"], rate={"amount_minor": 3_500_000, "currency": "NGN",
                                                                  "per": "day"}),
    ]
    unwanted = [
        profile("Busy Gaffer", city, crew_roles=["gaffer"], busy_days=["2026-12-02"]),
        profile("Dear Gaffer", city, crew_roles=["gaffer"],
                rate={"amount_minor": 9_000_000, "currency": "NGN", "per": "day"}),
        profile("Sound Person", city, department="sound", crew_roles=["boom_operator"]),
    ]
    for doc in wanted + unwanted:
        await store.create(scopes.DIRECTORY, doc)
    query = (f"/search/people?role=crew&skill=gaffer,driving&state=lagos&city={city}"
             "&available_from=2026-12-01&available_to=2026-12-03&rate_max=5000000")

    async def searched():
        answer = await api.get(query, headers=auth(member))
        return answer.status == 200 and await answer.json()

    body = await eventually(searched)

    assert [row["name"] for row in body["results"]] == ["Bisi Adeyemi", "Tunde Bakare"]
    assert body["total"] == 2
    assert body["results"][0]["reason"] == (
        f"2 of 2 skills, 4.7★ from 20 reviews, verified, ₦40,000/day, within budget, in {city}")
    assert body["results"][0]["score"] > body["results"][1]["score"]
    assert "busy_days" not in body["results"][0]


async def test_open_jobs_are_searched_by_department_dates_and_title(api, couch, member, city):
    store = CouchStore(couch)
    jid = uuid.uuid4().hex[:12]
    await store.create(scopes.DIRECTORY, {
        "_id": f"job_post:{jid}", "type": "job_post", "job_post_id": jid, "title": "Steadicam operator",
        "project_title": "Lagos Nights", "department": "camera", "start_date": "2027-01-10",
        "end_date": "2027-01-14", "rate": {"amount_minor": 6_000_000, "currency": "NGN"}, "rate_per": "day",
        "location": {"city": city, "state": "Lagos"}, "slots": 1, "hired": [], "status": "open",
    })
    query = f"/search/jobs?department=camera&city={city}&available_from=2027-01-12&q=steadicam"

    async def searched():
        answer = await api.get(query, headers=auth(member))
        return answer.status == 200 and (await answer.json())["total"] and await answer.json()

    body = await eventually(searched)
    assert [row["job_post_id"] for row in body["results"]] == [jid]
    assert body["results"][0]["reason"] == f"starts 2027-01-10, ₦60,000/day, 1 place open, in {city}, Lagos"
    status = await api.get("/search/status", headers=auth(member))
    assert (await status.json())["loaded"] is True
