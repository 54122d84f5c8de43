"""A local OpenAI-compatible server on the real chat-completions wire format, for the breakdown assistant.

In a test:      async with FakeOpenAI(api_key="k") as fake: ... (fake.base_url ends in /v1)
As a process:   python -m tests.fakes.openai_server --port 8798 --api-key k
`fake.answer(request_body) -> str` decides the assistant message; `fake.fail_status` makes every call
fail with that HTTP status and OpenAI's error body; `fake.requests` holds every request body received.
"""
import argparse
import asyncio
import itertools
import json
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
    if fake.fail_status is not None:
        return _error(fake.fail_status, "The fake server was told to fail.")
    return web.json_response(fake.completion(body))


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
