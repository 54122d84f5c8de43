"""Codes by SMS as a second factor, for anyone who turns them on: password sign-in then needs
one too. One-time codes as for signing in (core.identity.codes), kept under the person, not the
phone, so a second-factor code never passes for a sign-in code nor locks one out."""
from core.bus import Services
from core.identity import codes
from core.identity.errors import SecondFactorNeeded
from core.identity.ports import ports_of
from core.ids import new_id
from core.ports import OutboundMessage

PURPOSE = "second_factor"
TEMPLATE = "second_factor_code"
CHANNEL = "sms"  # even for WhatsApp people: a second factor is the SIM, not the chat app


class SmsCodeSent(SecondFactorNeeded):
    """The sign-in needs the code just sent by SMS (the edge answers 401 sms_code_sent)."""


def subject(person_id: str) -> str:
    return f"second_factor:{person_id}"


def is_on(credentials: dict | None) -> bool:
    return bool((credentials or {}).get("sms_two_factor"))


async def send_code(services: Services, person_id: str, also_authenticator: bool) -> None:
    """Send a fresh code by SMS (within the send limits), then ask for it (or for the
    authenticator app's, when the person has one)."""
    ports = ports_of(services)
    code = await codes.issue(ports.codes, ports.code_key, subject(person_id), services.clock.now(),
                             {"purpose": PURPOSE})
    await services.outbox.queue(
        OutboundMessage(
            message_id=f"{TEMPLATE}:{new_id()}",
            person_id=person_id,
            template=TEMPLATE,
            params={"code": code, "minutes": codes.CODE_TTL_S // 60},
            sensitive=True,
            channel=CHANNEL,
        )
    )
    if also_authenticator:
        raise SmsCodeSent("We sent a code to your phone by SMS. Enter it (or the code from your authenticator app) to go on.")
    raise SmsCodeSent("We sent a code to your phone by SMS. Enter it to go on.")


async def use_code(services: Services, person_id: str, given: str) -> None:
    """Accept the live code once; a wrong one counts toward the lock (the fifth burns it)."""
    ports = ports_of(services)
    await codes.check(ports.codes, ports.code_key, subject(person_id), given, services.clock.now())
    await codes.consume(ports.codes, subject(person_id))
