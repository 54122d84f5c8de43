"""The conversation engine: one incoming message in, an intent and/or a reply out.

It reads what it needs through `ChatReads` and builds intents for the core; every rule
(may this person apply? is the booking theirs?) is the core's to apply, never the bot's.
"""
import re
from abc import ABC, abstractmethod
from dataclasses import dataclass

from bots.channels.base import Incoming
from core.ids import derived_id
from core.money import Money

MAX_JOBS_LISTED = 5
YES_WORDS = {"yes", "y", "yeah", "yep", "ok", "confirm", "confirmed"}
NO_WORDS = {"no", "n", "cannot", "can't"}


class ChatReads(ABC):
    """What the engine may look up."""

    @abstractmethod
    async def open_jobs(self, limit: int) -> list[dict]: ...

    @abstractmethod
    async def job_by_code(self, code: str) -> dict | None: ...

    @abstractmethod
    async def bookings(self, person_id: str) -> list[dict]: ...

    @abstractmethod
    async def applications(self, person_id: str) -> list[dict]: ...

    @abstractmethod
    async def escrows(self, person_id: str) -> list[dict]:
        """The person's pay held in escrow: their copies of the deposits for their bookings."""


@dataclass(frozen=True)
class Turn:
    template: str
    params: dict
    intent: dict | None = None  # to write in the person's own database


async def respond(incoming: Incoming, person_id: str, reads: ChatReads, now: str) -> Turn:
    words = incoming.text.strip().split()
    command = re.sub(r"[^\w'-]", "", words[0].lower()) if words else ""
    rest = " ".join(words[1:])
    if command in ("hi", "hello", "start", "menu"):
        return Turn("welcome", {})
    if command == "help":
        return Turn("help", {})
    if command == "jobs":
        return await _jobs(reads)
    if command == "apply" and rest:
        return await _apply(incoming, person_id, reads, now, rest)
    if command in YES_WORDS or command in NO_WORDS:
        return await _answer_booking(incoming, person_id, reads, now, command in YES_WORDS, rest)
    if command in ("checkin", "check-in") and rest:
        return await _check_in(incoming, person_id, reads, now, rest)
    if command in ("checkout", "check-out"):
        return await _check_out(incoming, person_id, reads, now)
    if command == "status":
        return await _status(person_id, reads)
    return Turn("not_understood", {})


async def _jobs(reads: ChatReads) -> Turn:
    jobs = await reads.open_jobs(MAX_JOBS_LISTED)
    if not jobs:
        return Turn("jobs_none", {})
    lines = "\n".join(
        f"{job['code']}: {job['title']}, {job['project_title']}, {job['location']['city']}, "
        f"from {job['start_date']}"
        for job in jobs
    )
    return Turn("jobs_list", {"lines": lines})


async def _apply(incoming: Incoming, person_id: str, reads: ChatReads, now: str, code: str) -> Turn:
    job = await reads.job_by_code(re.sub(r"\W", "", code).upper())
    if job is None:
        return Turn("intent_rejected", {"reason": f"no open job has the code {code}. Reply JOBS."})
    intent = _intent("application_request", incoming, person_id, now, job_post_id=job["job_post_id"])
    return Turn("application_queued", {"job_title": job["title"]}, intent)


async def _answer_booking(
    incoming: Incoming, person_id: str, reads: ChatReads, now: str, yes: bool, reason: str
) -> Turn:
    waiting = [b for b in await reads.bookings(person_id) if b["status"] == "awaiting_confirmation"]
    if not waiting:
        return Turn("nothing_to_confirm", {})
    booking = min(waiting, key=lambda b: b["start_date"])  # the soonest shoot first
    intent = _intent(
        "call_confirmation", incoming, person_id, now,
        booking_id=booking["booking_id"], answer="yes" if yes else "no", reason=reason,
    )
    return Turn("", {}, intent)  # the core's answer is the reply


async def _check_in(incoming: Incoming, person_id: str, reads: ChatReads, now: str, code: str) -> Turn:
    booking = await _booked_today(person_id, reads, now)
    if booking is None:
        return Turn("intent_rejected", {"reason": "you have no confirmed booking today."})
    intent = _intent(
        "check_in", incoming, person_id, now,
        booking_id=booking["booking_id"], at=now, method="set_code", set_code=code,
    )
    return Turn("", {}, intent)


async def _check_out(incoming: Incoming, person_id: str, reads: ChatReads, now: str) -> Turn:
    booking = await _booked_today(person_id, reads, now)
    if booking is None:
        return Turn("intent_rejected", {"reason": "you have no confirmed booking today."})
    return Turn("", {}, _intent("check_out", incoming, person_id, now, booking_id=booking["booking_id"], at=now))


async def _booked_today(person_id: str, reads: ChatReads, now: str) -> dict | None:
    confirmed = [b for b in await reads.bookings(person_id) if b["status"] == "confirmed"]
    today = [b for b in confirmed if b["start_date"] <= now[:10] <= b["end_date"]]
    return today[0] if today else None


async def _status(person_id: str, reads: ChatReads) -> Turn:
    lines = [f"Booked: {b['role']}, {b['project_title']} ({b['status']})" for b in await reads.bookings(person_id)]
    lines += [f"Applied: {a['job_title']} ({a['status']})" for a in await reads.applications(person_id)]
    lines += [_pay_line(e) for e in await reads.escrows(person_id)]
    return Turn("status", {"lines": "\n".join(lines)}) if lines else Turn("status_empty", {})


def _pay_line(escrow: dict) -> str:
    amount = Money.from_doc(escrow["amount"])
    released = Money(escrow["released_minor"], amount.currency)
    if escrow["status"] in ("awaiting_payment", "checkout_ready"):
        return f"Pay: {amount} for {escrow['role']}, {escrow['project_title']}: not yet paid into escrow"
    return f"Pay: {amount} for {escrow['role']}, {escrow['project_title']}: held in escrow, {released} released"


def _intent(kind: str, incoming: Incoming, person_id: str, now: str, **fields) -> dict:
    # The provider's message id names the intent, so a redelivered message writes nothing new.
    return {
        "_id": f"{kind}:{derived_id(incoming.channel, incoming.provider_id)}",
        "type": kind,
        "author": person_id,
        "created_at": now,
        "source": {"channel": incoming.channel, "message_id": incoming.provider_id},
        **fields,
    }
