"""The shoot day from chat: answer a booking (YES, or NO and a reason), running late with an ETA,
check in (the set code, or a location share) and check out. Which booking is meant comes from
its 4-digit code (SMS) or is the one due (the soonest waiting, or today's)."""
from bots.flows import short_codes
from bots.flows.engine import END, Chat, Flow, Reply, State
from bots.flows.words import minutes, number

TIMEOUT_H = 12  # a shoot-day question is about today: by tomorrow it means something else
ETA_CHOICES_MIN = (15, 30, 60, 120)
MAX_ETA_MIN = 600
SET_CODE_CHARS = (3, 8)


async def _booking(chat: Chat, code: str, wanted) -> tuple[dict | None, str]:
    """(booking, "") or (None, the template saying why there is none)."""
    bookings = await chat.reads.bookings(chat.person_id)
    if code:
        found = short_codes.booking_codes(bookings).get(code)
        return (found, "") if found else (None, "booking_code_unknown")
    due = sorted((b for b in bookings if wanted(chat, b)), key=lambda b: b["start_date"])
    return (due[0], "") if due else (None, "")


def _waiting(chat: Chat, booking: dict) -> bool:
    return booking["status"] == "awaiting_confirmation"


def _today(chat: Chat, booking: dict) -> bool:
    return booking["status"] == "confirmed" and booking["start_date"] <= chat.today <= booking["end_date"]


async def start_yes(chat: Chat, rest: str) -> Reply:
    code, _ = short_codes.split_code(rest)
    booking, why = await _booking(chat, code, _waiting)
    if booking is None:
        return Reply(why or "nothing_to_confirm", {"code": code}, goto=END)
    intent = chat.intent("call_confirmation", booking_id=booking["booking_id"], answer="yes", reason="")
    return Reply("", goto=END, intents=(intent,))  # the core's answer is the reply


async def start_no(chat: Chat, rest: str) -> Reply:
    code, reason = short_codes.split_code(rest)
    booking, why = await _booking(chat, code, _waiting)
    if booking is None:
        return Reply(why or "nothing_to_confirm", {"code": code}, goto=END)
    if reason.strip():
        return _declined(chat, booking["booking_id"], reason)
    return Reply("decline_reason", {"role": booking["role"], "project_title": booking["project_title"]},
                 flow=DECLINE.name, goto="reason", data={"booking_id": booking["booking_id"],
                                                         "role": booking["role"], "project_title": booking["project_title"]})


def _declined(chat: Chat, booking_id: str, reason: str) -> Reply:
    intent = chat.intent("call_confirmation", booking_id=booking_id, answer="no", reason=reason.strip())
    return Reply("", goto=END, intents=(intent,))


async def _ask_reason(chat: Chat) -> Reply:
    """Why can you not make it?"""
    return Reply("decline_reason", {"role": chat.data["role"], "project_title": chat.data["project_title"]})


async def _answer_reason(chat: Chat) -> Reply | None:
    """Any few words are the reason."""
    return _declined(chat, chat.data["booking_id"], chat.text) if len(chat.text) >= 2 else None


async def start_late(chat: Chat, rest: str) -> Reply:
    code, after = short_codes.split_code(rest)
    booking, why = await _booking(chat, code, _today)
    if booking is None:
        return Reply(why or "no_booking_today", {"code": code}, goto=END)
    eta = minutes(after) if after else None
    if eta is not None and 0 < eta <= MAX_ETA_MIN:
        return _late(chat, booking["booking_id"], eta)
    return Reply("late_eta", {"project_title": booking["project_title"]}, flow=LATE.name, goto="eta",
                 data={"booking_id": booking["booking_id"], "project_title": booking["project_title"]},
                 choices=_ETA_LABELS)


def _late(chat: Chat, booking_id: str, eta_min: int) -> Reply:
    intent = chat.intent("running_late", booking_id=booking_id, eta_minutes=eta_min, at=chat.now)
    return Reply("late_sent", {"minutes": eta_min}, goto=END, intents=(intent,))


_ETA_LABELS = tuple(f"label_eta_{m}" for m in ETA_CHOICES_MIN)


async def _ask_eta(chat: Chat) -> Reply:
    """How many minutes late?"""
    return Reply("late_eta", {"project_title": chat.data["project_title"]}, choices=_ETA_LABELS)


async def _answer_eta(chat: Chat) -> Reply | None:
    """A choice (1-4) or minutes typed (20, 1h30)."""
    picked = number(chat.text)
    if picked is not None and 1 <= picked <= len(ETA_CHOICES_MIN):
        return _late(chat, chat.data["booking_id"], ETA_CHOICES_MIN[picked - 1])
    eta = minutes(chat.text)
    return _late(chat, chat.data["booking_id"], eta) if eta is not None and 0 < eta <= MAX_ETA_MIN else None


async def start_check_in(chat: Chat, rest: str) -> Reply:
    booking, _ = await _booking(chat, "", _today)
    if booking is None:
        return Reply("no_booking_today", goto=END)
    answer = _checked_in(chat, booking["booking_id"], rest)
    if answer is not None:
        return answer
    return Reply("check_in_code", flow=CHECK_IN.name, goto="code", data={"booking_id": booking["booking_id"]})


def _checked_in(chat: Chat, booking_id: str, typed: str) -> Reply | None:
    """A location share or a set code is a check-in; the core checks the code and the place."""
    if chat.incoming.position is not None:
        latitude, longitude = chat.incoming.position
        intent = chat.intent("check_in", booking_id=booking_id, at=chat.now, method="location",
                             latitude=latitude, longitude=longitude)
        return Reply("", goto=END, intents=(intent,))
    code = typed.strip().upper()
    if SET_CODE_CHARS[0] <= len(code) <= SET_CODE_CHARS[1] and code.isalnum():
        intent = chat.intent("check_in", booking_id=booking_id, at=chat.now, method="set_code", set_code=code)
        return Reply("", goto=END, intents=(intent,))
    return None


async def _ask_code(chat: Chat) -> Reply:
    """Type the set code, or share your location."""
    return Reply("check_in_code")


async def _answer_code(chat: Chat) -> Reply | None:
    """The code (IN 4821 or just 4821) or a location pin."""
    typed = chat.text.split()[-1] if chat.text.split() else ""
    return _checked_in(chat, chat.data["booking_id"], typed)


async def start_check_out(chat: Chat, rest: str) -> Reply:
    # After a night shoot the check-out falls on the next date: yesterday's booking counts too.
    bookings = await chat.reads.bookings(chat.person_id)
    yesterday_ok = [b for b in bookings if b["status"] == "confirmed"
                    and b["start_date"] <= chat.today and chat.yesterday <= b["end_date"]]
    if not yesterday_ok:
        return Reply("no_booking_today", goto=END)
    booking = min(yesterday_ok, key=lambda b: b["start_date"])
    intent = chat.intent("check_out", booking_id=booking["booking_id"], at=chat.now)
    return Reply("", goto=END, intents=(intent,))


DECLINE = Flow("decline", "reason", {"reason": State(_ask_reason, _answer_reason, "decline_reason_help")},
               TIMEOUT_H, "label_confirm")
LATE = Flow("late", "eta", {"eta": State(_ask_eta, _answer_eta, "late_eta_help")}, TIMEOUT_H, "label_late")
CHECK_IN = Flow("check_in", "code", {"code": State(_ask_code, _answer_code, "check_in_code_help")},
                TIMEOUT_H, "label_check_in")
