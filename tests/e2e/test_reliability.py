"""The stack survives a killed core and a database outage, losing nothing and doubling nothing."""
import asyncio
import time
import uuid
from datetime import date, datetime, timedelta, timezone

from config.seed import DEMO_PASSWORD
from core import scopes
from core.commands import CreateProject, RegisterPerson
from tests.conftest import TWILIO_TOKEN
from tests.e2e.conftest import DeviceClient, wait_for
from tests.fakes.twilio_server import deliver_inbound

BURST = 500
OUTAGE_S = 30


def job_request(author: str, n: int) -> dict:
    start = date.today() + timedelta(days=7)
    return {
        "_id": f"job_post_request:{uuid.uuid4().hex}",
        "type": "job_post_request",
        "author": author,
        "created_at": datetime.now(timezone.utc).isoformat(),
        "title": f"Extra #{n}",
        "department": "production",
        "start_date": start.isoformat(),
        "end_date": (start + timedelta(days=1)).isoformat(),
        "call_time": "07:00",
        # Every tenth is malformed on purpose: its outcome must be a rejection, once.
        "rate_minor": 0 if n % 10 == 0 else 1_500_000,
        "currency": "NGN",
        "city": "Enugu",
        "state": "Enugu",
    }


async def office_with_producer(office_bus, api_url: str) -> tuple[str, DeviceClient]:
    producer_id = await office_bus.handle(
        RegisterPerson("+23480" + str(uuid.uuid4().int)[:8], "Burst Producer", ("producer",), password=DEMO_PASSWORD)
    )
    project_id = await office_bus.handle(CreateProject(f"project_request:{uuid.uuid4().hex}", producer_id, "Burst"))
    return scopes.office_db(project_id), DeviceClient(api_url, producer_id, DEMO_PASSWORD)


async def intents_with_outcomes(producer: DeviceClient, office: str, ids: set[str]) -> dict[str, dict]:
    status, body = await producer.request("POST", f"{office}/_all_docs?include_docs=true", json={"keys": sorted(ids)})
    assert status == 200, body
    return {row["id"]: row["doc"] for row in body["rows"] if row.get("doc") and "outcome" in row["doc"]}


async def test_a_core_killed_mid_burst_gives_every_intent_exactly_one_outcome(stack, office_bus):
    office, producer = await office_with_producer(office_bus, stack.api_url)
    intents = [job_request(producer.name, n) for n in range(BURST)]
    ids = {doc["_id"] for doc in intents}
    status, body = await producer.request("POST", f"{office}/_bulk_docs", json={"docs": intents})
    assert status == 201 and all("ok" in row for row in body), body[:3]

    await wait_for(lambda: _at_least(intents_with_outcomes(producer, office, ids), 50), timeout_s=60)
    stack.services["core"].kill9()
    done_at_kill = len(await intents_with_outcomes(producer, office, ids))
    assert done_at_kill < BURST, "the burst finished before the kill: nothing was tested"
    stack.restart("core")

    done = await wait_for(lambda: _at_least(intents_with_outcomes(producer, office, ids), BURST), timeout_s=180)
    outcomes = {doc_id: doc["outcome"]["status"] for doc_id, doc in done.items()}
    assert len(outcomes) == BURST
    assert list(outcomes.values()).count("rejected") == BURST // 10
    # Exactly one outcome: each intent was written once by the producer and stamped once.
    assert {doc["_rev"].split("-")[0] for doc in done.values()} == {"2"}
    status, posts = await producer.request(
        "GET", f"{office}/_all_docs?startkey=%22job_post:%22&endkey=%22job_post:%EF%BF%B0%22&include_docs=true"
    )
    sources = [row["doc"]["source_intent"] for row in posts["rows"]]
    accepted = {doc_id for doc_id, result in outcomes.items() if result == "accepted"}
    assert sorted(sources) == sorted(accepted)


async def test_a_database_outage_under_load_is_ridden_out_without_restarts(stack, office_bus):
    office, producer = await office_with_producer(office_bus, stack.api_url)
    pids = {name: service.process.pid for name, service in stack.services.items()}
    intents = [job_request(producer.name, n) for n in range(1, 101)]
    status, _ = await producer.request("POST", f"{office}/_bulk_docs", json={"docs": intents})
    assert status == 201
    phones = [f"+2348036{n:06d}" for n in range(40)]
    webhook = stack.api_url + "/webhooks/twilio/whatsapp"

    stack.couch_server.stop()
    stopped_at = time.monotonic()
    during = await asyncio.gather(*(deliver_inbound(webhook, TWILIO_TOKEN, f"whatsapp:{p}", "HI") for p in phones))
    assert set(during) == {200}  # Twilio is answered at once, database or not
    assert (await producer.request("GET", f"{office}/project"))[0] == 503
    await asyncio.sleep(max(0.0, OUTAGE_S - (time.monotonic() - stopped_at)))
    stack.couch_server.start()

    ids = {doc["_id"] for doc in intents}
    await wait_for(lambda: _at_least(intents_with_outcomes(producer, office, ids), len(ids)), timeout_s=120)

    async def everyone_welcomed():
        sent = await stack.sent_messages()
        welcomed = {m["to"].removeprefix("whatsapp:") for m in sent if m["body"].startswith("Welcome to NollyCrew")}
        return set(phones) <= welcomed

    assert await wait_for(everyone_welcomed, timeout_s=150)
    assert {name: service.process.pid for name, service in stack.services.items()} == pids
    assert all(service.process.poll() is None for service in stack.services.values())


async def _at_least(pending, count: int):
    found = await pending
    return found if len(found) >= count else None
