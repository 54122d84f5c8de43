"""Commands from script to shoot day, and the parsers of the intents that ask for them.

The office uploads a screenplay and corrects its breakdown, describes the shoot (dates, cast
availability, locations) in a shoot plan, asks for a schedule, publishes a draft, and reports
the day at wrap; cast and crew check out as they leave. Reading a script and solving a schedule
take seconds, so the core hands them to a worker (core.ports.OfficeWork) whose result comes
back as a Record* command. core/intents.py wires INTENT_PARSERS.
"""
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from core.commands import Command

if TYPE_CHECKING:
    from core.intents import _Fields

SOLVE_LIMIT_S = 30  # default seconds the optimiser may take for a draft
MAX_SOLVE_LIMIT_S = 300


@dataclass(frozen=True)
class AddScriptVersion(Command):
    intent_id: str
    project_id: str
    by: str
    upload_id: str
    file_name: str


@dataclass(frozen=True)
class RecordBreakdown(Command):
    """A worker read script version `number`: its breakdown, or why it could not be read."""

    project_id: str
    number: int
    breakdown: dict | None
    reason: str = ""


@dataclass(frozen=True)
class CorrectBreakdown(Command):
    """A person's correction, kept apart from the parse so that it survives the next version."""

    intent_id: str
    project_id: str
    by: str
    correction: dict


@dataclass(frozen=True)
class SetShootPlan(Command):
    intent_id: str
    project_id: str
    by: str
    plan: dict


@dataclass(frozen=True)
class RequestSchedule(Command):
    intent_id: str
    project_id: str
    by: str
    keep_published: bool  # re-optimise around the published schedule rather than from scratch
    limit_s: int = SOLVE_LIMIT_S
    from_board: bool = False  # start from the office's hand-arranged stripboard, kept where it works


@dataclass(frozen=True)
class RecordScheduleDraft(Command):
    """A worker's answer for draft `number`: a schedule, or the reasons none can be made."""

    project_id: str
    number: int
    schedule: dict | None
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class PublishSchedule(Command):
    intent_id: str
    project_id: str
    by: str
    number: int


@dataclass(frozen=True)
class CheckOut(Command):
    intent_id: str
    person_id: str
    booking_id: str
    at: datetime


@dataclass(frozen=True)
class ReportWrap(Command):
    """The day's production report: which scenes were shot, first shot and wrap."""

    intent_id: str
    project_id: str
    by: str
    day: date
    shot_scene_ids: tuple[str, ...]
    first_shot_at: datetime
    wrap_at: datetime
    partly_shot_scene_ids: tuple[str, ...] = ()
    notes: str = ""


def _script_upload(intent_id: str, project_id: str, f: "_Fields") -> Command:
    return AddScriptVersion(intent_id, project_id, f.author(), f.text("upload_id"), f.text("file_name"))


def _breakdown_correction(intent_id: str, project_id: str, f: "_Fields") -> Command:
    return CorrectBreakdown(intent_id, project_id, f.author(), f.mapping("correction"))


def _shoot_plan_update(intent_id: str, project_id: str, f: "_Fields") -> Command:
    return SetShootPlan(intent_id, project_id, f.author(), f.mapping("plan"))


def _schedule_request(intent_id: str, project_id: str, f: "_Fields") -> Command:
    limit_s = f.integer("limit_s", SOLVE_LIMIT_S)
    if not 1 <= limit_s <= MAX_SOLVE_LIMIT_S:
        raise ValueError(f"limit_s must be from 1 to {MAX_SOLVE_LIMIT_S} seconds")
    return RequestSchedule(intent_id, project_id, f.author(), f.flag("keep_published", False), limit_s,
                           f.flag("from_board", False))


def _schedule_publish(intent_id: str, project_id: str, f: "_Fields") -> Command:
    return PublishSchedule(intent_id, project_id, f.author(), f.integer("draft"))


def _check_out(intent_id: str, person_id: str, f: "_Fields") -> Command:
    return CheckOut(intent_id, person_id, f.text("booking_id"), f.moment("at"))


def _wrap_report(intent_id: str, project_id: str, f: "_Fields") -> Command:
    return ReportWrap(
        intent_id, project_id, f.author(), f.day("day"), tuple(f.text_list("shot_scene_ids")),
        f.moment("first_shot_at"), f.moment("wrap_at"), tuple(f.text_list("partly_shot_scene_ids", [])),
        f.text("notes", ""),
    )


# Intent type -> (kind of database it is written in, parser); core/intents.py wires these.
INTENT_PARSERS = {
    "script_upload": ("office", _script_upload),
    "breakdown_correction": ("office", _breakdown_correction),
    "shoot_plan_update": ("office", _shoot_plan_update),
    "schedule_request": ("office", _schedule_request),
    "schedule_publish": ("office", _schedule_publish),
    "wrap_report": ("office", _wrap_report),
    "check_out": ("user", _check_out),
}
