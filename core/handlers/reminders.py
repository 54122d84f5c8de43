"""The timed reminders of core/reminder_commands.py. The night before: everyone on tomorrow's call
sheet, told their call and where to report (a day no longer shot reminds nobody, nor does a job
that ran hours late). Before an offer's deadline: the applicant, if the offer is still open."""
from core import scopes
from core.bus import Result, Services
from core.ids import derived_id
from core.ports import OutboundMessage
from core.reminder_commands import (
    OFFER_TEMPLATE, TEMPLATE, RemindCallSheet, RemindOfferExpiring, deadline_said, is_live, offer_is_open, reminders,
    too_late,
)


async def remind_call_sheet(cmd: RemindCallSheet, services: Services) -> Result:
    if too_late(cmd.day, services.clock.now()):
        return Result(ref=None)
    project_db = scopes.project_db(cmd.project_id)
    sheet = await services.store.get(project_db, f"call_sheet:{cmd.day}")
    project = await services.store.get(project_db, "project")
    if not is_live(sheet) or project is None:
        return Result(ref=None)
    version = str(sheet.get("schedule_version"))
    for reminder in reminders(sheet, project["title"]):
        # Per day, version and person: a job run twice, or retried halfway, tells nobody twice.
        await services.outbox.queue(OutboundMessage(
            f"call_reminder.{derived_id(cmd.project_id, cmd.day, version, reminder.person_id)}",
            reminder.person_id, TEMPLATE, reminder.params))
    return Result(ref=f"call_sheet:{cmd.day}")


async def remind_offer_expiring(cmd: RemindOfferExpiring, services: Services) -> Result:
    offer = await services.store.get(scopes.office_db(cmd.project_id), f"offer:{cmd.offer_id}")
    if not offer_is_open(offer, services.clock.now()):
        return Result(ref=None)
    # Per offer and deadline: an offer made again with a new deadline is reminded of again.
    await services.outbox.queue(OutboundMessage(
        f"offer_expiring.{derived_id(cmd.offer_id, offer['expires_at'])}", offer["person_id"], OFFER_TEMPLATE,
        {"project_title": offer["project_title"], "job_title": offer["job_title"], "offer_id": cmd.offer_id,
         "expires_at": deadline_said(offer["expires_at"])}))
    return Result(ref=f"offer:{cmd.offer_id}")


REMINDER_HANDLERS = {RemindCallSheet: remind_call_sheet, RemindOfferExpiring: remind_offer_expiring}
