"""STATUS: where each of my applications stands, my bookings, and my pay, in one short list."""
from bots.flows import payments
from bots.flows.engine import END, Chat, Reply

STATUS_WORDS = {"received": "applied"}  # the stored spelling of "applied" (core/application_status.py)


async def start(chat: Chat, rest: str) -> Reply:
    lines = [f"Booked: {b['role']}, {b['project_title']} ({b['status']})" for b in await chat.reads.bookings(chat.person_id)]
    lines += [f"Applied: {a['job_title']} ({STATUS_WORDS.get(a['status'], a['status'])})"
              for a in await chat.reads.applications(chat.person_id)]
    lines += [payments.pay_line(e) for e in await chat.reads.escrows(chat.person_id)]
    return Reply("status", {"lines": "\n".join(lines)}, goto=END) if lines else Reply("status_empty", goto=END)
