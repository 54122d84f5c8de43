"""The automatic release's due list: which held deposits fall due on which day, found without
listing documents.

Once the money is held, confirm_payment puts the deposit on the list of its release day, the
booking's (or the milestone's) last day plus core.ledger.disputes.AUTO_RELEASE_AFTER_DAYS (whole calendar days in
Lagos): one `ops` document "escrow_due:<day>" per day, one entry per deposit (keyed by its escrow id). The daily job
(ReleaseDueEscrow) reads the lists of the days since its checkpoint, one get each, and writes
each entry's outcome back. This module imports nothing from core/handlers/escrow.py, which
calls it: no import cycle."""
from datetime import date, timedelta

from core import scopes
from core.bus import Services
from core.ledger.disputes import AUTO_RELEASE_AFTER_DAYS

DUE_LIST_PREFIX = "escrow_due:"
DUE_LIST_TYPE = "escrow_due"


def release_due_on(last_booked_day: str, after_days: int = AUTO_RELEASE_AFTER_DAYS) -> str:
    """The day an undisputed, worked booking's pay goes out by itself (ISO date)."""
    return (date.fromisoformat(last_booked_day) + timedelta(days=after_days)).isoformat()


def due_list_id(day: str) -> str:
    return f"{DUE_LIST_PREFIX}{day}"


def with_entry(entry: dict):
    """A change for store.update: the entry added once (a retry finds it there)."""

    def add(doc: dict) -> dict | None:
        if any(_escrow(known) == _escrow(entry) for known in doc["entries"]):
            return None
        return {**doc, "entries": [*doc["entries"], entry]}

    return add


def _escrow(entry: dict) -> str:
    return entry.get("escrow_id") or entry["booking_id"]


def with_outcome(escrow_id: str, outcome: str):
    """A change for store.update: what the job did with one entry, so an admin can read why. The
    first outcome stays: a second job racing the first must not overwrite "released" with its refusal."""

    def mark(doc: dict) -> dict | None:
        entries = [{**e, "outcome": outcome} if _escrow(e) == escrow_id and not e["outcome"] else e
                   for e in doc["entries"]]
        return None if entries == doc["entries"] else {**doc, "entries": entries}

    return mark


async def schedule_automatic_release(services: Services, deposit: dict) -> str:
    """Put a held deposit on its release day's list and note the day on the deposit; safe to call
    on every retry of confirm_payment. Returns the day (ISO)."""
    booking = await services.store.get(scopes.project_db(deposit["project_id"]), f"booking:{deposit['booking_id']}")
    if booking is None:
        raise RuntimeError(f"deposit {deposit['_id']} names booking {deposit['booking_id']}, which is gone")
    # A milestone's pay falls due after its own last working day, within the booking's.
    due_on = release_due_on(min(deposit.get("work_until") or booking["end_date"], booking["end_date"]))
    await services.store.create(scopes.OPS, {"_id": due_list_id(due_on), "type": DUE_LIST_TYPE, "day": due_on,
                                             "entries": []})
    entry = {"project_id": deposit["project_id"], "booking_id": deposit["booking_id"],
             "escrow_id": deposit.get("escrow_id") or deposit["booking_id"], "outcome": ""}
    await services.store.update(scopes.OPS, due_list_id(due_on), with_entry(entry))

    def noted(doc: dict) -> dict | None:
        return None if doc.get("release_due_on") == due_on else {**doc, "release_due_on": due_on}

    await services.store.update(scopes.office_db(deposit["project_id"]), deposit["_id"], noted)
    return due_on
