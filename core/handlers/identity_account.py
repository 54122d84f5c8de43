"""What a signed-in person keeps about signing in: email and password, authenticator app,
and their sessions (devices)."""
import asyncio

from core import scopes
from core.bus import Result, Services
from core.errors import Rejected
from core.handlers import identity_sms
from core.handlers.identity import normal_email, second_factor
from core.identity.ports import ports_of
from core.identity import codes, sessions, totp
from core.identity.commands import (
    ConfirmTotp, DisableSmsTwoFactor, EnableSmsTwoFactor, EnrolTotp, RevokeSession, SetPassword,
)
from core.identity.errors import NotAllowed, SignInRefused

PASSWORD_MIN_CHARS = 10
TOTP_ROLES = {"producer", "admin"}  # the people who move money and see everyone's details


async def set_password(cmd: SetPassword, services: Services) -> Result:
    ports, email, now = ports_of(services), normal_email(cmd.email), services.clock.now().isoformat()
    if len(cmd.password) < PASSWORD_MIN_CHARS:
        raise Rejected("Choose a password of at least {limit} characters.", limit=PASSWORD_MIN_CHARS)
    claim = {"_id": f"email:{email}", "type": "email_index", "person_id": cmd.person_id, "created_at": now}
    index = await services.store.create(scopes.OPS, claim)
    if index["person_id"] is None:  # released by its last owner
        index = await services.store.update(
            scopes.OPS, claim["_id"], lambda doc: {**doc, "person_id": doc["person_id"] or cmd.person_id}
        )
    if index["person_id"] != cmd.person_id:
        raise Rejected("That email belongs to another account.")
    password_hash = await asyncio.to_thread(ports.passwords.hash, cmd.password)
    held = await _credentials(services, cmd.person_id)
    previous = held.get("email")
    await services.store.update(
        scopes.OPS, held["_id"],
        lambda doc: {**doc, "email": email, "password_hash": password_hash, "updated_at": now},
    )
    if previous and previous != email:
        await services.store.update(
            scopes.OPS, f"email:{previous}",
            lambda doc: {**doc, "person_id": None} if doc["person_id"] == cmd.person_id else None,
        )
    return Result(ref=cmd.person_id)


async def enrol_totp(cmd: EnrolTotp, services: Services) -> Result:
    card = await services.store.get(scopes.DIRECTORY, f"person:{cmd.person_id}")
    if not card or not TOTP_ROLES & set(card.get("roles", [])):
        raise NotAllowed("Authenticator apps are for producers and admins.")
    held = await _credentials(services, cmd.person_id)
    if held.get("totp_secret"):
        raise Rejected("An authenticator app is already set up for you.")
    secret = totp.new_secret()
    await services.store.update(scopes.OPS, held["_id"], lambda doc: {**doc, "totp_pending_secret": secret})
    return Result(ref=secret)


async def confirm_totp(cmd: ConfirmTotp, services: Services) -> Result:
    held = await _credentials(services, cmd.person_id)
    pending = held.get("totp_pending_secret")
    if not pending:
        raise Rejected("Start setting up your authenticator app first.")
    step = totp.matching_step(pending, cmd.code, services.clock.now())
    if step is None:
        raise SignInRefused("That authenticator code is not right. Check the app's clock and try again.")
    now = services.clock.now().isoformat()
    await services.store.update(
        scopes.OPS, held["_id"],
        lambda doc: {**{k: v for k, v in doc.items() if k != "totp_pending_secret"},
                     "totp_secret": pending, "totp_last_step": step, "totp_enrolled_at": now},
    )
    return Result(ref=cmd.person_id)


async def enable_sms_two_factor(cmd: EnableSmsTwoFactor, services: Services) -> Result:
    """Open to everyone; turning it on twice changes nothing."""
    held = await _credentials(services, cmd.person_id)
    now = services.clock.now().isoformat()
    await services.store.update(
        scopes.OPS, held["_id"],
        lambda doc: None if identity_sms.is_on(doc)
        else {**doc, "sms_two_factor": True, "sms_two_factor_at": now},
    )
    return Result(ref=cmd.person_id)


async def disable_sms_two_factor(cmd: DisableSmsTwoFactor, services: Services) -> Result:
    """Only with a current second-factor code, so a borrowed session cannot weaken sign-in; asked
    without one, it sends a code by SMS and asks for it."""
    ports, now = ports_of(services), services.clock.now()
    held = await _credentials(services, cmd.person_id)
    if not identity_sms.is_on(held):
        raise Rejected("Codes by SMS are not turned on for you.")

    async def wrong() -> None:  # unused while SMS codes are on: a wrong code is checked as one
        await codes.wrong_code(ports.codes, identity_sms.subject(cmd.person_id), now)

    await second_factor(services, cmd.person_id, cmd.code.strip(), wrong, sms=True)
    await services.store.update(
        scopes.OPS, held["_id"],
        lambda doc: {k: v for k, v in doc.items() if k not in ("sms_two_factor", "sms_two_factor_at")},
    )
    return Result(ref=cmd.person_id)


async def revoke_session(cmd: RevokeSession, services: Services) -> Result:
    """Revoke one session (by its id from `sessions_of`) or, with none named, all of them."""
    index = await services.store.get(scopes.OPS, sessions.index_id(cmd.person_id))
    known = (index or {}).get("session_ids", [])
    wanted = known if cmd.session_id is None else [sessions.doc_id(cmd.person_id, cmd.session_id)]
    if cmd.session_id is not None and wanted[0] not in known:
        raise Rejected("There is no such session.")
    now = services.clock.now().isoformat()
    for doc_id in wanted:
        await services.store.update(
            scopes.OPS, doc_id, lambda doc: None if doc.get("revoked_at") else {**doc, "revoked_at": now}
        )
    return Result(ref=cmd.session_id)


async def sessions_of(services: Services, person_id: str) -> list[dict]:
    """The person's live sessions, newest first; `id` is what RevokeSession takes."""
    index = await services.store.get(scopes.OPS, sessions.index_id(person_id))
    found = []
    for doc_id in (index or {}).get("session_ids", []):
        session = await services.store.get(scopes.OPS, doc_id)
        if sessions.is_live(session):
            found.append({
                "id": doc_id.rsplit(":", 1)[1],
                "device": session["device"],
                "created_at": session["created_at"],
                "last_seen_at": session["last_seen_at"],
            })
    return sorted(found, key=lambda session: session["created_at"], reverse=True)


async def _credentials(services: Services, person_id: str) -> dict:
    blank = {"_id": f"credentials:{person_id}", "type": "credentials", "person_id": person_id}
    return await services.store.create(scopes.OPS, blank)
