"""The language model NollyCrew may use (breakdown assistant, marketing copy): any
OpenAI-compatible server, configured by NOLLYCREW_LLM_BASE_URL, _MODEL and _API_KEY."""
from typing import NamedTuple


class LlmServer(NamedTuple):
    base_url: str
    api_key: str
    model: str


def configured_llm(settings) -> LlmServer | None:
    """The server when its base URL and model are set, else None (the features say "not configured")."""
    base_url, model = getattr(settings, "llm_base_url", ""), getattr(settings, "llm_model", "")
    if not base_url or not model:
        return None
    key = getattr(settings, "llm_api_key", "")
    key = key.get_secret_value() if hasattr(key, "get_secret_value") else str(key or "")
    return LlmServer(base_url, key, model)
