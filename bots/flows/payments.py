"""PAY: my pay for each booking: waiting for the producer's deposit, held in escrow, released."""
from bots.flows.engine import END, Chat, Reply
from core.money import Money

NOT_YET_PAID_IN = ("awaiting_payment", "checkout_ready")


async def start(chat: Chat, rest: str) -> Reply:
    lines = [pay_line(e) for e in await chat.reads.escrows(chat.person_id)]
    return Reply("payments", {"lines": "\n".join(lines)}, goto=END) if lines else Reply("payments_none", goto=END)


def pay_line(escrow: dict) -> str:
    amount = Money.from_doc(escrow["amount"])
    released = Money(escrow["released_minor"], amount.currency)
    if escrow["status"] in NOT_YET_PAID_IN:
        return f"Pay: {amount} for {escrow['role']}, {escrow['project_title']}: not yet paid into escrow"
    return f"Pay: {amount} for {escrow['role']}, {escrow['project_title']}: held in escrow, {released} released"
