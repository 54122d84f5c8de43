"""Steps for the live-board test: a producer's project with today's call sheet published, and a
crew member signed up and booked on it by WhatsApp through the chat stack's fake Twilio.

The published documents are built with the core's own call-sheet builder from the call-sheet
tests' made-up production (tests/unit/core/call_sheets/shoot_fixtures.py), moved to today and
with the WhatsApp crew member added to the lighting department, and stored where publishing a
schedule stores them: no solver run, which is the schedule tests' business."""
import uuid
from datetime import date, timedelta

from core import scopes
from core.call_sheets.call_sheet import call_sheet
from core.commands import CreateProject
from tests.integration.bots.chat_stack import SET_CODE, Production, booking_code, lagos_today, sign_up
from tests.unit.core.call_sheets import shoot_fixtures

CREW_ROLE = "Gaffer"
SHEET_DAYS = 2  # today and tomorrow: the board of today, a list of more than one day


async def project_for(stack, producer_id: str, title: str) -> Production:
    """A project of the producer who signed up in the browser, made through the bus."""
    project_id = await stack.bus.handle(CreateProject(f"project_request:{uuid.uuid4().hex}", producer_id, title))
    return Production(producer_id, project_id, title)


def _moved(schedule: dict, first_day: date) -> dict:
    """The fixtures' first SHEET_DAYS shoot days on consecutive dates from `first_day`."""
    days = schedule["days"][:SHEET_DAYS]
    for offset, day in enumerate(days):
        day["date"] = (first_day + timedelta(days=offset)).isoformat()
    return {**schedule, "days": days}


def _without_phones(sheet: dict) -> dict:
    """As the project database keeps a sheet: every member reads it, so no one's phone is in it."""
    cast = [{**row, "phone": ""} for row in sheet["cast"]]
    crew = [{**dept, "people": [{**row, "phone": ""} for row in dept["people"]]} for dept in sheet["crew"]]
    return {**sheet, "cast": cast, "crew": crew}


async def publish_call_sheets(stack, prod: Production, crew: dict[str, tuple[str, str]]) -> str:
    """Today's and tomorrow's call sheets with `crew` ({person id: (name, role)}) in the lighting
    department; today's date."""
    today = lagos_today()
    schedule = _moved(shoot_fixtures.schedule(), today)
    production = shoot_fixtures.production()
    production["title"] = prod.title
    for member in [*production["cast"], *production["crew"]]:
        # NollyCrew-shaped ids ("p-ada" -> "pada01"): the send job looks each one up.
        member["person_id"] = member["person_id"].replace("-", "") + "01"
    production["crew"] += [{"person_id": person_id, "name": name, "department": "lighting/grip", "role": role,
                            "phone": "", "call_offset_minutes": -30} for person_id, (name, role) in crew.items()]
    production["notes"] = {today.isoformat(): "Rain cover for the jetty."}
    production["set_codes"] = {today.isoformat(): SET_CODE}
    scenes_by_id = shoot_fixtures.scenes_by_id()
    project_db, office_db = scopes.project_db(prod.project_id), scopes.office_db(prod.project_id)
    store = stack.store
    await store.create(office_db, {"_id": "production_sheet", "type": "production_sheet", "version": schedule["version"],
                                   **production, "scenes_by_id": scenes_by_id})
    await store.create(project_db, {"_id": "schedule", "type": "schedule", **schedule})
    for day in schedule["days"]:
        sheet = call_sheet(schedule, day["day"], scenes_by_id, production)
        await store.create(project_db, {"_id": f"call_sheet:{day['date']}", **_without_phones(sheet)})
    return today.isoformat()


async def booked_by_whatsapp(stack, prod: Production, crew, role: str = CREW_ROLE) -> str:
    """The crew member signs up and applies by WhatsApp, the producer hires them: their booking
    code, as SCHEDULE shows it to them."""
    job = await prod.job(stack, role)
    await sign_up(stack, crew)
    await stack.say(crew, f"APPLY {job['code']}")
    await prod.hire(stack, crew, job)
    return booking_code((await stack.say(crew, "SCHEDULE"))[-1])
