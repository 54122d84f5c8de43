"""The demo production `make dev` starts with: a producer, cast and crew, a project, two jobs, the
gaffer hired (so his crew view has a booking, calls and pay to show).

Everything goes through the same commands a real producer's intents become, with fixed
intent ids, so seeding twice changes nothing.
"""
from datetime import date, time, timedelta

from core.bus import MessageBus
from core.chat_commands import CONSENT_VERSION, RecordChatConsent
from core import scopes
from core.commands import ApplyForJob, CreateProject, Hire, PostJob, RegisterPerson
from core.identity.commands import SetPassword
from core.money import Money

DEMO_PASSWORD = "nollycrew-demo"
PRODUCER = ("+2348030000000", "Funke Adeyemi", ("producer",), "production")
# The producer signs in to the web app by email and password. Her CouchDB account keeps the
# password only the server derives, so her devices sync through /db/ as any real producer's do.
PRODUCER_EMAIL = "funke@demo.nollycrew.test"
PEOPLE = [
    ("+2348030000001", "Chidi Okafor", ("crew",), "lighting"),
    ("+2348030000002", "Aisha Bello", ("crew",), "sound"),
    ("+2348030000003", "Tunde Bakare", ("actor",), ""),
    ("+2348030000004", "Ngozi Eze", ("actor",), ""),
]


async def seed_demo(bus: MessageBus, today: date) -> dict:
    people = {}
    for phone, name, roles, department in [PRODUCER, *PEOPLE]:
        # The others keep a plain CouchDB password, for a newcomer trying /db/_session by hand.
        password = None if phone == PRODUCER[0] else DEMO_PASSWORD
        people[phone] = await bus.handle(RegisterPerson(phone, name, roles, department, password=password))
        # The demo people agreed to the chat terms already, so `nollycrew chat` goes straight to
        # the menu (a new number still starts with onboarding).
        await bus.handle(RecordChatConsent(f"chat_consent:demo-{phone}", people[phone], CONSENT_VERSION, "en", True))
    producer_id = people[PRODUCER[0]]
    if await bus.services.store.get(scopes.OPS, f"email:{PRODUCER_EMAIL}") is None:
        await bus.handle(SetPassword(producer_id, PRODUCER_EMAIL, DEMO_PASSWORD))
    first_day = today + timedelta(days=14)
    project_id = await bus.handle(
        CreateProject("project_request:demo-eko-nights", producer_id, "Eko Nights", first_day)
    )
    jobs = [
        ("Gaffer", "lighting", 4_500_000, "Lekki", "Lagos"),
        ("Boom operator", "sound", 3_000_000, "Ikeja", "Lagos"),
    ]
    job_post_ids = {}
    for title, department, rate_kobo, city, state in jobs:
        job_post_ids[department] = await bus.handle(
            PostJob(
                intent_id=f"job_post_request:demo-{department}",
                project_id=project_id,
                posted_by=producer_id,
                title=title,
                department=department,
                start_date=first_day,
                end_date=first_day + timedelta(days=11),
                call_time=time(6, 30),
                rate=Money(rate_kobo, "NGN"),
                rate_per="day",
                city=city,
                state=state,
                slots=2,
            )
        )
    chidi = people[PEOPLE[0][0]]
    application_id = await bus.handle(ApplyForJob("application_request:demo-chidi", chidi, job_post_ids["lighting"]))
    booking_id = await bus.handle(Hire("hire_request:demo-chidi", project_id, producer_id, application_id))
    from config.seed_shoot import seed_shoot

    names = {people[phone]: (name, roles[0], phone) for phone, name, roles, _ in [PRODUCER, *PEOPLE]}
    await seed_shoot(bus, project_id, producer_id, names, first_day)
    return {"project_id": project_id, "people": people, "booking_id": booking_id}
