"""Codes by SMS as a second factor: turn on, password sign-in then needs the code, turn off."""
from datetime import timedelta

import pyotp
import pytest

from bots import replies
from core import scopes
from core.bus import MessageBus
from core.errors import Rejected
from core.handlers import COMMAND_HANDLERS, EVENT_HANDLERS, identity_account
from core.handlers.identity_sms import SmsCodeSent
from core.identity import sessions
from core.ids import new_id
from core.identity.commands import (
    ConfirmTotp, DisableSmsTwoFactor, EnableSmsTwoFactor, EnrolTotp, RequestSignInCode, SetPassword,
    SignInWithPassword, VerifySignInCode,
)
from core.identity.errors import SignInRefused, TooManyTries
from core.ports import OutboundMessage
from tests.unit.fakes import FixedClock, MemoryStore
from tests.unit.identity_fakes import IDENTITY_HANDLERS, make_identity_bus
from tests.unit.workers.test_sign_in_code_send import NoQueue, RecordingChannel, job_context
from workers.messaging import _send
from workers.outbox import RqOutbox

PHONE = "+2348031110001"
EMAIL, PASSWORD = "ada@example.com", "correct horse battery"
TEMPLATE_TEXT = "Your NollyCrew sign-in code is {code}. It expires in {minutes} minutes. Never share it."
SMS_2FA_HANDLERS = {
    EnableSmsTwoFactor: identity_account.enable_sms_two_factor,
    DisableSmsTwoFactor: identity_account.disable_sms_two_factor,
}


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def bus(clock):
    services = make_identity_bus(clock).services
    return MessageBus(services, {**COMMAND_HANDLERS, **IDENTITY_HANDLERS, **SMS_2FA_HANDLERS}, EVENT_HANDLERS)


async def signed_up(bus, roles=("crew",)) -> str:
    """A person with a password and SMS codes on: their id."""
    await bus.handle(RequestSignInCode(PHONE, "sign_up", roles, "Ada Obi"))
    code = bus.services.outbox.with_template("sign_in_code")[-1].params["code"]
    person_id = sessions.person_of(await bus.handle(VerifySignInCode(PHONE, code)))
    await bus.handle(SetPassword(person_id, EMAIL, PASSWORD))
    await bus.handle(EnableSmsTwoFactor(person_id))
    return person_id


async def sms_code(bus, **given) -> str:
    """Sign in with the password alone, which sends a code by SMS: that code."""
    with pytest.raises(SmsCodeSent, match="by SMS"):
        await bus.handle(SignInWithPassword(EMAIL, PASSWORD, **given))
    return bus.services.outbox.with_template("second_factor_code")[-1].params["code"]


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


async def test_turning_it_on_is_kept_on_the_credentials_and_twice_changes_nothing(bus):
    person_id = await signed_up(bus)
    held = await bus.services.store.get(scopes.OPS, f"credentials:{person_id}")
    await bus.handle(EnableSmsTwoFactor(person_id))
    assert held["sms_two_factor"] is True
    assert await bus.services.store.get(scopes.OPS, f"credentials:{person_id}") == held


async def test_password_sign_in_needs_the_code_sent_by_sms(bus):
    person_id = await signed_up(bus)
    code = await sms_code(bus)

    token = await bus.handle(SignInWithPassword(EMAIL, PASSWORD, "laptop", totp=code))
    assert sessions.person_of(token) == person_id


async def test_the_code_goes_by_sms_and_is_sensitive(bus):
    person_id = await signed_up(bus)
    await sms_code(bus)
    message = bus.services.outbox.with_template("second_factor_code")[-1]
    assert (message.person_id, message.channel, message.sensitive, message.to) == (person_id, "sms", True, "")
    assert message.params["minutes"] == 10 and len(message.params["code"]) == 6


async def test_a_sign_in_code_sign_in_is_not_asked_for_an_sms_code_too(bus):
    person_id = await signed_up(bus)  # the sign-in code itself went to the phone
    await bus.handle(RequestSignInCode(PHONE))
    code = bus.services.outbox.with_template("sign_in_code")[-1].params["code"]
    assert sessions.person_of(await bus.handle(VerifySignInCode(PHONE, code))) == person_id


async def test_a_wrong_code_is_refused_and_the_right_one_still_works(bus):
    await signed_up(bus)
    code = await sms_code(bus)
    with pytest.raises(SignInRefused, match="not right"):
        await bus.handle(SignInWithPassword(EMAIL, PASSWORD, totp=wrong(code)))
    assert await bus.handle(SignInWithPassword(EMAIL, PASSWORD, totp=code))


async def test_a_used_code_is_refused(bus):
    await signed_up(bus)
    code = await sms_code(bus)
    await bus.handle(SignInWithPassword(EMAIL, PASSWORD, totp=code))
    with pytest.raises(SignInRefused, match="already used"):
        await bus.handle(SignInWithPassword(EMAIL, PASSWORD, totp=code))


async def test_an_expired_code_is_refused(bus, clock):
    await signed_up(bus)
    code = await sms_code(bus)
    clock.at += timedelta(minutes=10)
    with pytest.raises(SignInRefused, match="expired"):
        await bus.handle(SignInWithPassword(EMAIL, PASSWORD, totp=code))


async def test_five_wrong_codes_burn_the_code_and_lock_for_fifteen_minutes(bus, clock):
    await signed_up(bus)
    code = await sms_code(bus)
    for _ in range(4):
        with pytest.raises(SignInRefused):
            await bus.handle(SignInWithPassword(EMAIL, PASSWORD, totp=wrong(code)))
    with pytest.raises(TooManyTries):
        await bus.handle(SignInWithPassword(EMAIL, PASSWORD, totp=wrong(code)))
    with pytest.raises(TooManyTries):  # even the right code, and no new one is sent
        await bus.handle(SignInWithPassword(EMAIL, PASSWORD, totp=code))
    with pytest.raises(TooManyTries):
        await bus.handle(SignInWithPassword(EMAIL, PASSWORD))
    clock.at += timedelta(minutes=15)
    assert await bus.handle(SignInWithPassword(EMAIL, PASSWORD, totp=await sms_code(bus)))


async def test_a_fourth_code_in_ten_minutes_is_not_sent(bus):
    await signed_up(bus)
    for _ in range(3):
        await sms_code(bus)
    with pytest.raises(TooManyTries):
        await bus.handle(SignInWithPassword(EMAIL, PASSWORD))
    assert len(bus.services.outbox.with_template("second_factor_code")) == 3


async def test_with_an_authenticator_app_too_either_code_is_accepted(bus, clock):
    person_id = await signed_up(bus, roles=("producer",))
    app = pyotp.TOTP(await bus.handle(EnrolTotp(person_id)))
    await bus.handle(ConfirmTotp(person_id, app.at(clock.now())))
    clock.at += timedelta(minutes=1)

    with pytest.raises(SmsCodeSent, match="authenticator app"):
        await bus.handle(SignInWithPassword(EMAIL, PASSWORD))
    assert await bus.handle(SignInWithPassword(EMAIL, PASSWORD, totp=app.at(clock.now())))
    assert await bus.handle(SignInWithPassword(EMAIL, PASSWORD, totp=await sms_code(bus)))


async def test_turning_it_off_needs_a_current_code(bus):
    person_id = await signed_up(bus)
    with pytest.raises(SmsCodeSent):
        await bus.handle(DisableSmsTwoFactor(person_id))
    code = bus.services.outbox.with_template("second_factor_code")[-1].params["code"]
    with pytest.raises(SignInRefused, match="not right"):
        await bus.handle(DisableSmsTwoFactor(person_id, wrong(code)))
    assert (await bus.services.store.get(scopes.OPS, f"credentials:{person_id}"))["sms_two_factor"] is True

    await bus.handle(DisableSmsTwoFactor(person_id, code))

    held = await bus.services.store.get(scopes.OPS, f"credentials:{person_id}")
    assert "sms_two_factor" not in held
    assert await bus.handle(SignInWithPassword(EMAIL, PASSWORD))  # the password alone again
    with pytest.raises(Rejected, match="not turned on"):
        await bus.handle(DisableSmsTwoFactor(person_id, code))


async def test_without_sms_codes_password_sign_in_sends_nothing(bus):
    person_id = await signed_up(bus)
    code = await sms_code(bus)
    await bus.handle(DisableSmsTwoFactor(person_id, code))
    assert await bus.handle(SignInWithPassword(EMAIL, PASSWORD))
    assert len(bus.services.outbox.with_template("second_factor_code")) == 1


async def test_a_whatsapp_person_gets_the_code_by_sms_and_the_record_forgets_it(monkeypatch):
    monkeypatch.setitem(replies.TEMPLATES, "second_factor_code", TEMPLATE_TEXT)  # until bots/replies.py has it
    store, whatsapp, sms = MemoryStore(), RecordingChannel("whatsapp"), RecordingChannel("sms")
    person_id = new_id()
    await store.create(scopes.user_db(person_id), {"_id": "profile", "phone": PHONE, "channel": "whatsapp"})
    message = OutboundMessage("second_factor_code:x", person_id, "second_factor_code", {"code": "123456", "minutes": 10},
                              sensitive=True, channel="sms")
    await RqOutbox(store, NoQueue(), FixedClock()).queue(message)

    assert await _send(job_context(store, {"whatsapp": whatsapp, "sms": sms}), "message:second_factor_code:x") == "sent"

    assert whatsapp.sent == [] and sms.sent[0].to == PHONE and "123456" in sms.sent[0].text
    record = await store.get(scopes.OPS, "message:second_factor_code:x")
    assert record["channel"] == "sms" and "123456" not in str(record)
