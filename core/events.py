"""Events: what happened. Handlers return them; the bus passes them to event handlers."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Event:
    pass


@dataclass(frozen=True)
class ApplicationReceived(Event):
    application_id: str
    person_id: str
    job_title: str
    project_title: str


@dataclass(frozen=True)
class BookingMade(Event):
    booking_id: str
    person_id: str


@dataclass(frozen=True)
class CallTimeAnswered(Event):
    booking_id: str
    person_id: str
    confirmed: bool


@dataclass(frozen=True)
class CheckedIn(Event):
    booking_id: str
    person_id: str
    day: str


@dataclass(frozen=True)
class BreakdownReady(Event):
    project_id: str
    version: int
    scenes: int
    orphaned_corrections: int


@dataclass(frozen=True)
class SchedulePublished(Event):
    project_id: str
    version: int
    dates: tuple[str, ...]
    moved_scenes: int


@dataclass(frozen=True)
class CheckedOut(Event):
    booking_id: str
    person_id: str
    day: str


@dataclass(frozen=True)
class EscrowFunded(Event):
    booking_id: str
    person_id: str
    amount: str  # as people write it: "₦450,000"
    project_id: str = ""
    reference: str = ""  # the gateway reference: one invoice per deposit
    escrow_id: str = ""  # the deposit (core/escrow_ids.py); "" for the booking's single deposit


@dataclass(frozen=True)
class EscrowReleased(Event):
    booking_id: str
    person_id: str
    net: str  # what reaches the crew member after the fee and its VAT
    project_id: str = ""
    release_key: str = ""  # the release's transfer key: one receipt per release, whatever the retries
    gross_minor: int = 0
    currency: str = "NGN"
    escrow_id: str = ""
