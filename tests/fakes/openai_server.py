"""A local OpenAI-compatible server on the real chat-completions wire format, for the breakdown assistant.

In a test:      async with FakeOpenAI(api_key="k") as fake: ... (fake.base_url ends in /v1)
As a process:   python -m tests.fakes.openai_server --port 8798 --api-key k
`fake.answer(request_body) -> str` decides the assistant message; `fake.fail_status` makes every call
fail with that HTTP status and OpenAI's error body; `fake.requests` holds every request body received.
/v1/audio/transcriptions answers with `fake.transcript_text` over `fake.transcript_duration_s` (a
multipart upload as the real API takes it); `fake.transcriptions` records each upload received.
/v1/embeddings answers every input with `fake.embed(text)` (default: words counted into
`fake.embedding_dim` slots, so texts sharing words are near), as floats or base64 as asked;
`fake.embedding_requests` holds those request bodies. `fake.fail_next` is a list of HTTP statuses
answered, one per request and first in first out, before anything else (a 429 then a success).
"""
import argparse
import asyncio
import base64
import hashlib
import itertools
import json
import struct
import time

from aiohttp import web

routes = web.RouteTableDef()
FAKE_KEY = web.AppKey("fake", object)
ERROR_TYPES = {401: "invalid_request_error", 429: "rate_limit_error", 500: "server_error", 503: "server_error"}


def echo_no_elements(body: dict) -> str:
    """Default model: an empty element list for every scene it was sent."""
    scenes = json.loads(body["messages"][-1]["content"])["scenes"]
    return json.dumps({"scenes": {scene["id"]: {} for scene in scenes}})


class FakeOpenAI:
    def __init__(self, api_key: str = "fake-openai-key", host: str = "127.0.0.1", port: int = 0):
        self.api_key, self._host, self._port = api_key, host, port
        self.base_url = ""
        self._runner: web.AppRunner | None = None
        self._ids = itertools.count(1)
        self.reset()

    def reset(self) -> None:
        self.requests: list[dict] = []
        self.answer = echo_no_elements
        self.fail_status: int | None = None
        self.transcript_text = "Good morning, I am reading for the part of Ada."
        self.transcript_duration_s = 3.5
        self.transcriptions: list[dict] = []  # model, response_format, file_name, content_type, audio
        self.embedding_dim = 64
        self.embed = self.word_slots
        self.embedding_requests: list[dict] = []
        self.fail_next: list[int] = []

    def word_slots(self, text: str) -> list[float]:
        """Default embedding model: each word adds 1 to one of `embedding_dim` slots."""
        vector = [0.0] * self.embedding_dim
        for word in text.casefold().split():
            word = word.strip(".,;:!?'\"()")
            if word:
                vector[int.from_bytes(hashlib.sha1(word.encode()).digest()[:4], "big") % self.embedding_dim] += 1.0
        return vector

    def planned_failure(self) -> web.Response | None:
        if not self.fail_next:
            return None
        status = self.fail_next.pop(0)
        return _error(status, "The fake server was told to fail this request.")

    async def __aenter__(self) -> "FakeOpenAI":
        app = web.Application()
        app[FAKE_KEY] = self
        app.add_routes(routes)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self._host, self._port)
        await site.start()
        port = self._runner.addresses[0][1]
        self.base_url = f"http://{self._host}:{port}/v1"
        return self

    async def __aexit__(self, *exc) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def completion(self, body: dict) -> dict:
        content = self.answer(body)
        prompt_tokens = sum(len(m.get("content") or "") for m in body["messages"]) // 4
        return {
            "id": f"chatcmpl-fake{next(self._ids)}", "object": "chat.completion", "created": int(time.time()),
            "model": body["model"], "system_fingerprint": "fp_fake",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content, "refusal": None},
                         "logprobs": None, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": len(content) // 4,
                      "total_tokens": prompt_tokens + len(content) // 4},
        }


def _error(status: int, message: str, code: str | None = None) -> web.Response:
    body = {"error": {"message": message, "type": ERROR_TYPES.get(status, "invalid_request_error"),
                      "param": None, "code": code}}
    return web.json_response(body, status=status)


@routes.post("/v1/chat/completions")
async def chat_completions(request: web.Request) -> web.Response:
    fake: FakeOpenAI = request.app[FAKE_KEY]
    if request.headers.get("Authorization") != f"Bearer {fake.api_key}":
        return _error(401, "Incorrect API key provided.", "invalid_api_key")
    try:
        body = await request.json()
    except json.JSONDecodeError:
        return _error(400, "We could not parse the JSON body of your request.")
    if not isinstance(body, dict) or not body.get("model") or not isinstance(body.get("messages"), list):
        return _error(400, "'model' and 'messages' are required.")
    fake.requests.append(body)
    planned = fake.planned_failure()
    if planned is not None:
        return planned
    if fake.fail_status is not None:
        return _error(fake.fail_status, "The fake server was told to fail.")
    return web.json_response(fake.completion(body))


@routes.post("/v1/embeddings")
async def embeddings(request: web.Request) -> web.Response:
    fake: FakeOpenAI = request.app[FAKE_KEY]
    if request.headers.get("Authorization") != f"Bearer {fake.api_key}":
        return _error(401, "Incorrect API key provided.", "invalid_api_key")
    try:
        body = await request.json()
    except json.JSONDecodeError:
        return _error(400, "We could not parse the JSON body of your request.")
    texts = body.get("input") if isinstance(body, dict) else None
    texts = [texts] if isinstance(texts, str) else texts
    if not body.get("model") or not isinstance(texts, list) or not texts:
        return _error(400, "'model' and 'input' are required.")
    if not all(isinstance(text, str) and text for text in texts):
        return _error(400, "'$.input' is invalid: every input must be a non-empty string.")
    fake.embedding_requests.append(body)
    planned = fake.planned_failure()
    if planned is not None:
        return planned
    if fake.fail_status is not None:
        return _error(fake.fail_status, "The fake server was told to fail.")
    rows = []
    for index, text in enumerate(texts):
        vector = fake.embed(text)
        if body.get("encoding_format") == "base64":  # little-endian float32, as the real API sends
            vector = base64.b64encode(struct.pack(f"<{len(vector)}f", *vector)).decode()
        rows.append({"object": "embedding", "index": index, "embedding": vector})
    tokens = sum(len(text.split()) for text in texts)
    return web.json_response({"object": "list", "data": rows, "model": body["model"],
                              "usage": {"prompt_tokens": tokens, "total_tokens": tokens}})


@routes.post("/v1/audio/transcriptions")
async def audio_transcriptions(request: web.Request) -> web.Response:
    fake: FakeOpenAI = request.app[FAKE_KEY]
    if request.headers.get("Authorization") != f"Bearer {fake.api_key}":
        return _error(401, "Incorrect API key provided.", "invalid_api_key")
    if not request.content_type.startswith("multipart/form-data"):
        return _error(400, "Send the audio as multipart/form-data.")
    form = await request.post()
    upload, model = form.get("file"), form.get("model")
    if not isinstance(upload, web.FileField) or not model:
        return _error(400, "'file' and 'model' are required.")
    audio = upload.file.read()
    response_format = form.get("response_format", "json")
    fake.transcriptions.append({"model": model, "response_format": response_format, "file_name": upload.filename,
                                "content_type": upload.content_type, "audio": audio})
    if fake.fail_status is not None:
        return _error(fake.fail_status, "The fake server was told to fail.")
    if not audio:
        return _error(400, "The audio file could not be decoded or its format is not supported.")
    text, duration = fake.transcript_text, fake.transcript_duration_s
    if response_format == "text":
        return web.Response(text=text)
    if response_format != "verbose_json":
        return web.json_response({"text": text})
    segment = {"id": 0, "seek": 0, "start": 0.0, "end": duration, "text": f" {text}", "tokens": [],
               "temperature": 0.0, "avg_logprob": -0.2, "compression_ratio": 1.1, "no_speech_prob": 0.01}
    return web.json_response({"task": "transcribe", "language": "english", "duration": duration, "text": text,
                              "segments": [segment] if text else []})


async def _serve(port: int, api_key: str) -> None:
    async with FakeOpenAI(api_key=api_key, port=port) as fake:
        print(f"fake OpenAI on {fake.base_url}", flush=True)
        await asyncio.Event().wait()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8798)
    parser.add_argument("--api-key", default="fake-openai-key")
    arguments = parser.parse_args()
    asyncio.run(_serve(arguments.port, arguments.api_key))
