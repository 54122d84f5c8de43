"""Moderation: reports of profiles and posts queue in `ops` for admins; an admin suspends or
restores a person. The directory card shows `suspended` so every handler (require_active)
and every device can tell; the why and the history stay in `ops`, which only core reads."""
from core import scopes
from core.admin_commands import TARGET_KINDS, ReportContent, RestorePerson, SuspendPerson
from core.bus import Result, Services
from core.errors import Rejected
from core.handlers.people import person_card
from core.ids import derived_id

ADMIN_ROLE = "admin"
MAX_REASON_CHARS = 500
HISTORY_KEPT = 50  # suspensions and restorations of one person; far more than will happen


def report_doc_id(report_id: str) -> str:
    return f"report:{report_id}"


def suspension_doc_id(person_id: str) -> str:
    return f"suspension:{person_id}"


async def require_active(services: Services, person_id: str) -> None:
    """Refuse anything a suspended person asks for; unknown people are the caller's to refuse."""
    card = await services.store.get(scopes.DIRECTORY, f"person:{person_id}")
    if card is not None and card.get("suspended"):
        raise Rejected("Your account is suspended. Reply HELP or write to support to ask why.")


async def report_content(cmd: ReportContent, services: Services) -> Result:
    await person_card(services, cmd.reporter_id)
    await require_active(services, cmd.reporter_id)
    if cmd.target_kind not in TARGET_KINDS:
        # The kinds are listed whole, not joined by "a": a translator cannot move an English article.
        raise Rejected("You can report one of {kinds}; not {kind}.", kinds=", ".join(TARGET_KINDS),
                       kind=repr(cmd.target_kind))
    reason = _reason_of(cmd.reason)
    if await services.store.get(scopes.DIRECTORY, f"{cmd.target_kind}:{cmd.target_id}") is None:
        raise Rejected("We cannot find what you reported; it may have been taken down already.")
    if cmd.target_kind == "person" and cmd.target_id == cmd.reporter_id:
        raise Rejected("You cannot report yourself.")
    report_id = derived_id("report", cmd.intent_id)
    await services.store.create(scopes.OPS, {
        "_id": report_doc_id(report_id), "type": "report", "report_id": report_id,
        "reporter_id": cmd.reporter_id, "target_kind": cmd.target_kind, "target_id": cmd.target_id,
        "reason": reason, "status": "open", "source_intent": cmd.intent_id,
        "created_at": services.clock.now().isoformat(),
    })
    return Result(ref=report_id)


async def suspend_person(cmd: SuspendPerson, services: Services) -> Result:
    return await _set_suspended(cmd, services, True)


async def restore_person(cmd: RestorePerson, services: Services) -> Result:
    return await _set_suspended(cmd, services, False)


async def _set_suspended(cmd: SuspendPerson | RestorePerson, services: Services, suspended: bool) -> Result:
    admin = await person_card(services, cmd.admin_id)
    if ADMIN_ROLE not in admin.get("roles", ()) or admin.get("suspended"):
        raise Rejected("Only an admin can suspend or restore a person.")
    if cmd.person_id == cmd.admin_id:
        raise Rejected("Ask another admin: nobody suspends or restores themselves.")
    await person_card(services, cmd.person_id)
    reason = _reason_of(cmd.reason)
    now = services.clock.now().isoformat()
    step = {"suspended": suspended, "by": cmd.admin_id, "reason": reason, "at": now, "intent_id": cmd.intent_id}
    # The record first: a retry after a failure in between finds it and mends the card.
    record = await services.store.create(scopes.OPS, {
        "_id": suspension_doc_id(cmd.person_id), "type": "suspension", "person_id": cmd.person_id,
        "suspended": False, "history": [],
    })

    def recorded(doc: dict) -> dict | None:
        if any(past.get("intent_id") == cmd.intent_id for past in doc.get("history", [])):
            return None
        return {**doc, "suspended": suspended, "history": [*doc.get("history", []), step][-HISTORY_KEPT:]}

    record = await services.store.update(scopes.OPS, suspension_doc_id(cmd.person_id), recorded, current=record)
    standing = record["suspended"]  # the record's, not this command's: a late retry changes nothing

    def shown(card: dict) -> dict | None:
        if bool(card.get("suspended")) is standing:
            return None
        return {**card, "suspended": standing, "updated_at": now}

    await services.store.update(scopes.DIRECTORY, f"person:{cmd.person_id}", shown)
    return Result(ref=cmd.person_id)


def _reason_of(raw: str) -> str:
    reason = raw.strip()
    if not 1 <= len(reason) <= MAX_REASON_CHARS:
        raise Rejected("Say why in 1 to {limit} characters.", limit=MAX_REASON_CHARS)
    return reason


MODERATION_HANDLERS = {
    ReportContent: report_content,
    SuspendPerson: suspend_person,
    RestorePerson: restore_person,
}
