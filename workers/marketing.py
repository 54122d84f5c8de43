"""The MarketingWriter port (core/marketing.py) on any OpenAI-compatible chat-completions API: OpenAI,
or a local vLLM or llama.cpp server. It shares the breakdown assistant's settings:
NOLLYCREW_LLM_BASE_URL, NOLLYCREW_LLM_API_KEY, NOLLYCREW_LLM_MODEL.

The openai client retries a 429 (after the server's Retry-After when it sends one) and a 5xx with
its own backoff, MAX_RETRIES times; what still fails becomes MarketingUnavailable with the status.
"""
import openai

from core.marketing import MarketingUnavailable, MarketingWriter
from workers.llm import configured_llm

REQUEST_TIMEOUT_S = 90.0  # a whole set of copy is a long answer for a small local model
MAX_RETRIES = 2
TEMPERATURE = 0.7  # copy should not read the same for every film


class OpenAIMarketingWriter(MarketingWriter):
    def __init__(self, base_url: str, api_key: str, model: str, timeout_s: float = REQUEST_TIMEOUT_S,
                 max_retries: int = MAX_RETRIES):
        self._client = openai.OpenAI(base_url=base_url, api_key=api_key or "none", timeout=timeout_s,
                                     max_retries=max_retries)
        self._model = model

    def write(self, messages: list[dict]) -> str:
        try:
            answer = self._client.chat.completions.create(
                model=self._model, temperature=TEMPERATURE, response_format={"type": "json_object"},
                messages=messages,
            )
        except openai.APIStatusError as error:
            raise MarketingUnavailable(f"the model server answered HTTP {error.status_code}") from None
        except openai.APIError as error:  # connection refused, timeout, unreadable body
            raise MarketingUnavailable(f"the model server could not be reached: {type(error).__name__}") from None
        content = answer.choices[0].message.content if answer.choices else None
        if not content:
            raise MarketingUnavailable("the model gave an empty answer")
        return content


def marketing_writer_from_settings(settings) -> OpenAIMarketingWriter | None:
    """The writer when NOLLYCREW_LLM_BASE_URL and NOLLYCREW_LLM_MODEL are set, else None ("not configured")."""
    server = configured_llm(settings)
    return None if server is None else OpenAIMarketingWriter(*server)
