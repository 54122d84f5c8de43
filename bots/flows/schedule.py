"""SCHEDULE: my bookings to come, each with its 4-digit code; TOMORROW: tomorrow's call, from the
published call sheet: my own call time, the set's pin and the call sheet PDF.

The PDF link is the person's own signed one (web/call_sheet_links.py), which opens on a phone
with no sign-in; the office's send (core/handlers/call_sheet_send.py) keeps it in `ops`. Before
the office has sent the sheet there is none, and the signed-in link is given."""
from bots.flows import short_codes
from bots.flows.engine import END, Chat, Reply
from core.call_sheets.call_sheet import called
from core.handlers.call_sheet_send import link_doc_id

SHOWN_STATUSES = ("awaiting_confirmation", "confirmed")
MAX_LINES = 6
CALL_SHEET_PATH = "/projects/{project_id}/call-sheets/{day}.pdf"  # web/shoot_day_routes.py


async def start_schedule(chat: Chat, rest: str) -> Reply:
    bookings = await chat.reads.bookings(chat.person_id)
    codes = {b["booking_id"]: code for code, b in short_codes.booking_codes(bookings).items()}
    coming = sorted((b for b in bookings if b["status"] in SHOWN_STATUSES and b["end_date"] >= chat.today),
                    key=lambda b: b["start_date"])[:MAX_LINES]
    if not coming:
        return Reply("schedule_empty", goto=END)
    lines = [f"{codes[b['booking_id']]}: {b['role']}, {b['project_title']}, {b['start_date']} to {b['end_date']}"
             + ("" if b["status"] == "confirmed" else " (reply YES " + codes[b["booking_id"]] + ")")
             for b in coming]
    return Reply("schedule", {"lines": "\n".join(lines)}, goto=END)


async def start_tomorrow(chat: Chat, rest: str) -> Reply:
    bookings = await chat.reads.bookings(chat.person_id)
    due = sorted((b for b in bookings if b["status"] in SHOWN_STATUSES
                  and b["start_date"] <= chat.tomorrow <= b["end_date"]), key=lambda b: b["start_date"])
    if not due:
        return Reply("tomorrow_none", goto=END)
    booking, day = due[0], chat.tomorrow
    code = short_codes.code_of(booking, bookings)
    base = {"day": day, "role": booking["role"], "project_title": booking["project_title"], "code": code}
    sheet = await chat.reads.call_sheet(booking["project_id"], day)
    mine = called(sheet, chat.person_id) if sheet and not sheet.get("withdrawn") else None
    if mine is None:
        where = (booking.get("location") or {}).get("city", "")
        return Reply("tomorrow_no_sheet", {**base, "call": booking.get("call_time", ""), "place": where}, goto=END)
    place = (sheet.get("locations") or [{}])[0]
    link = await _own_link(chat, booking["project_id"], day)
    params = {
        **base, "call": mine["call"], "place": place.get("name", ""), "address": place.get("address", ""),
        "map_link": place.get("map_link", ""),
        "sheet_path": link["path"] if link else CALL_SHEET_PATH.format(project_id=booking["project_id"], day=day),
        "pickup": (mine.get("pickup") or {}).get("time", ""),
        # For channels that can send a pin (WhatsApp, Telegram): the delivery layer may use it.
        "location_pin": [place["latitude"], place["longitude"]] if "latitude" in place else None,
    }
    if link:
        params["media_urls"] = [link["url"]]  # the PDF itself on WhatsApp and Telegram; SMS drops it
    return Reply("tomorrow_call", params, goto=END)  # render picks "tomorrow_call_sms" on SMS


async def _own_link(chat: Chat, project_id: str, day: str) -> dict | None:
    """The person's signed call-sheet link for the day, if the office has sent the sheet."""
    return await chat.reads.call_sheet_link(link_doc_id(project_id, day, chat.person_id))
