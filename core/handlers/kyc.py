"""KYC: the person's own database holds their check ("kyc", the authority), `ops` holds the
review queue ("kyc:<person_id>") and the job index ("kyc_job:<job_id>"); the directory card
shows only `verified`. The ID number never reaches the directory.

Every write is keyed: a submission and a decision by hand by their intent id, a provider
result by its event id, so a retry or a callback delivered twice changes nothing.
"""
from collections.abc import Callable

from core import kyc, scopes
from core.bus import Result, Services
from core.errors import Rejected
from core.handlers.people import person_card
from core.ids import derived_id
from core.kyc_events import KycDecided, KycSubmitted
from core.media import require_own_upload
from core.kyc_commands import RecordKycResult, RecordKycSubmitted, SubmitKyc, VerifyByHand

KYC_DOC_ID = "kyc"
ADMIN_ROLE = "admin"
SEEN_KEYS_KEPT = 50  # intent and event ids remembered; far more than one person's checks


def review_doc_id(person_id: str) -> str:
    return f"kyc:{person_id}"


def job_doc_id(job_id: str) -> str:
    return f"kyc_job:{job_id}"


async def submit_kyc(cmd: SubmitKyc, services: Services) -> Result:
    await person_card(services, cmd.person_id)
    id_type = kyc.id_type_of(cmd.id_type)
    fields = {
        "id_type": id_type,
        "id_number": kyc.id_number_of(id_type, cmd.id_number),
        "id_document_ref": kyc.media_ref_of(cmd.id_document_ref, "ID document"),
        "selfie_ref": kyc.media_ref_of(cmd.selfie_ref, "selfie"),
        "job_id": derived_id("kyc", cmd.person_id, cmd.intent_id),
        "reason": "",
        "submitted_at": services.clock.now().isoformat(),
    }
    await require_own_upload(services.media, cmd.person_id, fields["id_document_ref"], "id_document", "ID document")
    await require_own_upload(services.media, cmd.person_id, fields["selfie_ref"], "selfie", "selfie")
    held = await services.store.get(scopes.user_db(cmd.person_id), KYC_DOC_ID)
    if held is not None and cmd.intent_id not in held.get("seen", []):
        kyc.after_submission(held["status"])  # refuse before anything is written
    # The index first: once the job can reach the provider, its callback must find the person.
    await services.store.create(scopes.OPS, {
        "_id": job_doc_id(fields["job_id"]), "type": "kyc_job", "job_id": fields["job_id"],
        "person_id": cmd.person_id, "source_intent": cmd.intent_id,
    })

    def submitted(doc: dict) -> dict:
        return {**fields, "status": kyc.after_submission(doc["status"])}

    check, _ = await _move(services, cmd.person_id, cmd.intent_id, submitted)
    return Result(ref=check["job_id"], events=[KycSubmitted(cmd.person_id, check["job_id"])])


async def record_kyc_result(cmd: RecordKycResult, services: Services) -> Result:
    index = await services.store.get(scopes.OPS, job_doc_id(cmd.provider_job_id))
    if index is None:
        raise Rejected("No KYC check has the job id {job_id}.", job_id=repr(cmd.provider_job_id))
    person_id = index["person_id"]

    def decide(doc: dict) -> dict | None:
        if doc.get("job_id") != cmd.provider_job_id:
            return None  # the result of an earlier check, since replaced by a new submission
        status = kyc.after_result(doc["status"], cmd.result)
        if status is None:
            return None  # an admin decided first; theirs stands
        reason = kyc.reason_of(cmd.reason, needed=False) if status == kyc.REJECTED else ""
        return {"status": status, "reason": reason, "decided_by": "provider"}

    key = cmd.provider_event_id or f"{cmd.provider_job_id}:{cmd.result}"
    return await _decided(services, person_id, key, decide)


async def record_kyc_submitted(cmd: RecordKycSubmitted, services: Services) -> Result:
    index = await services.store.get(scopes.OPS, job_doc_id(cmd.provider_job_id))
    if index is None:
        raise Rejected("No KYC check has the job id {job_id}.", job_id=repr(cmd.provider_job_id))
    reference = cmd.provider_reference

    def change(doc: dict) -> dict | None:
        return None if doc.get("provider_reference") == reference else {**doc, "provider_reference": reference}

    await services.store.update(scopes.OPS, job_doc_id(cmd.provider_job_id), change, current=index)
    return Result(ref=index["person_id"])


async def verify_by_hand(cmd: VerifyByHand, services: Services) -> Result:
    admin = await person_card(services, cmd.admin_id)
    if ADMIN_ROLE not in admin.get("roles", ()):
        raise Rejected("Only an admin can verify a person's ID by hand.")
    await person_card(services, cmd.person_id)

    def decide(doc: dict) -> dict:
        status = kyc.after_review(doc["status"], cmd.verified)
        reason = kyc.reason_of(cmd.reason, needed=status in (kyc.REJECTED, kyc.UNVERIFIED))
        return {"status": status, "reason": reason, "decided_by": cmd.admin_id}

    return await _decided(services, cmd.person_id, cmd.intent_id, decide)


async def _decided(services: Services, person_id: str, key: str, decide) -> Result:
    check, moved = await _move(services, person_id, key, decide)
    events = [KycDecided(person_id, check["status"], check.get("reason", ""))] if moved else []
    return Result(ref=person_id, events=events)


async def _move(
    services: Services, person_id: str, key: str, decide: Callable[[dict], dict | None]
) -> tuple[dict, bool]:
    """Apply `decide` to the person's check unless `key` was applied before; then bring the
    review queue and the directory card in line with it (they follow, so a retry mends them).
    The check as stored, and whether this call moved it."""
    own_db, store = scopes.user_db(person_id), services.store
    now = services.clock.now().isoformat()
    current = await store.get(own_db, KYC_DOC_ID)
    if current is None:
        blank = {"_id": KYC_DOC_ID, "type": "kyc", "person_id": person_id, "status": kyc.NONE, "seen": []}
        decide(blank)  # a refusal of a first request leaves no empty check behind
        current = await store.create(own_db, blank)

    moved = False  # as of the last try: a conflicting write is tried again on the stored doc

    def change(doc: dict) -> dict | None:
        nonlocal moved
        moved = False
        if key in doc.get("seen", []):
            return None
        fields = decide(doc)
        if fields is None:
            return None
        moved = True
        step = {"status": fields["status"], "by": fields.get("decided_by", person_id), "at": now}
        history = [*doc.get("history", []), step]
        seen = [*doc.get("seen", []), key][-SEEN_KEYS_KEPT:]
        return {**doc, **fields, "history": history, "seen": seen, "updated_at": now}

    check = await store.update(own_db, KYC_DOC_ID, change, current=current)
    await _mirror_review(services, person_id, check)
    await _show_on_card(services, person_id, check["status"] == kyc.VERIFIED, now)
    return check, moved


async def _mirror_review(services: Services, person_id: str, check: dict) -> None:
    wanted = {key: value for key, value in check.items() if key not in ("_id", "_rev", "seen")}
    wanted["type"] = "kyc_review"
    doc_id = review_doc_id(person_id)
    existing = await services.store.get(scopes.OPS, doc_id)
    if existing is None:
        existing = await services.store.create(scopes.OPS, {"_id": doc_id, **wanted})

    def change(doc: dict) -> dict | None:
        if all(doc.get(key) == value for key, value in wanted.items()):
            return None
        return wanted  # the whole review, so nothing of an earlier check lingers

    await services.store.update(scopes.OPS, doc_id, change, current=existing)


async def _show_on_card(services: Services, person_id: str, verified: bool, now: str) -> None:
    def change(card: dict) -> dict | None:
        if card.get("verified") is verified:
            return None
        return {**card, "verified": verified, "updated_at": now}

    await services.store.update(scopes.DIRECTORY, f"person:{person_id}", change)


KYC_HANDLERS = {
    SubmitKyc: submit_kyc,
    RecordKycResult: record_kyc_result,
    RecordKycSubmitted: record_kyc_submitted,
    VerifyByHand: verify_by_hand,
}


async def send_check(event: KycSubmitted, services: Services) -> None:
    """A pending check goes to the provider. Without a provider (unit tests, a process that
    does not run the core) it waits in the review queue for an admin."""
    if services.checks is not None:
        await services.checks.send(event.person_id, event.job_id)
