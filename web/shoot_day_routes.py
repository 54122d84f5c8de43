"""Shoot-day documents over HTTP: call sheets as PDFs, each person's calendar feed, and the
office's stripboard, day out of days and production reports.

Cast and crew get their own call sheet (their call, their scenes marked, their phone only);
the office gets the full sheet. A calendar app cannot sign in, so the feed's address carries
a key made from the account secret: whoever has the link sees that person's shoot days, and
nothing else. Rendering runs in a thread: fpdf2 and icalendar are CPU work."""
import asyncio
import hashlib
import hmac
import json
import re

import aiohttp
from aiohttp import web
from icalendar import Calendar

from core import scopes
from core.call_sheets.calendar_feed import person_calendar
from core.call_sheets.call_sheet import call_sheet, called, personal_call_sheet
from core.call_sheets.check_in_log import check_in_log
from core.call_sheets.day_out_of_days import day_out_of_days_csv
from core.errors import Rejected
from core.handlers.team import project_roles_of
from core.project_roles import sees_office
from sync.chat_reads import CouchChatReads
from web.keys import BUS, COUCH, SETTINGS
from web.search_routes import SIGN_IN_CHECK
from web.signed_in import NotSignedIn
from workers import call_sheet_pdf, production_report_pdf, stripboard_pdf
from workers.pdf_fonts import installed_font
from workers.pdf_preview import preview_png

routes = web.RouteTableDef()
PROJECT = r"{project_id:[a-z0-9]{6,40}}"
DAY = r"{day:\d{4}-\d{2}-\d{2}}"
FEED_KEY_HEX = 32


def feed_key(account_secret: str, person_id: str) -> str:
    return hmac.new(account_secret.encode(), f"calendar-feed:{person_id}".encode(), hashlib.sha256).hexdigest()[:FEED_KEY_HEX]


@routes.get(f"/projects/{PROJECT}/call-sheets/{DAY}.pdf")
async def call_sheet_download(request: web.Request) -> web.Response:
    return _pdf(await _call_sheet_pdf(request), f"call-sheet-{request.match_info['day']}.pdf")


@routes.get(f"/projects/{PROJECT}/call-sheets/{DAY}.png")
async def call_sheet_preview(request: web.Request) -> web.Response:
    """The same sheet as an image of its pages, for screens without a PDF viewer."""
    png = await asyncio.to_thread(preview_png, await _call_sheet_pdf(request))
    return web.Response(body=png, content_type="image/png", headers={"Cache-Control": "private, no-cache"})


async def _call_sheet_pdf(request: web.Request) -> bytes:
    """The full sheet for the office; a person's own sheet (or the office's choice of person)."""
    person_id, project_id, day = await _signed_in(request), request.match_info["project_id"], request.match_info["day"]
    store = request.app[BUS].services.store
    office = sees_office(await project_roles_of(request.app[BUS].services, project_id, person_id))
    schedule = await store.get(scopes.project_db(project_id), "schedule")
    sheets = await store.get(scopes.office_db(project_id), "production_sheet")
    number = next((d["day"] for d in (schedule or {}).get("days", []) if d["date"] == day), None)
    if number is None or sheets is None:
        raise _refusal(web.HTTPNotFound, "not_found", f"No published call sheet for {day}.")
    full = call_sheet(schedule, number, sheets["scenes_by_id"], sheets)
    wanted = request.query.get("person", "" if office else person_id)
    if wanted and wanted != person_id and not office:
        raise _refusal(web.HTTPForbidden, "forbidden", "You can print only your own call sheet.")
    if wanted:
        if called(full, wanted) is None:
            raise _refusal(web.HTTPNotFound, "not_found",
                           f"{'You are' if wanted == person_id else 'That person is'} not called on {day}.")
        full = personal_call_sheet(full, wanted)
    return await asyncio.to_thread(call_sheet_pdf.render, full, installed_font())


@routes.get("/me/calendar")
async def my_calendar_link(request: web.Request) -> web.Response:
    person_id = await _signed_in(request)
    settings = request.app[SETTINGS]
    key = feed_key(settings.account_secret.get_secret_value(), person_id)
    return web.json_response({"url": f"{settings.public_url.rstrip('/')}/calendar/{person_id}/{key}.ics"})


@routes.get(r"/calendar/{person_id:[a-z0-9]{6,40}}/{key:[a-f0-9]+}.ics")
async def calendar_feed(request: web.Request) -> web.Response:
    person_id, key = request.match_info["person_id"], request.match_info["key"]
    expected = feed_key(request.app[SETTINGS].account_secret.get_secret_value(), person_id)
    if not hmac.compare_digest(key, expected):
        return _error(404, "not_found", "No such calendar.")
    store = request.app[BUS].services.store
    feeds = []
    for project_id in sorted({b["project_id"] for b in await CouchChatReads(request.app[COUCH]).bookings(person_id)}):
        schedule = await store.get(scopes.project_db(project_id), "schedule")
        sheets = await store.get(scopes.office_db(project_id), "production_sheet")
        if schedule is not None and sheets is not None:
            feeds.append((schedule, sheets))
    body = await asyncio.to_thread(_merged_calendar, person_id, feeds)
    return web.Response(body=body, content_type="text/calendar", charset="utf-8")


def _merged_calendar(person_id: str, feeds: list[tuple[dict, dict]]) -> bytes:
    """One feed for every production the person is booked on: each production's events and
    time zones in one calendar (a person not called anywhere gets an empty, valid one)."""
    merged, zones = Calendar(), set()
    merged.add("prodid", "-//NollyCrew//Call sheets//EN")
    merged.add("version", "2.0")
    merged.add("x-wr-calname", "NollyCrew shoot days")
    for schedule, sheets in feeds:
        try:
            one = Calendar.from_ical(person_calendar(person_id, schedule, sheets, sheets["scenes_by_id"]))
        except Rejected:
            continue  # not on that production's sheet (crew booked but not yet called)
        for component in one.subcomponents:
            if component.name == "VTIMEZONE":
                if str(component["TZID"]) in zones:
                    continue
                zones.add(str(component["TZID"]))
            merged.add_component(component)
    return merged.to_ical()


@routes.get(f"/projects/{PROJECT}/stripboard.pdf")
async def stripboard_download(request: web.Request) -> web.Response:
    board, project_id = await _office_doc(request, "stripboard"), request.match_info["project_id"]
    sheets = await _office_doc(request, "production_sheet")
    pdf = await asyncio.to_thread(stripboard_pdf.render, board, sheets["title"], installed_font())
    return _pdf(pdf, f"stripboard-{project_id}.pdf")


@routes.get(f"/projects/{PROJECT}/day-out-of-days.csv")
async def day_out_of_days_download(request: web.Request) -> web.Response:
    report = await _office_doc(request, "day_out_of_days")
    return web.Response(text=day_out_of_days_csv(report), content_type="text/csv", charset="utf-8")


@routes.get(f"/projects/{PROJECT}/check-in-log/{DAY}")
async def check_in_log_now(request: web.Request) -> web.Response:
    """Who is in, out, late or missing on that day, as of now: the AD's view during the shoot."""
    await _office_doc(request, "production_sheet")  # the office only, and only once something is published
    project_db = scopes.project_db(request.match_info["project_id"])
    store, day = request.app[BUS].services.store, request.match_info["day"]
    sheet = await store.get(project_db, f"call_sheet:{day}")
    if sheet is None or sheet.get("withdrawn"):
        return _error(404, "not_found", f"No call sheet for {day}.")
    attendance = await store.get(project_db, f"attendance:{day}") or {"check_ins": [], "check_outs": []}
    now = request.app[BUS].services.clock.now()
    rows = check_in_log(sheet, attendance["check_ins"], attendance["check_outs"], now)
    return web.json_response({"date": day, "as_of": now.isoformat(), "people": rows})


@routes.get(f"/projects/{PROJECT}/production-reports/{DAY}.pdf")
async def production_report_download(request: web.Request) -> web.Response:
    day = request.match_info["day"]
    report = await _office_doc(request, f"production_report:{day}")
    pdf = await asyncio.to_thread(production_report_pdf.render, report, installed_font())
    return _pdf(pdf, f"production-report-{day}.pdf")


async def _office_doc(request: web.Request, doc_id: str) -> dict:
    person_id, project_id = await _signed_in(request), request.match_info["project_id"]
    services = request.app[BUS].services
    if not sees_office(await project_roles_of(services, project_id, person_id)):
        raise web.HTTPForbidden(text=_json("forbidden", "Only the production office sees this."),
                                content_type="application/json")
    doc = await services.store.get(scopes.office_db(project_id), doc_id)
    if doc is None:
        raise web.HTTPNotFound(text=_json("not_found", "Nothing published yet: publish a schedule first."),
                               content_type="application/json")
    return doc


async def _signed_in(request: web.Request) -> str:
    try:
        return await request.app[SIGN_IN_CHECK].person(request)
    except NotSignedIn:
        raise web.HTTPUnauthorized(text=_json("unauthorized", "Sign in first."), content_type="application/json")
    except (aiohttp.ClientError, asyncio.TimeoutError):
        raise web.HTTPServiceUnavailable(text=_json("unavailable", "We cannot check who you are right now; try again soon."),
                                         content_type="application/json")


def _pdf(body: bytes, name: str) -> web.Response:
    safe = re.sub(r"[^\w.-]", "-", name)
    return web.Response(body=body, content_type="application/pdf",
                        headers={"Content-Disposition": f'inline; filename="{safe}"'})


def _refusal(kind: type[web.HTTPException], error: str, reason: str) -> web.HTTPException:
    return kind(text=_json(error, reason), content_type="application/json")


def _json(error: str, reason: str) -> str:
    return json.dumps({"error": error, "reason": reason})


def _error(status: int, error: str, reason: str) -> web.Response:
    return web.json_response({"error": error, "reason": reason}, status=status)
