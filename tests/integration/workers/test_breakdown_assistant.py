"""The breakdown assistant through the real openai client against the fake server, over real HTTP."""
import asyncio
import json

import pytest

from core.script.assistant import assisted_breakdown
from core.script.fountain import parse_fountain
from core.script.ports import AssistantUnavailable
from tests.fakes.openai_server import FakeOpenAI
from workers.breakdown_assistant import OpenAIBreakdownAssistant, assistant_from_settings

pytestmark = pytest.mark.integration

API_KEY, MODEL = "test-llm-key", "fake-breakdown-model"
SCRIPT = """INT. MARINA OFFICE - NIGHT

ADA counts money by a kerosene lamp.

EXT. JETTY - DAY

OBI ties up a canoe.
"""


def _props_from_text(body: dict) -> str:
    scenes = json.loads(body["messages"][-1]["content"])["scenes"]
    return json.dumps({"scenes": {
        s["id"]: {"props": ["kerosene lamp"] if "lamp" in s["text"] else [], "spaceships": ["x"]} for s in scenes
    } | {"99": {"props": ["ghost prop"]}}})


@pytest.fixture
async def fake():
    async with FakeOpenAI(api_key=API_KEY) as server:
        yield server


def _assistant(fake: FakeOpenAI, key: str = API_KEY) -> OpenAIBreakdownAssistant:
    return OpenAIBreakdownAssistant(fake.base_url, key, MODEL, timeout_s=5, max_retries=0)


async def test_suggested_elements_are_merged_and_unknown_scenes_reported(fake):
    fake.answer = _props_from_text

    result = await asyncio.to_thread(assisted_breakdown, parse_fountain(SCRIPT), _assistant(fake))

    assert result["scenes"][0]["elements"]["props"] == ["kerosene lamp", "money"]
    assert result["scenes"][1]["elements"]["vehicles"] == ["canoe"]
    assert any("scene 99" in warning for warning in result["warnings"])
    sent = fake.requests[0]
    assert sent["model"] == MODEL and sent["response_format"] == {"type": "json_object"}
    assert [s["id"] for s in json.loads(sent["messages"][-1]["content"])["scenes"]] == ["1", "2"]


async def test_a_failing_server_leaves_the_rule_based_breakdown_with_a_warning(fake):
    fake.fail_status = 503

    result = await asyncio.to_thread(assisted_breakdown, parse_fountain(SCRIPT), _assistant(fake))

    assert result["scenes"][0]["elements"]["props"] == ["money"]
    assert "HTTP 503" in result["warnings"][-1]


async def test_a_wrong_key_and_a_non_json_answer_are_unavailable_with_a_reason(fake):
    one_scene = [{"id": "1", "heading": "INT. ROOM - DAY", "text": "A lamp."}]
    with pytest.raises(AssistantUnavailable, match="HTTP 401"):
        await asyncio.to_thread(_assistant(fake, key="wrong").suggest_elements, one_scene)
    fake.answer = lambda body: "Sure! Here are the props: a lamp."
    with pytest.raises(AssistantUnavailable, match="not the JSON"):
        await asyncio.to_thread(_assistant(fake).suggest_elements, one_scene)


def test_no_assistant_without_base_url_and_model():
    class Settings:
        llm_base_url, llm_api_key, llm_model = "", "", ""

    assert assistant_from_settings(Settings()) is None
