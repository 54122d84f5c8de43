"""The office's assistants over HTTP, with the routes mounted as web/app.py would mount them:
casting recommendations from the live directory index, the budget estimate from the breakdown,
marketing copy through the fake OpenAI server, and who may ask for each."""
import asyncio
import uuid
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from aiohttp.test_utils import TestClient, TestServer

from core import scopes
from core.casting_commands import PostCastingCall
from core.money import Money
from tests.fakes.openai_server import FakeOpenAI
from tests.integration.people import auth, person, project_of
from web import assistant_routes
from web.app import create_app

LAGOS = ZoneInfo("Africa/Lagos")
# A state and language no other test's actors use, so the shortlist is this test's own.
STATE, LANGUAGE = "Ebonyi", "efik"
INDEX_WAIT_S, POLL_S = 30, 0.2
COPY = ('{"logline": "L", "synopsis": "S", "social_posts": {"x": "X", "instagram": "I", '
        '"whatsapp_status": "W"}, "one_sheet": "O"}')


async def _api(settings) -> TestClient:
    app = create_app(settings)
    app.cleanup_ctx.append(assistant_routes.assistants_ctx)
    app.add_routes(assistant_routes.routes)
    client = TestClient(TestServer(app))
    await client.start_server()
    return client


@pytest.fixture
async def api(settings, couch, redis):
    client = await _api(settings)
    yield client
    await client.close()


async def _actor(bus, bio: str, state: str = STATE) -> str:
    actor = await person(bus, "actor")
    await bus.services.store.update(scopes.DIRECTORY, f"person:{actor}", lambda card: {
        **card, "bio": bio, "gender": "female", "playing_age": {"min": 35, "max": 45},
        "languages": ["english", LANGUAGE], "state": state, "city": "Abakaliki"})
    return actor


async def _casting_call(bus, producer: str, project_id: str) -> str:
    shoot = date.today() + timedelta(days=30)
    return await bus.handle(PostCastingCall(
        f"casting_call_request:{uuid.uuid4().hex}", project_id, producer, "Iya Basira",
        "A loud market woman who sells pepper and keeps the whole street laughing", 35, 55, (LANGUAGE,),
        Money(10_000_000, "NGN"), "day", shoot, shoot + timedelta(days=2), "Abakaliki", STATE,
        "Read the market scene", datetime.now(LAGOS) + timedelta(days=5), gender="female"))


async def test_the_office_gets_actors_who_fit_best_first_with_reasons(api, bus):
    producer, crew = await person(bus, "producer"), await person(bus, "crew")
    project_id = await project_of(bus, producer)
    trader = await _actor(bus, "Known for funny roles as a fish seller at the market. Skit maker.")
    general = await _actor(bus, "Often cast as stern army generals in war dramas.")
    await _actor(bus, "Known for funny market seller roles.", state="Kano")
    casting_call_id = await _casting_call(bus, producer, project_id)
    path = f"/projects/{project_id}/casting/{casting_call_id}/recommendations"

    found = {}
    for _ in range(int(INDEX_WAIT_S / POLL_S)):  # the index follows the directory's feed
        answer = await api.get(path, headers=auth(producer))
        found = await answer.json()
        if answer.status == 200 and found["considered"] == 2:
            break
        await asyncio.sleep(POLL_S)

    assert [c["person_id"] for c in found["candidates"]] == [trader, general]
    assert found["ranked_by"].startswith("wordllama-")
    assert found["candidates"][0]["reason"].startswith("Plays 35–45, speaks Efik, based in Abakaliki")
    assert (await api.get(path, headers=auth(crew))).status == 403
    assert (await api.get(path)).status == 401
    by_words = await (await api.get(path + "?ranked_by=keywords", headers=auth(producer))).json()
    assert by_words["ranked_by"] == "keywords"
    missing = await api.get(f"/projects/{project_id}/casting/abcdef123456/recommendations", headers=auth(producer))
    assert missing.status == 404


async def test_the_budget_estimate_reads_the_breakdown_and_explains_each_line(api, bus):
    producer, crew = await person(bus, "producer"), await person(bus, "crew")
    project_id = await project_of(bus, producer)
    path = f"/projects/{project_id}/budget-estimate?scale=low&state=Lagos&city=Ikeja"
    assert (await api.get(path, headers=auth(producer))).status == 400  # no breakdown yet
    await bus.services.store.create(scopes.office_db(project_id), {
        "_id": "breakdown", "type": "breakdown", "version": 1,
        "scenes": [{"id": "1", "set": "MARINA", "eighths": 40, "characters": ["ADA"], "elements": {}}]})

    answer = await api.get(path, headers=auth(producer))

    estimate = await answer.json()
    assert answer.status == 200 and estimate["shoot_days"] == 1 and estimate["breakdown_version"] == 1
    assert {line["category"] for line in estimate["lines"]} >= {"cast", "crew", "post", "contingency"}
    assert estimate["total_minor"] == sum(line["amount_minor"] for line in estimate["lines"])
    assert (await api.get(path, headers=auth(crew))).status == 403
    bad = await api.get(path.replace("scale=low", "scale=huge"), headers=auth(producer))
    assert bad.status == 400 and "micro, low, mid or high" in (await bad.json())["reason"]


async def test_marketing_says_not_configured_then_writes_through_the_model_server(api, bus, settings, couch, redis):
    producer = await person(bus, "producer")
    project_id = await project_of(bus, producer)
    path, body = f"/projects/{project_id}/marketing", {"genre": "comedy", "synopsis": "Ada runs the jetty."}

    answer = await api.post(path, json=body, headers=auth(producer))

    assert answer.status == 503 and "set NOLLYCREW_LLM_BASE_URL" in (await answer.json())["reason"]
    async with FakeOpenAI(api_key="marketing-key") as fake:
        fake.answer = lambda request_body: COPY
        configured = await _api(settings.model_copy(update={
            "llm_base_url": fake.base_url, "llm_api_key": "marketing-key", "llm_model": "fake"}))
        try:
            written = await configured.post(path, json=body, headers=auth(producer))
            copy = await written.json()
        finally:
            await configured.close()
    assert written.status == 200 and copy["social_posts"]["whatsapp_status"] == "W"
    assert '"Test film"' in fake.requests[0]["messages"][-1]["content"]
