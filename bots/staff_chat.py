"""Producers, ADs and admins from a chat, and answers to project threads: the words they type
become one `staff_command` (or `thread_reply`) intent in their own database.

Only the words are read here; whether the person may do it (admin, producer, first AD) is the
core's to decide (core/handlers/crew_calls.py, admin_chat.py, project_threads.py), and its
answer, or its refusal, is the reply. The engine (bots/conversation.py) hands over a message
when `claims(text)` is true, and plain text soon after a thread message to `plain_reply`."""
import re
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from bots.channels.base import Incoming
from core.escrow_dispute_commands import DECISIONS
from core.ids import derived_id

if TYPE_CHECKING:
    from bots.conversation import ChatReads, Turn

STAFF_KEYWORDS = frozenset({
    "crewcall", "who", "chase", "announce", "verify", "unverify", "suspend", "restore", "stats",
    "broadcast", "resolve", "requeue", "drop", "staff", "admin",
})
THREAD_REPLY_WINDOW_H = 4  # plain text this soon after a thread message answers it
MIN_PHONE_DIGITS = 7
MAX_PHONE_DIGITS = 15  # E.164
_PHONE_PART = re.compile(r"\+?[\d\-().]+")
_THREAD = re.compile(r"^#([A-Za-z0-9]{4,8})\b\s*(.*)$", re.S)
_CONFIRM = re.compile(r"^confirm\s+(\d{4})\s*$", re.I)
_RATE = re.compile(r"^(?:₦|ngn|n)?(\d{1,3}(?:,\d{3})+|\d+)(k)?$", re.I)
USAGE = {
    "crewcall": ("Write CREWCALL <dept>/<role> <date> <rate> [city], "
                 "e.g. CREWCALL camera/focus puller 2026-12-01 25000 Lagos"),
    "announce": "Write ANNOUNCE and your message, e.g. ANNOUNCE Call moved to 6am.",
    "phone": "Add the phone number, e.g. {word} +2348030000001",
    "reason": "Add the phone number and why, e.g. {word} +2348030000001 fake profile",
    "broadcast": "Write BROADCAST and your message.",
    "resolve": "Write RESOLVE <booking code> release, refund, or split <crew %>, e.g. RESOLVE 7KQ2D split 60",
    "date": "Write the date as 2026-12-01, 01/12, today or tomorrow.",
    "failed": "Write {word} and a job queue (messages, default, office, media, ai) or ALL, e.g. {word} media",
}


def claims(text: str) -> bool:
    """Is this message one for the staff commands or a thread answer?"""
    stripped = text.strip()
    return (_keyword(stripped) in STAFF_KEYWORDS or bool(_CONFIRM.match(stripped))
            or bool(_THREAD.match(stripped)))


async def respond(incoming: Incoming, person_id: str, reads: "ChatReads", now: str) -> "Turn":
    text = incoming.text.strip()
    thread = _THREAD.match(text)
    if thread:
        return _thread_turn(incoming, person_id, now, thread.group(1), thread.group(2))
    confirm = _CONFIRM.match(text)
    if confirm:
        return _command(incoming, person_id, now, "confirm_broadcast", code=confirm.group(1))
    word, args = _keyword(text), text.split()[1:]
    try:
        return _PARSERS[word](incoming, person_id, now, word, args)
    except _Usage as usage:
        return _turn("staff_usage", {"usage": str(usage)})


async def plain_reply(incoming: Incoming, person_id: str, last_thread: dict | None, now: str) -> "Turn | None":
    """A message the engine did not understand, within THREAD_REPLY_WINDOW_H of the last thread
    message the person was sent (their `last_thread` document): an answer to that thread."""
    text = incoming.text.strip()
    if not text or not last_thread or not last_thread.get("code"):
        return None
    sent_at = datetime.fromisoformat(last_thread["at"])
    if datetime.fromisoformat(now) - sent_at > timedelta(hours=THREAD_REPLY_WINDOW_H):
        return None
    return _thread_turn(incoming, person_id, now, last_thread["code"], text)


def _turn(template: str, params: dict, intent: dict | None = None) -> "Turn":
    from bots.conversation import Turn  # late: the engine imports this module at its top

    return Turn(template, params, intent)


class _Usage(Exception):
    """The words do not fit the command: the reply says how to write it."""


def _keyword(text: str) -> str:
    words = text.split()
    return re.sub(r"[^\w]", "", words[0].lower()) if words else ""


def _thread_turn(incoming: Incoming, person_id: str, now: str, code: str, text: str) -> "Turn":
    if not text.strip():
        return _turn("staff_usage", {"usage": f"Write #{code.upper()} and your message."})
    intent = _intent("thread_reply", incoming, person_id, now, thread_code=code.upper(), text=text.strip())
    return _turn("", {}, intent)


def _command(incoming: Incoming, person_id: str, now: str, command: str, **fields) -> "Turn":
    return _turn("", {}, _intent("staff_command", incoming, person_id, now, command=command, **fields))


def _intent(kind: str, incoming: Incoming, person_id: str, now: str, **fields) -> dict:
    # Named by the provider's message id, as the engine's own: a redelivery writes nothing new.
    return {
        "_id": f"{kind}:{derived_id(incoming.channel, incoming.provider_id)}", "type": kind, "author": person_id,
        "created_at": now, "source": {"channel": incoming.channel, "message_id": incoming.provider_id}, **fields,
    }


def _project(args: list[str]) -> tuple[str, list[str]]:
    """An @code names the project; the rest are the command's words."""
    codes = [a[1:] for a in args if a.startswith("@") and len(a) > 1]
    return (codes[0].upper() if codes else ""), [a for a in args if not a.startswith("@")]


def _is_phone(word: str) -> bool:
    return sum(c.isdigit() for c in word) >= MIN_PHONE_DIGITS and _PHONE_PART.fullmatch(word) is not None


def parse_day(word: str, now: str) -> str:
    today = date.fromisoformat(now[:10])
    lowered = word.lower()
    if lowered in ("today", "tomorrow", "tmrw", "tmr"):
        return (today + timedelta(days=0 if lowered == "today" else 1)).isoformat()
    try:
        return date.fromisoformat(word).isoformat()
    except ValueError:
        pass
    parts = word.split("/")
    if len(parts) in (2, 3) and all(p.isdigit() for p in parts):
        year = int(parts[2]) if len(parts) == 3 else today.year
        year += 2000 if year < 100 else 0
        try:
            day = date(year, int(parts[1]), int(parts[0]))
        except ValueError:
            raise _Usage(USAGE["date"]) from None
        if len(parts) == 2 and day < today:  # 05/01 written in December is next January
            day = date(year + 1, day.month, day.day)
        return day.isoformat()
    raise _Usage(USAGE["date"])


def parse_rate_minor(word: str) -> int:
    """'25000', '25,000', '₦25000', '25k' -> kobo."""
    match = _RATE.match(word.strip())
    if not match:
        raise _Usage(USAGE["crewcall"])
    naira = int(match.group(1).replace(",", "")) * (1000 if match.group(2) else 1)
    return naira * 100


def _crewcall(incoming, person_id, now, word, args):
    project, words = _project(args)
    if not words or "/" not in words[0]:
        raise _Usage(USAGE["crewcall"])
    department, first_role_word = words[0].split("/", 1)
    for at, candidate in enumerate(words[1:], start=1):
        try:
            day = parse_day(candidate, now)
        except _Usage:
            continue
        role = " ".join([first_role_word, *words[1:at]]).replace("-", " ").strip()
        if not department or not role or len(words) <= at + 1:
            raise _Usage(USAGE["crewcall"])
        city = " ".join(words[at + 2:]) or "Lagos"
        return _command(incoming, person_id, now, "crew_call", project=project, department=department.lower(),
                        role=role, day=day, rate_minor=parse_rate_minor(words[at + 1]), currency="NGN", city=city)
    raise _Usage(USAGE["crewcall"])


def _who(incoming, person_id, now, word, args):
    project, words = _project(args)
    if not words:
        return _command(incoming, person_id, now, "call_status", project=project, day="")
    try:  # a date first: 2026-12-05 is digits and dashes too
        return _command(incoming, person_id, now, "call_status", project=project, day=parse_day(words[0], now))
    except _Usage:
        if not _PHONE_PART.fullmatch(words[0]):
            raise
    phone, _ = _phone_and_reason(words, word, reason_needed=False)
    return _command(incoming, person_id, now, "look_up", phone=phone)


def _chase(incoming, person_id, now, word, args):
    project, words = _project(args)
    return _command(incoming, person_id, now, "chase", project=project, day=parse_day(words[0], now) if words else "")


def _announce(incoming, person_id, now, word, args):
    project = args[0][1:].upper() if args and args[0].startswith("@") else ""
    text = " ".join(args[1:] if project else args)
    if not text:
        raise _Usage(USAGE["announce"])
    return _command(incoming, person_id, now, "announce", project=project, text=text)


def _phone_and_reason(args: list[str], word: str, reason_needed: bool) -> tuple[str, str]:
    """A number may be typed in groups ("+234 803 000 0001"): groups are taken up to 15 digits."""
    phone = ""
    while args and _PHONE_PART.fullmatch(args[0]) and sum(c.isdigit() for c in phone + args[0]) <= MAX_PHONE_DIGITS:
        phone += args.pop(0)
    if not _is_phone(phone) or (reason_needed and not args):
        raise _Usage(USAGE["reason" if reason_needed else "phone"].format(word=word.upper()))
    return phone, " ".join(args)


def _verify(incoming, person_id, now, word, args):
    phone, reason = _phone_and_reason(list(args), word, reason_needed=word == "unverify")
    return _command(incoming, person_id, now, "verify", phone=phone, verified=word == "verify", reason=reason)


def _suspend(incoming, person_id, now, word, args):
    phone, reason = _phone_and_reason(list(args), word, reason_needed=True)
    return _command(incoming, person_id, now, "suspend", phone=phone, suspended=word == "suspend", reason=reason)


def _stats(incoming, person_id, now, word, args):
    return _command(incoming, person_id, now, "stats")


def _broadcast(incoming, person_id, now, word, args):
    if not args:
        raise _Usage(USAGE["broadcast"])
    return _command(incoming, person_id, now, "broadcast", text=" ".join(args))


def _resolve(incoming, person_id, now, word, args):
    if len(args) < 2 or args[1].lower() not in DECISIONS:
        raise _Usage(USAGE["resolve"])
    decision, percent = args[1].lower(), 0
    if decision == "split":
        digits = args[2].rstrip("%") if len(args) > 2 else ""
        if not digits.isdigit():
            raise _Usage(USAGE["resolve"])
        percent = int(digits)
    return _command(incoming, person_id, now, "resolve", booking_code=args[0].upper(), decision=decision,
                    percent=percent)


def _failed_jobs(incoming, person_id, now, word, args):
    """REQUEUE <queue|ALL> runs a queue's failed jobs again; DROP <queue|ALL> forgets them."""
    if len(args) != 1:
        raise _Usage(USAGE["failed"].format(word=word.upper()))
    return _command(incoming, person_id, now, f"{word}_failed", queue=args[0].lower())


def _help(incoming, person_id, now, word, args):
    return _turn("admin_help" if word == "admin" else "staff_help", {})


_PARSERS = {
    "crewcall": _crewcall, "who": _who, "chase": _chase, "announce": _announce, "verify": _verify,
    "unverify": _verify, "suspend": _suspend, "restore": _suspend, "stats": _stats, "broadcast": _broadcast,
    "resolve": _resolve, "requeue": _failed_jobs, "drop": _failed_jobs, "staff": _help, "admin": _help,
}
