"""Commands about a person's own profile and calendar (people and the marketplace)."""
from dataclasses import dataclass, field
from datetime import date

from core.commands import Command


@dataclass(frozen=True)
class UpdateProfile(Command):
    intent_id: str
    person_id: str
    fields: dict = field(default_factory=dict)  # as sent; core.profiles checks it


@dataclass(frozen=True)
class SetAvailability(Command):
    intent_id: str
    person_id: str
    days: dict[date, str] = field(default_factory=dict)  # day -> one of core.availability.STATUSES
    note: str = ""
