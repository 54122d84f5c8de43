"""Signing in: by phone and one-time code (which also signs up), or by email and password.

Each successful sign-in opens a session; the command's result is the session's token, which
the edge hands to the device and never stores.
"""
import asyncio

from core import scopes
from core.bus import Result, Services
from core.commands import RegisterPerson
from core.errors import Rejected
from core.handlers import identity_sms
from core.handlers.people import register_person
from core.identity import attempts, codes, sessions, totp
from core.identity.commands import RequestSignInCode, SignInWithPassword, VerifySignInCode
from core.identity.errors import SecondFactorNeeded, SignInRefused, TooManyTries
from core.identity.ports import ports_of
from core.ids import new_id
from core.phones import to_e164
from core.ports import OutboundMessage

SIGN_UP_ROLES = {"actor", "crew", "producer", "investor"}  # admin is granted, never chosen
PURPOSES = {"sign_in", "sign_up"}


async def request_sign_in_code(cmd: RequestSignInCode, services: Services) -> Result:
    ports, phone = ports_of(services), to_e164(cmd.phone)
    if cmd.purpose not in PURPOSES:
        raise Rejected("Choose sign in or sign up.")
    roles = sorted(set(cmd.roles))
    if cmd.purpose == "sign_up" and (not roles or set(roles) - SIGN_UP_ROLES):
        raise Rejected("Choose what you do: actor, crew, producer or investor.")
    index = await services.store.get(scopes.OPS, f"phone:{phone}")
    if cmd.purpose == "sign_in" and index is None:
        raise Rejected("We do not know this number yet. Sign up first.")
    details = {"purpose": cmd.purpose, "roles": roles, "name": cmd.name, "language": cmd.language}
    code = await codes.issue(ports.codes, ports.code_key, phone, services.clock.now(), details)
    await services.outbox.queue(
        OutboundMessage(
            message_id=f"sign_in_code:{new_id()}",
            person_id=index["person_id"] if index else "",
            template="sign_in_code",
            params={"code": code, "minutes": codes.CODE_TTL_S // 60},
            sensitive=True,
            to="" if index else phone,
        )
    )
    return Result()


async def verify_sign_in_code(cmd: VerifySignInCode, services: Services) -> Result:
    ports, phone, now = ports_of(services), to_e164(cmd.phone), services.clock.now()
    details = await codes.check(ports.codes, ports.code_key, phone, cmd.code, now)
    index = await services.store.get(scopes.OPS, f"phone:{phone}")
    if index is None and details.get("purpose") != "sign_up":
        raise SignInRefused("We do not know this number yet. Sign up first.")
    if index is not None:

        async def wrong() -> None:
            await codes.wrong_code(ports.codes, phone, now)

        await second_factor(services, index["person_id"], cmd.totp, wrong)
    await codes.consume(ports.codes, phone)  # after the second factor: a missing one keeps the code
    if index is None:
        # The same handler RegisterPerson runs on the bus; called here because the session
        # needs the new person's id and a handler is given services, not the bus.
        registered = await register_person(
            RegisterPerson(phone, details.get("name", ""), tuple(details["roles"]),
                           language=details.get("language", "en")),
            services,
        )
        person_id = registered.ref
    else:
        person_id = index["person_id"]
    return Result(ref=await open_session(services, person_id, cmd.device))


async def sign_in_with_password(cmd: SignInWithPassword, services: Services) -> Result:
    ports, email, now = ports_of(services), normal_email(cmd.email), services.clock.now()
    subject = f"email:{email}"
    await attempts.refuse_if_locked(ports.codes, subject, now)

    async def wrong() -> None:
        if await attempts.wrong_try(ports.codes, subject, now):
            raise TooManyTries("Too many wrong tries. Try again in {minutes} minutes.", attempts.LOCKOUT_S,
                               minutes=attempts.LOCKOUT_S // 60)

    index = await services.store.get(scopes.OPS, f"email:{email}")
    person_id = index.get("person_id") if index else None
    held = await services.store.get(scopes.OPS, f"credentials:{person_id}") if person_id else None
    stored_hash = (held or {}).get("password_hash")
    if not stored_hash or not await asyncio.to_thread(ports.passwords.verify, stored_hash, cmd.password):
        await wrong()
        raise SignInRefused("That email and password do not match.")
    await second_factor(services, person_id, cmd.totp, wrong, sms=True)
    await attempts.forget_wrong_tries(ports.codes, subject)
    return Result(ref=await open_session(services, person_id, cmd.device))


async def second_factor(services: Services, person_id: str, given: str, wrong, sms: bool = False) -> None:
    """Once a person enrolled an authenticator app, every sign-in needs its current code. Once
    they turned on codes by SMS, the sign-ins that ask (`sms`: by password; a sign-in code already
    went to their phone) need the code sent by SMS, or the app's code if they have both."""
    held = await services.store.get(scopes.OPS, f"credentials:{person_id}")
    secret = (held or {}).get("totp_secret")
    by_sms = sms and identity_sms.is_on(held)
    if not secret and not by_sms:
        return
    if not given:
        if by_sms:
            await identity_sms.send_code(services, person_id, also_authenticator=bool(secret))
        raise SecondFactorNeeded("Enter the code from your authenticator app.")
    step = None
    if secret:
        step = totp.matching_step(secret, given, services.clock.now(), held.get("totp_last_step", -1))
    if step is None:
        if by_sms:
            return await identity_sms.use_code(services, person_id, given)
        await wrong()
        raise SignInRefused("That authenticator code is not right.")

    def used(doc: dict) -> dict | None:
        return {**doc, "totp_last_step": step} if step > doc.get("totp_last_step", -1) else None

    await services.store.update(scopes.OPS, f"credentials:{person_id}", used)


async def open_session(services: Services, person_id: str, device: str) -> str:
    token = sessions.new_token(person_id)
    session = sessions.new_session(person_id, token, device, services.clock.now())
    await services.store.create(scopes.OPS, session)
    index_id = sessions.index_id(person_id)
    await services.store.create(
        scopes.OPS, {"_id": index_id, "type": "session_index", "person_id": person_id, "session_ids": []}
    )
    await services.store.update(
        scopes.OPS, index_id, lambda doc: {**doc, "session_ids": [*doc["session_ids"], session["_id"]]}
    )
    return token


def normal_email(raw: str) -> str:
    email = raw.strip().lower()
    name, _, domain = email.partition("@")
    if not name or "." not in domain or " " in email:
        raise Rejected("{text} is not an email address.", text=repr(raw))
    return email
