"""Audition windows and who holds a place in them: the rules, with no I/O.

The office's "audition_slots:<casting_call_id>" is the one authority on places:
    {"kind": "live", "where": ..., "windows": [{"start": iso, "end": iso, "capacity": 3,
     "booked": [{"person_id": ..., "intent": ..., "at": iso}]}]}
Each change below is one conditional update of that document, so two actors booking the last
place at once cannot both get it, and a move frees the old place only if it takes the new one.
The person's own "audition_diary" (in their database) lists the auditions they hold, so a live
audition never overlaps another of theirs, whichever production's office holds it.
"""
from datetime import datetime, timedelta

from core.availability import BOOKED, days_of
from core.errors import Rejected

LIVE = "live"
DIARY_DOC_ID = "audition_diary"


def find_window(slots: dict, start: datetime) -> dict:
    for window in slots["windows"]:
        if datetime.fromisoformat(window["start"]) == start:
            return window
    raise Rejected("There is no audition window starting {start}. Check the times you were sent.", start=said(start))


def held_by(slots: dict, person_id: str) -> tuple[dict, dict] | None:
    """(window, place) the person holds in this call, if any."""
    for window in slots["windows"]:
        for place in window["booked"]:
            if place["person_id"] == person_id:
                return window, place
    return None


def take_place(person_id: str, start: datetime, intent_id: str, at: str):
    """Book `start`'s window, or move there from the person's other window: one write either way."""

    def change(slots: dict) -> dict | None:
        window = find_window(slots, start)
        held = held_by(slots, person_id)
        if held is not None and held[0] is window:
            return None  # already there: a retry, or a move that was made
        if len(window["booked"]) >= window["capacity"]:
            raise Rejected("The audition window at {start} is full. Choose another window.", start=said(start))
        place = {"person_id": person_id, "intent": intent_id, "at": at}
        windows = [
            {**w, "booked": [p for p in w["booked"] if p["person_id"] != person_id] + ([place] if w is window else [])}
            for w in slots["windows"]
        ]
        return {**slots, "windows": windows}

    return change


def free_place(person_id: str):
    def change(slots: dict) -> dict | None:
        if held_by(slots, person_id) is None:
            return None
        windows = [{**w, "booked": [p for p in w["booked"] if p["person_id"] != person_id]} for w in slots["windows"]]
        return {**slots, "windows": windows}

    return change


def enter_in_diary(casting_call_id: str, entry: dict, moving: bool):
    """Put this call's audition in the diary, refusing an overlap with another live audition.
    Without `moving`, a different window of the same call already there is refused: move it."""

    def change(diary: dict) -> dict | None:
        auditions = diary["auditions"]
        current = auditions.get(casting_call_id)
        if current is not None and current["start"] == entry["start"]:
            return None
        if current is not None and not moving:
            raise Rejected(
                "You already have an audition for {role} at {start}. Reschedule it instead.",
                role=current["role_name"], start=said_iso(current["start"]),
            )
        for other_id, other in auditions.items():
            if other_id != casting_call_id and _overlap(entry, other):
                raise Rejected(
                    "You have an audition for {role} ({project}) at {start} that overlaps this window. "
                    "Choose another window.",
                    role=other["role_name"], project=other["project_title"], start=said_iso(other["start"]),
                )
        return {**diary, "auditions": {**auditions, casting_call_id: entry}}

    return change


def restore_diary(casting_call_id: str, entry: dict | None):
    """Put back what the diary held for this call (None: nothing), after a refused place."""

    def change(diary: dict) -> dict | None:
        auditions = dict(diary["auditions"])
        if auditions.get(casting_call_id) == entry:
            return None
        if entry is None:
            auditions.pop(casting_call_id, None)
        else:
            auditions[casting_call_id] = entry
        return {**diary, "auditions": auditions}

    return change


def _overlap(one: dict, other: dict) -> bool:
    if one["kind"] != LIVE or other["kind"] != LIVE:
        return False  # a self-tape is recorded whenever the actor likes within its window
    start, end = datetime.fromisoformat(one["start"]), datetime.fromisoformat(one["end"])
    return start < datetime.fromisoformat(other["end"]) and datetime.fromisoformat(other["start"]) < end


def booked_day_clash(calendar: dict | None, start: datetime, end: datetime) -> None:
    """Refuse a live window on a day the person is booked to work (their "availability" doc)."""
    days = (calendar or {}).get("days", {})
    for day in days_of(start.date(), (end - timedelta(microseconds=1)).date()):
        entry = days.get(day.isoformat())
        if entry is not None and entry["status"] == BOOKED:
            if entry.get("project_title"):
                raise Rejected("You are booked to work on {project} on {day}. Choose another window.",
                               project=entry["project_title"], day=f"{day:%a %d %b}")
            raise Rejected("You are booked to work on {day}. Choose another window.", day=f"{day:%a %d %b}")


def said(moment: datetime) -> str:
    return f"{moment:%a %d %b %H:%M}"


def said_iso(text: str) -> str:
    return said(datetime.fromisoformat(text))
