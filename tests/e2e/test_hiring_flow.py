"""The issue's flow, through every layer and process: post a job, apply by WhatsApp, hire,
confirm by WhatsApp, check in from a phone that was offline."""
import asyncio
import json
import subprocess
import uuid
from datetime import date, timedelta

from config.seed import DEMO_PASSWORD
from core import scopes
from core.commands import RegisterPerson
from tests.conftest import TWILIO_TOKEN
from tests.e2e.conftest import DeviceClient, wait_for
from tests.e2e.link import Link
from tests.fakes.twilio_server import deliver_inbound
from tests.integration.helpers import intent

CREW_PHONE = "+2348035550001"
SET_CODE = "4821"


async def outcome(device: DeviceClient, db: str, doc_id: str) -> dict:
    async def check():
        doc = await device.get(f"{db}/{doc_id}")
        return doc and doc.get("outcome")

    return await wait_for(check)


async def whatsapp(stack, body: str, sid: str | None = None) -> int:
    return await deliver_inbound(
        stack.api_url + "/webhooks/twilio/whatsapp", TWILIO_TOKEN, f"whatsapp:{CREW_PHONE}", body,
        message_sid=sid,
    )


async def messages_to(stack, phone: str) -> list[dict]:
    return [m for m in await stack.sent_messages() if m["to"] == f"whatsapp:{phone}"]


async def test_post_apply_hire_confirm_and_check_in_offline(stack, office_bus, tmp_path):
    producer_id = await office_bus.handle(
        RegisterPerson("+2348035550000", "Kemi Adetiba", ("producer",), "production", password=DEMO_PASSWORD)
    )
    crew_id = await office_bus.handle(
        RegisterPerson(CREW_PHONE, "Segun Arinze", ("crew",), "lighting", password=DEMO_PASSWORD)
    )
    producer = DeviceClient(stack.api_url, producer_id, DEMO_PASSWORD)
    crew = DeviceClient(stack.api_url, crew_id, DEMO_PASSWORD)

    # The producer creates a project and posts a crew job, as intents in their own databases.
    request = intent("project_request", producer_id, title="Ojuelegba Nights")
    assert (await producer.put(scopes.user_db(producer_id), request))[0] == 201
    project_id = (await outcome(producer, scopes.user_db(producer_id), request["_id"]))["ref"]
    office = scopes.office_db(project_id)
    today = date.today()
    job_request = intent(
        "job_post_request", producer_id, title="Gaffer", department="lighting",
        start_date=today.isoformat(), end_date=(today + timedelta(days=5)).isoformat(),
        call_time="06:30", rate_minor=4_500_000, currency="NGN", rate_per="day",
        city="Lagos", state="Lagos", slots=1,
    )
    assert (await producer.put(office, job_request))[0] == 201
    job_outcome = await outcome(producer, office, job_request["_id"])
    assert job_outcome["status"] == "accepted", job_outcome
    job_post = await crew.get(f"directory/job_post:{job_outcome['ref']}")

    # The crew member applies by WhatsApp; Twilio delivers the same message twice.
    apply_sid = "SM" + uuid.uuid4().hex
    assert await whatsapp(stack, f"APPLY {job_post['code']}", apply_sid) == 200
    assert await whatsapp(stack, f"APPLY {job_post['code']}", apply_sid) == 200
    application_id = f"{job_post['job_post_id']}.{crew_id}"
    application = await wait_for(lambda: producer.get(f"{office}/application:{application_id}"))
    assert application["applicant"]["name"] == "Segun Arinze"
    received = await wait_for(
        lambda: _with_text(messages_to(stack, CREW_PHONE), "application for Gaffer on Ojuelegba Nights is in")
    )
    # The duplicate delivery was neither a second application nor a second reply.
    assert len(received) == 1
    assert len(await _with_text(messages_to(stack, CREW_PHONE), "Sending your application")) == 1

    # The producer hires; the core books and the worker asks the crew member to confirm.
    hire = intent("hire_request", producer_id, application_id=application_id)
    assert (await producer.put(office, hire))[0] == 201
    booking_id = (await outcome(producer, office, hire["_id"]))["ref"]
    ask = await wait_for(lambda: _with_text(messages_to(stack, CREW_PHONE), "Reply YES"))
    assert "Ojuelegba Nights" in ask[0]["body"] and "₦45,000" in ask[0]["body"]

    # The crew member replies YES: confirmed in the project's database and in their own.
    assert await whatsapp(stack, "YES") == 200

    async def confirmed_everywhere():
        in_project = await producer.get(f"{scopes.project_db(project_id)}/booking:{booking_id}")
        in_own = await crew.get(f"{scopes.user_db(crew_id)}/booking:{booking_id}")
        return in_project and in_own and in_project["status"] == in_own["status"] == "confirmed"

    assert await wait_for(confirmed_everywhere)

    # The phone replicates, loses its signal, checks in offline, and syncs when it returns.
    link = Link(int(stack.api_url.rsplit(":", 1)[1]))
    await link.restore()
    device = await asyncio.create_subprocess_exec(
        "node", "tests/e2e/offline_device.js",
        f"http://127.0.0.1:{link.port}/db/{scopes.user_db(crew_id)}", crew_id, DEMO_PASSWORD,
        str(tmp_path / "phone"), booking_id, SET_CODE,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
    )
    pulled = await _step(device)
    assert pulled["step"] == "pulled" and pulled["booking_status"] == "confirmed", pulled
    await link.cut()
    device.stdin.write(b"offline\n")
    offline = await _step(device)
    assert offline["step"] == "written_offline" and offline["push_failed"], offline
    await link.restore()
    device.stdin.write(b"online\n")
    pushed = await _step(device)
    assert pushed == {"step": "pushed", "docs_written": 1}, pushed
    pushed_again = await _step(device)
    assert pushed_again == {"step": "pushed_again", "docs_written": 0}, pushed_again
    final = await _step(device)
    assert final["step"] == "outcome" and final["outcome"]["status"] == "accepted", final
    assert await device.wait() == 0

    records = await producer.request(
        "GET", f"{scopes.project_db(project_id)}/_all_docs?startkey=%22check_in:%22&endkey=%22check_in:%EF%BF%B0%22"
    )
    assert [row["id"] for row in records[1]["rows"]] == [final["outcome"]["ref"]]
    await link.cut()


async def _with_text(messages, text: str) -> list[dict]:
    return [m for m in await messages if text in m["body"]]


async def _step(device) -> dict:
    line = await asyncio.wait_for(device.stdout.readline(), 60)
    return json.loads(line)
