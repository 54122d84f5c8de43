"""The BreakdownAssistant port on any OpenAI-compatible chat-completions API (OpenAI, a local vLLM or
llama.cpp server...). Settings: NOLLYCREW_LLM_BASE_URL, NOLLYCREW_LLM_API_KEY, NOLLYCREW_LLM_MODEL."""
import json

import openai

from core.script.lexicon import CATEGORIES
from core.script.ports import AssistantUnavailable, BreakdownAssistant
from workers.llm import configured_llm

REQUEST_TIMEOUT_S = 60.0
MAX_RETRIES = 2
INSTRUCTIONS = (
    "You are a first assistant director breaking down a screenplay for a Nigerian film production. "
    "For each scene you are given (id, heading, action text), list the physical things the production "
    "must provide, by category: " + ", ".join(CATEGORIES) + ". Use short nouns as they appear in the "
    "text; leave a category out when the scene has nothing for it; never invent what the text does not "
    'imply. Answer only with JSON: {"scenes": {"<scene id>": {"<category>": ["item", ...]}}}.'
)


class OpenAIBreakdownAssistant(BreakdownAssistant):
    def __init__(self, base_url: str, api_key: str, model: str, timeout_s: float = REQUEST_TIMEOUT_S,
                 max_retries: int = MAX_RETRIES):
        self._client = openai.OpenAI(base_url=base_url, api_key=api_key or "none", timeout=timeout_s,
                                     max_retries=max_retries)
        self._model = model

    def suggest_elements(self, scenes: list[dict]) -> dict[str, dict[str, list[str]]]:
        try:
            answer = self._client.chat.completions.create(
                model=self._model, temperature=0, response_format={"type": "json_object"},
                messages=[{"role": "system", "content": INSTRUCTIONS},
                          {"role": "user", "content": json.dumps({"scenes": scenes}, ensure_ascii=False)}],
            )
        except openai.APIStatusError as error:
            raise AssistantUnavailable(f"the model server answered HTTP {error.status_code}") from None
        except openai.APIError as error:  # connection refused, timeout, unreadable body
            raise AssistantUnavailable(f"the model server could not be reached: {type(error).__name__}") from None
        content = answer.choices[0].message.content if answer.choices else None
        try:
            scenes_found = json.loads(content or "")["scenes"]
        except (ValueError, KeyError, TypeError):
            raise AssistantUnavailable("the model's answer was not the JSON we asked for") from None
        if not isinstance(scenes_found, dict):
            raise AssistantUnavailable("the model's answer was not the JSON we asked for")
        return {str(scene_id): found for scene_id, found in scenes_found.items() if isinstance(found, dict)}


def assistant_from_settings(settings) -> OpenAIBreakdownAssistant | None:
    """The assistant when NOLLYCREW_LLM_BASE_URL and NOLLYCREW_LLM_MODEL are set, else None (rules only)."""
    server = configured_llm(settings)
    return None if server is None else OpenAIBreakdownAssistant(*server)
