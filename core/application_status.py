"""Where an application may go next: the one table the marketplace's handlers consult.

Applications made before this table are stored as "received"; that is the same step as
"applied" and is kept as stored (no migration), so both spellings are in the table.
"""
from core.errors import Rejected

APPLIED = "applied"
RECEIVED = "received"  # the stored spelling of "applied" (core/handlers/hiring.py writes it)
SHORTLISTED = "shortlisted"
AUDITIONING = "auditioning"
OFFERED = "offered"
HIRED = "hired"
DECLINED = "declined"  # by the production, with optional feedback
WITHDRAWN = "withdrawn"  # by the applicant (an offer they turn down withdraws the application)

# The production's steps forward; hire (core/handlers/hiring.py) may still book from any of them.
_FORWARD = {
    APPLIED: {SHORTLISTED},
    RECEIVED: {SHORTLISTED},
    SHORTLISTED: {AUDITIONING, OFFERED},  # crew are often offered a place without an audition
    AUDITIONING: {OFFERED},
    OFFERED: {HIRED},
}
OPEN = frozenset(_FORWARD)  # an application still under consideration
CLOSED = frozenset({HIRED, DECLINED, WITHDRAWN})
TRANSITIONS: dict[str, frozenset[str]] = {
    status: frozenset(nexts | {DECLINED, WITHDRAWN}) for status, nexts in _FORWARD.items()
} | {status: frozenset() for status in CLOSED}

_SAID = {RECEIVED: "applied", APPLIED: "applied"}


def allowed(current: str, wanted: str) -> bool:
    return wanted in TRANSITIONS.get(current, frozenset())


def require_move(current: str, wanted: str, job_title: str) -> None:
    """Refuse, in words the person understands, a move the table does not allow."""
    if allowed(current, wanted):
        return
    said = _SAID.get(current, current)
    if current == wanted:
        raise Rejected("The application for {job_title} is already {status}.", job_title=job_title, status=said)
    if current in CLOSED:
        raise Rejected("The application for {job_title} is {status}: it can no longer be {new_status}.",
                       job_title=job_title, status=said, new_status=wanted)
    raise Rejected("The application for {job_title} is {status}; it cannot be {new_status} from there.",
                   job_title=job_title, status=said, new_status=wanted)


def moved(application: dict, wanted: str, intent_id: str, by: str, at: str, feedback: str = "") -> dict | None:
    """The application after the move, or None if this intent already made it (a retry).

    Every move is kept in `history`, with the intent that made it, so a retry is recognised."""
    history = application.get("history", [])
    if any(step["intent"] == intent_id for step in history):
        return None
    require_move(application["status"], wanted, application["job_title"])
    step = {"status": wanted, "by": by, "at": at, "intent": intent_id}
    changed = {**application, "status": wanted, "history": [*history, step]}
    if feedback:
        step["feedback"] = feedback
        changed["feedback"] = feedback  # the latest word, shown on the applicant's screen
    return changed
