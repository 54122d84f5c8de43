"""Small builders shared by the ledger tests: a funded producer, a hold, a state that must apply."""
from core.ledger import escrow
from core.ledger.state import LedgerState, apply
from core.money import Money

PRODUCER, CREW = "ada", "obi"


def naira(minor: int) -> Money:
    return Money(minor, "NGN")


def made(state: LedgerState, transfers, now=None) -> LedgerState:
    """Apply transfers that must all go through; a refusal fails the test with its reason."""
    new_state, results = apply(state, list(transfers), now)
    assert all(result.ok for result in results), [result.reason for result in results if not result.ok]
    return new_state


def funded(minor: int = 100_000, producer: str = PRODUCER) -> LedgerState:
    return made(LedgerState(), [escrow.confirm_deposit("paystack", f"ref-{producer}", producer, naira(minor))])


def with_hold(minor: int = 60_000, hold_id: str = "h1", funds: int = 100_000, expires_at: str = "") -> LedgerState:
    hold = escrow.hold_in_escrow(hold_id, PRODUCER, CREW, naira(minor), "booking-1", expires_at=expires_at)
    return made(funded(funds), [hold])
