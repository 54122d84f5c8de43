"""OpenAI embeddings through the real openai client against the fake server: vectors in order,
recommendations ranked with them, a 429 retried, a 500 and a wrong key reported as unavailable."""
import asyncio

import pytest

from config.settings import Settings

from core.casting_recommendations import PartBrief, recommend
from core.embeddings import EmbeddingsUnavailable, ProfileVectors
from core.search import DirectoryIndex
from tests.fakes.openai_server import FakeOpenAI
from workers.embeddings import OpenAIEmbeddings, embeddings_from_settings

pytestmark = pytest.mark.integration

API_KEY, MODEL = "test-embeddings-key", "fake-embedding-model"


@pytest.fixture
async def fake():
    async with FakeOpenAI(api_key=API_KEY) as server:
        yield server


def _model(fake: FakeOpenAI, key: str = API_KEY, max_retries: int = 2) -> OpenAIEmbeddings:
    return OpenAIEmbeddings(fake.base_url, key, MODEL, timeout_s=5, max_retries=max_retries)


async def test_one_vector_per_text_in_order(fake):
    vectors = await asyncio.to_thread(_model(fake).embed, ["market trader", "", "army general"])

    assert [list(v) for v in vectors] == [fake.word_slots("market trader"), fake.word_slots(" "),
                                          fake.word_slots("army general")]
    assert fake.embedding_requests[0]["model"] == MODEL and fake.embedding_requests[0]["encoding_format"] == "float"


async def test_recommendations_rank_by_the_servers_vectors(fake):
    index = DirectoryIndex()
    for person_id, bio in (("p1", "Stern army general."), ("p2", "Comic market trader in Lagos.")):
        index.upsert({"_id": f"person:{person_id}", "_rev": "1-x", "type": "person", "person_id": person_id,
                      "roles": ["actor"], "name": person_id, "bio": bio})
    vectors = ProfileVectors(_model(fake))

    result = await asyncio.to_thread(recommend, index, PartBrief("Iya Basira", "A comic market trader"), vectors)

    assert [c.person_id for c in result.candidates] == ["p2", "p1"]
    assert result.ranked_by == f"openai:{MODEL}"


async def test_a_429_is_retried(fake):
    fake.fail_next = [429]

    vectors = await asyncio.to_thread(_model(fake).embed, ["market trader"])

    assert len(vectors) == 1 and len(fake.embedding_requests) == 2


@pytest.mark.parametrize("status, key", [(500, API_KEY), (None, "wrong")])
async def test_a_failing_server_or_a_wrong_key_is_unavailable_with_the_status(fake, status, key):
    fake.fail_status = status

    with pytest.raises(EmbeddingsUnavailable, match=f"HTTP {status or 401}"):
        await asyncio.to_thread(_model(fake, key, max_retries=0).embed, ["market trader"])


def test_the_api_is_chosen_when_its_address_is_set():
    chosen = embeddings_from_settings(Settings(embeddings_api_base_url="http://127.0.0.1:9/v1", embeddings_api_key="k",
                                               embeddings_api_model=""))

    assert isinstance(chosen, OpenAIEmbeddings) and chosen.model_name == "openai:text-embedding-3-small"
