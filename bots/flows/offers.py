"""Accept or decline an offer. The core decides whether it is still open (its deadline, the
producer's right to hire); the chat lists the offers marked open and sends the answer."""
from bots.flows.engine import END, Chat, Flow, Reply, State
from bots.flows.words import fold, number, whole_message_means, yes_or_no
from core.money import Money

TIMEOUT_H = 24
REASON_MAX_CHARS = 500


async def start(chat: Chat, rest: str) -> Reply:
    open_offers = [o for o in await chat.reads.offers(chat.person_id) if o["status"] == "open"]
    if not open_offers:
        return Reply("offers_none", goto=END)
    if len(open_offers) == 1:
        return _shown(_kept(open_offers[0]))
    data = {"offers": [_kept(o) for o in open_offers]}
    return Reply("offer_pick", flow=OFFER.name, goto="pick", data=data,
                 choices=tuple(f"{o['job_title']}, {o['project_title']}" for o in open_offers))


def _kept(offer: dict) -> dict:
    rate = str(Money.from_doc(offer["rate"])) if offer.get("rate") else ""
    return {"offer_id": offer["offer_id"], "job_title": offer["job_title"], "project_title": offer["project_title"],
            "start_date": offer["start_date"], "end_date": offer["end_date"], "rate": rate,
            "rate_per": offer.get("rate_per", ""), "expires_at": offer["expires_at"][:16].replace("T", " ")}


def _shown(kept: dict) -> Reply:
    return Reply("offer_details", kept, flow=OFFER.name, goto="answer", data={"offer": kept},
                 choices=("label_accept", "label_decline"))


async def _ask_pick(chat: Chat) -> Reply:
    """Which offer?"""
    return Reply("offer_pick", choices=tuple(f"{o['job_title']}, {o['project_title']}" for o in chat.data["offers"]))


async def _answer_pick(chat: Chat) -> Reply | None:
    """A number shows that offer."""
    picked, offers = number(chat.text), chat.data.get("offers", [])
    return _shown(offers[picked - 1]) if picked is not None and 1 <= picked <= len(offers) else None


async def _ask_answer(chat: Chat) -> Reply:
    """The offer again: accept or decline?"""
    return Reply("offer_details", chat.data["offer"], choices=("label_accept", "label_decline"))


async def _answer_answer(chat: Chat) -> Reply | None:
    """1 / YES accepts; 2 / NO asks why (optional)."""
    offer, picked, said = chat.data["offer"], number(chat.text), yes_or_no(chat.text)
    if picked == 1 or said == "yes" or fold(chat.text) == "accept":
        intent = chat.intent("offer_acceptance", offer_id=offer["offer_id"])
        return Reply("offer_accept_sent", {"job_title": offer["job_title"]}, goto=END, intents=(intent,))
    if picked == 2 or said == "no" or fold(chat.text) == "decline":
        return Reply("offer_decline_reason", {"job_title": offer["job_title"]}, goto="reason",
                     choices=("label_no_reason",))
    return None


async def _ask_reason(chat: Chat) -> Reply:
    """Why decline? (optional)"""
    return Reply("offer_decline_reason", {"job_title": chat.data["offer"]["job_title"]}, choices=("label_no_reason",))


async def _answer_reason(chat: Chat) -> Reply | None:
    """Any text is the reason; 1, 0 or SKIP declines without one."""
    skip = chat.text in ("1", "0") or whole_message_means(chat.text, "skip")
    if not skip and len(chat.text) < 2:
        return None
    reason = "" if skip else chat.text[:REASON_MAX_CHARS]
    offer = chat.data["offer"]
    intent = chat.intent("offer_decline", offer_id=offer["offer_id"], reason=reason)
    return Reply("offer_decline_sent", {"job_title": offer["job_title"]}, goto=END, intents=(intent,))


OFFER = Flow("offer", "pick", {
    "pick": State(_ask_pick, _answer_pick, "pick_number_help"),
    "answer": State(_ask_answer, _answer_answer, "offer_answer_help"),
    "reason": State(_ask_reason, _answer_reason, "offer_decline_reason"),
}, TIMEOUT_H, "label_offers")
