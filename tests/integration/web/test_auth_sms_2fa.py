"""Codes by SMS as a second factor over HTTP, against the real PouchDB Server and Redis: turn on,
sign in with a password and the code (read from the console channel), turn off with a code."""
import json
import uuid

import pytest

from core import scopes
from tests.integration.web.test_auth import (  # noqa: F401 (fixtures)
    ask_code, cookie, new_phone, person_of, send_queued, sign_in,
)

PASSWORD = "correct horse battery"


@pytest.fixture
def with_sms_codes(api, sign_in):
    """A new person with a password and SMS codes on: (phone, email, token)."""
    async def made() -> tuple[str, str, str]:
        phone, email = new_phone(), f"ada.{uuid.uuid4().hex[:8]}@example.com"
        token = await sign_in(phone, "sign_up", ("crew",))
        answer = await api.put("/auth/password", headers=cookie(token), json={"email": email, "password": PASSWORD})
        assert answer.status == 200
        answer = await api.post("/auth/two-factor/sms", headers=cookie(token))
        assert answer.status == 200 and (await answer.json())["sms_two_factor"] is True
        return phone, email, token

    return made


async def test_password_sign_in_needs_the_code_sent_by_sms(api, with_sms_codes, send_queued, bus):
    phone, email, first = await with_sms_codes()

    asked = await api.post("/auth/password", json={"email": email, "password": PASSWORD})
    refusal = await asked.json()
    assert asked.status == 401 and refusal["error"] == "sms_code_sent" and "SMS" in refusal["reason"]
    queued = [doc async for doc in _records(bus) if doc["person_id"] == person_of(first)]
    assert [(doc["channel"], doc["sensitive"]) for doc in queued] == [("sms", True)]
    code = await send_queued(phone)

    wrong = await api.post("/auth/password", json={"email": email, "password": PASSWORD,
                                                   "second_factor_code": f"{(int(code) + 1) % 10**6:06d}"})
    assert wrong.status == 401 and (await wrong.json())["error"] == "sign_in_refused"
    right = await api.post("/auth/password", json={"email": email, "password": PASSWORD, "second_factor_code": code})
    assert right.status == 200 and person_of((await right.json())["token"]) == person_of(first)
    api.session.cookie_jar.clear()
    again = await api.post("/auth/password", json={"email": email, "password": PASSWORD, "second_factor_code": code})
    assert again.status == 401 and "already used" in (await again.json())["reason"]
    sent = [doc async for doc in _records(bus) if doc["person_id"] == person_of(first)]
    assert code not in json.dumps(sent)


async def test_turning_it_off_needs_a_code(api, with_sms_codes, send_queued):
    phone, email, token = await with_sms_codes()

    asked = await api.delete("/auth/two-factor/sms", headers=cookie(token))
    assert asked.status == 401 and (await asked.json())["error"] == "sms_code_sent"
    code = await send_queued(phone)
    bad = await api.delete("/auth/two-factor/sms", headers=cookie(token), json={"code": "12ab"})
    assert bad.status == 400 and (await bad.json())["error"] == "bad_request"
    off = await api.delete("/auth/two-factor/sms", headers=cookie(token), json={"code": code})
    assert off.status == 200 and (await off.json())["sms_two_factor"] is False

    alone = await api.post("/auth/password", json={"email": email, "password": PASSWORD})
    assert alone.status == 200


async def test_turning_it_on_needs_a_session(api):
    answer = await api.post("/auth/two-factor/sms")
    assert answer.status == 401 and (await answer.json())["error"] == "not_signed_in"


async def _records(bus):
    async for doc in bus.services.store._couch.database(scopes.OPS).docs(prefix="message:second_factor_code:"):
        yield dict(doc.data)
