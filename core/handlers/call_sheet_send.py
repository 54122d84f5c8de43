"""Send a shoot day's published call sheet to everyone on it (core/call_sheet_send.py says
what each person is told).

"call_sheet_sends:<day>" in the office database records, per person, the version they were
told of and what they were told. Messages are queued before that record is written: a send cut
short is retried whole, and the message ids (project, day, version, person) keep the outbox
from sending anything twice. Each person's link is also kept in `ops`, which only the server
reads ("call_sheet_link:<project>:<day>:<person>"), so the TOMORROW chat reply can give it."""
import asyncio
from urllib.parse import urlsplit

from core import scopes
from core.bus import Result, Services
from core.call_sheet_send import CallSheetLinks, PersonalSend, SendCallSheet, personal_sends
from core.errors import Rejected
from core.handlers.escrow_disputes import lagos_today
from core.handlers.projects import project_doc
from core.handlers.team import project_roles_of
from core.ids import derived_id
from core.ports import OutboundMessage
from core.project_roles import SEND_CALL_SHEETS, require

# Queued this many at a time: a unit of 150 is handed over in a few round trips, not 150.
QUEUE_BATCH = 25


def sends_doc_id(day: str) -> str:
    return f"call_sheet_sends:{day}"


def link_doc_id(project_id: str, day: str, person_id: str) -> str:
    return f"call_sheet_link:{project_id}:{day}:{person_id}"


def call_sheet_links(services: Services) -> CallSheetLinks:
    """The port on Services (config/bootstrap.py wires it); missing is a wiring bug, not a refusal."""
    links = getattr(services, "call_sheet_links", None)
    if links is None:
        raise RuntimeError("Services.call_sheet_links is not wired: see config/bootstrap.py")
    return links


async def send_call_sheet(cmd: SendCallSheet, services: Services) -> Result:
    require(await project_roles_of(services, cmd.project_id, cmd.by), SEND_CALL_SHEETS, "send call sheets")
    project, today = await project_doc(services, cmd.project_id), lagos_today(services).isoformat()
    if cmd.day < today:
        raise Rejected("{day} has passed: only a call sheet for today or a day to come can be sent.", day=cmd.day)
    sheet = await services.store.get(scopes.project_db(cmd.project_id), f"call_sheet:{cmd.day}")
    if sheet is None:
        raise Rejected("There is no published call sheet for {day}: "
                       "publish a schedule that shoots that day first.", day=cmd.day)
    if sheet.get("withdrawn"):
        raise Rejected("{day} is no longer a shoot day in the published schedule, "
                       "so it has no call sheet to send.", day=cmd.day)
    office = scopes.office_db(cmd.project_id)
    told = (await services.store.get(office, sends_doc_id(cmd.day)) or {}).get("people", {})
    sends = personal_sends(sheet, project["title"], told, call_sheet_links(services), cmd.project_id)
    urgent = cmd.day == today  # a same-day sheet goes even in quiet hours
    for start in range(0, len(sends), QUEUE_BATCH):
        batch = sends[start:start + QUEUE_BATCH]
        await asyncio.gather(*(_hand_over(services, cmd, sheet, send, urgent) for send in batch))
    if sends:
        await _record(services, office, cmd, sheet, sends)
    return Result(ref=f"call_sheet:{cmd.day}")


async def _hand_over(services: Services, cmd: SendCallSheet, sheet: dict, send: PersonalSend, urgent: bool) -> None:
    version, url = str(sheet.get("schedule_version")), send.params["sheet_url"]
    await services.store.create(scopes.OPS, {
        "_id": link_doc_id(cmd.project_id, cmd.day, send.person_id), "type": "call_sheet_link",
        "project_id": cmd.project_id, "day": cmd.day, "person_id": send.person_id, "url": url,
        "path": urlsplit(url).path})
    await services.outbox.queue(OutboundMessage(
        f"call_sheet.{derived_id(cmd.project_id, cmd.day, version, send.person_id)}", send.person_id,
        send.template, send.params, urgent=urgent))


async def _record(services: Services, office: str, cmd: SendCallSheet, sheet: dict, sends: list[PersonalSend]) -> None:
    now = services.clock.now().isoformat()
    await services.store.create(office, {"_id": sends_doc_id(cmd.day), "type": "call_sheet_sends", "day": cmd.day,
                                         "people": {}})

    def told(record: dict) -> dict:
        people = {**record["people"], **{send.person_id: {
            "version": sheet.get("schedule_version"), "details": send.details, "at": now, "intent_id": cmd.intent_id}
            for send in sends}}
        return {**record, "people": people, "last_version": sheet.get("schedule_version"), "last_sent_by": cmd.by}

    await services.store.update(office, sends_doc_id(cmd.day), told)


CALL_SHEET_SEND_HANDLERS = {SendCallSheet: send_call_sheet}
