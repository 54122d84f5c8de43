"""What a person reads when the ledger refuses a transfer.

The ledger's own reason (core/ledger/rules.py) is written for whoever debugs the books: it names
transfer and hold ids and is in English only. A handler raises `ledger_refused(result.code)`
instead: one plain sentence per refusal code, each a template the refusals catalog can hold.
A code a person could not act on (a bug of ours, not of their request) says so and carries the
code, for support.
"""
from collections.abc import Callable

from core.errors import Rejected
from core.ledger.state import REFUSED

LEDGER_REFUSALS: dict[str, Callable[[], Rejected]] = {
    "below_floor": lambda: Rejected("There is not enough money available for this; nothing was moved."),
    "amount_not_positive": lambda: Rejected("The amount must be more than zero."),
    "currency_mismatch": lambda: Rejected("The money is in another currency than this payment; nothing was moved."),
    "hold_not_found": lambda: Rejected("We cannot find the money held for this payment; nothing was moved."),
    "hold_ended": lambda: Rejected("The money held for this payment was already refunded or has expired; "
                                   "nothing is left on it."),
    "hold_fully_released": lambda: Rejected("The money held for this payment was already released in full; "
                                            "nothing is left to release or refund."),
    "hold_already_frozen": lambda: Rejected("This payment is already frozen by a dispute."),
    "hold_not_frozen": lambda: Rejected("This payment is not frozen, so there is no dispute to close."),
    "hold_frozen": lambda: Rejected("This payment is frozen by a dispute; only an admin's ruling can move it."),
    "hold_expired": lambda: Rejected("The hold on this payment has expired; it can only be refunded."),
    "exceeds_held": lambda: Rejected("That is more than is left held for this payment; nothing was released."),
    "amount_not_what_is_held": lambda: Rejected("The amount is not what is left held for this payment; "
                                                "nothing was moved."),
    "exists_with_different_details": lambda: Rejected("This payment was already recorded with other details; "
                                                      "nothing more was moved."),
    "chain_partly_made": lambda: Rejected("Part of this payment was already recorded in another request; "
                                          "nothing more was moved."),
}


# Given to every other transfer of a linked batch when one is refused: never the cause.
LINKED_EVENT_FAILED = "linked_event_failed"


def batch_refused(results: list) -> Rejected | None:
    """The refusal a person reads for a batch's ledger results (TransferResult), None if none was
    refused: the cause, not the transfers refused along with it."""
    refused = [result for result in results if result.status == REFUSED]
    causes = [result for result in refused if result.code != LINKED_EVENT_FAILED] or refused
    return ledger_refused(causes[0].code) if causes else None


def ledger_refused(code: str) -> Rejected:
    """The refusal a person reads for the ledger's refusal `code`."""
    known = LEDGER_REFUSALS.get(code)
    if known is not None:
        return known()
    return Rejected("The books could not record this payment, so nothing was moved. "
                    "Write to support and quote {code}.", code=code)
