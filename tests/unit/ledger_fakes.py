"""The ledger port in memory, on the real pure ledger (core.ledger.state.apply), and a payment
worker that remembers what it was asked to do."""
from core.ledger.accounts import Balance
from core.ledger.state import LedgerState, apply
from core.ports import Ledger, PaymentJobs


class MemoryLedger(Ledger):
    def __init__(self):
        self.state = LedgerState()

    async def submit(self, transfers):
        self.state, results = apply(self.state, list(transfers))
        return results

    async def balance(self, account, currency):
        return self.state.balances.get((account, currency), Balance())

    async def hold(self, hold_id):
        return self.state.holds.get(hold_id)


class RecordingPaymentJobs(PaymentJobs):
    def __init__(self):
        self.checkouts: list[tuple[str, str]] = []
        self.accounts: list[tuple[str, str]] = []
        self.payouts: list[tuple[str, str]] = []
        self.card_refunds: list[tuple[str, str]] = []
        self.pledges: list[tuple[str, str]] = []

    async def open_checkout(self, project_id, booking_id):
        self.checkouts.append((project_id, booking_id))

    async def resolve_payout_account(self, person_id, intent_id):
        self.accounts.append((person_id, intent_id))

    async def send_payout(self, person_id, reference):
        self.payouts.append((person_id, reference))

    async def open_pledge_checkout(self, investor_id, reference):
        self.pledges.append((investor_id, reference))

    async def send_card_refund(self, project_id, reference):
        self.card_refunds.append((project_id, reference))
