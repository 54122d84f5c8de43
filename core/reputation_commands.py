"""Commands about reputation (people and the marketplace): reviews after a booking, dispute
flags on one; and the parsers of the intents that ask for them, both written in the person's
own database (core/intents.py wires INTENT_PARSERS)."""
from dataclasses import dataclass

from core.commands import Command


@dataclass(frozen=True)
class ReviewBooking(Command):
    """The booked person reviews the production, or the production reviews the booked person."""

    intent_id: str
    booking_id: str
    reviewer_id: str
    stars: int  # 1 to 5; core.reputation checks it
    text: str = ""
    tags: tuple[str, ...] = ()
    project_id: str = ""  # needed when the reviewer has no copy of the booking (the production side)


@dataclass(frozen=True)
class FlagDispute(Command):
    """Either party says something went wrong on a booking; admins resolve it (not built yet)."""

    intent_id: str
    booking_id: str
    by: str
    reason: str
    project_id: str = ""


def _booking_review(intent_id: str, person_id: str, f) -> Command:
    return ReviewBooking(
        intent_id, f.text("booking_id"), person_id, f.integer("stars"), f.text("text", ""),
        _word_list(f, "tags"), f.text("project_id", ""),
    )


def _dispute_flag(intent_id: str, person_id: str, f) -> Command:
    return FlagDispute(intent_id, f.text("booking_id"), person_id, f.text("reason"), f.text("project_id", ""))


def _word_list(f, name: str) -> tuple[str, ...]:
    # core.intents._Fields has no list reader yet; this one fails the same way, naming the field.
    value = f._doc.get(name, [])
    if not isinstance(value, list) or not all(isinstance(word, str) for word in value):
        raise ValueError(f"{name} must be a list of words")
    return tuple(value)


# Intent type -> (kind of database it is written in, parser). The scope id is the person's.
INTENT_PARSERS = {
    "booking_review": ("user", _booking_review),
    "dispute_flag": ("user", _dispute_flag),
}
