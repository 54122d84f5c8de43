"""What a person says from chat that changes state: consent (its wording version and the time),
STOP and START, and "running late", which the core tells the production (the person who hired
them, and the producer) and keeps on the project's "late:<booking>:<day>" for the check-in log."""
from datetime import timedelta

from core import scopes
from core.bus import Result, Services
from core.chat_commands import CONSENT_WORDINGS, MAX_ETA_MIN, RecordChatConsent, ReportRunningLate, SetChatOptOut
from core.errors import Rejected
from core.ports import OutboundMessage

PROFILE_DOC_ID = "profile"
CHAT_LANGUAGES = ("en", "pcm", "yo", "ig", "ha")


async def record_chat_consent(cmd: RecordChatConsent, services: Services) -> Result:
    if cmd.wording_version not in CONSENT_WORDINGS:
        raise Rejected("That version of the terms is not one we know. Send HI to see the current terms.")
    if cmd.language not in CHAT_LANGUAGES:
        raise Rejected("The terms are shown in {languages}; {language} is not one of them.",
                       languages=", ".join(CHAT_LANGUAGES), language=repr(cmd.language))
    now = services.clock.now().isoformat()
    entry = {"version": cmd.wording_version, "language": cmd.language, "agreed": cmd.agreed, "at": now,
             "intent": cmd.intent_id}

    def record(profile: dict) -> dict | None:
        history = profile.get("consent_history", [])
        if any(kept["intent"] == cmd.intent_id for kept in history):
            return None  # a retry
        current = {"version": cmd.wording_version, "language": cmd.language, "agreed_at": now} if cmd.agreed else None
        return {**profile, "consent": current, "consent_history": [*history, entry]}

    await _update_profile(services, cmd.person_id, record)
    return Result(ref=cmd.person_id)


async def set_chat_opt_out(cmd: SetChatOptOut, services: Services) -> Result:
    now = services.clock.now().isoformat()

    def change(profile: dict) -> dict | None:
        if profile.get("opt_out_intent") == cmd.intent_id:
            return None
        stamp = {"opted_out_at": now} if cmd.opted_out else {"opted_in_at": now}
        return {**profile, "opted_out": cmd.opted_out, "opt_out_intent": cmd.intent_id, **stamp}

    await _update_profile(services, cmd.person_id, change)
    return Result(ref=cmd.person_id)


async def report_running_late(cmd: ReportRunningLate, services: Services) -> Result:
    booking = await _own_booking(services, cmd.person_id, cmd.booking_id)
    if booking["status"] != "confirmed":
        raise Rejected("That booking is not confirmed, so there is no call to be late for.")
    day = cmd.at.date().isoformat()
    if not booking["start_date"] <= day <= booking["end_date"]:
        raise Rejected("You are booked from {start} to {end}, not today.",
                       start=booking["start_date"], end=booking["end_date"])
    if not 1 <= cmd.eta_minutes <= MAX_ETA_MIN:
        raise Rejected("Say how many minutes late, from 1 to {limit}, e.g. LATE 20.", limit=MAX_ETA_MIN)
    project = scopes.project_db(booking["project_id"])
    expected = (cmd.at + timedelta(minutes=cmd.eta_minutes)).isoformat()
    report = {"eta_minutes": cmd.eta_minutes, "expected_at": expected, "reported_at": cmd.at.isoformat(),
              "intent": cmd.intent_id}
    doc_id = f"late:{cmd.booking_id}:{day}"
    await services.store.create(project, {"_id": doc_id, "type": "late_notice", "booking_id": cmd.booking_id,
                                          "person_id": cmd.person_id, "day": day, "reports": []})

    def add(doc: dict) -> dict | None:
        if any(kept["intent"] == cmd.intent_id for kept in doc["reports"]):
            return None
        return {**doc, "reports": [*doc["reports"], report], **{k: report[k] for k in ("eta_minutes", "expected_at")}}

    await services.store.update(project, doc_id, add)
    await _tell_production(services, cmd, booking, expected)
    return Result(ref=doc_id)


async def _tell_production(services: Services, cmd: ReportRunningLate, booking: dict, expected: str) -> None:
    card = await services.store.get(scopes.DIRECTORY, f"person:{cmd.person_id}") or {}
    project = await services.store.get(scopes.project_db(booking["project_id"]), "project") or {}
    params = {"name": card.get("name") or "A crew member", "role": booking["role"],
              "project_title": booking["project_title"], "minutes": cmd.eta_minutes, "expected": expected[11:16]}
    # The one who hired them runs their department on the day; the producer hears of every delay.
    for recipient in dict.fromkeys(p for p in (booking.get("hired_by"), project.get("producer_id")) if p):
        await services.outbox.queue(OutboundMessage(
            message_id=f"late_notice.{cmd.intent_id}.{recipient}", person_id=recipient,
            template="late_notice", params=params,
        ))


async def _own_booking(services: Services, person_id: str, booking_id: str) -> dict:
    mine = await services.store.get(scopes.user_db(person_id), f"booking:{booking_id}")
    booking = mine and await services.store.get(scopes.project_db(mine["project_id"]), f"booking:{booking_id}")
    if not booking or booking["person_id"] != person_id:
        raise Rejected("We cannot find that booking. Send SCHEDULE to see your bookings.")
    return booking


async def _update_profile(services: Services, person_id: str, change) -> None:
    db = scopes.user_db(person_id)
    if await services.store.get(db, PROFILE_DOC_ID) is None:
        raise Rejected("We do not know you yet. Send HI to our WhatsApp number to sign up.")
    await services.store.update(db, PROFILE_DOC_ID, change)


CHAT_HANDLERS = {
    RecordChatConsent: record_chat_consent,
    SetChatOptOut: set_chat_opt_out,
    ReportRunningLate: report_running_late,
}
