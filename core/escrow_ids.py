"""Which escrow a deposit is: a booking's pay as one deposit, or one milestone of it.

A booking paid in one go has one escrow whose id is the booking id (so its documents, gateway
reference and hold keep the names they always had); a booking paid by milestones (half on the
first shoot day, the rest at wrap, say) has one escrow per milestone: "<booking id>~<milestone>".
"""
import re

SEPARATOR = "~"
MILESTONE = re.compile(r"^[a-z0-9][a-z0-9-]{0,31}$")


def escrow_id(booking_id: str, milestone: str = "") -> str:
    return f"{booking_id}{SEPARATOR}{milestone}" if milestone else booking_id


def booking_of(escrow: str) -> str:
    return escrow.split(SEPARATOR, 1)[0]


def checked_milestone(label: str) -> str:
    """A milestone's name as it goes into ids: lower case letters, digits and dashes."""
    name = label.strip().lower().replace(" ", "-")
    if name and not MILESTONE.match(name):
        raise ValueError("a milestone is named with letters, digits and dashes, at most 32 (e.g. first-half)")
    return name
