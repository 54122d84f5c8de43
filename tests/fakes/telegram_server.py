"""A local Telegram Bot API on the real wire format (core.telegram.org/bots/api), for the bots.

In a test:      async with FakeTelegram(TOKEN) as fake: ...  (fake.base_url ends in /bot)
As a process:   python -m tests.fakes.telegram_server --port 8797 --token 123456:ABC
GET /_fake/sent lists what was sent, for a test in another process.
Methods are POST (or GET) /bot<token>/<method> with JSON, urlencoded or multipart bodies, answered
{"ok": true, "result": ...} or {"ok": false, "error_code": ..., "description": ...}. Failure
switches are plain attributes; what was sent is in `fake.sent`. `deliver(update)` posts an update
to the webhook set with setWebhook, secret token header included, as often as it is called.
"""
import argparse
import asyncio
import itertools
import json
import random
import time

import aiohttp
from aiohttp import web

from tests.fakes.loopback import LoopbackServer, serve_until_signalled

FAKE = web.AppKey("fake_telegram", object)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
SEND_METHODS = ("sendMessage", "sendDocument", "sendPhoto", "sendLocation")
# Form fields the Bot API reads as JSON when a body is urlencoded or multipart.
JSON_FIELDS = ("reply_markup", "reply_parameters", "entities", "caption_entities", "allowed_updates")
WEBHOOK_TIMEOUT_S = 10.0


class FakeTelegram(LoopbackServer):
    """One bot. Its id is the token's part before the colon, as on the real Bot API."""

    API_PATH = "/bot"  # PTB's base_url: the token follows it directly

    def __init__(self, token: str = "123456:fake-telegram-token", host: str = "127.0.0.1", port: int = 0):
        super().__init__(host, port)
        self.token = token
        self.bot_user = {"id": int(token.split(":", 1)[0]), "is_bot": True, "first_name": "NollyCrew",
                         "username": "nollycrew_bot", "can_join_groups": False}
        # Telegram's update ids are large and only grow; a random start keeps the ids (and the
        # message ids derived from them) of one test run apart from the last run's in CouchDB.
        self._update_ids = itertools.count(random.randrange(10**8, 9 * 10**8))
        self._message_ids = itertools.count(1)
        self.reset()

    def reset(self) -> None:
        """Forget what was sent and switch every failure off."""
        self.sent: list[dict] = []  # {"method", "chat_id", "params"} per accepted send
        self.calls: list[str] = []  # every method called with the right token, accepted or not
        self.blocked: set[int] = set()  # chats answered 403 "bot was blocked by the user"
        self.deactivated: set[int] = set()  # chats answered 403 "user is deactivated"
        self.missing: set[int] = set()  # chats answered 400 "chat not found"
        self.retry_after_s: int | None = None  # answer every send with 429 and this retry_after
        self.fail_next = 0  # answer this many sends with 500
        self.files: dict[str, dict] = {}  # file_id -> {"file_path", "content", "file_size"}
        self.webhook: dict = {}  # what setWebhook was last given
        self.deliveries: list[int] = []  # HTTP status of each update posted to the webhook

    @property
    def file_base_url(self) -> str:
        return f"{self.root_url}/file/bot"

    def application(self) -> web.Application:
        app = web.Application()
        app[FAKE] = self
        app.add_routes([
            web.route("*", "/bot{token}/{method}", _method),
            web.get("/file/bot{token}/{path:.+}", _file),
            # For a test in another process: what the bot sent, as JSON.
            web.get("/_fake/sent", _sent),
        ])
        return app

    def add_file(self, file_id: str, file_path: str, content: bytes) -> None:
        self.files[file_id] = {"file_path": file_path, "content": content, "file_size": len(content)}

    def texts_to(self, chat_id: int) -> list[str]:
        return [entry["params"].get("text", "") for entry in self.sent if entry["chat_id"] == chat_id]

    def next_update_id(self) -> int:
        return next(self._update_ids)

    async def deliver(self, update: dict, url: str | None = None, secret: str | None = None) -> int:
        """POST `update` to our webhook as Telegram does; the HTTP status it got back."""
        url = url or self.webhook["url"]
        secret = self.webhook.get("secret_token") if secret is None else secret
        headers = {SECRET_HEADER: secret} if secret else {}
        timeout = aiohttp.ClientTimeout(total=WEBHOOK_TIMEOUT_S)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            async with session.post(url, json=update, headers=headers) as answer:
                self.deliveries.append(answer.status)
                return answer.status

    def answer(self, method: str, params: dict) -> web.Response:
        self.calls.append(method)
        if method == "getMe":
            return _ok(self.bot_user)
        if method in ("setWebhook", "deleteWebhook"):
            self.webhook = dict(params) if method == "setWebhook" else {}
            return _ok(True)
        if method == "getFile":
            return self._get_file(params)
        if method in SEND_METHODS:
            return self._send(method, params)
        return _error(404, "Not Found")

    def _send(self, method: str, params: dict) -> web.Response:
        if "chat_id" not in params:
            return _error(400, "Bad Request: chat_id is empty")
        chat_id = int(params["chat_id"])
        if self.fail_next > 0:
            self.fail_next -= 1
            return _error(500, "Internal Server Error")
        if self.retry_after_s is not None:
            return _error(429, f"Too Many Requests: retry after {self.retry_after_s}",
                          {"retry_after": self.retry_after_s})
        if chat_id in self.blocked:
            return _error(403, "Forbidden: bot was blocked by the user")
        if chat_id in self.deactivated:
            return _error(403, "Forbidden: user is deactivated")
        if chat_id in self.missing:
            return _error(400, "Bad Request: chat not found")
        if method == "sendMessage" and not params.get("text"):
            return _error(400, "Bad Request: message text is empty")
        self.sent.append({"method": method, "chat_id": chat_id, "params": params})
        return _ok(self._message(method, chat_id, params))

    def _message(self, method: str, chat_id: int, params: dict) -> dict:
        message = {"message_id": next(self._message_ids), "from": self.bot_user, "date": int(time.time()),
                   "chat": {"id": chat_id, "type": "private", "first_name": "Crew"}}
        if method == "sendMessage":
            message["text"] = params["text"]
        elif method == "sendDocument":
            name = str(params.get("document", "")).rsplit("/", 1)[-1] or "file"
            message["document"] = {"file_id": f"doc-{message['message_id']}", "file_unique_id": "u",
                                   "file_name": name}
        elif method == "sendPhoto":
            message["photo"] = [{"file_id": f"photo-{message['message_id']}", "file_unique_id": "u",
                                 "width": 1280, "height": 720}]
        else:
            message["location"] = {"latitude": float(params["latitude"]), "longitude": float(params["longitude"])}
        return message

    def _get_file(self, params: dict) -> web.Response:
        stored = self.files.get(str(params.get("file_id", "")))
        if stored is None:
            return _error(400, "Bad Request: invalid file_id")
        return _ok({"file_id": params["file_id"], "file_unique_id": f"u-{params['file_id']}",
                    "file_size": stored["file_size"], "file_path": stored["file_path"]})


def _ok(result) -> web.Response:
    return web.json_response({"ok": True, "result": result})


def _error(code: int, description: str, parameters: dict | None = None) -> web.Response:
    body = {"ok": False, "error_code": code, "description": description}
    if parameters:
        body["parameters"] = parameters
    return web.json_response(body, status=code)


async def _params(request: web.Request) -> dict:
    """JSON, urlencoded or multipart, as the Bot API takes them all."""
    if request.content_type == "application/json":
        return await request.json()
    source = await request.post() if request.method == "POST" else request.query
    params = {key: value for key, value in source.items() if isinstance(value, str)}
    for key in JSON_FIELDS:
        if key in params:
            params[key] = json.loads(params[key])
    return params


async def _method(request: web.Request) -> web.Response:
    fake: FakeTelegram = request.app[FAKE]
    if request.match_info["token"] != fake.token:
        return _error(401, "Unauthorized")
    try:
        params = await _params(request)
    except (json.JSONDecodeError, ValueError):
        return _error(400, "Bad Request: can't parse request body")
    return fake.answer(request.match_info["method"], params)


async def _sent(request: web.Request) -> web.Response:
    return web.json_response(request.app[FAKE].sent)


async def _file(request: web.Request) -> web.Response:
    fake: FakeTelegram = request.app[FAKE]
    if request.match_info["token"] != fake.token:
        return web.Response(status=401)
    for stored in fake.files.values():
        if stored["file_path"] == request.match_info["path"]:
            return web.Response(body=stored["content"])
    return web.Response(status=404)


def text_update(fake: FakeTelegram, user_id: int, text: str = "", **message_fields) -> dict:
    """An update as Telegram posts it for a private message from `user_id`."""
    user = {"id": user_id, "is_bot": False, "first_name": "Adaeze", "language_code": "en"}
    message = {"message_id": next(fake._message_ids), "from": user, "date": int(time.time()),
               "chat": {"id": user_id, "type": "private", "first_name": "Adaeze"}, **message_fields}
    if text:
        message["text"] = text
    return {"update_id": fake.next_update_id(), "message": message}


def contact_update(fake: FakeTelegram, user_id: int, phone: str, contact_user_id: int | None) -> dict:
    """A shared contact card; `contact_user_id` is the sender's own id when they share their number."""
    contact = {"phone_number": phone, "first_name": "Adaeze"}
    if contact_user_id is not None:
        contact["user_id"] = contact_user_id
    return text_update(fake, user_id, contact=contact)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8797)
    parser.add_argument("--token", default="123456:fake-telegram-token")
    arguments = parser.parse_args()
    fake_telegram = FakeTelegram(arguments.token, port=arguments.port)
    asyncio.run(serve_until_signalled(fake_telegram, "Telegram"))
