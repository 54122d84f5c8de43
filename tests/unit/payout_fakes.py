"""What the payout tests share: a payment worker that also remembers payout work, and a bus with
the payout handlers beside every other (as core/handlers/__init__.py will register them)."""
from core.bus import MessageBus, Services
from core.handlers import COMMAND_HANDLERS, EVENT_HANDLERS, payouts
from core.payout_commands import RecordPayout, RecordPayoutAccount, RequestPayout, SetPayoutAccount
from tests.unit.fakes import FixedClock, MemoryOutbox, MemorySpaces, MemoryStore
from tests.unit.ledger_fakes import MemoryLedger, RecordingPaymentJobs
from tests.unit.shoot_fakes import MemoryMedia, RecordingOfficeWork

PAYOUT_HANDLERS = {
    SetPayoutAccount: payouts.set_payout_account,
    RecordPayoutAccount: payouts.record_payout_account,
    RequestPayout: payouts.request_payout,
    RecordPayout: payouts.record_payout,
}


class RecordingPayoutJobs(RecordingPaymentJobs):
    """Remembers the accounts to resolve and the payouts to send; the test plays the worker."""

    def __init__(self):
        super().__init__()
        self.accounts: list[tuple[str, str]] = []  # (person_id, intent_id)
        self.payouts: list[tuple[str, str]] = []  # (person_id, reference)

    async def resolve_payout_account(self, person_id, intent_id):
        self.accounts.append((person_id, intent_id))

    async def send_payout(self, person_id, reference):
        self.payouts.append((person_id, reference))


def make_payout_bus() -> MessageBus:
    services = Services(
        store=MemoryStore(), spaces=MemorySpaces(), outbox=MemoryOutbox(), clock=FixedClock(),
        media=MemoryMedia(), office_work=RecordingOfficeWork(), ledger=MemoryLedger(),
        payment_jobs=RecordingPayoutJobs(),
    )
    return MessageBus(services, {**COMMAND_HANDLERS, **PAYOUT_HANDLERS}, EVENT_HANDLERS)
