"""A small Nollywood production for unit tests, made through the real bus: a producer, a
project, a gaffer job and two lighting crew. Each step is a command, as an intent would make it."""
from dataclasses import dataclass
from datetime import date, datetime, time

from core import commands, scopes
from core.bus import MessageBus
from core.money import Money
from tests.unit.fakes import LAGOS

FIRST_DAY = date(2026, 12, 1)
LAST_DAY = date(2026, 12, 12)
GAFFER_RATE = Money(4_500_000, "NGN")  # ₦45,000 a day


@dataclass
class Production:
    bus: MessageBus
    producer_id: str
    project_id: str
    job_post_id: str
    chidi_id: str
    aisha_id: str

    @property
    def office(self) -> str:
        return scopes.office_db(self.project_id)

    @property
    def project(self) -> str:
        return scopes.project_db(self.project_id)

    async def apply(self, person_id: str, intent_id: str | None = None, job_post_id: str | None = None) -> str:
        return await self.bus.handle(
            commands.ApplyForJob(
                intent_id or f"application_request:{person_id}",
                person_id,
                job_post_id or self.job_post_id,
            )
        )

    async def hire(self, application_id: str, intent_id: str | None = None) -> str:
        return await self.bus.handle(
            commands.Hire(
                intent_id or f"hire_request:{application_id}", self.project_id, self.producer_id, application_id
            )
        )

    async def book(self, person_id: str) -> str:
        """Apply and hire: the booking id."""
        return await self.hire(await self.apply(person_id))

    async def confirm(self, person_id: str, booking_id: str, intent_id: str = "call_confirmation:yes") -> str:
        return await self.bus.handle(commands.ConfirmCallTime(intent_id, person_id, booking_id, True))

    async def check_in(
        self, person_id: str, booking_id: str, at: datetime, intent_id: str = "check_in:1", set_code: str = "4821"
    ) -> str:
        return await self.bus.handle(
            commands.CheckIn(intent_id, person_id, booking_id, at, "set_code", set_code)
        )


async def register(bus: MessageBus, phone: str, name: str, roles=("crew",), department="lighting") -> str:
    return await bus.handle(commands.RegisterPerson(phone, name, tuple(roles), department))


def job_command(project_id: str, posted_by: str, intent_id: str = "job_post_request:gaffer", **changes) -> commands.PostJob:
    fields = {
        "title": "Gaffer",
        "department": "lighting",
        "start_date": FIRST_DAY,
        "end_date": LAST_DAY,
        "call_time": time(6, 30),
        "rate": GAFFER_RATE,
        "rate_per": "day",
        "city": "Lekki",
        "state": "Lagos",
        "slots": 2,
        **changes,
    }
    return commands.PostJob(intent_id=intent_id, project_id=project_id, posted_by=posted_by, **fields)


async def open_production(bus: MessageBus, slots: int = 2) -> Production:
    producer_id = await register(bus, "+2348030000000", "Funke Adeyemi", ("producer",), "production")
    project_id = await bus.handle(
        commands.CreateProject("project_request:eko-nights", producer_id, "Eko Nights", FIRST_DAY)
    )
    job_post_id = await bus.handle(job_command(project_id, producer_id, slots=slots))
    chidi_id = await register(bus, "+2348030000001", "Chidi Okafor")
    aisha_id = await register(bus, "+2348030000002", "Aisha Bello")
    return Production(bus, producer_id, project_id, job_post_id, chidi_id, aisha_id)


def on_set(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=LAGOS)
