"""Signing in over HTTP against the real PouchDB Server and Redis: codes (through the console
channel), passwords, authenticator apps, and sessions that /db/ honours or refuses."""
import asyncio
import json
import re
import time
import uuid

import pyotp
import pytest
from rq import Queue

from bots.channels.console import OUTBOX_KEY
from config.bootstrap import channels, session
from core import scopes
from workers import context, queues
from workers.messaging import _send


def new_phone() -> str:
    return "+23480" + str(uuid.uuid4().int)[:8]


@pytest.fixture
def send_queued(settings, redis):
    """Runs the queued send jobs here, as a worker would, and returns the last code sent."""
    ctx = context.JobContext(lambda: session(settings, redis), channels(settings, redis), redis, "")

    async def run(phone: str) -> str:
        queue = Queue(queues.MESSAGES, connection=redis)
        for job in queue.jobs:
            await _send(ctx, job.args[0])
            queue.remove(job)
        texts = [json.loads(raw)["text"] for raw in redis.lrange(OUTBOX_KEY.format(phone=phone), 0, -1)]
        return re.search(r"\b(\d{6})\b", texts[-1]).group(1)

    return run


@pytest.fixture
def ask_code(api, send_queued):
    async def ask(phone: str, purpose: str = "sign_in", roles=()) -> str:
        answer = await api.post("/auth/code", json={"phone": phone, "purpose": purpose, "roles": list(roles),
                                                    "name": "Ada Obi"})
        assert answer.status == 202, await answer.text()
        return await send_queued(phone)

    return ask


@pytest.fixture
def sign_in(api, ask_code):
    """A new session (phone, code) for `phone`: its token; the client's cookie jar is left empty."""
    async def signed(phone: str, purpose: str = "sign_in", roles=(), device: str = "test", **extra) -> str:
        code = await ask_code(phone, purpose, roles)
        answer = await api.post("/auth/code/verify", json={"phone": phone, "code": code, "device": device, **extra})
        assert answer.status == 200, await answer.text()
        api.session.cookie_jar.clear()
        return (await answer.json())["token"]

    return signed


def cookie(token: str) -> dict:
    return {"Cookie": f"nc_session={token}", "Accept": "application/json"}


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}", "Accept": "application/json"}


def person_of(token: str) -> str:
    return token.split(".", 1)[0]


async def test_sign_up_by_code_then_read_your_own_database_with_the_cookie(api, ask_code, redis):
    phone = new_phone()
    code = await ask_code(phone, "sign_up", ("crew",))

    answer = await api.post("/auth/code/verify", json={"phone": phone, "code": code, "device": "Ada's phone"})

    assert answer.status == 200
    set_cookie = answer.headers["Set-Cookie"]
    assert "nc_session=" in set_cookie and "HttpOnly" in set_cookie and "SameSite=Lax" in set_cookie
    assert "Secure" not in set_cookie  # public_url is http in tests
    token = (await answer.json())["token"]
    api.session.cookie_jar.clear()
    profile = await api.get(f"/db/{scopes.user_db(person_of(token))}/profile", headers=cookie(token))
    assert profile.status == 200 and (await profile.json())["phone"] == phone
    who = await api.get("/db/_session", headers=bearer(token))
    assert (await who.json())["userCtx"]["name"] == person_of(token)
    assert "crew" in (await who.json())["userCtx"]["roles"]
    # nothing in Redis keeps the code itself
    assert all(code.encode() not in (redis.get(key) or b"") for key in redis.keys("signin:*")
               if redis.type(key) == b"string")


async def test_the_message_record_keeps_no_code(api, ask_code, bus):
    phone = new_phone()
    code = await ask_code(phone, "sign_up", ("actor",))

    index = await api.post("/auth/code/verify", json={"phone": phone, "code": code})
    person_id = (await index.json())["person_id"]
    records = [doc for doc in (await _ops_messages(bus)) if doc["to"] == phone]
    assert records and records[0]["state"] == "sent" and records[0]["params"] == {}
    assert code not in json.dumps(records) and person_id


async def _ops_messages(bus) -> list[dict]:
    couch = bus.services.store._couch
    found = []
    async for doc in couch.database(scopes.OPS).docs(prefix="message:sign_in_code:"):
        found.append(dict(doc.data))
    return found


async def test_an_expired_code_is_refused(api, ask_code, redis):
    phone = new_phone()
    code = await ask_code(phone, "sign_up", ("crew",))
    redis.pexpire(f"signin:code:{phone}", 1)  # as if the ten minutes were over
    await asyncio.sleep(0.05)

    answer = await api.post("/auth/code/verify", json={"phone": phone, "code": code})

    assert answer.status == 401
    assert "expired" in (await answer.json())["reason"]


async def test_a_used_code_is_refused(api, ask_code):
    phone = new_phone()
    code = await ask_code(phone, "sign_up", ("crew",))
    assert (await api.post("/auth/code/verify", json={"phone": phone, "code": code})).status == 200

    again = await api.post("/auth/code/verify", json={"phone": phone, "code": code})

    assert again.status == 401
    assert (await again.json())["error"] == "sign_in_refused"


async def test_five_wrong_codes_lock_the_number(api, ask_code):
    phone = new_phone()
    code = await ask_code(phone, "sign_up", ("crew",))
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    statuses = [(await api.post("/auth/code/verify", json={"phone": phone, "code": wrong})).status for _ in range(5)]

    assert statuses == [401, 401, 401, 401, 429]
    locked = await api.post("/auth/code/verify", json={"phone": phone, "code": code})
    assert locked.status == 429 and int(locked.headers["Retry-After"]) > 800
    assert "Too many wrong tries" in (await locked.json())["reason"]
    refused = await api.post("/auth/code", json={"phone": phone, "purpose": "sign_up", "roles": ["crew"]})
    assert refused.status == 429


async def test_a_fourth_code_in_ten_minutes_is_refused(api, ask_code):
    phone = new_phone()
    await ask_code(phone, "sign_up", ("crew",))
    await ask_code(phone, "sign_up", ("crew",))
    await ask_code(phone, "sign_up", ("crew",))

    answer = await api.post("/auth/code", json={"phone": phone, "purpose": "sign_up", "roles": ["crew"]})
    assert answer.status == 429


@pytest.mark.parametrize("payload", [
    {"phone": "x"},
    {"phone": "+2348031110001", "purpose": "sign_sideways"},
    {"phone": "+2348031110001", "purpose": "sign_up", "roles": ["admin"]},
])
async def test_bad_requests_get_400_with_a_reason(api, payload):
    answer = await api.post("/auth/code", json=payload)
    assert answer.status == 400
    body = await answer.json()
    assert body["error"] == "bad_request" and body["reason"]


async def test_email_and_password_sign_in(api, sign_in):
    phone, email = new_phone(), f"ada.{uuid.uuid4().hex[:8]}@example.com"
    first = await sign_in(phone, "sign_up", ("investor",))
    set_answer = await api.put("/auth/password", headers=cookie(first),
                               json={"email": email, "password": "correct horse battery"})
    assert set_answer.status == 200

    wrong = await api.post("/auth/password", json={"email": email, "password": "wrong horse"})
    assert wrong.status == 401
    right = await api.post("/auth/password", json={"email": email.upper(), "password": "correct horse battery"})
    assert right.status == 200
    token = (await right.json())["token"]
    api.session.cookie_jar.clear()
    assert person_of(token) == person_of(first)
    read = await api.get(f"/db/{scopes.user_db(person_of(token))}/profile", headers=bearer(token))
    assert read.status == 200


async def test_an_authenticator_app_is_required_once_enrolled(api, sign_in, ask_code):
    phone = new_phone()
    token = await sign_in(phone, "sign_up", ("producer",))
    enrolled = await api.post("/auth/totp/enrol", headers=cookie(token))
    assert enrolled.status == 200
    body = await enrolled.json()
    assert body["uri"].startswith("otpauth://totp/NollyCrew:")
    app = pyotp.TOTP(body["secret"])
    assert (await api.post("/auth/totp/confirm", headers=cookie(token), json={"code": app.now()})).status == 200

    code = await ask_code(phone)
    missing = await api.post("/auth/code/verify", json={"phone": phone, "code": code})
    assert missing.status == 401 and (await missing.json())["error"] == "totp_required"
    # the same code still works with the authenticator's (the next step's: one step of drift
    # is allowed, and the step used to confirm cannot sign in again)
    answered = await api.post(
        "/auth/code/verify", json={"phone": phone, "code": code, "totp": app.at(time.time() + 30)}
    )
    assert answered.status == 200


async def test_crew_cannot_enrol_an_authenticator_app(api, sign_in):
    token = await sign_in(new_phone(), "sign_up", ("crew",))
    answer = await api.post("/auth/totp/enrol", headers=cookie(token))
    assert answer.status == 403


async def test_sessions_are_listed_and_a_revoked_one_can_no_longer_read_or_replicate(api, sign_in):
    phone = new_phone()
    laptop = await sign_in(phone, "sign_up", ("crew",), device="laptop")
    tablet = await sign_in(phone, device="tablet")
    db = scopes.user_db(person_of(laptop))

    listed = await api.get("/auth/sessions", headers=cookie(tablet))
    found = (await listed.json())["sessions"]
    assert sorted(session["device"] for session in found) == ["laptop", "tablet"]
    assert [session["device"] for session in found if session["current"]] == ["tablet"]
    laptop_id = next(session["id"] for session in found if session["device"] == "laptop")

    assert (await api.delete(f"/auth/sessions/{laptop_id}", headers=cookie(tablet))).status == 200

    for path in (f"/db/{db}/profile", f"/db/{db}/_changes?since=0"):
        refused = await api.get(path, headers=cookie(laptop))
        assert refused.status == 401, path
        assert "revoked" in (await refused.json())["reason"]
        assert (await api.get(path, headers=bearer(tablet))).status == 200, path
    assert (await api.get("/auth/sessions", headers=bearer(laptop))).status == 401

    assert (await api.delete("/auth/sessions", headers=cookie(tablet))).status == 200
    assert (await api.get(f"/db/{db}/profile", headers=cookie(tablet))).status == 401


async def test_sign_out_ends_only_this_session(api, sign_in):
    phone = new_phone()
    first = await sign_in(phone, "sign_up", ("actor",))
    second = await sign_in(phone)

    assert (await api.post("/auth/sign-out", headers=bearer(first))).status == 200

    db = scopes.user_db(person_of(first))
    assert (await api.get(f"/db/{db}/profile", headers=bearer(first))).status == 401
    assert (await api.get(f"/db/{db}/profile", headers=bearer(second))).status == 200


async def test_a_made_up_token_is_refused(api):
    answer = await api.get("/db/directory", headers=bearer("abcdef123456." + "x" * 43))
    assert answer.status == 401
