"""Contracts: filled from a booking, hashed, signed by both parties with one-time codes."""
import hashlib
from datetime import timedelta

import pytest

from core import contracts, scopes
from core.bus import MessageBus
from core.contract_commands import INTENT_PARSERS, DraftContract, RequestSigningCode, SignContract
from core.contract_signing import OneTimeCodeSignatures
from core.errors import Rejected
from core.handlers import COMMAND_HANDLERS, EVENT_HANDLERS
from core.handlers.contracts import CONTRACT_HANDLERS, NOT_A_PARTY, contract_doc_id
from core.identity.errors import SignInRefused, TooManyTries
from core.intents import _Fields
from tests.unit.fakes import FixedClock
from tests.unit.identity_fakes import IDENTITY_HANDLERS, make_identity_bus
from tests.unit.production import Production


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def bus(clock) -> MessageBus:
    """Overrides conftest's: the production fixture is opened on a bus with codes and contracts."""
    plain = make_identity_bus(clock)
    return MessageBus(plain.services, {**COMMAND_HANDLERS, **IDENTITY_HANDLERS, **CONTRACT_HANDLERS}, EVENT_HANDLERS)


async def booked(production: Production) -> tuple[str, dict]:
    booking_id = await production.book(production.chidi_id)
    return booking_id, await production.bus.services.store.get(production.project, f"booking:{booking_id}")


async def drafted(production: Production, kind: str = contracts.DEAL_MEMO, intent_id: str = "contract_draft_request:1"):
    booking_id, _ = await booked(production)
    draft = DraftContract(intent_id, production.project_id, production.producer_id, booking_id, kind)
    await production.bus.handle(draft)
    return booking_id, await production.bus.services.store.get(production.office, contract_doc_id(booking_id))


def last_code(bus: MessageBus) -> str:
    return bus.services.outbox.with_template("signing_code")[-1].params["code"]


async def sign(bus, contract: dict, signer_id: str, code: str | None = None, intent_id: str | None = None, sha=None):
    if code is None:
        await bus.handle(RequestSigningCode(contract["contract_id"], signer_id))
        code = last_code(bus)
    return await bus.handle(SignContract(
        intent_id or f"contract_signature:{signer_id}", contract["contract_id"], signer_id, code, "chat",
        sha or contract["document_sha256"],
    ))


PRODUCER_CARD, CHIDI_CARD = {"name": "Funke Adeyemi"}, {"name": "Chidi Okafor"}


async def test_a_deal_memo_is_filled_from_the_booking(production):
    _, booking = await booked(production)
    memo = contracts.fill(contracts.DEAL_MEMO, booking, PRODUCER_CARD, CHIDI_CARD)
    assert memo["title"] == "Deal memo: Gaffer on Eko Nights"
    for words in ("Funke Adeyemi", "Crew member: Chidi Okafor", "as Gaffer", "1 December 2026 to 12 December 2026",
                  "first call at 06:30", "Lekki, Lagos", "₦45,000 per day", "Paid through NollyCrew escrow",
                  "48 hours' notice"):
        assert words in memo["text"]
    assert "likeness" not in memo["text"]


async def test_an_actor_agreement_adds_character_likeness_and_credit(production):
    _, booking = await booked(production)
    agreement = contracts.fill(contracts.ACTOR_AGREEMENT, {**booking, "character": "Ngozi"}, PRODUCER_CARD, CHIDI_CARD)
    headings = [clause["heading"] for clause in agreement["clauses"]]
    assert headings[-3:] == ["Character", "Likeness and usage", "Credit"]
    assert "Chidi Okafor is credited as Ngozi" in agreement["text"]
    assert "Performer: Chidi Okafor" in agreement["text"]


async def test_the_hash_is_stable_for_the_same_booking_and_over_the_canonical_bytes(production):
    _, booking = await booked(production)
    first = contracts.fill(contracts.DEAL_MEMO, booking, PRODUCER_CARD, CHIDI_CARD)
    again = contracts.fill(contracts.DEAL_MEMO, dict(booking), PRODUCER_CARD, CHIDI_CARD)
    assert first["document_sha256"] == again["document_sha256"]
    assert first["document_sha256"] == hashlib.sha256(first["text"].encode("utf-8")).hexdigest()
    dearer = contracts.fill(contracts.DEAL_MEMO, {**booking, "rate": {"amount_minor": 5_000_000, "currency": "NGN"}},
                            PRODUCER_CARD, CHIDI_CARD)
    assert dearer["document_sha256"] != first["document_sha256"]


async def test_drafting_stores_the_contract_in_the_office_and_a_copy_with_each_party(production):
    booking_id, contract = await drafted(production)
    assert (contract["status"], contract["signatures"]) == ("draft", [])
    assert contract["signers"] == [production.producer_id, production.chidi_id]
    for person_id in contract["signers"]:
        copy = await production.bus.services.store.get(scopes.user_db(person_id), contract_doc_id(booking_id))
        assert (copy["text"], copy["document_sha256"], copy["status"]) == (
            contract["text"], contract["document_sha256"], "draft")


async def test_a_retried_draft_changes_nothing(production):
    booking_id, _ = await drafted(production)
    store = production.bus.services.store
    before = store.generation(production.office, contract_doc_id(booking_id))
    await production.bus.handle(DraftContract("contract_draft_request:1", production.project_id,
                                              production.producer_id, booking_id, contracts.DEAL_MEMO))
    assert store.generation(production.office, contract_doc_id(booking_id)) == before


async def test_only_someone_who_may_hire_drafts(production):
    booking_id, _ = await booked(production)
    with pytest.raises(Rejected, match="does not let you draft"):
        await production.bus.handle(DraftContract("contract_draft_request:2", production.project_id,
                                                  production.aisha_id, booking_id, contracts.DEAL_MEMO))


async def test_the_signing_code_goes_to_the_signer_and_is_kept_out_of_the_records(production):
    _, contract = await drafted(production)
    await production.bus.handle(RequestSigningCode(contract["contract_id"], production.chidi_id))
    [message] = production.bus.services.outbox.with_template("signing_code")
    assert (message.person_id, message.sensitive) == (production.chidi_id, True)
    assert len(message.params["code"]) == 6


async def test_both_signatures_make_the_contract_signed(production, clock):
    booking_id, contract = await drafted(production)
    await sign(production.bus, contract, production.chidi_id)
    store = production.bus.services.store
    half = await store.get(production.office, contract_doc_id(booking_id))
    assert half["status"] == "signing"
    [signature] = half["signatures"]
    assert {k: signature[k] for k in ("signer", "at", "channel", "document_sha256")} == {
        "signer": production.chidi_id, "at": clock.now().isoformat(), "channel": "chat",
        "document_sha256": contract["document_sha256"]}
    await sign(production.bus, contract, production.producer_id)
    done = await store.get(production.office, contract_doc_id(booking_id))
    assert done["status"] == "signed"
    assert [s["signer"] for s in done["signatures"]] == [production.chidi_id, production.producer_id]
    copy = await store.get(scopes.user_db(production.chidi_id), contract_doc_id(booking_id))
    assert copy["status"] == "signed" and len(copy["signatures"]) == 2


async def test_a_wrong_code_is_refused_and_signs_nothing(production):
    booking_id, contract = await drafted(production)
    await production.bus.handle(RequestSigningCode(contract["contract_id"], production.chidi_id))
    wrong = f"{(int(last_code(production.bus)) + 1) % 1_000_000:06d}"
    with pytest.raises(SignInRefused, match="not right"):
        await sign(production.bus, contract, production.chidi_id, code=wrong)
    stored = await production.bus.services.store.get(production.office, contract_doc_id(booking_id))
    assert stored["signatures"] == []
    # the right code still works
    await sign(production.bus, contract, production.chidi_id, code=last_code(production.bus))


async def test_five_wrong_codes_burn_the_code(production):
    _, contract = await drafted(production)
    await production.bus.handle(RequestSigningCode(contract["contract_id"], production.chidi_id))
    right = last_code(production.bus)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    for _ in range(4):
        with pytest.raises(SignInRefused):
            await sign(production.bus, contract, production.chidi_id, code=wrong)
    with pytest.raises(TooManyTries):
        await sign(production.bus, contract, production.chidi_id, code=wrong)
    with pytest.raises(TooManyTries):
        await sign(production.bus, contract, production.chidi_id, code=right)


async def test_a_code_cannot_be_used_twice(production):
    _, contract = await drafted(production)
    signatures = OneTimeCodeSignatures(production.bus.services)
    await signatures.start(contract, production.chidi_id)
    code = last_code(production.bus)
    await signatures.record(contract, production.chidi_id, code)
    with pytest.raises(SignInRefused, match="already used"):
        await signatures.record(contract, production.chidi_id, code)


async def test_a_code_for_one_contract_does_not_sign_another(production):
    _, chidis = await drafted(production)
    aishas_booking = await production.book(production.aisha_id)
    await production.bus.handle(DraftContract("contract_draft_request:aisha", production.project_id,
                                              production.producer_id, aishas_booking, contracts.DEAL_MEMO))
    aishas = await production.bus.services.store.get(production.office, contract_doc_id(aishas_booking))
    await production.bus.handle(RequestSigningCode(chidis["contract_id"], production.producer_id))
    with pytest.raises(SignInRefused, match="expired or was already used"):
        await sign(production.bus, aishas, production.producer_id, code=last_code(production.bus))


async def test_an_expired_code_is_refused(production, clock):
    _, contract = await drafted(production)
    await production.bus.handle(RequestSigningCode(contract["contract_id"], production.chidi_id))
    clock.at += timedelta(minutes=11)
    with pytest.raises(SignInRefused, match="expired"):
        await sign(production.bus, contract, production.chidi_id, code=last_code(production.bus))


async def test_signing_words_that_have_since_changed_is_refused(production):
    booking_id, shown = await drafted(production)
    await production.bus.handle(DraftContract("contract_draft_request:redraft", production.project_id,
                                              production.producer_id, booking_id, contracts.ACTOR_AGREEMENT))
    with pytest.raises(Rejected, match="The contract changed since you read it"):
        await sign(production.bus, shown, production.chidi_id)
    current = await production.bus.services.store.get(production.office, contract_doc_id(booking_id))
    assert current["kind"] == contracts.ACTOR_AGREEMENT and current["signatures"] == []
    await sign(production.bus, current, production.chidi_id)  # the new words, read and signed


async def test_a_signed_contract_cannot_be_redrafted(production):
    booking_id, contract = await drafted(production)
    await sign(production.bus, contract, production.chidi_id)
    with pytest.raises(Rejected, match="can no longer be redrafted"):
        await production.bus.handle(DraftContract("contract_draft_request:late", production.project_id,
                                                  production.producer_id, booking_id, contracts.ACTOR_AGREEMENT))


async def test_a_stranger_cannot_ask_for_a_code_or_sign(production):
    _, contract = await drafted(production)
    with pytest.raises(Rejected, match=NOT_A_PARTY):
        await production.bus.handle(RequestSigningCode(contract["contract_id"], production.aisha_id))
    with pytest.raises(Rejected, match=NOT_A_PARTY):
        await sign(production.bus, contract, production.aisha_id, code="123456")


async def test_signing_twice_is_refused_but_a_retried_intent_is_not(production):
    booking_id, contract = await drafted(production)
    await sign(production.bus, contract, production.chidi_id, intent_id="contract_signature:1")
    code = last_code(production.bus)
    await sign(production.bus, contract, production.chidi_id, code=code, intent_id="contract_signature:1")
    with pytest.raises(Rejected, match="already signed"):
        await sign(production.bus, contract, production.chidi_id, code=code, intent_id="contract_signature:2")
    with pytest.raises(Rejected, match="already signed"):
        await production.bus.handle(RequestSigningCode(contract["contract_id"], production.chidi_id))
    stored = await production.bus.services.store.get(production.office, contract_doc_id(booking_id))
    assert len(stored["signatures"]) == 1


def test_the_intents_parse_into_commands():
    kind, parse = INTENT_PARSERS["contract_draft_request"]
    assert kind == "office"
    assert parse("i1", "proj1", _Fields({"author": "p1", "booking_id": "b1", "kind": "deal_memo"})) == DraftContract(
        "i1", "proj1", "p1", "b1", "deal_memo")
    kind, parse = INTENT_PARSERS["contract_signature"]
    assert kind == "user"
    fields = {"contract_id": "b1", "code": "123456", "channel": "chat", "document_sha256": "ab"}
    assert parse("i2", "person1", _Fields(fields)) == SignContract("i2", "b1", "person1", "123456", "chat", "ab")
    with pytest.raises(ValueError, match="chat or app"):
        parse("i2", "person1", _Fields({**fields, "channel": "sms"}))
    kind, parse = INTENT_PARSERS["signing_code_request"]
    assert (kind, parse("i3", "person1", _Fields({"contract_id": "b1"}))) == (
        "user", RequestSigningCode("b1", "person1", "i3"))
