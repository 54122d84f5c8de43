"""STATUS: where each of my applications stands, my bookings, and my pay, in one short list, in
the person's language."""
from bots.flow_texts import FLOW_TEMPLATES, label_in
from bots.flows import payments
from bots.flows.engine import END, Chat, Reply

STATUS_WORDS = {"received": "applied"}  # the stored spelling of "applied" (core/application_status.py)


async def start(chat: Chat, rest: str) -> Reply:
    language = chat.language
    lines = [label_in("status_line_booked", language, {"role": b["role"], "project_title": b["project_title"],
                                                       "status": _said(b["status"], language)})
             for b in await chat.reads.bookings(chat.person_id)]
    lines += [label_in("status_line_applied", language, {"job_title": a["job_title"],
                                                         "status": _said(a["status"], language)})
              for a in await chat.reads.applications(chat.person_id)]
    lines += [payments.pay_line(e, language) for e in await chat.reads.escrows(chat.person_id)]
    return Reply("status", {"lines": "\n".join(lines)}, goto=END) if lines else Reply("status_empty", goto=END)


def _said(status: str, language: str) -> str:
    """A stored status as words; one we have no words for yet shows as stored."""
    name = "state_" + STATUS_WORDS.get(status, status)
    return label_in(name, language) if name in FLOW_TEMPLATES else status.replace("_", " ")
