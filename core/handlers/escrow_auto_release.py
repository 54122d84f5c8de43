"""The automatic release: N days after a booking's last day, the crew member is paid what is
still held, provided the check-in log shows they worked and nobody disputed.

The daily job walks the due lists (core/handlers/escrow_due_list.py) of every day since its
checkpoint up to today in Lagos, and moves the checkpoint only once a day's list is done, so a
job cut short is rerun whole and pays nobody twice (the release's ids are fixed by the hold).
One entry's refusal never stops the others: its outcome is written on the list instead.
"Worked" means at least one check-in within the booking's dates; the producer's protection
against paying for days not worked is the dispute, open to them for those N days."""
from datetime import date, datetime, time, timedelta

from core import scopes
from core.bus import Result, Services
from core.errors import Rejected
from core.escrow_dispute_commands import ReleaseDueEscrow
from core.events import EscrowReleased
from core.handlers.escrow import PLATFORM_FEE_BPS, RELEASED, deposit_doc_id, escrow_of
from core.handlers.escrow import share_deposit
from core.handlers.escrow_disputes import DISPUTED, lagos_today, net_of, settled, submit_whole
from core.handlers.escrow_due_list import due_list_id, schedule_automatic_release, with_outcome
from core.ledger.disputes import auto_release, due_releases
from core.ledger.holds import HELD
from core.ledger.state import CREATED
from core.reputation import PRODUCTION_TIME_ZONE

CHECKPOINT_ID = "escrow_due_walk"
FIRST_WALK_DAYS = 31  # with no checkpoint yet, how far back the first run looks
MAX_BOOKED_DAYS = 366  # days of one booking searched for a check-in; a booking is never longer
# Outcomes written on the due list, for the admins' eyes.
PAID, NOTHING_HELD, UNDER_DISPUTE, NOT_WORKED = "released", "nothing_held", "disputed", "no_check_in"


async def release_due_escrow(cmd: ReleaseDueEscrow, services: Services) -> Result:
    today = lagos_today(services)
    checkpoint = await services.store.create(scopes.OPS, {"_id": CHECKPOINT_ID, "type": "escrow_due_walk",
                                                          "last_day": ""})
    day = (date.fromisoformat(checkpoint["last_day"]) + timedelta(days=1) if checkpoint["last_day"]
           else today - timedelta(days=FIRST_WALK_DAYS))
    events = []
    while day <= today:
        events += await _release_day(services, day.isoformat())
        done = day.isoformat()
        await services.store.update(scopes.OPS, CHECKPOINT_ID, lambda doc, done=done: None if doc["last_day"] >= done
                                    else {**doc, "last_day": done})
        day += timedelta(days=1)
    return Result(ref=today.isoformat(), events=events)


async def _release_day(services: Services, day: str) -> list:
    due = await services.store.get(scopes.OPS, due_list_id(day))
    events = []
    for entry in (due or {}).get("entries", []):
        if entry["outcome"]:
            continue
        try:
            outcome, released = await _release_one(services, entry)
        except Rejected as refusal:  # written where an admin reads it; the other entries go on
            outcome, released = f"refused: {refusal.reason}", []
        events += released
        await services.store.update(scopes.OPS, due_list_id(day), with_outcome(escrow_of(entry), outcome))
    return events


async def _release_one(services: Services, entry: dict) -> tuple[str, list]:
    office = scopes.office_db(entry["project_id"])
    deposit = await services.store.get(office, deposit_doc_id(escrow_of(entry)))
    booking = await services.store.get(scopes.project_db(entry["project_id"]), f"booking:{entry['booking_id']}")
    hold = await services.ledger.hold(deposit["hold_id"])
    if hold is None or hold.status != HELD or hold.remaining_minor <= 0:
        return NOTHING_HELD, []
    if hold.frozen or deposit["status"] == DISPUTED or await _flagged(services, booking):
        return UNDER_DISPUTE, []
    last_day = min(deposit.get("work_until") or booking["end_date"], booking["end_date"])
    if not await _worked(services, booking, last_day):
        return NOT_WORKED, []
    # Completion in whole Lagos days: the start of the booking's (or the milestone's) last day.
    completed = datetime.combine(date.fromisoformat(last_day), time(), PRODUCTION_TIME_ZONE)
    if not due_releases([hold], {hold.id: completed}, set(), services.clock.now()):
        moved_to = await schedule_automatic_release(services, deposit)  # the booking was extended
        return f"moved to {moved_to}", []
    amount = hold.remaining_minor
    results = await submit_whole(services, auto_release(hold, PLATFORM_FEE_BPS))
    deposit = await services.store.update(office, deposit["_id"], settled(f"{hold.id}/auto", amount, 0, RELEASED))
    await share_deposit(services, deposit)
    if not any(r.status == CREATED for r in results):
        return PAID, []
    released = EscrowReleased(deposit["booking_id"], deposit["person_id"], net_of(amount, hold.currency),
                              project_id=entry["project_id"], release_key=f"{hold.id}/auto", gross_minor=amount,
                              currency=hold.currency, escrow_id=escrow_of(deposit))
    return PAID, [released]


async def _flagged(services: Services, booking: dict) -> bool:
    """A dispute flag either side raised on the booking (core/handlers/reputation.py) and still open."""
    for side in booking.get("dispute_flags", []):
        flag = await services.store.get(scopes.OPS, f"dispute:{booking['booking_id']}:{side}")
        if flag is not None and flag.get("status") == "open":
            return True
    return False


async def _worked(services: Services, booking: dict, last_day: str) -> bool:
    """The check-in log shows the person on set on at least one booked day up to `last_day`: the
    check-in record, or the day's attendance document (one get per day, no listing)."""
    project = scopes.project_db(booking["project_id"])
    first, last = date.fromisoformat(booking["start_date"]), date.fromisoformat(last_day)
    for offset in range(min((last - first).days + 1, MAX_BOOKED_DAYS)):
        day = (first + timedelta(days=offset)).isoformat()
        if await services.store.get(project, f"check_in:{booking['booking_id']}:{day}") is not None:
            return True
        attendance = await services.store.get(project, f"attendance:{day}")
        if attendance and any(r["booking_id"] == booking["booking_id"] for r in attendance.get("check_ins", [])):
            return True
    return False


AUTO_RELEASE_HANDLERS = {ReleaseDueEscrow: release_due_escrow}
