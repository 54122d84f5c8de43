"""Commands: what someone asks the system to do. Every entry point builds one of these."""
from dataclasses import dataclass, field
from datetime import date, datetime, time

from core.money import Money


@dataclass(frozen=True)
class Command:
    pass


@dataclass(frozen=True)
class RegisterPerson(Command):
    phone: str
    name: str = ""
    roles: tuple[str, ...] = ("crew",)
    department: str = ""
    language: str = "en"
    password: str | None = None  # demo sign-ins only; real sign-in is by one-time code


@dataclass(frozen=True)
class CreateProject(Command):
    intent_id: str
    producer_id: str
    title: str
    first_shoot_date: date | None = None


@dataclass(frozen=True)
class PostJob(Command):
    intent_id: str
    project_id: str
    posted_by: str
    title: str
    department: str
    start_date: date
    end_date: date
    call_time: time
    rate: Money
    rate_per: str
    city: str
    state: str
    slots: int = 1


@dataclass(frozen=True)
class ApplyForJob(Command):
    intent_id: str
    person_id: str
    job_post_id: str
    note: str = ""
    media: tuple = ()  # a self-tape sent with the application: ({"url", "content_type"}, ...)


@dataclass(frozen=True)
class Hire(Command):
    intent_id: str
    project_id: str
    hired_by: str
    application_id: str
    override_availability: bool = False  # book even on days the person is busy; recorded on the booking


@dataclass(frozen=True)
class ConfirmCallTime(Command):
    intent_id: str
    person_id: str
    booking_id: str
    confirmed: bool
    reason: str = ""


@dataclass(frozen=True)
class CheckIn(Command):
    intent_id: str
    person_id: str
    booking_id: str
    at: datetime
    method: str  # "set_code" or "location"
    set_code: str = ""
    position: tuple[float, float] | None = field(default=None)


@dataclass(frozen=True)
class GrantProjectRole(Command):
    intent_id: str
    project_id: str
    granted_by: str
    person_id: str
    role: str
    department: str = ""


@dataclass(frozen=True)
class RevokeProjectRole(Command):
    intent_id: str
    project_id: str
    revoked_by: str
    person_id: str
    role: str


@dataclass(frozen=True)
class TakeOnRole(Command):
    """A person adds a role to their own profile: the actor who starts producing."""

    intent_id: str
    person_id: str
    role: str
