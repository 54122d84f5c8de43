"""What the conversation engine reads, from PouchDB Server: the person's own documents, the jobs
that fit them, casting calls by code, their call sheet and a part's audition windows."""
import uuid

from core import scopes
from core.commands import ApplyForJob, Hire
from sync.chat_reads import CouchChatReads
from tests.integration.people import person, project_of
from tests.unit.production import job_command
from workers.inbound import keep_chat_state


async def test_a_hired_crew_member_reads_their_jobs_booking_profile_and_place(couch, bus):
    producer = await person(bus, "producer")
    project_id = await project_of(bus, producer)
    job_post_id = await bus.handle(job_command(project_id, producer, f"job_post_request:{uuid.uuid4().hex}", slots=2))
    crew = await person(bus)
    reads = CouchChatReads(couch)

    fitting, total = await reads.matching_jobs(crew, 0, 10_000)
    assert job_post_id in {job["job_post_id"] for job in fitting} and total == len(fitting)
    application_id = await bus.handle(ApplyForJob(f"application_request:{uuid.uuid4().hex}", crew, job_post_id))
    await bus.handle(Hire(f"hire_request:{uuid.uuid4().hex}", project_id, producer, application_id))

    assert [b["project_id"] for b in await reads.bookings(crew)] == [project_id]
    assert (await reads.profile(crew))["person_id"] == crew
    assert await reads.chat_state(crew) is None
    state = {"type": "chat_state", "flow": "late", "state": "eta", "data": {}, "updated_at": "", "onboarded_at": ""}
    await keep_chat_state(bus.services.store, scopes.user_db(crew), state, None)
    assert (await reads.chat_state(crew))["flow"] == "late"

    profile, place = await reads.profile_and_place(crew)
    await keep_chat_state(bus.services.store, scopes.user_db(crew), {**state, "state": "reason"}, place)

    assert profile["person_id"] == crew and place["flow"] == "late"
    assert (await reads.chat_state(crew))["state"] == "reason"
    assert await reads.profile_and_place("nosuchperson01") == ({}, None)


async def test_project_and_office_documents_by_id_and_none_when_missing(couch, bus):
    producer = await person(bus, "producer")
    project_id = await project_of(bus, producer)
    store, reads = bus.services.store, CouchChatReads(couch)
    assert await reads.call_sheet(project_id, "2026-12-01") is None
    assert await reads.audition_windows(project_id, "call1") is None

    await store.create(scopes.project_db(project_id), {"_id": "call_sheet:2026-12-01", "type": "call_sheet", "cast": []})
    await store.create(scopes.office_db(project_id), {"_id": "audition_slots:call1", "type": "audition_slots", "windows": []})

    assert (await reads.call_sheet(project_id, "2026-12-01"))["type"] == "call_sheet"
    assert (await reads.audition_windows(project_id, "call1"))["windows"] == []
    assert await reads.profile("nosuchperson01") == {} and await reads.offers("nosuchperson01") == []


async def test_an_open_casting_call_is_found_by_its_code(couch, bus):
    code = uuid.uuid4().hex[:5].upper()
    await bus.services.store.create(scopes.DIRECTORY, {
        "_id": f"casting_call:{code.lower()}", "type": "casting_call", "casting_call_id": code.lower(), "code": code,
        "status": "open", "title": "Lawyer"})

    assert (await CouchChatReads(couch).job_by_code(code))["casting_call_id"] == code.lower()
    assert await CouchChatReads(couch).job_by_code("NOPE1") is None
