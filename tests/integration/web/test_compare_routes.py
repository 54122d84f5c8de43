"""/search/compare through the api, as a signed-in person, against PouchDB Server."""
import uuid

import pytest

from core import scopes
from sync.store import CouchStore
from tests.integration.helpers import eventually
from tests.integration.people import auth, person


@pytest.fixture
async def member(bus):
    return await person(bus, "producer")


def profile(name: str, **fields) -> dict:
    pid = uuid.uuid4().hex[:12]
    return {"_id": f"person:{pid}", "type": "person", "person_id": pid, "name": name, "roles": ["crew"],
            "department": "lighting", "state": "Lagos", "city": "Yaba", "languages": ["english"],
            "rating": {"average": 0.0, "count": 0}, "busy_days": [], **fields}


async def test_anonymous_is_refused(api):
    answer = await api.get("/search/compare?ids=a,b")
    assert answer.status == 401
    assert "Sign in" in (await answer.json())["reason"]


@pytest.mark.parametrize("ids", ["a", "a,b,c,d,e", "a,a"])
async def test_one_or_five_ids_get_400(api, member, ids):
    answer = await api.get(f"/search/compare?ids={ids}", headers=auth(member))
    assert answer.status == 400
    assert "2 to 4" in (await answer.json())["reason"]


async def test_three_people_side_by_side(api, couch, member):
    people = [
        profile("Bisi Adeyemi", crew_roles=["gaffer"], skills=["driving"], verified=True,
                rate={"amount_minor": 4_000_000, "currency": "NGN", "per": "day"}, busy_days=["2026-12-02"]),
        profile("Tunde Bakare", crew_roles=["gaffer"], skills=["rigging"]),
        profile("Ngozi Eze", skills=["rigging"], languages=["english", "igbo"]),
    ]
    for doc in people:
        await CouchStore(couch).create(scopes.DIRECTORY, doc)
    ids = ",".join(doc["person_id"] for doc in people)
    query = f"/search/compare?ids={ids}&available_from=2026-12-01&available_to=2026-12-03"

    async def compared():
        answer = await api.get(query, headers=auth(member))
        return answer.status == 200 and await answer.json()

    body = await eventually(compared)
    assert [p["name"] for p in body["people"]] == ["Bisi Adeyemi", "Tunde Bakare", "Ngozi Eze"]
    assert body["shared_skills"] == ["gaffer", "rigging"]
    rows = {row["key"]: row["values"] for row in body["rows"]}
    assert rows["busy_days"] == [1, 0, 0]
    assert rows["verified"] == ["yes", "no", "no"]
    assert rows["rate"][0] == "₦40,000 per day"
    missing = await api.get(f"/search/compare?ids={people[0]['person_id']},nobody", headers=auth(member))
    assert missing.status == 404
