"""KYC: submissions, the provider's result, an admin's decision by hand, and what follows."""
import pytest

from core import kyc, scopes
from core.bus import MessageBus
from core.errors import Rejected
from core.handlers import COMMAND_HANDLERS, EVENT_HANDLERS
from core.handlers.kyc import KYC_HANDLERS
from core.kyc_commands import RecordKycResult, RecordKycSubmitted, SubmitKyc, VerifyByHand
from core.ports import IdentityChecks
from tests.unit.fakes import make_bus
from tests.unit.production import register

NIN = "12345678901"
ID_PHOTO = "https://media.nollycrew.test/kyc/nin-front.jpg"
SELFIE = "a1b2c3d4e5f6"  # a media id


@pytest.fixture
def bus() -> MessageBus:
    plain = make_bus()
    return MessageBus(plain.services, {**COMMAND_HANDLERS, **KYC_HANDLERS}, EVENT_HANDLERS)


@pytest.fixture
async def people(bus):
    chidi = await register(bus, "+2348030000001", "Chidi Okafor")
    admin = await register(bus, "+2348030000009", "Ngozi Admin", ("admin",), "production")
    return chidi, admin


def store(bus):
    return bus.services.store


async def submit(bus, person_id, intent_id="kyc_submission:1", **changes) -> str:
    fields = {"id_type": "NIN", "id_number": NIN, "id_document_ref": ID_PHOTO, "selfie_ref": SELFIE, **changes}
    return await bus.handle(SubmitKyc(intent_id, person_id, **fields))


async def card(bus, person_id) -> dict:
    return await store(bus).get(scopes.DIRECTORY, f"person:{person_id}")


async def check(bus, person_id) -> dict:
    return await store(bus).get(scopes.user_db(person_id), "kyc")


async def test_a_submission_is_pending_and_private(bus, people):
    chidi, _ = people
    job_id = await submit(bus, chidi)
    own = await check(bus, chidi)
    review = await store(bus).get(scopes.OPS, f"kyc:{chidi}")
    assert (own["status"], own["id_number"], own["job_id"]) == ("pending", NIN, job_id)
    assert (review["status"], review["id_number"], review["type"]) == ("pending", NIN, "kyc_review")
    assert (await store(bus).get(scopes.OPS, f"kyc_job:{job_id}"))["person_id"] == chidi
    public = await card(bus, chidi)
    assert public["verified"] is False
    assert NIN not in repr(store(bus).docs(scopes.DIRECTORY))


@pytest.mark.parametrize("changes, words", [
    ({"id_type": "tax card"}, "We check these IDs"),
    ({"id_number": "1234"}, "does not look like a NIN"),
    ({"id_type": "passport", "id_number": NIN}, "passport number"),
    ({"id_document_ref": "http://insecure.example/id.jpg"}, "ID document"),
    ({"selfie_ref": "../../etc/passwd"}, "selfie"),
])
async def test_a_bad_submission_is_refused_and_writes_nothing(bus, people, changes, words):
    chidi, _ = people
    with pytest.raises(Rejected, match=words):
        await submit(bus, chidi, **changes)
    assert await check(bus, chidi) is None
    assert store(bus).docs(scopes.OPS, "kyc") == []


async def test_id_types_are_read_as_people_write_them(bus, people):
    chidi, _ = people
    await submit(bus, chidi, id_type="driver's licence", id_number="abc-12345678")
    assert (await check(bus, chidi))["id_type"] == "DRIVERS_LICENSE"


async def test_a_retried_submission_changes_nothing_and_a_second_one_is_refused(bus, people):
    chidi, _ = people
    first = await submit(bus, chidi)
    generation = store(bus).generation(scopes.user_db(chidi), "kyc")
    assert await submit(bus, chidi) == first
    assert store(bus).generation(scopes.user_db(chidi), "kyc") == generation
    with pytest.raises(Rejected, match="already being checked"):
        await submit(bus, chidi, intent_id="kyc_submission:2")
    assert store(bus).docs(scopes.OPS, "kyc_job:") == store(bus).docs(scopes.OPS, f"kyc_job:{first}")


async def test_a_verified_result_ticks_the_card_once_however_often_it_arrives(bus, people):
    chidi, _ = people
    job_id = await submit(bus, chidi)
    for _ in range(2):
        await bus.handle(RecordKycResult(job_id, "verified", "", f"{job_id}:1012"))
    assert (await check(bus, chidi))["status"] == "verified"
    assert (await store(bus).get(scopes.OPS, f"kyc:{chidi}"))["status"] == "verified"
    assert (await card(bus, chidi))["verified"] is True
    assert len((await check(bus, chidi))["history"]) == 2  # pending, verified: the repeat added nothing
    assert kyc.payout_allowed(await card(bus, chidi))


async def test_a_rejection_keeps_the_reason_and_a_resubmission_starts_again(bus, people):
    chidi, _ = people
    old_job = await submit(bus, chidi)
    await bus.handle(RecordKycResult(old_job, "rejected", "Your selfie does not match your ID.", "e1"))
    rejected = await check(bus, chidi)
    assert (rejected["status"], rejected["reason"]) == ("rejected", "Your selfie does not match your ID.")
    new_job = await submit(bus, chidi, intent_id="kyc_submission:2")
    assert new_job != old_job
    assert (await check(bus, chidi))["status"] == "pending"
    # A late result for the replaced check changes nothing.
    await bus.handle(RecordKycResult(old_job, "verified", "", "e2"))
    assert (await check(bus, chidi))["status"] == "pending"
    assert (await card(bus, chidi))["verified"] is False


async def test_a_result_for_an_unknown_job_is_refused(bus, people):
    with pytest.raises(Rejected, match="No KYC check"):
        await bus.handle(RecordKycResult("nosuchjob", "verified", "", "e1"))


async def test_the_providers_reference_is_kept_on_the_job(bus, people):
    chidi, _ = people
    job_id = await submit(bus, chidi)
    await bus.handle(RecordKycSubmitted(job_id, "0000012345"))
    assert (await store(bus).get(scopes.OPS, f"kyc_job:{job_id}"))["provider_reference"] == "0000012345"


async def test_only_an_admin_verifies_by_hand(bus, people):
    chidi, admin = people
    aisha = await register(bus, "+2348030000002", "Aisha Bello")
    await submit(bus, chidi)
    with pytest.raises(Rejected, match="Only an admin"):
        await bus.handle(VerifyByHand("kyc_review:1", aisha, chidi, True))
    assert (await check(bus, chidi))["status"] == "pending"
    await bus.handle(VerifyByHand("kyc_review:2", admin, chidi, True))
    assert (await check(bus, chidi))["decided_by"] == admin
    assert (await card(bus, chidi))["verified"] is True


async def test_an_admin_takes_verification_back_only_with_a_reason(bus, people):
    chidi, admin = people
    await bus.handle(VerifyByHand("kyc_review:1", admin, chidi, True))  # seen in person, no submission
    with pytest.raises(Rejected, match="Say why"):
        await bus.handle(VerifyByHand("kyc_review:2", admin, chidi, False, "  "))
    assert (await card(bus, chidi))["verified"] is True
    await bus.handle(VerifyByHand("kyc_review:3", admin, chidi, False, "The NIN belongs to someone else."))
    taken_back = await check(bus, chidi)
    assert (taken_back["status"], taken_back["reason"]) == ("unverified", "The NIN belongs to someone else.")
    assert (await card(bus, chidi))["verified"] is False
    assert not kyc.payout_allowed(await card(bus, chidi))
    await submit(bus, chidi, intent_id="kyc_submission:again")
    assert (await check(bus, chidi))["status"] == "pending"


async def test_an_admins_decision_stands_over_a_late_provider_result(bus, people):
    chidi, admin = people
    job_id = await submit(bus, chidi)
    await bus.handle(VerifyByHand("kyc_review:1", admin, chidi, False, "Blurred ID photo."))
    await bus.handle(RecordKycResult(job_id, "verified", "", "late"))
    assert (await check(bus, chidi))["status"] == "rejected"
    assert (await card(bus, chidi))["verified"] is False


@pytest.mark.parametrize("current, verified, expected", [
    ("none", True, "verified"), ("pending", True, "verified"), ("rejected", True, "verified"),
    ("unverified", True, "verified"), ("pending", False, "rejected"), ("verified", False, "unverified"),
])
def test_decisions_by_hand_follow_the_table(current, verified, expected):
    assert kyc.after_review(current, verified) == expected


@pytest.mark.parametrize("current, verified", [("verified", True), ("none", False), ("rejected", False)])
def test_decisions_by_hand_that_make_no_sense_are_refused(current, verified):
    with pytest.raises(Rejected):
        kyc.after_review(current, verified)


@pytest.mark.parametrize("current", ["none", "rejected", "unverified"])
def test_submissions_follow_the_table(current):
    assert kyc.after_submission(current) == "pending"


@pytest.mark.parametrize("current", ["pending", "verified"])
def test_submissions_while_pending_or_verified_are_refused(current):
    with pytest.raises(Rejected):
        kyc.after_submission(current)


@pytest.mark.parametrize("person_card, allowed", [
    ({"type": "person", "verified": True}, True),
    ({"type": "person", "verified": False}, False),
    ({"type": "person"}, False),
    ({"type": "person", "verified": "true"}, False),  # only a real true, never a truthy string
    ({"type": "job_post", "verified": True}, False),
    (None, False),
])
def test_payouts_need_a_verified_person(person_card, allowed):
    assert kyc.payout_allowed(person_card) is allowed


async def test_a_submission_asks_for_sending_and_each_decision_is_told_once():
    from core.kyc_events import KycDecided, KycSubmitted

    raised = []

    async def note(event, services):
        raised.append(event)

    plain = make_bus()
    bus = MessageBus(plain.services, {**COMMAND_HANDLERS, **KYC_HANDLERS},
                     {**EVENT_HANDLERS, KycSubmitted: [note], KycDecided: [note]})
    chidi = await register(bus, "+2348030000003", "Emeka Obi")
    job_id = await submit(bus, chidi)
    await submit(bus, chidi)  # a retry asks again: an interrupted send gets made
    for _ in range(2):
        await bus.handle(RecordKycResult(job_id, "rejected", "Blurred.", f"{job_id}:1013"))
    submitted = KycSubmitted(chidi, job_id)
    assert raised == [submitted, submitted, KycDecided(chidi, "rejected", "Blurred.")]


def test_intents_become_kyc_commands():
    from core.intents import _Fields
    from core.kyc_intents import INTENT_PARSERS

    kind, parse = INTENT_PARSERS["kyc_submission"]
    doc = {"id_type": "NIN", "id_number": NIN, "id_document_ref": ID_PHOTO, "selfie_ref": SELFIE}
    assert (kind, parse("kyc_submission:1", "p1", _Fields(doc))) == (
        "user", SubmitKyc("kyc_submission:1", "p1", "NIN", NIN, ID_PHOTO, SELFIE)
    )
    kind, parse = INTENT_PARSERS["kyc_review"]
    command = parse("kyc_review:1", "admin1", _Fields({"person_id": "p1", "verified": False, "reason": "Fake."}))
    assert (kind, command) == ("user", VerifyByHand("kyc_review:1", "admin1", "p1", False, "Fake."))
    with pytest.raises(ValueError, match="verified"):
        parse("kyc_review:2", "admin1", _Fields({"person_id": "p1", "verified": "yes"}))


async def test_a_refused_first_review_leaves_no_check_behind(bus, people):
    chidi, admin = people
    with pytest.raises(Rejected, match="no check to refuse"):
        await bus.handle(VerifyByHand("kyc_review:1", admin, chidi, False, "Looks fake."))
    assert await check(bus, chidi) is None
    assert store(bus).docs(scopes.OPS, "kyc") == []


class RecordedChecks(IdentityChecks):
    def __init__(self):
        self.sent: list[tuple[str, str]] = []

    async def send(self, person_id: str, job_id: str) -> None:
        self.sent.append((person_id, job_id))


async def test_a_submission_goes_to_the_provider_once_per_check(bus, people):
    chidi, _ = people
    bus.services.checks = RecordedChecks()

    job_id = await submit(bus, chidi)
    assert await submit(bus, chidi) == job_id  # a retried intent

    # A retry sends again on purpose (an interrupted send is finished); the job id is the
    # same, so the provider sees one job.
    assert set(bus.services.checks.sent) == {(chidi, job_id)}
