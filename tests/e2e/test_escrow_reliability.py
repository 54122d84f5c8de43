"""Money survives a killed core: a burst of release requests on one booking's escrow, the core
killed with SIGKILL in the middle and started again. Every request gets one outcome, the ledger
pays exactly what was held and never more, nothing is lost and nothing is paid twice."""
import uuid
from datetime import date, datetime, time, timezone

from config.seed import DEMO_PASSWORD
from core import scopes
from core.commands import ApplyForJob, CreateProject, Hire, PostJob, RegisterPerson
from core.escrow_commands import ConfirmPayment, RequestDeposit
from core.handlers.escrow import PLATFORM_FEE_BPS, payment_reference
from core.ledger import accounts
from core.ledger.fees import split_release
from core.money import Money
from tests.e2e.conftest import DeviceClient, wait_for
from tests.e2e.test_reliability import _at_least, intents_with_outcomes

PART_MINOR, PARTS_HELD, REQUESTS = 300_000, 150, 200  # ₦3,000 parts: 150 can be paid, 50 must be refused


async def funded_booking(office_bus) -> tuple[str, str, str, str]:
    tag = uuid.uuid4().hex
    producer = await office_bus.handle(RegisterPerson("+23480" + str(uuid.uuid4().int)[:8], "Escrow Producer",
                                                      ("producer",), password=DEMO_PASSWORD))
    crew = await office_bus.handle(RegisterPerson("+23480" + str(uuid.uuid4().int)[:8], "Escrow Crew", ("crew",)))
    project_id = await office_bus.handle(CreateProject(f"project_request:{tag}", producer, "Escrow burst"))
    job = await office_bus.handle(PostJob(f"job_post_request:{tag}", project_id, producer, "Gaffer", "lighting",
                                          date(2026, 12, 1), date(2026, 12, 10), time(6, 30),
                                          Money(4_500_000, "NGN"), "day", "Lekki", "Lagos"))
    application = await office_bus.handle(ApplyForJob(f"application_request:{tag}", crew, job))
    booking_id = await office_bus.handle(Hire(f"hire_request:{tag}", project_id, producer, application))
    held = Money(PART_MINOR * PARTS_HELD, "NGN")
    await office_bus.handle(RequestDeposit(f"escrow_deposit_request:{tag}", project_id, producer, booking_id, held,
                                           "paystack"))
    await office_bus.handle(ConfirmPayment("paystack", payment_reference(booking_id), held, "e2e"))
    return producer, crew, project_id, booking_id


def release_request(author: str, booking_id: str) -> dict:
    return {"_id": f"escrow_release_request:{uuid.uuid4().hex}", "type": "escrow_release_request", "author": author,
            "created_at": datetime.now(timezone.utc).isoformat(), "booking_id": booking_id, "amount_minor": PART_MINOR}


async def test_a_core_killed_in_a_burst_of_releases_pays_exactly_what_was_held(stack, office_bus):
    producer_id, crew, project_id, booking_id = await funded_booking(office_bus)
    office, producer = scopes.office_db(project_id), DeviceClient(stack.api_url, producer_id, DEMO_PASSWORD)
    intents = [release_request(producer_id, booking_id) for _ in range(REQUESTS)]
    ids = {doc["_id"] for doc in intents}
    status, body = await producer.request("POST", f"{office}/_bulk_docs", json={"docs": intents})
    assert status == 201 and all("ok" in row for row in body), body[:3]

    await wait_for(lambda: _at_least(intents_with_outcomes(producer, office, ids), 20), timeout_s=60)
    stack.services["core"].kill9()
    assert len(await intents_with_outcomes(producer, office, ids)) < REQUESTS, "the burst ended before the kill"
    stack.restart("core")

    done = await wait_for(lambda: _at_least(intents_with_outcomes(producer, office, ids), REQUESTS), timeout_s=240)
    outcomes = [doc["outcome"]["status"] for doc in done.values()]
    assert (outcomes.count("accepted"), outcomes.count("rejected")) == (PARTS_HELD, REQUESTS - PARTS_HELD)
    assert {doc["_rev"].split("-")[0] for doc in done.values()} == {"2"}  # one outcome each
    ledger = office_bus.services.ledger  # this process's reader of the log the core wrote
    net = split_release(PART_MINOR, PLATFORM_FEE_BPS).net_minor
    assert (await ledger.balance(accounts.payee(crew), "NGN")).posted == PARTS_HELD * net
    deposit = await office_bus.services.store.get(office, f"escrow_deposit:{booking_id}")
    assert (deposit["released_minor"], deposit["status"]) == (PART_MINOR * PARTS_HELD, "released")
