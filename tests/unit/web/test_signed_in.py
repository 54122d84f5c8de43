"""web/signed_in.py: one /_session round trip per credential per few seconds, no more."""
from types import SimpleNamespace

import pytest

from web.signed_in import SESSION_CACHE_S, NotSignedIn, SignInCheck


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class CouchSessions(list):
    """CouchDB's /_session as the check sees it: "Basic good" is Ada; each question is kept."""

    async def __call__(self, request, credential):
        self.append(credential)
        return "ada" if credential[0] == "Basic good" else None


@pytest.fixture
def couch_asked() -> CouchSessions:
    return CouchSessions()


def request(authorization: str = "", cookie: str = ""):
    headers = {name: value for name, value in (("Authorization", authorization), ("Cookie", cookie)) if value}
    return SimpleNamespace(headers=headers)


async def test_an_answer_is_remembered_for_a_few_seconds_per_credential(couch_asked):
    clock = Clock()
    check = SignInCheck(clock, ask_couch=couch_asked)
    assert await check.person(request("Basic good")) == "ada"
    assert await check.person(request("Basic good")) == "ada"
    assert len(couch_asked) == 1
    clock.now += SESSION_CACHE_S + 0.1
    assert await check.person(request("Basic good")) == "ada"
    assert len(couch_asked) == 2


async def test_refusals_are_remembered_too_and_anonymous_never_reaches_couch(couch_asked):
    check = SignInCheck(Clock(), ask_couch=couch_asked)
    for _ in range(3):
        with pytest.raises(NotSignedIn):
            await check.person(request("Basic wrong"))
    with pytest.raises(NotSignedIn):
        await check.person(request())
    assert couch_asked == [("Basic wrong", "")]


async def test_an_app_session_token_is_asked_of_the_sessions_not_of_couch(couch_asked):
    sessions_asked = []

    async def session_person(request):
        sessions_asked.append(request.headers["Authorization"])
        return "bisi"

    check = SignInCheck(Clock(), app_session_person=session_person, ask_couch=couch_asked)
    assert await check.person(request("Bearer tok3n")) == "bisi"
    assert await check.person(request("Bearer tok3n")) == "bisi"
    assert await check.person(request("Basic good")) == "ada"
    assert sessions_asked == ["Bearer tok3n"]
    assert couch_asked == [("Basic good", "")]
