"""RQ job: read one uploaded screenplay version and hand its breakdown to the core.

A file that cannot be read (a scan, a wrong format, no scene headings) is an answer, recorded
with its reason; reading the same bytes again would fail the same way, so only I/O retries."""
import asyncio

import structlog

from core import scopes
from core.errors import Rejected
from config.settings import Settings
from core.script.assistant import assisted_breakdown
from core.script.breakdown import breakdown
from core.script.ports import BreakdownAssistant
from core.shoot_commands import RecordBreakdown
from workers import context
from workers.breakdown_assistant import assistant_from_settings
from workers.script_pdf import read_any_script

log = structlog.get_logger()
UNREADABLE = "We could not read this file. Export the script again as PDF, FDX or Fountain and upload it."


def read_script_version(project_id: str, number: int) -> str:
    """Ids in; the outcome ("ready", "refused" or "done before") out, for the job's record."""
    return asyncio.run(_read(project_id, number))


async def _read(project_id: str, number: int) -> str:
    async with context.current().open_session() as session:
        script = await session.store.get(scopes.office_db(project_id), "script")
        version = next((v for v in (script or {}).get("versions", []) if v["number"] == number), None)
        if version is None or version["status"] != "reading":
            return "done before"
        media = session.bus.services.media
        found = await media.load(version["upload_id"]) if media is not None else None
        if found is None:
            command = RecordBreakdown(project_id, number, None, "The upload is gone; please upload the script again.")
        else:
            assistant = assistant_from_settings(Settings())
            command = read_upload(project_id, number, version["file_name"], found[1], assistant)
        await session.bus.handle(command)
        return "ready" if command.breakdown is not None else "refused"


def read_upload(project_id: str, number: int, file_name: str, data: bytes,
                assistant: BreakdownAssistant | None = None) -> RecordBreakdown:
    """The breakdown of the bytes: rules, plus the LLM assistant's elements when one is configured."""
    try:
        script = read_any_script(file_name, data)
        return RecordBreakdown(project_id, number, assisted_breakdown(script, assistant) if assistant else breakdown(script))
    except Rejected as refusal:
        return RecordBreakdown(project_id, number, None, refusal.reason)
    except Exception:  # a parser bug: say so plainly, keep the traceback for us
        log.exception("script_unreadable", project_id=project_id, number=number, file_name=file_name)
        return RecordBreakdown(project_id, number, None, UNREADABLE)
