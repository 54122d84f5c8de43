"""Sending a published call sheet to the unit: the command, its intent, and what each person
is told.

The office writes a `call_sheet_send` intent (office database, field "day"); the handler
(core/handlers/call_sheet_send.py) sends everyone called that day one message of their own:
their call, their role, where they report (name, address, map pin) and a link to their sheet
that opens on a phone without signing in. The link's key is the web's to make (it holds the
account secret), so it comes through the CallSheetLinks port.

A person is told once per schedule version: a resend of the same version sends nothing, and a
new version tells them only what changed for them (nothing when nothing did). Wiring:
core/intents.py takes INTENT_PARSERS, core/audit.py ACTOR_FIELDS."""
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import TYPE_CHECKING

from core.call_sheets.call_sheet import called, everyone_called
from core.commands import Command

if TYPE_CHECKING:  # core.intents imports this module to wire the parser
    from core.intents import _Fields

FULL, CHANGED = "call_sheet_personal", "call_sheet_changed"
# What a person is told changed, in this order; the values only, so no word needs translating.
DETAIL_FIELDS = ("call", "role", "place", "address")


@dataclass(frozen=True)
class SendCallSheet(Command):
    intent_id: str
    project_id: str
    by: str
    day: str  # ISO date of the shoot day


class CallSheetLinks(ABC):
    """Each person's own link to their call sheet PDF, openable with no sign-in."""

    @abstractmethod
    def url(self, project_id: str, day: str, person_id: str) -> str: ...


@dataclass(frozen=True)
class PersonalSend:
    person_id: str
    template: str  # FULL or CHANGED
    params: dict
    details: dict  # what was told, kept to compare with the next version


def details_of(sheet: dict, person_id: str) -> dict | None:
    """The person's call, role and where they report; None when they are not called."""
    mine = called(sheet, person_id)
    if mine is None:
        return None
    place = reporting_place(sheet, mine) or {}
    role = mine["character"] if mine["kind"] == "cast" else mine["role"]
    return {"call": mine["call"], "role": role, "place": place.get("name", ""), "address": place.get("address", ""),
            "map_link": place.get("map_link", ""),
            "pin": [place["latitude"], place["longitude"]] if "latitude" in place else None}


def reporting_place(sheet: dict, mine: dict) -> dict | None:
    """The location of the person's first scene (cast), else the unit's first location."""
    first = next((row for row in sheet["scenes"] if row["number"] in mine.get("scenes", [])), None)
    wanted = first["location_id"] if first else None
    places = sheet.get("locations") or []
    return next((place for place in places if place["id"] == wanted), places[0] if places else None)


def changes(before: dict, after: dict) -> str:
    """'06:30 -> 07:00, Lekki house -> Marina house': the person's details that moved."""
    return ", ".join(f"{before.get(name, '')} -> {after[name]}" for name in DETAIL_FIELDS
                     if before.get(name, "") != after[name])


def personal_sends(sheet: dict, project_title: str, told: dict[str, dict], links: CallSheetLinks,
                   project_id: str) -> list[PersonalSend]:
    """One message for each person on `sheet` not yet told of its version: the full call for
    someone new to the day, the changes for someone told of an earlier version. `told` maps a
    person id to {"version", "details"} as recorded by earlier sends."""
    version, day = sheet.get("schedule_version"), sheet["date"]
    sends = []
    for person_id in dict.fromkeys(row["person_id"] for row in everyone_called(sheet)):
        details = details_of(sheet, person_id)
        before = told.get(person_id)
        if before is not None and before.get("version") == version:
            continue  # told of this version already
        moved = changes(before["details"], details) if before is not None else ""
        if before is not None and not moved:
            continue  # a new version that changes nothing of theirs
        url = links.url(project_id, day, person_id)
        params = {
            "project_title": project_title, "day": day, "day_number": sheet.get("day_number", ""),
            "call": details["call"], "role": details["role"], "place": details["place"],
            "address": details["address"], "map_link": details["map_link"], "sheet_url": url,
            "media_urls": [url], "location_pin": details["pin"],
        }
        if moved:
            params["changes"] = moved
        sends.append(PersonalSend(person_id, CHANGED if moved else FULL, params, details))
    return sends


def _call_sheet_send(intent_id: str, project_id: str, f: "_Fields") -> Command:
    f.day("day")  # checked as a date here; kept as text, as the call sheets' ids use it
    return SendCallSheet(intent_id, project_id, f.author(), f.text("day"))


# Intent type -> (kind of database it is written in, parser): core/intents.py wires it.
INTENT_PARSERS = {"call_sheet_send": ("office", _call_sheet_send)}
# For core/audit.py ACTOR_FIELDS (**CALL_SHEET_ACTOR_FIELDS).
CALL_SHEET_ACTOR_FIELDS = {SendCallSheet: "by"}
