"""A booking's contract: drafted by the office, signed by the producer's side and the booked person.

The office database holds the contract; each party's own database a copy, so each reads and
signs from their own devices, and finding the copy is how a party is told from a stranger.
"""
from core import contracts, scopes
from core.bus import Result, Services
from core.contract_commands import SIGNING_CHANNELS, DraftContract, RequestSigningCode, SignContract
from core.contract_signing import BUILT_IN, provider_for
from core.errors import Rejected
from core.handlers.people import person_card
from core.handlers.team import team_member
from core.project_roles import HIRE, HIRE_OWN_DEPARTMENT, require_in_department

NOT_A_PARTY = "That contract is not one of yours."
ALREADY_SIGNED = "You have already signed this contract."
CHANGED = "The contract changed since you read it. Read it again and sign the new version."


def contract_doc_id(contract_id: str) -> str:
    return f"contract:{contract_id}"


async def draft_contract(cmd: DraftContract, services: Services) -> Result:
    booking = await services.store.get(scopes.project_db(cmd.project_id), f"booking:{cmd.booking_id}")
    if booking is None:
        raise Rejected("That booking is not in this project.")
    job_post = await services.store.get(scopes.DIRECTORY, f"job_post:{booking['job_post_id']}")
    roles, departments = await team_member(services, cmd.project_id, cmd.by)
    require_in_department(roles, departments, HIRE, HIRE_OWN_DEPARTMENT, job_post["department"],
                          f"draft contracts for {booking['role']}")
    if cmd.kind not in contracts.KINDS:
        raise Rejected("A contract is a deal memo (crew) or an actor agreement (cast).")
    drafter, person = await person_card(services, cmd.by), await person_card(services, booking["person_id"])
    filled = {
        **contracts.fill(cmd.kind, booking, drafter, person),
        "drafted_by": cmd.by,
        "signers": [cmd.by, booking["person_id"]],
        "source_intent": cmd.intent_id,
    }
    office, now = scopes.office_db(cmd.project_id), services.clock.now().isoformat()
    contract = await services.store.create(office, {
        "_id": contract_doc_id(cmd.booking_id), "type": "contract", "contract_id": cmd.booking_id,
        "booking_id": cmd.booking_id, "project_id": cmd.project_id, "person_id": booking["person_id"],
        **filled, "signatures": [], "status": "draft", "provider": BUILT_IN, "created_at": now,
    })
    if contract["source_intent"] != cmd.intent_id:
        # A new draft (the booking changed): allowed only while nobody has signed the old words.
        def redraft(doc: dict) -> dict | None:
            if doc["source_intent"] == cmd.intent_id:
                return None
            if doc["signatures"]:
                raise Rejected("This contract already has a signature, so it can no longer be redrafted.")
            return {**doc, **filled, "status": "draft", "redrafted_at": now}

        contract = await services.store.update(office, contract["_id"], redraft, current=contract)
    await _share(services, contract)
    return Result(ref=cmd.booking_id)


async def request_signing_code(cmd: RequestSigningCode, services: Services) -> Result:
    contract = await _contract_of_party(services, cmd.contract_id, cmd.person_id)
    if _signature_of(contract, cmd.person_id):
        raise Rejected(ALREADY_SIGNED)
    await provider_for(contract, services).start(contract, cmd.person_id)
    return Result(ref=cmd.contract_id)


async def sign_contract(cmd: SignContract, services: Services) -> Result:
    contract = await _contract_of_party(services, cmd.contract_id, cmd.signer_id)
    earlier = _signature_of(contract, cmd.signer_id)
    if earlier and earlier["source_intent"] == cmd.intent_id:
        return Result(ref=cmd.contract_id)  # a retried intent: its code is spent, its signature kept
    if earlier:
        raise Rejected(ALREADY_SIGNED)
    if cmd.channel not in SIGNING_CHANNELS:
        raise Rejected("Sign in the chat or in the app.")
    if cmd.document_sha256 != contract["document_sha256"]:
        raise Rejected(CHANGED)
    await provider_for(contract, services).record(contract, cmd.signer_id, cmd.code)
    card = await person_card(services, cmd.signer_id)
    signature = {
        **contracts.signature_record(cmd.signer_id, card["name"], services.clock.now().isoformat(),
                                     cmd.channel, cmd.document_sha256, contract["provider"]),
        "source_intent": cmd.intent_id,
    }

    def add(doc: dict) -> dict | None:
        if _signature_of(doc, cmd.signer_id):
            return None
        if doc["document_sha256"] != cmd.document_sha256:  # redrafted between our read and this write
            raise Rejected(CHANGED)
        signatures = [*doc["signatures"], signature]
        signed = {s["signer"] for s in signatures} >= set(doc["signers"])
        return {**doc, "signatures": signatures, "status": "signed" if signed else "signing"}

    office = scopes.office_db(contract["project_id"])
    contract = await services.store.update(office, contract["_id"], add)
    await _share(services, contract)
    return Result(ref=cmd.contract_id)


async def _contract_of_party(services: Services, contract_id: str, person_id: str) -> dict:
    """The office's contract, if `person_id` holds a copy of it and is still one of its signers."""
    copy = await services.store.get(scopes.user_db(person_id), contract_doc_id(contract_id))
    if copy is None:
        raise Rejected(NOT_A_PARTY)
    contract = await services.store.get(scopes.office_db(copy["project_id"]), contract_doc_id(contract_id))
    if contract is None or person_id not in contract["signers"]:
        raise Rejected(NOT_A_PARTY)
    return contract


def _signature_of(contract: dict, person_id: str) -> dict | None:
    return next((s for s in contract["signatures"] if s["signer"] == person_id), None)


async def _share(services: Services, contract: dict) -> None:
    """Each party's copy follows the office's contract."""
    fields = {key: value for key, value in contract.items() if key not in ("_id", "_rev")}
    for person_id in contract["signers"]:
        db = scopes.user_db(person_id)
        await services.store.create(db, {"_id": contract["_id"], **fields})

        def follow(copy: dict) -> dict | None:
            return None if {k: v for k, v in copy.items() if k not in ("_id", "_rev")} == fields else {**copy, **fields}

        await services.store.update(db, contract["_id"], follow)


CONTRACT_HANDLERS = {
    DraftContract: draft_contract,
    RequestSigningCode: request_signing_code,
    SignContract: sign_contract,
}
