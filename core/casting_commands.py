"""Casting calls and audition slots: the commands, and the intents that ask for them.

A casting call is a job post for a part: the office posts it, actors apply, the office opens
audition windows (live, or a period in which a self-tape is due) and shortlisted applicants
book, move or cancel their place themselves.
"""
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from core.commands import Command
from core.money import Money

if TYPE_CHECKING:  # core/intents.py will import this module to wire the parsers in
    from core.intents import _Fields

LIVE = "live"
SELF_TAPE = "self_tape"
AUDITION_KINDS = (LIVE, SELF_TAPE)


@dataclass(frozen=True)
class PostCastingCall(Command):
    intent_id: str
    project_id: str
    posted_by: str
    role_name: str
    character_description: str
    playing_age_min: int
    playing_age_max: int
    languages: tuple[str, ...]
    rate: Money
    rate_per: str
    shoot_start: date
    shoot_end: date
    city: str
    state: str
    self_tape_instructions: str
    self_tape_deadline: datetime  # aware; tapes and applications close then
    gender: str = ""  # "" when the part is open to anyone
    slots: int = 1


@dataclass(frozen=True)
class ApplyToCastingCall(Command):
    intent_id: str
    person_id: str
    casting_call_id: str
    note: str = ""
    self_tape_link: str = ""
    media: tuple = ()  # the self-tape sent in the chat: ({"url", "content_type"}, ...)


@dataclass(frozen=True)
class OpenAuditionSlots(Command):
    intent_id: str
    project_id: str
    by: str
    casting_call_id: str
    kind: str  # live or self_tape
    windows: tuple[tuple[datetime, datetime], ...]  # (start, end), aware
    capacity: int  # places in each window
    where: str  # the address of a live audition, or the link a self-tape is sent to


@dataclass(frozen=True)
class BookAuditionSlot(Command):
    intent_id: str
    person_id: str
    casting_call_id: str
    window_start: datetime


@dataclass(frozen=True)
class RescheduleAudition(Command):
    intent_id: str
    person_id: str
    casting_call_id: str
    new_window_start: datetime


@dataclass(frozen=True)
class CancelAudition(Command):
    intent_id: str
    person_id: str
    casting_call_id: str
    reason: str = field(default="")


def _casting_call_request(intent_id: str, project_id: str, f: "_Fields") -> Command:
    age = f.mapping("playing_age")
    languages = f._doc.get("languages", [])
    if not isinstance(languages, list) or not all(isinstance(lang, str) for lang in languages):
        raise ValueError("languages must be a list of language names")
    return PostCastingCall(
        intent_id=intent_id, project_id=project_id, posted_by=f.author(),
        role_name=f.text("role_name"), character_description=f.text("character_description", ""),
        playing_age_min=_whole(age, "min"), playing_age_max=_whole(age, "max"),
        languages=tuple(languages), rate=Money(f.integer("rate_minor"), f.text("currency", "NGN")),
        rate_per=f.text("rate_per", "day"), shoot_start=f.day("shoot_start"), shoot_end=f.day("shoot_end"),
        city=f.text("city"), state=f.text("state"),
        self_tape_instructions=f.text("self_tape_instructions", ""),
        self_tape_deadline=f.moment("self_tape_deadline"), gender=f.text("gender", ""),
        slots=f.integer("slots", 1),
    )


def _whole(mapping: dict, name: str) -> int:
    if type(mapping.get(name)) is not int:
        raise ValueError(f"playing_age.{name} must be a whole number")
    return mapping[name]


def _audition_slots_request(intent_id: str, project_id: str, f: "_Fields") -> Command:
    from core.intents import _Fields  # the windows are small intents of their own

    raw = f._doc.get("windows")
    if not isinstance(raw, list) or not all(isinstance(window, dict) for window in raw):
        raise ValueError("windows must be a list of {start, end}")
    windows = tuple((_Fields(w).moment("start"), _Fields(w).moment("end")) for w in raw)
    return OpenAuditionSlots(
        intent_id, project_id, f.author(), f.text("casting_call_id"), f.text("kind"), windows,
        f.integer("capacity", 1), f.text("where"),
    )


def _casting_application(intent_id: str, person_id: str, f: "_Fields") -> Command:
    return ApplyToCastingCall(
        intent_id, person_id, f.text("casting_call_id"), f.text("note", ""), f.text("self_tape_link", ""),
        f.attachments(),
    )


def _audition_booking(intent_id: str, person_id: str, f: "_Fields") -> Command:
    return BookAuditionSlot(intent_id, person_id, f.text("casting_call_id"), f.moment("window_start"))


def _audition_reschedule(intent_id: str, person_id: str, f: "_Fields") -> Command:
    return RescheduleAudition(intent_id, person_id, f.text("casting_call_id"), f.moment("new_window_start"))


def _audition_cancellation(intent_id: str, person_id: str, f: "_Fields") -> Command:
    return CancelAudition(intent_id, person_id, f.text("casting_call_id"), f.text("reason", ""))


# intent type -> (the kind of database it is written in, its parser); core/intents.py wires these.
INTENT_PARSERS = {
    "casting_call_request": ("office", _casting_call_request),
    "audition_slots_request": ("office", _audition_slots_request),
    "casting_application": ("user", _casting_application),
    "audition_booking": ("user", _audition_booking),
    "audition_reschedule": ("user", _audition_reschedule),
    "audition_cancellation": ("user", _audition_cancellation),
}
