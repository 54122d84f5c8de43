"""PAY: my pay for each booking (or each milestone of it): waiting for the producer's deposit, held
in escrow, frozen by a dispute, or settled. Lines are written in the person's language."""
from bots.flow_texts import label_in
from bots.flows.engine import END, Chat, Reply
from core.money import Money

NOT_YET_PAID_IN = ("awaiting_payment", "checkout_ready")
LINE_OF_STATUS = {**{status: "pay_line_waiting" for status in NOT_YET_PAID_IN}, "held": "pay_line_held",
                  "disputed": "pay_line_frozen"}  # anything else has left escrow: released, refunded...


async def start(chat: Chat, rest: str) -> Reply:
    lines = [pay_line(e, chat.language) for e in await chat.reads.escrows(chat.person_id)]
    return Reply("payments", {"lines": "\n".join(lines)}, goto=END) if lines else Reply("payments_none", goto=END)


def pay_line(escrow: dict, language: str) -> str:
    amount = Money.from_doc(escrow["amount"])
    milestone = escrow.get("milestone", "")
    return label_in(LINE_OF_STATUS.get(escrow["status"], "pay_line_done"), language, {
        "amount": str(amount), "role": escrow["role"], "project_title": escrow["project_title"],
        "milestone": f" ({milestone})" if milestone else "",
        "released": str(Money(escrow["released_minor"], amount.currency)),
    })
