"""A local Twilio on the real wire protocol: the Messages API, status callbacks, inbound webhooks.

In a test:      async with FakeTwilio(ACCOUNT_SID, AUTH_TOKEN) as fake: ...  (fake.base_url)
As a process:   python -m tests.fakes.twilio_server --port 8799 --account-sid AC... --auth-token ...
Either way it also serves /_fake/ routes, so a test in another process can see what was sent.
"""
import argparse
import asyncio
import contextlib
import secrets
import signal
from datetime import datetime, timezone
from email.utils import format_datetime
from typing import Literal

import aiohttp
from aiohttp import web
from multidict import MultiDictProxy
from twilio.request_validator import RequestValidator

API_VERSION = "2010-04-01"
DEFAULT_ACCOUNT_SID = "AC" + "0" * 32
WHATSAPP_SANDBOX = "whatsapp:+14155238886"
SMS_NUMBER = "+15005550006"
# Real Twilio reports a status a moment after answering the create request, never before it.
CALLBACK_DELAY_S = 0.05
HTTP_TIMEOUT_S = 10.0
ERRORS = {  # Twilio error code: (HTTP status, Twilio's message)
    20003: (401, "Authenticate"),
    20404: (404, "The requested resource was not found"),
    20429: (429, "Too Many Requests"),
    20500: (500, "Internal Server Error"),
    21211: (400, "Invalid 'To' Phone Number"),
    21602: (400, "Message body is required."),
    21603: (400, "A 'From' phone number is required."),
    21604: (400, "A 'To' phone number is required."),
    21610: (400, "Attempt to send to unsubscribed recipient"),
}

routes = web.RouteTableDef()


class FakeTwilio:
    """One Twilio account. Failure switches are plain attributes; what happened is in plain lists."""

    def __init__(self, account_sid: str = DEFAULT_ACCOUNT_SID, auth_token: str = "fake-auth-token",
                 host: str = "127.0.0.1", port: int = 0):
        self.account_sid, self.auth_token = account_sid, auth_token
        self._host, self._port = host, port
        self.base_url = ""  # known once started: the port may be picked by the system
        self._runner: web.AppRunner | None = None
        self._callback_tasks: list[asyncio.Task] = []
        self.reset()

    def reset(self) -> None:
        """Forget what was sent and switch every failure off."""
        # Message resources, plus the media_urls and status_callback each send asked for.
        self.messages: list[dict] = []
        # Each status callback made: url, params, signature, then response_status or error.
        self.callbacks: list[dict] = []
        self.opted_out: set[str] = set()  # numbers answered with 21610
        self.invalid: set[str] = set()  # numbers answered with 21211
        self.undeliverable: dict[str, int] = {}  # number -> ErrorCode of its "undelivered" callback
        # number -> ErrorCode of a "failed" callback straight after the send (30003 unreachable,
        # 30005 unknown number, 21610 stopped, 63024 invalid WhatsApp recipient...).
        self.failing: dict[str, int] = {}
        self.no_whatsapp: set[str] = set()  # WhatsApp sends to these fail with 63003; SMS works
        # WhatsApp free text to these fails with 63016 (the 24-hour window is closed); a
        # ContentSid template send goes through.
        self.outside_window: set[str] = set()
        self.read_receipts = False  # a WhatsApp message reports "read" after "delivered"
        self.duplicate_callbacks = False  # every status callback is made twice, as Twilio may
        self.throttled = False  # answer every send with 429 / 20429
        self.retry_after_s = 1  # the Retry-After header of those 429s
        self.throttle_next = 0  # answer this many sends with 429, then accept again (a burst)
        self.fail_next = 0  # answer this many sends with 500
        # Files people sent with inbound messages, by Media SID: (bytes, content type). Twilio
        # serves each at its MediaUrl behind the account's basic auth.
        self.media: dict[str, tuple[bytes, str]] = {}
        self.media_fetches: list[dict] = []  # each GET of a MediaUrl: media_sid, authorised
        # Live Twilio answers a MediaUrl with a 307 to its file store (a signed, auth-free URL).
        self.media_redirects = False
        self.file_store_requests: list[dict] = []  # each GET of the file store: media_sid, authorization

    async def start(self) -> "FakeTwilio":
        self._runner = web.AppRunner(create_app(self), access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, self._host, self._port).start()
        self.base_url = f"http://{self._host}:{self._runner.addresses[0][1]}"
        return self

    async def stop(self) -> None:
        try:
            for task in self._callback_tasks:
                task.cancel()
            for task in self._callback_tasks:
                with contextlib.suppress(asyncio.CancelledError):
                    await task  # a bug in a callback task surfaces here rather than vanishing
        finally:
            if self._runner is not None:
                await self._runner.cleanup()

    async def __aenter__(self) -> "FakeTwilio":
        return await self.start()

    async def __aexit__(self, *exc_info) -> None:
        await self.stop()

    async def wait_for_callbacks(self, count: int, timeout_s: float = 5.0) -> list[dict]:
        """The first `count` status callbacks, once each has been made and answered."""
        try:
            async with asyncio.timeout(timeout_s):
                while len(self.callbacks) < count:
                    await asyncio.sleep(CALLBACK_DELAY_S)
        except TimeoutError as error:
            made = len(self.callbacks)
            raise TimeoutError(f"{made} of {count} status callbacks made in {timeout_s} s") from error
        return self.callbacks[:count]

    def add_media(self, data: bytes, content_type: str) -> str:
        """Keep a file as if a person had sent it in a message; its MediaUrl (under base_url)."""
        message_sid, media_sid = "MM" + secrets.token_hex(16), "ME" + secrets.token_hex(16)
        self.media[media_sid] = (data, content_type)
        return f"{self.base_url}/{API_VERSION}/Accounts/{self.account_sid}/Messages/{message_sid}/Media/{media_sid}"

    def accept(self, form: MultiDictProxy, session: aiohttp.ClientSession) -> dict:
        """Record one message Twilio would queue; report its progress if a callback was asked for."""
        media_urls = form.getall("MediaUrl", [])
        sid = ("MM" if media_urls else "SM") + secrets.token_hex(16)
        now = format_datetime(datetime.now(timezone.utc))
        uri = f"/{API_VERSION}/Accounts/{self.account_sid}/Messages/{sid}"
        resource = {
            "account_sid": self.account_sid, "api_version": API_VERSION, "body": form.get("Body", ""),
            "date_created": now, "date_sent": None, "date_updated": now, "direction": "outbound-api",
            "error_code": None, "error_message": None, "from": form["From"],
            "messaging_service_sid": None, "num_media": str(len(media_urls)), "num_segments": "1",
            "price": None, "price_unit": "USD", "sid": sid, "status": "queued",
            "subresource_uris": {"media": f"{uri}/Media.json"}, "to": form["To"], "uri": f"{uri}.json",
        }
        callback_url = form.get("StatusCallback")
        content = {"content_sid": form.get("ContentSid"), "content_variables": form.get("ContentVariables")}
        self.messages.append({**resource, "media_urls": media_urls, "status_callback": callback_url, **content})
        if callback_url:
            report = self._report_progress(session, callback_url, resource, self.progress(resource, content))
            self._callback_tasks.append(asyncio.create_task(report))
        return resource

    def progress(self, message: dict, content: dict) -> list[tuple[str, int | None]]:
        """The states (and ErrorCode) Twilio will report for this message, in order."""
        number, whatsapp = _bare(message["to"]), message["to"].startswith("whatsapp:")
        if whatsapp and number in self.no_whatsapp:
            return [("failed", 63003)]
        if whatsapp and number in self.outside_window and not content["content_sid"]:
            return [("failed", 63016)]
        if number in self.failing:
            return [("failed", self.failing[number])]
        if number in self.undeliverable:
            return [("sent", None), ("undelivered", self.undeliverable[number])]
        read = [("read", None)] if whatsapp and self.read_receipts else []
        return [("sent", None), ("delivered", None), *read]

    async def _report_progress(
        self, session: aiohttp.ClientSession, url: str, message: dict, steps: list[tuple[str, int | None]]
    ) -> None:
        for status, error_code in steps:
            await asyncio.sleep(CALLBACK_DELAY_S)
            params = {
                "AccountSid": self.account_sid, "ApiVersion": API_VERSION, "From": message["from"],
                "To": message["to"], "MessageSid": message["sid"], "SmsSid": message["sid"],
                "MessageStatus": status, "SmsStatus": status,
            }
            if error_code is not None:
                params["ErrorCode"] = str(error_code)
            for _ in range(2 if self.duplicate_callbacks else 1):
                await self._post_callback(session, url, params)

    async def _post_callback(self, session: aiohttp.ClientSession, url: str, params: dict) -> None:
        signature = RequestValidator(self.auth_token).compute_signature(url, params)
        record: dict = {"url": url, "params": params, "signature": signature}
        try:
            async with session.post(url, data=params, headers={"X-Twilio-Signature": signature}) as answer:
                record["response_status"] = answer.status
        # Real Twilio notes an unreachable callback in its debugger and moves on; so does the fake.
        except aiohttp.ClientError as error:
            record["error"] = repr(error)
        self.callbacks.append(record)


FAKE = web.AppKey("fake_twilio", FakeTwilio)
CALLBACK_SESSION = web.AppKey("callback_session", aiohttp.ClientSession)


def create_app(fake: FakeTwilio) -> web.Application:
    app = web.Application()
    app[FAKE] = fake
    app.cleanup_ctx.append(_callback_session)
    app.add_routes(routes)
    return app


async def _callback_session(app: web.Application):
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=HTTP_TIMEOUT_S)) as session:
        app[CALLBACK_SESSION] = session
        yield


@routes.post(f"/{API_VERSION}/Accounts/{{account_sid}}/Messages.json")
async def create_message(request: web.Request) -> web.Response:
    fake = request.app[FAKE]
    if not _authorised(fake, request.headers.get("Authorization")):
        return twilio_error(20003, headers={"WWW-Authenticate": 'Basic realm="Twilio API"'})
    if request.match_info["account_sid"] != fake.account_sid:
        return twilio_error(20404)
    form = await request.post()
    if fake.fail_next > 0:
        fake.fail_next -= 1
        return twilio_error(20500)
    if fake.throttle_next > 0 or fake.throttled:
        fake.throttle_next = max(0, fake.throttle_next - 1)
        return twilio_error(20429, headers={"Retry-After": str(fake.retry_after_s)})
    if not form.get("To"):
        return twilio_error(21604)
    if not form.get("From"):
        return twilio_error(21603)
    if not (form.get("Body") or form.get("MediaUrl") or form.get("ContentSid")):
        return twilio_error(21602)
    if _bare(form["To"]) in fake.invalid:
        return twilio_error(21211)
    if _bare(form["To"]) in fake.opted_out:
        return twilio_error(21610)
    return web.json_response(fake.accept(form, request.app[CALLBACK_SESSION]), status=201)


@routes.get(f"/{API_VERSION}/Accounts/{{account_sid}}/Messages/{{message_sid}}/Media/{{media_sid}}")
async def media_file(request: web.Request) -> web.StreamResponse:
    """A MediaUrl: the file's bytes with its type, for the account's credentials only."""
    fake, media_sid = request.app[FAKE], request.match_info["media_sid"]
    authorised = _authorised(fake, request.headers.get("Authorization"))
    fake.media_fetches.append({"media_sid": media_sid, "authorised": authorised})
    if not authorised:
        return twilio_error(20003, headers={"WWW-Authenticate": 'Basic realm="Twilio API"'})
    if request.match_info["account_sid"] != fake.account_sid or media_sid not in fake.media:
        return twilio_error(20404)
    if fake.media_redirects:
        raise web.HTTPTemporaryRedirect(f"/_fake/file-store/{media_sid}")
    data, content_type = fake.media[media_sid]
    return web.Response(body=data, headers={"Content-Type": content_type})


@routes.get("/_fake/file-store/{media_sid}")
async def file_store(request: web.Request) -> web.Response:
    """Where a redirected MediaUrl leads: no auth asked, and what arrived is recorded."""
    fake, media_sid = request.app[FAKE], request.match_info["media_sid"]
    fake.file_store_requests.append({"media_sid": media_sid, "authorization": request.headers.get("Authorization")})
    if media_sid not in fake.media:
        return web.Response(status=404)
    data, content_type = fake.media[media_sid]
    return web.Response(body=data, headers={"Content-Type": content_type})


@routes.get("/_fake/messages")
async def recorded_messages(request: web.Request) -> web.Response:
    return web.json_response(request.app[FAKE].messages)


@routes.get("/_fake/callbacks")
async def recorded_callbacks(request: web.Request) -> web.Response:
    return web.json_response(request.app[FAKE].callbacks)


@routes.post("/_fake/reset")
async def reset_fake(request: web.Request) -> web.Response:
    request.app[FAKE].reset()
    return web.json_response({"reset": True})


@routes.post("/_fake/behaviour")
async def set_behaviour(request: web.Request) -> web.Response:
    """Switch failures on from another process: {"opted_out": [...], "throttled": true, ...}."""
    fake, wanted = request.app[FAKE], await request.json()
    fake.opted_out |= set(wanted.get("opted_out", []))
    fake.invalid |= set(wanted.get("invalid", []))
    fake.undeliverable |= {number: int(code) for number, code in wanted.get("undeliverable", {}).items()}
    fake.failing |= {number: int(code) for number, code in wanted.get("failing", {}).items()}
    fake.no_whatsapp |= set(wanted.get("no_whatsapp", []))
    fake.outside_window |= set(wanted.get("outside_window", []))
    fake.read_receipts = wanted.get("read_receipts", fake.read_receipts)
    fake.duplicate_callbacks = wanted.get("duplicate_callbacks", fake.duplicate_callbacks)
    fake.throttle_next = wanted.get("throttle_next", fake.throttle_next)
    fake.throttled = wanted.get("throttled", fake.throttled)
    fake.retry_after_s = wanted.get("retry_after_s", fake.retry_after_s)
    fake.fail_next = wanted.get("fail_next", fake.fail_next)
    return web.json_response({"ok": True})


def twilio_error(code: int, headers: dict | None = None) -> web.Response:
    status, message = ERRORS[code]
    body = {"code": code, "message": message,
            "more_info": f"https://www.twilio.com/docs/errors/{code}", "status": status}
    return web.json_response(body, status=status, headers=headers)


def _authorised(fake: FakeTwilio, header: str | None) -> bool:
    try:
        credentials = aiohttp.BasicAuth.decode(header or "")
    except ValueError:
        return False
    return (credentials.login, credentials.password) == (fake.account_sid, fake.auth_token)


def _bare(address: str) -> str:
    """'whatsapp:+234...' -> '+234...': failure switches are keyed by number, whatever the channel."""
    return address.split(":", 1)[-1]


def inbound_form(
    from_: str, body: str, message_sid: str, to: str | None, account_sid: str
) -> dict[str, str]:
    """The fields Twilio posts for a message from a person, WhatsApp ones included when it is one."""
    whatsapp = from_.startswith("whatsapp:")
    form = {
        "SmsMessageSid": message_sid, "NumMedia": "0", "SmsSid": message_sid, "SmsStatus": "received",
        "Body": body, "To": to or (WHATSAPP_SANDBOX if whatsapp else SMS_NUMBER), "NumSegments": "1",
        "MessageSid": message_sid, "AccountSid": account_sid, "From": from_, "ApiVersion": API_VERSION,
    }
    if whatsapp:
        form |= {"ProfileName": "Crew Member", "WaId": _bare(from_).lstrip("+"),
                 "MessageType": "text", "ReferralNumMedia": "0"}
    return form


async def deliver_inbound(
    url: str, auth_token: str, from_: str, body: str, message_sid: str | None = None,
    to: str | None = None, extra: dict[str, str] | None = None, *,
    account_sid: str = DEFAULT_ACCOUNT_SID, signature: Literal["valid", "wrong", "missing"] = "valid",
) -> int:
    """Act as Twilio delivering one message from a person to our webhook; returns our HTTP status."""
    sid = message_sid or "SM" + secrets.token_hex(16)
    form = inbound_form(from_, body, sid, to, account_sid) | (extra or {})
    headers = {}
    if signature != "missing":
        token = auth_token if signature == "valid" else f"not-{auth_token}"
        headers["X-Twilio-Signature"] = RequestValidator(token).compute_signature(url, form)
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=HTTP_TIMEOUT_S)) as session:
        async with session.post(url, data=form, headers=headers) as answer:
            return answer.status


async def serve(host: str, port: int, account_sid: str, auth_token: str) -> None:
    async with FakeTwilio(account_sid, auth_token, host=host, port=port) as fake:
        stopping = asyncio.Event()
        for signal_number in (signal.SIGINT, signal.SIGTERM):
            asyncio.get_running_loop().add_signal_handler(signal_number, stopping.set)
        # The parent process waits for this line before it sends anything.
        print(f"fake twilio listening on {fake.base_url}", flush=True)
        await stopping.wait()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="A local fake of Twilio's Messages API.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port (printed on start)")
    parser.add_argument("--account-sid", default=DEFAULT_ACCOUNT_SID)
    parser.add_argument("--auth-token", default="fake-auth-token")
    args = parser.parse_args(argv)
    asyncio.run(serve(args.host, args.port, args.account_sid, args.auth_token))


if __name__ == "__main__":
    main()
