"""Money over HTTP: GET /receipts/{number}.pdf, a receipt or invoice of one's own (the copy in
one's own database is the one a person may see); GET /projects/{id}/cost-report, the budget
against commitments (bookings) and actuals (the ledger), for those who see the budget.
Rendering runs in a thread: fpdf2 is CPU work."""
import asyncio
import hmac
import json
from zoneinfo import ZoneInfo

import aiohttp
from aiohttp import web

from core import scopes
from core.budget.actuals import spend_from_transfers
from core.budget.cost_report import cost_report
from core.errors import Rejected
from core.handlers.team import project_roles_of
from core.investors.dashboard import dashboard_figures
from core.project_roles import VIEW_BUDGET, may
from sync.chat_reads import CouchChatReads
from web.keys import BUS, COUCH
from web.search_routes import SIGN_IN_CHECK
from web.signed_in import NotSignedIn
from workers.invoice_pdf import render
from workers.pdf_fonts import installed_font

routes = web.RouteTableDef()
LAGOS = ZoneInfo("Africa/Lagos")


@routes.get(r"/receipts/{number:NC-[A-Z]{3}-\d{4}-\d{6,}}.pdf")
async def receipt_pdf(request: web.Request) -> web.Response:
    try:
        person_id = await request.app[SIGN_IN_CHECK].person(request)
    except NotSignedIn:
        return web.json_response({"error": "unauthorized", "reason": "Sign in to print your receipts."}, status=401)
    except (aiohttp.ClientError, asyncio.TimeoutError):
        return web.json_response({"error": "unavailable", "reason": "Try again soon."}, status=503)
    number = request.match_info["number"]
    store = request.app[BUS].services.store
    document = None
    for kind in ("receipt", "invoice"):
        document = document or await store.get(scopes.user_db(person_id), f"{kind}:{number}")
    if document is None:
        return web.json_response({"error": "not_found", "reason": "No such receipt of yours."}, status=404)
    pdf = await asyncio.to_thread(render, document, installed_font())
    return web.Response(body=pdf, content_type="application/pdf",
                        headers={"Content-Disposition": f'inline; filename="{number}.pdf"'})


@routes.get(r"/paper/{number:NC-[A-Z]{3}-\d{4}-\d{6,}}/{key:[a-f0-9]{20}}.pdf")
async def paper_by_link(request: web.Request) -> web.Response:
    """The link sent with the paper in the chat: its own key opens it on a phone, no sign-in."""
    number, store = request.match_info["number"], request.app[BUS].services.store
    link = await store.get(scopes.OPS, f"paper:{number}")
    if link is None or not hmac.compare_digest(link["key"], request.match_info["key"]):
        return web.json_response({"error": "not_found", "reason": "No such document."}, status=404)
    document = await store.get(scopes.user_db(link["person_id"]), link["doc_id"])
    pdf = await asyncio.to_thread(render, document, installed_font())
    return web.Response(body=pdf, content_type="application/pdf",
                        headers={"Content-Disposition": f'inline; filename="{number}.pdf"'})


@routes.get(r"/projects/{project_id:[a-z0-9]{6,40}}/cost-report")
async def project_cost_report(request: web.Request) -> web.Response:
    project_id, services = request.match_info["project_id"], request.app[BUS].services
    await _require_budget_viewer(request, services, project_id)
    budget = await services.store.get(scopes.office_db(project_id), "budget")
    if budget is None:
        return web.json_response({"error": "not_found", "reason": "This project has no budget yet."}, status=404)
    reads = CouchChatReads(request.app[COUCH])
    bookings = await reads.docs_with_prefix(scopes.project_db(project_id), "booking:")
    booked = {booking["booking_id"] for booking in bookings}
    made = [(doc, at) for doc, at in await services.ledger.transfers() if doc["user_data"].get("booking_id") in booked]
    spend = spend_from_transfers([doc for doc, _ in made], budget.get("line_of_booking"),
                                 {doc["id"]: at for doc, at in made})
    schedule = await services.store.get(scopes.project_db(project_id), "schedule")
    shoot_dates = [day["date"] for day in (schedule or {}).get("days", [])]
    today = services.clock.now().astimezone(LAGOS).date().isoformat()  # the budget's days are Lagos days
    try:
        report = cost_report(budget, bookings, spend, shoot_dates, today, budget.get("line_of_booking"))
    except Rejected as refusal:
        return web.json_response({"error": "refused", "reason": refusal.reason}, status=422)
    return web.json_response(report)


@routes.get(r"/projects/{project_id:[a-z0-9]{6,40}}/investors")
async def project_investors(request: web.Request) -> web.Response:
    """The whole investor dashboard for the office; each investor reads their own row in their
    own database ("investment:<project_id>")."""
    project_id, services = request.match_info["project_id"], request.app[BUS].services
    await _require_budget_viewer(request, services, project_id)
    office = scopes.office_db(project_id)
    terms, book = await services.store.get(office, "investment_terms"), await services.store.get(office, "investment_book")
    if terms is None:
        return web.json_response({"error": "not_found", "reason": "This project has no investment terms yet."},
                                 status=404)
    book = book or {"contributions": [], "revenue": []}
    return web.json_response(dashboard_figures(terms, book["contributions"], book["revenue"]))


async def _require_budget_viewer(request: web.Request, services, project_id: str) -> None:
    """Signed in, with a project role that sees the budget; else 401 or 403 with the reason."""
    try:
        person_id = await request.app[SIGN_IN_CHECK].person(request)
    except NotSignedIn:
        raise web.HTTPUnauthorized(text=json.dumps({"error": "unauthorized", "reason": "Sign in first."}),
                                   content_type="application/json")
    if not may(await project_roles_of(services, project_id, person_id), VIEW_BUDGET):
        raise web.HTTPForbidden(text=json.dumps({"error": "forbidden", "reason": "Your role does not see the budget."}),
                                content_type="application/json")
