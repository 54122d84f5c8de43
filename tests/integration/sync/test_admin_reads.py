"""The admins' figures and queues, read from PouchDB Server after real hiring."""
import uuid

from core import scopes
from core.commands import ApplyForJob, Hire
from sync.figures_reads import read_figures
from sync.moderation_reads import open_reports, verification_queue
from tests.integration.people import person, project_of
from tests.unit.production import job_command


async def test_figures_count_a_real_hire(couch, bus):
    producer = await person(bus, "producer")
    project_id = await project_of(bus, producer)
    job_post_id = await bus.handle(job_command(project_id, producer, f"job_post_request:{uuid.uuid4().hex}", slots=1))
    crew = await person(bus)
    application_id = await bus.handle(ApplyForJob(f"application_request:{uuid.uuid4().hex}", crew, job_post_id))
    await bus.handle(Hire(f"hire_request:{uuid.uuid4().hex}", project_id, producer, application_id))

    figures = await read_figures(couch)
    # Other tests share the server: the figures hold at least what this one made.
    assert figures["people_by_role"]["producer"] >= 1 and figures["people_by_role"]["crew"] >= 1
    assert figures["time_to_hire_hours"] is not None and figures["time_to_hire_hours"] >= 0
    assert figures["time_to_hire_projects"]["read"] >= 1
    assert 0 < figures["fill_rate"] <= 1


async def test_the_queues_list_open_reports_and_pending_checks(couch, bus):
    store = bus.services.store
    report_id, person_id = uuid.uuid4().hex[:20], uuid.uuid4().hex[:20]
    await store.create(scopes.OPS, {"_id": f"report:{report_id}", "type": "report", "status": "open"})
    await store.create(scopes.OPS, {"_id": f"kyc:{person_id}", "type": "kyc_review", "status": "pending"})
    await store.create(scopes.OPS, {"_id": f"kyc:{person_id}x", "type": "kyc_review", "status": "verified"})

    assert f"report:{report_id}" in {doc["_id"] for doc in await open_reports(couch)}
    pending = {doc["_id"] for doc in await verification_queue(couch)}
    assert f"kyc:{person_id}" in pending and f"kyc:{person_id}x" not in pending
