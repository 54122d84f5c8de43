"""A party downloads their contract as a PDF through the api; nobody else can."""
from datetime import date, time, timedelta

from core.commands import ApplyForJob, Hire, PostJob
from core.contract_commands import DraftContract
from core.money import Money
from tests.integration.people import auth, person, project_of


async def booked_contract(bus) -> tuple[str, str]:
    producer = await person(bus, "producer")
    crew = await person(bus, "crew")
    project_id = await project_of(bus, producer)
    start = date.today() + timedelta(days=10)
    job = await bus.handle(PostJob(
        "job_post_request:pdf", project_id, producer, "Gaffer", "lighting", start, start + timedelta(days=3),
        time(6, 30), Money(4_500_000, "NGN"), "day", "Lekki", "Lagos",
    ))
    application = await bus.handle(ApplyForJob("application_request:pdf", crew, job))
    booking = await bus.handle(Hire("hire_request:pdf", project_id, producer, application))
    await bus.handle(DraftContract("contract_draft_request:pdf", project_id, producer, booking, "deal_memo"))
    return booking, crew


async def test_a_party_downloads_the_contract_and_others_cannot(api, bus):
    contract_id, crew = await booked_contract(bus)
    url = f"/contracts/{contract_id}.pdf"

    answer = await api.get(url, headers=auth(crew))
    assert answer.status == 200 and answer.content_type == "application/pdf"
    assert (await answer.read()).startswith(b"%PDF")

    stranger = await person(bus, "crew")
    assert (await api.get(url, headers=auth(stranger))).status == 404
    assert (await api.get(url)).status == 401
