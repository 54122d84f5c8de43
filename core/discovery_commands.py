"""Commands of discovery and hiring-by-team, and the intents that ask for them.

Quick review decisions and list removals are the office's (they carry who asked); a team
template is saved in its owner's own database and used in a project's office.
"""
from dataclasses import dataclass
from datetime import date, time
from typing import TYPE_CHECKING

from core.commands import Command
from core.discovery import DEFAULT_LIST
from core.money import Money

if TYPE_CHECKING:  # core/intents.py will import this module to wire the parsers in
    from core.intents import _Fields

DECISIONS = ("like", "pass")
DEFAULT_CALL_TIME = time(7, 0)


@dataclass(frozen=True)
class ReviewDecision(Command):
    intent_id: str
    project_id: str
    by: str
    person_id: str
    decision: str  # like | pass
    list_name: str = DEFAULT_LIST


@dataclass(frozen=True)
class RemoveFromShortlist(Command):
    intent_id: str
    project_id: str
    by: str
    person_id: str
    list_name: str = DEFAULT_LIST


@dataclass(frozen=True)
class TemplateMember:
    person_id: str
    role_title: str  # "Gaffer": one job post per distinct title when the template is used
    department: str
    rate: Money | None = None  # what they are usually paid; the use's own rate wins


@dataclass(frozen=True)
class SaveTeamTemplate(Command):
    intent_id: str
    owner_id: str
    name: str  # "my lighting crew"
    members: tuple[TemplateMember, ...]


@dataclass(frozen=True)
class UseTeamTemplate(Command):
    intent_id: str
    project_id: str
    by: str
    template_name: str
    start_date: date
    end_date: date
    rate: Money | None = None  # per member and per rate_per; None: each member's saved rate
    rate_per: str = "day"
    call_time: time = DEFAULT_CALL_TIME
    city: str = ""
    state: str = ""


def _shortlist_decision(intent_id: str, project_id: str, f: "_Fields") -> Command:
    return ReviewDecision(intent_id, project_id, f.author(), f.text("person_id"), f.text("decision"),
                          f.text("list_name", DEFAULT_LIST))


def _shortlist_removal(intent_id: str, project_id: str, f: "_Fields") -> Command:
    return RemoveFromShortlist(
        intent_id, project_id, f.author(), f.text("person_id"), f.text("list_name", DEFAULT_LIST))


def _team_template_save(intent_id: str, owner_id: str, f: "_Fields") -> Command:
    members = f._doc.get("members")  # _Fields has no list reader; checked here instead
    if not isinstance(members, list) or not all(isinstance(m, dict) for m in members):
        raise ValueError("members must be a list of {person_id, role_title, department}")
    return SaveTeamTemplate(intent_id, owner_id, f.text("name"), tuple(
        TemplateMember(_text(m, "person_id"), _text(m, "role_title"), _text(m, "department"), _rate(m))
        for m in members))


def _team_template_use(intent_id: str, project_id: str, f: "_Fields") -> Command:
    rate_minor = f._doc.get("rate_minor")  # optional: each member's saved rate otherwise
    call_time = f.clock("call_time") if f._doc.get("call_time") else DEFAULT_CALL_TIME
    return UseTeamTemplate(
        intent_id, project_id, f.author(), f.text("template_name"), f.day("start_date"), f.day("end_date"),
        rate=Money(f.integer("rate_minor"), f.text("currency", "NGN")) if rate_minor is not None else None,
        rate_per=f.text("rate_per", "day"), call_time=call_time,
        city=f.text("city", ""), state=f.text("state", ""),
    )


def _text(member: dict, name: str) -> str:
    value = member.get(name)
    if not isinstance(value, str):
        raise ValueError(f"members.{name} must be text")
    return value


def _rate(member: dict) -> Money | None:
    if member.get("rate_minor") is None:
        return None
    if type(member["rate_minor"]) is not int:
        raise ValueError("members.rate_minor must be a whole number")
    return Money(member["rate_minor"], member.get("currency") or "NGN")


# intent type -> (the kind of database it is written in, its parser); core/intents.py wires these.
INTENT_PARSERS = {
    "shortlist_decision": ("office", _shortlist_decision),
    "shortlist_removal": ("office", _shortlist_removal),
    "team_template_use": ("office", _team_template_use),
    "team_template_save": ("user", _team_template_save),
}
