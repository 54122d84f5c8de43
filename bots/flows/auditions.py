"""Book an audition: the open windows of a casting call I am shortlisted for, picked by number.

The office's slots document says which windows have places; the core takes the place (or
refuses: full, overlapping, a booked work day). A place already held is moved, not doubled."""
from datetime import datetime

from bots.flows.engine import END, Chat, Flow, Reply, State
from bots.flows.words import number
from core.application_status import AUDITIONING, SHORTLISTED
from core.audition_slots import held_by

TIMEOUT_H = 24  # places go: a day-old list is not worth trusting
MAX_WINDOWS_SHOWN = 8


async def start(chat: Chat, rest: str) -> Reply:
    calls = [a for a in await chat.reads.applications(chat.person_id)
             if a.get("casting_call_id") and a["status"] in (SHORTLISTED, AUDITIONING)]
    if not calls:
        return Reply("audition_none", goto=END)
    if len(calls) == 1:
        return await _windows(chat, calls[0])
    data = {"calls": [{k: a[k] for k in ("casting_call_id", "project_id", "job_title")} for a in calls]}
    return Reply("audition_pick_call", flow=AUDITION.name, goto="call", data=data,
                 choices=tuple(a["job_title"] for a in calls))


async def _windows(chat: Chat, application: dict) -> Reply:
    slots = await chat.reads.audition_windows(application["project_id"], application["casting_call_id"])
    if slots is None:
        return Reply("audition_no_windows", {"job_title": application["job_title"]}, goto=END)
    now = datetime.fromisoformat(chat.now)
    free = [w for w in slots["windows"] if datetime.fromisoformat(w["start"]) > now
            and len(w["booked"]) < w["capacity"]][:MAX_WINDOWS_SHOWN]
    if not free:
        return Reply("audition_full", {"job_title": application["job_title"]}, goto=END)
    data = {"casting_call_id": application["casting_call_id"], "job_title": application["job_title"],
            "starts": [w["start"] for w in free], "moving": held_by(slots, chat.person_id) is not None,
            "where": slots.get("where", "")}
    labels = tuple(f"{datetime.fromisoformat(w['start']):%a %d %b %H:%M} ({w['capacity'] - len(w['booked'])} left)"
                   for w in free)
    return Reply("audition_pick_window", {"job_title": application["job_title"], "where": data["where"]},
                 flow=AUDITION.name, goto="window", data=data, choices=labels)


async def _ask_call(chat: Chat) -> Reply:
    """Which part?"""
    return Reply("audition_pick_call", choices=tuple(c["job_title"] for c in chat.data["calls"]))


async def _answer_call(chat: Chat) -> Reply | None:
    """A number picks the part; its windows follow."""
    picked, calls = number(chat.text), chat.data.get("calls", [])
    if picked is None or not 1 <= picked <= len(calls):
        return None
    return await _windows(chat, calls[picked - 1])


async def _ask_window(chat: Chat) -> Reply:
    """Which window? (the list as it was shown)"""
    labels = tuple(f"{datetime.fromisoformat(s):%a %d %b %H:%M}" for s in chat.data["starts"])
    return Reply("audition_pick_window", {"job_title": chat.data["job_title"], "where": chat.data["where"]},
                 choices=labels)


async def _answer_window(chat: Chat) -> Reply | None:
    """A number books (or moves to) that window."""
    picked, starts = number(chat.text), chat.data.get("starts", [])
    if picked is None or not 1 <= picked <= len(starts):
        return None
    start = starts[picked - 1]
    if chat.data.get("moving"):
        intent = chat.intent("audition_reschedule", casting_call_id=chat.data["casting_call_id"], new_window_start=start)
    else:
        intent = chat.intent("audition_booking", casting_call_id=chat.data["casting_call_id"], window_start=start)
    when = f"{datetime.fromisoformat(start):%a %d %b %H:%M}"
    return Reply("audition_requested", {"job_title": chat.data["job_title"], "when": when}, goto=END, intents=(intent,))


AUDITION = Flow("audition", "call", {
    "call": State(_ask_call, _answer_call, "pick_number_help"),
    "window": State(_ask_window, _answer_window, "pick_number_help"),
}, TIMEOUT_H, "label_auditions")
