"""Who is asking: the request's own sign-in, checked by CouchDB's /_session, remembered briefly.

The api holds no sign-in of its own; CouchDB decides, exactly as for /db/. Remembering the answer
for a few seconds per credential means a person paging through results costs one round trip,
not one per page. A revoked password keeps working here for at most SESSION_CACHE_S.
A request with no CouchDB credentials of its own (Basic, AuthSession) but an app session token
is asked of `app_session_person` instead (web/auth's sessions), remembered the same way.
"""
import time
from collections.abc import Awaitable, Callable

import aiohttp
from aiohttp import web

from web.keys import COUCH_UPSTREAM, SETTINGS

SESSION_CACHE_S = 5.0
MAX_REMEMBERED = 10_000
CHECK_TIMEOUT_S = 5
CREDENTIAL_HEADERS = ("Authorization", "Cookie")
SIGNED_IN_ROLE = "person"  # what the directory's readers have (sync/provisioning.py)


class NotSignedIn(Exception):
    pass


class SignInCheck:
    def __init__(self, clock=time.monotonic,
                 app_session_person: Callable[[web.Request], Awaitable[str | None]] | None = None,
                 ask_couch: Callable[[web.Request, tuple], Awaitable[str | None]] | None = None):
        self._clock = clock
        self._app_session_person = app_session_person
        self._ask_couch = _ask_couch if ask_couch is None else ask_couch  # CouchDB's /_session; a stand-in in unit tests
        self._answers: dict[tuple, tuple[float, str | None]] = {}

    async def person(self, request: web.Request) -> str:
        """The signed-in person's name (their person id), or NotSignedIn."""
        credential = tuple(request.headers.get(name, "") for name in CREDENTIAL_HEADERS)
        if not any(credential):
            raise NotSignedIn()
        now = self._clock()
        remembered = self._answers.get(credential)
        if remembered is None or remembered[0] < now:
            remembered = (now + SESSION_CACHE_S, await self._ask(request, credential))
            self._remember(credential, remembered, now)
        if remembered[1] is None:
            raise NotSignedIn()
        return remembered[1]

    async def _ask(self, request: web.Request, credential: tuple) -> str | None:
        if self._app_session_person is not None and not _brings_couch_credentials(request):
            return await self._app_session_person(request)
        return await self._ask_couch(request, credential)

    def _remember(self, credential: tuple, answer: tuple, now: float) -> None:
        if len(self._answers) >= MAX_REMEMBERED:
            self._answers = {key: value for key, value in self._answers.items() if value[0] >= now}
            if len(self._answers) >= MAX_REMEMBERED:  # a flood of distinct credentials
                self._answers.clear()
        self._answers[credential] = answer


def _brings_couch_credentials(request: web.Request) -> bool:
    return request.headers.get("Authorization", "").lower().startswith("basic ") or (
        "AuthSession=" in request.headers.get("Cookie", ""))


async def _ask_couch(request: web.Request, credential: tuple) -> str | None:
    headers = {name: value for name, value in zip(CREDENTIAL_HEADERS, credential) if value}
    headers["Accept"] = "application/json"
    url = request.app[SETTINGS].couch_url.rstrip("/") + "/_session"
    async with request.app[COUCH_UPSTREAM].get(
        url, headers=headers, timeout=aiohttp.ClientTimeout(total=CHECK_TIMEOUT_S)
    ) as answer:
        if answer.status == 401:
            return None
        answer.raise_for_status()
        context = (await answer.json(content_type=None)).get("userCtx") or {}
    roles = context.get("roles") or []
    if context.get("name") and (SIGNED_IN_ROLE in roles or "_admin" in roles):
        return context["name"]
    return None
