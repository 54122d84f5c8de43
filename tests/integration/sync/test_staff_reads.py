"""The staff handlers' lists read from PouchDB Server, and a WHO answered on the real store."""
import uuid
from datetime import datetime, timedelta, timezone

from core import scopes
from core.commands import ApplyForJob, Hire
from core.staff_chat_commands import AskCallStatus
from sync.staff_reads import CouchStaffReads
from tests.integration.people import person, project_of
from tests.unit.production import FIRST_DAY, job_command


async def hired(bus) -> tuple[str, str, str]:
    producer = await person(bus, "producer")
    project_id = await project_of(bus, producer)
    job_post_id = await bus.handle(job_command(project_id, producer, f"job_post_request:{uuid.uuid4().hex}", slots=1))
    crew = await person(bus)
    application_id = await bus.handle(ApplyForJob(f"application_request:{uuid.uuid4().hex}", crew, job_post_id))
    await bus.handle(Hire(f"hire_request:{uuid.uuid4().hex}", project_id, producer, application_id))
    return producer, project_id, crew


async def test_the_lists_hold_what_real_hiring_made(couch, bus):
    producer, project_id, crew = await hired(bus)
    reads = CouchStaffReads(couch)
    assert project_id in await reads.office_projects(producer)
    assert project_id not in await reads.office_projects(crew)  # a member, not the office
    assert [b["person_id"] for b in await reads.project_bookings(project_id)] == [crew]
    assert [t["person_id"] for t in await reads.project_team(project_id)] == [producer]
    assert {producer, crew} <= {card["person_id"] for card in await reads.person_cards()}
    assert any(post["project_id"] == project_id for post in await reads.job_posts())


async def test_messages_since_leaves_out_older_ones(couch, bus):
    now, key = datetime.now(timezone.utc), uuid.uuid4().hex
    for name, hours in (("new", 1), ("old", 30)):
        await bus.services.store.create(scopes.OPS, {"_id": f"message:{key}{name}", "type": "message",
                                                     "state": "failed",
                                                     "created_at": (now - timedelta(hours=hours)).isoformat()})
    found = {doc["_id"] for doc in await CouchStaffReads(couch).messages_since((now - timedelta(hours=24)).isoformat())}
    assert f"message:{key}new" in found and f"message:{key}old" not in found


async def test_who_is_answered_on_the_real_store(couch, bus):
    producer, project_id, crew = await hired(bus)
    intent_id = f"staff_command:{uuid.uuid4().hex}"
    assert await bus.handle(AskCallStatus(intent_id, producer, day=FIRST_DAY.isoformat()), channel="chat") == project_id
    entries = [doc async for doc in couch.database(scopes.OPS).docs(prefix="audit:")
               if doc.data.get("command") == "AskCallStatus" and doc.data["what"].get("intent_id") == intent_id]
    assert [entry.data["who"] for entry in entries] == [producer]


async def test_a_later_batch_is_scheduled_once_on_redis(redis):
    from rq import Queue
    from rq.registry import ScheduledJobRegistry

    from sync.staff_reads import RqBroadcastBatches

    batches, broadcast_id = RqBroadcastBatches(redis), uuid.uuid4().hex[:20]
    for _ in range(2):  # a retried confirmation
        await batches.schedule(broadcast_id, 1, 60)
    registry = ScheduledJobRegistry(queue=Queue("default", connection=redis))
    mine = [job_id for job_id in registry.get_job_ids() if broadcast_id in job_id]
    assert mine == [f"broadcast-{broadcast_id}-1"]
