"""The unit bus with the casting and audition handlers (the registry lists them too), and a
casting call for Eko Nights."""
from datetime import datetime, timedelta

from core.bus import MessageBus
from core.casting_commands import (
    ApplyToCastingCall, BookAuditionSlot, CancelAudition, OpenAuditionSlots, PostCastingCall, RescheduleAudition,
)
from core.handlers import COMMAND_HANDLERS, EVENT_HANDLERS
from core.handlers.auditions import book_audition_slot, cancel_audition, open_audition_slots, reschedule_audition
from core.handlers.casting import apply_to_casting_call, post_casting_call
from core.money import Money
from tests.unit.fakes import DEFAULT_NOW, LAGOS, make_bus
from tests.unit.production import FIRST_DAY, LAST_DAY

CASTING_HANDLERS = {
    PostCastingCall: post_casting_call, ApplyToCastingCall: apply_to_casting_call,
    OpenAuditionSlots: open_audition_slots, BookAuditionSlot: book_audition_slot,
    RescheduleAudition: reschedule_audition, CancelAudition: cancel_audition,
}
TAPE_DEADLINE = DEFAULT_NOW + timedelta(days=5)
AMAKA_RATE = Money(15_000_000, "NGN")  # ₦150,000 a day for a lead


def make_casting_bus(**adapters) -> MessageBus:
    plain = make_bus(**adapters)
    return MessageBus(plain.services, {**COMMAND_HANDLERS, **CASTING_HANDLERS}, EVENT_HANDLERS)


def casting_call(project_id: str, posted_by: str, intent_id: str = "casting_call_request:amaka", **changes):
    fields = {
        "role_name": "Amaka", "character_description": "A Lagos lawyer who will not be bought.",
        "playing_age_min": 28, "playing_age_max": 35, "languages": ("English", "Igbo"), "rate": AMAKA_RATE,
        "rate_per": "day", "shoot_start": FIRST_DAY, "shoot_end": LAST_DAY, "city": "Lekki", "state": "Lagos",
        "self_tape_instructions": "Two minutes of scene 12, landscape, good light.",
        "self_tape_deadline": TAPE_DEADLINE, "gender": "female", "slots": 1, **changes,
    }
    return PostCastingCall(intent_id=intent_id, project_id=project_id, posted_by=posted_by, **fields)


def audition_window(day: int, hour: int, minutes: int = 30) -> tuple[datetime, datetime]:
    """A window on the `day`-th of November 2026, Lagos time."""
    start = datetime(2026, 11, day, hour, 0, tzinfo=LAGOS)
    return start, start + timedelta(minutes=minutes)
