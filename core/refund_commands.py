"""Sending a producer's refunded escrow back to the card it was paid from.

A ruling or a cancellation refunds into the producer's NollyCrew wallet, where the money can pay
the next deposit at once. A producer who wants it back on the card asks for it per deposit; a
worker asks the gateway to refund the original payment and records what the gateway answered.
core/intents.py wires INTENT_PARSERS."""
from dataclasses import dataclass
from typing import TYPE_CHECKING

from core.commands import Command
from core.escrow_commands import escrow_addressed
from core.money import Money

if TYPE_CHECKING:
    from core.intents import _Fields


@dataclass(frozen=True)
class RefundToCard(Command):
    intent_id: str
    project_id: str
    by: str
    escrow_id: str  # the deposit whose refunded part goes back to the card (core/escrow_ids.py)


@dataclass(frozen=True)
class RecordCardRefund(Command):
    """What the gateway says became of a card refund (its answer, or a later check)."""

    project_id: str
    refund_reference: str
    status: str  # core.payments SUCCESS | PENDING | FAILED
    amount: Money
    gateway_id: str = ""
    reason: str = ""


def _refund_to_card(intent_id: str, project_id: str, f: "_Fields") -> Command:
    return RefundToCard(intent_id, project_id, f.author(), escrow_addressed(f))


INTENT_PARSERS = {
    "escrow_refund_to_card": ("office", _refund_to_card),
}
