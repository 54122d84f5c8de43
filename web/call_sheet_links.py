"""GET /call-sheet/{project}/{day}/{person}/{key}.pdf: one person's call sheet, opened from a
chat on a phone with no sign-in (and fetched by Twilio to attach it on WhatsApp).

The key is an HMAC over project, day and person with a key derived from the account secret, as
the calendar feed's link is: whoever holds the link sees that person's sheet for that day and
nothing else; any other key, or a person not called that day, is a 404. The PDF is the one the
signed-in route prints (workers/call_sheet_pdf.py)."""
import asyncio
import hashlib
import hmac

from aiohttp import web

from core import scopes
from core.call_sheet_send import CallSheetLinks
from core.call_sheets.call_sheet import call_sheet, called, personal_call_sheet
from core.errors import Rejected
from web.keys import BUS, SETTINGS
from web.shoot_day_routes import DAY, PROJECT
from workers import call_sheet_pdf
from workers.pdf_fonts import installed_font

routes = web.RouteTableDef()
LINK_KEY_HEX = 32
PURPOSE = b"call-sheet-links"


def call_sheet_key(account_secret: str, project_id: str, day: str, person_id: str) -> str:
    derived = hmac.new(account_secret.encode(), PURPOSE, hashlib.sha256).digest()
    return hmac.new(derived, f"{project_id}/{day}/{person_id}".encode(), hashlib.sha256).hexdigest()[:LINK_KEY_HEX]


class SignedCallSheetLinks(CallSheetLinks):
    """The port the core sends links through (config/bootstrap.py gives it to Services)."""

    def __init__(self, public_url: str, account_secret: str):
        self._base, self._secret = public_url.rstrip("/"), account_secret

    def url(self, project_id: str, day: str, person_id: str) -> str:
        key = call_sheet_key(self._secret, project_id, day, person_id)
        return f"{self._base}/call-sheet/{project_id}/{day}/{person_id}/{key}.pdf"


@routes.get(f"/call-sheet/{PROJECT}/{DAY}/{{person_id:[a-z0-9]{{6,40}}}}/{{key:[a-f0-9]+}}.pdf")
async def call_sheet_by_link(request: web.Request) -> web.Response:
    project_id, day = request.match_info["project_id"], request.match_info["day"]
    person_id, key = request.match_info["person_id"], request.match_info["key"]
    expected = call_sheet_key(request.app[SETTINGS].account_secret.get_secret_value(), project_id, day, person_id)
    if not hmac.compare_digest(key, expected):
        return _not_found("No such call sheet.")
    store = request.app[BUS].services.store
    schedule = await store.get(scopes.project_db(project_id), "schedule")
    sheets = await store.get(scopes.office_db(project_id), "production_sheet")
    number = next((d["day"] for d in (schedule or {}).get("days", []) if d["date"] == day), None)
    if number is None or sheets is None:
        return _not_found(f"No published call sheet for {day}.")
    try:
        full = call_sheet(schedule, number, sheets["scenes_by_id"], sheets)
    except Rejected as refusal:  # a day with no scenes: nothing to print
        return _not_found(refusal.reason)
    if called(full, person_id) is None:
        return _not_found(f"You are not called on {day}.")
    pdf = await asyncio.to_thread(call_sheet_pdf.render, personal_call_sheet(full, person_id), installed_font())
    return web.Response(body=pdf, content_type="application/pdf",
                        headers={"Content-Disposition": f'inline; filename="call-sheet-{day}.pdf"'})


def _not_found(reason: str) -> web.Response:
    return web.json_response({"error": "not_found", "reason": reason}, status=404)
