"""The marketing writer through the real openai client against the fake server, over real HTTP:
copy on success, a 429 retried to success, a 500 retried then refused, and "not configured"."""
import asyncio
import json

import pytest

from core.errors import Rejected
from core.marketing import film_facts, marketing_copy
from tests.fakes.openai_server import FakeOpenAI
from workers.marketing import OpenAIMarketingWriter, marketing_writer_from_settings

pytestmark = pytest.mark.integration

API_KEY, MODEL = "test-marketing-key", "fake-marketing-model"
FACTS = film_facts({"title": "Marina Nights"}, "thriller", "Ada fights to keep her father's jetty.", None)
COPY = {"logline": "One woman. One jetty. No retreat.", "synopsis": "Ada runs her late father's jetty.",
        "social_posts": {"x": "Marina Nights. #Nollywood", "instagram": "Meet Ada.", "whatsapp_status": "Soon!"},
        "one_sheet": "MARINA NIGHTS. The tide turns."}


@pytest.fixture
async def fake():
    async with FakeOpenAI(api_key=API_KEY) as server:
        server.answer = lambda body: json.dumps(COPY)
        yield server


def _writer(fake: FakeOpenAI, max_retries: int = 2) -> OpenAIMarketingWriter:
    return OpenAIMarketingWriter(fake.base_url, API_KEY, MODEL, timeout_s=5, max_retries=max_retries)


async def test_the_copy_comes_back_and_the_request_asks_for_json(fake):
    copy = await asyncio.to_thread(marketing_copy, FACTS, _writer(fake))

    assert copy["logline"] == COPY["logline"] and copy["social_posts"]["x"] == "Marina Nights. #Nollywood"
    sent = fake.requests[0]
    assert sent["model"] == MODEL and sent["response_format"] == {"type": "json_object"}
    assert json.loads(sent["messages"][-1]["content"])["film"]["title"] == "Marina Nights"


async def test_a_429_is_retried_and_the_copy_still_comes(fake):
    fake.fail_next = [429]

    copy = await asyncio.to_thread(marketing_copy, FACTS, _writer(fake))

    assert copy["one_sheet"] == COPY["one_sheet"] and len(fake.requests) == 2


async def test_a_500_is_retried_as_many_times_as_set_then_refused_with_the_status(fake):
    fake.fail_status = 500

    with pytest.raises(Rejected, match=r"could not answer \(the model server answered HTTP 500\)"):
        await asyncio.to_thread(marketing_copy, FACTS, _writer(fake, max_retries=1))

    assert len(fake.requests) == 2


async def test_a_wrong_key_is_refused_without_retrying(fake):
    writer = OpenAIMarketingWriter(fake.base_url, "wrong", MODEL, timeout_s=5, max_retries=2)

    with pytest.raises(Rejected, match="HTTP 401"):
        await asyncio.to_thread(marketing_copy, FACTS, writer)


def test_without_base_url_and_model_there_is_no_writer_and_the_answer_says_so():
    class Settings:
        llm_base_url, llm_api_key, llm_model = "", "", ""

    with pytest.raises(Rejected, match="Marketing copy is not configured: set NOLLYCREW_LLM_BASE_URL"):
        marketing_copy(FACTS, marketing_writer_from_settings(Settings()))
