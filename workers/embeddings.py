"""Adapters of the Embeddings port (core/embeddings.py).

WordLlamaEmbeddings: the default. The PyPI wheel wordllama==0.4.0.post1 ships its weights
(weights/l2_supercat_256.safetensors) and tokenizer (tokenizers/l2_supercat_tokenizer_config.json)
inside the package. Its loader looks for the tokenizer in a "tokenizer/" folder that the wheel
does not have and would then download it, so we point its cache at the package's own folder and
forbid downloads: nothing leaves the machine (tests/unit/workers/test_embeddings.py loads it with
sockets disabled).

OpenAIEmbeddings: any OpenAI-compatible /v1/embeddings (OpenAI, a local server), when
NOLLYCREW_EMBEDDINGS_API_BASE_URL is set.
"""
from pathlib import Path

import openai

from core.embeddings import Embeddings, EmbeddingsUnavailable, Vector

WORDLLAMA_CONFIG, WORDLLAMA_DIM = "l2_supercat", 256
REQUEST_TIMEOUT_S = 30.0
MAX_RETRIES = 2  # the client's own backoff, on 408/409/429/5xx and dropped connections
TEXTS_PER_REQUEST = 256
DEFAULT_API_MODEL = "text-embedding-3-small"


class WordLlamaEmbeddings(Embeddings):
    def __init__(self):
        import wordllama  # imported here: its load is the slow part, done once per process

        folder = Path(wordllama.__file__).resolve().parent
        self._model = wordllama.WordLlama.load(config=WORDLLAMA_CONFIG, dim=WORDLLAMA_DIM, cache_dir=folder,
                                               disable_download=True)
        self._name = f"wordllama-{wordllama.__version__}-{WORDLLAMA_CONFIG}-{WORDLLAMA_DIM}"

    @property
    def model_name(self) -> str:
        return self._name

    def embed(self, texts: list[str]) -> list[Vector]:
        if not texts:
            return []
        return list(self._model.embed(list(texts), norm=True))


class OpenAIEmbeddings(Embeddings):
    def __init__(self, base_url: str, api_key: str, model: str = DEFAULT_API_MODEL,
                 timeout_s: float = REQUEST_TIMEOUT_S, max_retries: int = MAX_RETRIES):
        self._client = openai.OpenAI(base_url=base_url, api_key=api_key or "none", timeout=timeout_s,
                                     max_retries=max_retries)
        self._model = model

    @property
    def model_name(self) -> str:
        return f"openai:{self._model}"

    def embed(self, texts: list[str]) -> list[Vector]:
        vectors: list[Vector] = []
        for start in range(0, len(texts), TEXTS_PER_REQUEST):
            batch = [text or " " for text in texts[start:start + TEXTS_PER_REQUEST]]  # the API refuses ""
            try:
                answer = self._client.embeddings.create(model=self._model, input=batch, encoding_format="float")
            except openai.APIStatusError as error:
                raise EmbeddingsUnavailable(f"the embeddings server answered HTTP {error.status_code}") from None
            except openai.APIError as error:  # connection refused, timeout, unreadable body
                raise EmbeddingsUnavailable(
                    f"the embeddings server could not be reached: {type(error).__name__}") from None
            rows = sorted(answer.data, key=lambda row: row.index)
            if len(rows) != len(batch):
                raise EmbeddingsUnavailable("the embeddings server answered for a different number of texts")
            vectors += [row.embedding for row in rows]
        return vectors


def embeddings_from_settings(settings) -> Embeddings:
    """OpenAI embeddings when NOLLYCREW_EMBEDDINGS_API_BASE_URL is set, else WordLlama (offline)."""
    if not settings.embeddings_api_base_url:
        return WordLlamaEmbeddings()
    return OpenAIEmbeddings(settings.embeddings_api_base_url, settings.embeddings_api_key.get_secret_value(),
                            settings.embeddings_api_model or DEFAULT_API_MODEL)
