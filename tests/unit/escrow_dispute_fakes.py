"""The bus the escrow-dispute tests run on: the office bus, whose registry now carries the
dispute slice, the automatic release and the receipts for rulings and cancellations."""
from core.bus import MessageBus
from tests.unit.shoot_fakes import make_office_bus


def make_dispute_bus() -> MessageBus:
    return make_office_bus()
