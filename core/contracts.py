"""Contracts for a booking: the crew deal memo and the actor agreement, as structured text.

The canonical text (title, parties, clauses, joined by `canonical_text`) is what a party reads,
what the PDF prints and what the SHA-256 is over: a signature names that hash, so it proves
which words were signed whatever the file they were shown in.
"""
import hashlib
from abc import ABC, abstractmethod
from datetime import date

from core.money import Money

DEAL_MEMO = "deal_memo"
ACTOR_AGREEMENT = "actor_agreement"
KINDS = {DEAL_MEMO: "Deal memo", ACTOR_AGREEMENT: "Actor agreement"}
CANCELLATION_NOTICE_H = 48  # less notice than this and the first booked day is paid
RATE_UNITS = {"day": "per day", "hour": "per hour", "job": "for the whole job"}


def fill(kind: str, booking: dict, producer: dict, person: dict) -> dict:
    """The contract's fields, its canonical text and that text's hash, from the booking and the
    directory cards of the producer (or office person) drafting and of the booked person."""
    if kind not in KINDS:
        raise ValueError(f"unknown contract kind {kind!r}")
    title = f"{KINDS[kind]}: {booking['role']} on {booking['project_title']}"
    party = "the performer" if kind == ACTOR_AGREEMENT else "the crew member"
    parties = [
        f"The production: {booking['project_title']}, represented by {_name(producer)}.",
        f"{'Performer' if kind == ACTOR_AGREEMENT else 'Crew member'}: {_name(person)}.",
    ]
    clauses = _engagement(booking, party) + _money(booking, party)
    if kind == ACTOR_AGREEMENT:
        clauses += _actor_clauses(booking, person)
    text = canonical_text(title, parties, clauses)
    return {
        "kind": kind, "title": title, "parties": parties, "clauses": clauses,
        "text": text, "document_sha256": document_sha256(text),
    }


def canonical_text(title: str, parties: list[str], clauses: list[dict]) -> str:
    """One way only to lay the words out: the same fields always give the same bytes."""
    lines = [title, "", "Parties", *parties]
    for number, clause in enumerate(clauses, start=1):
        lines += ["", f"{number}. {clause['heading']}", clause["text"]]
    return "\n".join(lines) + "\n"


def canonical_bytes(text: str) -> bytes:
    return text.encode("utf-8")


def document_sha256(text: str) -> str:
    return hashlib.sha256(canonical_bytes(text)).hexdigest()


def signature_record(signer_id: str, name: str, at: str, channel: str, sha256: str, provider: str) -> dict:
    return {"signer": signer_id, "name": name, "at": at, "channel": channel,
            "document_sha256": sha256, "provider": provider}


class SignatureProvider(ABC):
    """Who proves a party signed: NollyCrew's own one-time code, or later a provider such as
    DocuSign (which would send its envelope in `start` and check its webhook in `record`)."""

    name: str

    @abstractmethod
    async def start(self, contract: dict, signer_id: str) -> None:
        """Ask this party to sign (send the code, or open the provider's envelope)."""

    @abstractmethod
    async def record(self, contract: dict, signer_id: str, proof: str) -> None:
        """Check the party's proof of signing (the code, the provider's event); refuse if wrong."""


def _engagement(booking: dict, party: str) -> list[dict]:
    where = booking["location"]
    return [
        {"heading": "Role", "text": f"The production engages {party} as {booking['role']}."},
        {"heading": "Dates and call time",
         "text": f"From {_day(booking['start_date'])} to {_day(booking['end_date'])}, "
                 f"first call at {booking['call_time']} each shooting day unless the call sheet says otherwise."},
        {"heading": "Location", "text": f"{where['city']}, {where['state']}, or as the call sheet says."},
    ]


def _money(booking: dict, party: str) -> list[dict]:
    rate = Money.from_doc(booking["rate"])
    return [
        {"heading": "Rate", "text": f"{rate} {RATE_UNITS[booking['rate_per']]}."},
        {"heading": "Payment",
         "text": "Paid through NollyCrew escrow: the production reserves the fee before the first day "
                 f"and it is released to {party} for the days worked."},
        {"heading": "Cancellation",
         "text": f"If the production cancels with less than {CANCELLATION_NOTICE_H} hours' notice before "
                 f"the first call, {party} is paid for the first booked day. Either party cancels in "
                 "writing through NollyCrew."},
    ]


def _actor_clauses(booking: dict, person: dict) -> list[dict]:
    character = booking.get("character") or booking["role"]
    return [
        {"heading": "Character", "text": f"The performer plays {character}."},
        {"heading": "Likeness and usage",
         "text": "The performer allows the production to use their recorded performance, voice and "
                 "likeness in the film and in its trailers, posters and publicity, in all media, "
                 "for the life of the film. Any other use needs the performer's written consent."},
        {"heading": "Credit", "text": f"{_name(person)} is credited as {character} in the film's credits."},
    ]


def _name(card: dict) -> str:
    return card.get("name") or "(name not given)"


def _day(iso: str) -> str:
    day = date.fromisoformat(iso)
    return f"{day.day} {day:%B %Y}"
