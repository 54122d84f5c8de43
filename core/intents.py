"""Intents: documents clients write to ask for something. This turns one into a command.

A malformed intent raises Rejected with a reason the client can show; nothing is written.
"""
from collections.abc import Callable
from datetime import date, datetime, time

from core import (
    admin_commands, casting_commands, commands, contract_commands, dailies_commands, discovery_commands, kyc_intents,
    offer_commands,
    escrow_commands, escrow_dispute_commands, fx_commands, refund_commands, staff_chat_commands, chat_commands, call_sheet_send, investment_commands, payout_commands, profile_commands, reputation_commands, shoot_commands,
)
from core.errors import Rejected
from core.money import Money
from core.self_tapes import checked_self_tapes

# Which intent types a client may write in which kind of database. The design documents'
# validate_doc_update.js files carry the same lists; tests/unit/sync keeps them in step.
_CORE_INTENT_TYPES = {
    "user": (
        "project_request", "application_request", "call_confirmation", "check_in",
        "profile_update", "availability_update", "role_request",
    ),
    "office": ("job_post_request", "hire_request", "project_role_grant", "project_role_revoke"),
    "project": (),
}
OUTCOME_FIELD = "outcome"


def is_intent(kind: str, doc: dict) -> bool:
    return doc.get("type") in INTENT_TYPES.get(kind, ()) and not doc.get("_deleted")


def to_command(kind: str, scope_id: str, doc: dict) -> commands.Command:
    """`scope_id` is the person id of a user database or the project id of an office one."""
    parser = _PARSERS[doc["type"]]
    intent_id = doc["_id"]
    try:
        return parser(intent_id, scope_id, _Fields(doc))
    except (KeyError, TypeError, ValueError) as error:
        raise Rejected("This request is incomplete or malformed: {problem}", problem=str(error)) from error


class _Fields:
    """Typed reads of an intent's fields, each failing with the field's name."""

    def __init__(self, doc: dict):
        self._doc = doc

    def text(self, name: str, default: str | None = None) -> str:
        value = self._doc.get(name, default)
        if not isinstance(value, str):
            raise ValueError(f"{name} must be text")
        return value

    def integer(self, name: str, default: int | None = None) -> int:
        value = self._doc.get(name, default)
        if type(value) is not int:
            raise ValueError(f"{name} must be a whole number")
        return value

    def number(self, name: str, low: float, high: float) -> float:
        value = self._doc.get(name)
        if type(value) not in (int, float) or not low <= value <= high:
            raise ValueError(f"{name} must be a number from {low} to {high}")
        return float(value)

    def day(self, name: str) -> date:
        return _parsed(name, date.fromisoformat, self.text(name))

    def moment(self, name: str) -> datetime:
        value = _parsed(name, datetime.fromisoformat, self.text(name))
        if value.tzinfo is None:
            raise ValueError(f"{name} needs a time zone, e.g. 2026-12-01T06:30:00+01:00")
        return value

    def clock(self, name: str) -> time:
        return _parsed(name, time.fromisoformat, self.text(name))

    def flag(self, name: str, default: bool | None = None) -> bool:
        value = self._doc.get(name, default)
        if type(value) is not bool:
            raise ValueError(f"{name} must be true or false")
        return value

    def mapping(self, name: str) -> dict:
        value = self._doc.get(name)
        if not isinstance(value, dict):
            raise ValueError(f"{name} must be an object of named values")
        return value

    def text_list(self, name: str, default: list[str] | None = None) -> list[str]:
        value = self._doc.get(name, default)
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ValueError(f"{name} must be a list of text")
        return value

    def attachments(self, name: str = "media") -> tuple[dict, ...]:
        """Files sent with a chat message (a voice note, a photo, a video): checked by core.self_tapes."""
        value = self._doc.get(name, [])
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            raise ValueError(f"{name} must be a list of files, each with a url and a content_type")
        return checked_self_tapes(value)

    def optional_day(self, name: str) -> date | None:
        return self.day(name) if self._doc.get(name) else None

    def author(self) -> str:
        return self.text("author")


def _parsed(name: str, parse: Callable, text: str):
    try:
        return parse(text)
    except ValueError:
        raise ValueError(f"{name} is not in the expected form: {text!r}") from None


def _project_request(intent_id: str, person_id: str, f: _Fields) -> commands.Command:
    return commands.CreateProject(
        intent_id, person_id, f.text("title"), f.optional_day("first_shoot_date")
    )


def _application_request(intent_id: str, person_id: str, f: _Fields) -> commands.Command:
    return commands.ApplyForJob(intent_id, person_id, f.text("job_post_id"), f.text("note", ""), f.attachments())


def _call_confirmation(intent_id: str, person_id: str, f: _Fields) -> commands.Command:
    answer = f.text("answer").lower()
    if answer not in ("yes", "no"):
        raise ValueError("answer must be yes or no")
    return commands.ConfirmCallTime(
        intent_id, person_id, f.text("booking_id"), answer == "yes", f.text("reason", "")
    )


def _check_in(intent_id: str, person_id: str, f: _Fields) -> commands.Command:
    method = f.text("method")
    if method not in ("set_code", "location"):
        raise ValueError("method must be set_code or location")
    position = None
    if method == "location":
        position = (f.number("latitude", -90, 90), f.number("longitude", -180, 180))
    return commands.CheckIn(
        intent_id, person_id, f.text("booking_id"), f.moment("at"), method,
        f.text("set_code", ""), position,
    )


def _job_post_request(intent_id: str, project_id: str, f: _Fields) -> commands.Command:
    return commands.PostJob(
        intent_id=intent_id,
        project_id=project_id,
        posted_by=f.author(),
        title=f.text("title"),
        department=f.text("department"),
        start_date=f.day("start_date"),
        end_date=f.day("end_date"),
        call_time=f.clock("call_time"),
        rate=Money(f.integer("rate_minor"), f.text("currency", "NGN")),
        rate_per=f.text("rate_per", "day"),
        city=f.text("city"),
        state=f.text("state"),
        slots=f.integer("slots", 1),
    )


def _hire_request(intent_id: str, project_id: str, f: _Fields) -> commands.Command:
    return commands.Hire(
        intent_id, project_id, f.author(), f.text("application_id"),
        override_availability=f.flag("override_availability", False),
    )


def _profile_update(intent_id: str, person_id: str, f: _Fields) -> commands.Command:
    return profile_commands.UpdateProfile(intent_id, person_id, f.mapping("fields"))


def _availability_update(intent_id: str, person_id: str, f: _Fields) -> commands.Command:
    days = {
        _parsed(f"days.{day}", date.fromisoformat, day): _status(day, status)
        for day, status in f.mapping("days").items()
    }
    return profile_commands.SetAvailability(intent_id, person_id, days, f.text("note", ""))


def _status(day: str, status) -> str:
    if not isinstance(status, str):
        raise ValueError(f"days.{day} must be a status such as available or booked")
    return status


def _project_role_grant(intent_id: str, project_id: str, f: _Fields) -> commands.Command:
    return commands.GrantProjectRole(
        intent_id, project_id, f.author(), f.text("person_id"), f.text("role"), f.text("department", "")
    )


def _project_role_revoke(intent_id: str, project_id: str, f: _Fields) -> commands.Command:
    return commands.RevokeProjectRole(intent_id, project_id, f.author(), f.text("person_id"), f.text("role"))


def _role_request(intent_id: str, person_id: str, f: _Fields) -> commands.Command:
    return commands.TakeOnRole(intent_id, person_id, f.text("role"))


_PARSERS = {
    "project_request": _project_request,
    "application_request": _application_request,
    "call_confirmation": _call_confirmation,
    "check_in": _check_in,
    "job_post_request": _job_post_request,
    "hire_request": _hire_request,
    "profile_update": _profile_update,
    "availability_update": _availability_update,
    "project_role_grant": _project_role_grant,
    "project_role_revoke": _project_role_revoke,
    "role_request": _role_request,
}

# Slices that keep their intent parsers beside their commands: {type: (database kind, parser)}.
_SLICE_PARSERS = {
    **offer_commands.INTENT_PARSERS, **reputation_commands.INTENT_PARSERS, **kyc_intents.INTENT_PARSERS,
    **casting_commands.INTENT_PARSERS, **contract_commands.INTENT_PARSERS, **admin_commands.INTENT_PARSERS,
    **discovery_commands.INTENT_PARSERS, **shoot_commands.INTENT_PARSERS, **escrow_commands.INTENT_PARSERS,
    **escrow_dispute_commands.INTENT_PARSERS, **payout_commands.INTENT_PARSERS, **investment_commands.INTENT_PARSERS,
    **fx_commands.INTENT_PARSERS, **refund_commands.INTENT_PARSERS, **staff_chat_commands.INTENT_PARSERS,
    **chat_commands.INTENT_PARSERS, **call_sheet_send.INTENT_PARSERS, **dailies_commands.INTENT_PARSERS,
}
_PARSERS.update({intent_type: parser for intent_type, (_, parser) in _SLICE_PARSERS.items()})
INTENT_TYPES = {
    kind: types + tuple(t for t, (slice_kind, _) in _SLICE_PARSERS.items() if slice_kind == kind)
    for kind, types in _CORE_INTENT_TYPES.items()
}
