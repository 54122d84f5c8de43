"""What producers, assistant directors and admins ask for from a chat, and project threads.

A chat writes one `staff_command` intent (field `command` says which) or a `thread_reply` in
the sender's own database; the web app writes `thread_message` in the project's office
database. The handlers (core/handlers/crew_calls.py, admin_chat.py, project_threads.py)
check every role; nothing here decides who may do what. The lists they need (a project's
bookings, every person card) come through the StaffReads port: the DocumentStore only gets
documents by id. core/intents.py wires INTENT_PARSERS; core/audit.py needs ACTOR_FIELDS."""
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import TYPE_CHECKING

from core.commands import Command
from core.failed_job_commands import DropFailedJobs, RequeueFailedJobs

if TYPE_CHECKING:  # core.intents imports this module to wire the parsers
    from core.intents import _Fields


@dataclass(frozen=True)
class PostCrewCall(Command):
    intent_id: str
    by: str
    project: str  # a project id or code; "" when the person acts for one project only
    department: str
    role: str
    day: str  # ISO date of the call
    rate_minor: int
    currency: str = "NGN"
    city: str = "Lagos"


@dataclass(frozen=True)
class AskCallStatus(Command):
    """Who has confirmed for a shoot day's call and who has not (day "" = tomorrow in Lagos)."""

    intent_id: str
    by: str
    project: str = ""
    day: str = ""


@dataclass(frozen=True)
class ChaseUnconfirmed(Command):
    intent_id: str
    by: str
    project: str = ""
    day: str = ""


@dataclass(frozen=True)
class AnnounceToUnit(Command):
    intent_id: str
    by: str
    text: str
    project: str = ""


@dataclass(frozen=True)
class LookUpPerson(Command):
    intent_id: str
    admin_id: str
    phone: str


@dataclass(frozen=True)
class SetVerifiedByPhone(Command):
    intent_id: str
    admin_id: str
    phone: str
    verified: bool
    reason: str = ""


@dataclass(frozen=True)
class SetSuspendedByPhone(Command):
    intent_id: str
    admin_id: str
    phone: str
    suspended: bool
    reason: str = ""


@dataclass(frozen=True)
class AskPlatformStats(Command):
    intent_id: str
    admin_id: str


@dataclass(frozen=True)
class PrepareBroadcast(Command):
    intent_id: str
    admin_id: str
    text: str


@dataclass(frozen=True)
class ConfirmBroadcast(Command):
    intent_id: str
    admin_id: str
    code: str


@dataclass(frozen=True)
class SendBroadcastBatch(Command):
    """A later batch of a confirmed broadcast, run by the clock (BroadcastBatches)."""

    broadcast_id: str
    batch: int


@dataclass(frozen=True)
class ResolveDisputeByCode(Command):
    intent_id: str
    admin_id: str
    booking_code: str
    decision: str  # release, refund or split
    percent: int = 0  # the crew member's share of a split, in whole percent


@dataclass(frozen=True)
class PostThreadMessage(Command):
    """From the web app: a message in a project thread (a new thread_id starts a thread)."""

    intent_id: str
    project_id: str
    author_id: str
    thread_id: str
    text: str
    title: str = ""


@dataclass(frozen=True)
class ReplyToThread(Command):
    """From a chat: `#<code> text`; `channel` is where it was written, for the thread's record."""

    intent_id: str
    person_id: str
    thread_code: str
    text: str
    channel: str = "chat"


class StaffReads(ABC):
    """The lists the staff handlers read; sync/staff_reads.py reads them from CouchDB."""

    @abstractmethod
    async def office_projects(self, person_id: str) -> list[str]:
        """Ids of the projects whose office this person's account may open."""

    @abstractmethod
    async def project_bookings(self, project_id: str) -> list[dict]: ...

    @abstractmethod
    async def project_team(self, project_id: str) -> list[dict]:
        """The `team_member` documents of the project's office."""

    @abstractmethod
    async def person_cards(self) -> list[dict]: ...

    @abstractmethod
    async def job_posts(self) -> list[dict]: ...

    @abstractmethod
    async def messages_since(self, since: str) -> list[dict]:
        """Outbound `message` records created at or after the ISO time `since`."""

    @abstractmethod
    async def disputes(self) -> list[dict]:
        """The `escrow_dispute` documents of ops."""


class BroadcastBatches(ABC):
    """Runs SendBroadcastBatch(broadcast_id, batch) after `delay_s` (RQ enqueue_in)."""

    @abstractmethod
    async def schedule(self, broadcast_id: str, batch: int, delay_s: int) -> None: ...


def staff_reads(services) -> StaffReads:
    """The port on Services (config/bootstrap.py wires it); missing is a wiring bug, not a refusal."""
    reads = getattr(services, "staff_reads", None)
    if reads is None:
        raise RuntimeError("Services.staff_reads is not wired: see config/bootstrap.py")
    return reads


def broadcast_batches(services) -> BroadcastBatches:
    batches = getattr(services, "broadcast_batches", None)
    if batches is None:
        raise RuntimeError("Services.broadcast_batches is not wired: see config/bootstrap.py")
    return batches


def _staff_command(intent_id: str, person_id: str, f: "_Fields") -> Command:
    command = f.text("command")
    if command not in _COMMANDS:
        raise ValueError(f"command must be one of {', '.join(sorted(_COMMANDS))}")
    return _COMMANDS[command](intent_id, person_id, f)


def _thread_reply(intent_id: str, person_id: str, f: "_Fields") -> Command:
    try:
        channel = f.mapping("source").get("channel", "chat")
    except ValueError:  # written by an app, not relayed from a chat
        channel = "app"
    return ReplyToThread(intent_id, person_id, f.text("thread_code"), f.text("text"), str(channel))


def _thread_message(intent_id: str, project_id: str, f: "_Fields") -> Command:
    return PostThreadMessage(intent_id, project_id, f.author(), f.text("thread_id"), f.text("text"),
                             f.text("title", ""))


_COMMANDS = {
    "crew_call": lambda i, p, f: PostCrewCall(
        i, p, f.text("project", ""), f.text("department"), f.text("role"), f.text("day"),
        f.integer("rate_minor"), f.text("currency", "NGN"), f.text("city", "Lagos")),
    "call_status": lambda i, p, f: AskCallStatus(i, p, f.text("project", ""), f.text("day", "")),
    "chase": lambda i, p, f: ChaseUnconfirmed(i, p, f.text("project", ""), f.text("day", "")),
    "announce": lambda i, p, f: AnnounceToUnit(i, p, f.text("text"), f.text("project", "")),
    "look_up": lambda i, p, f: LookUpPerson(i, p, f.text("phone")),
    "verify": lambda i, p, f: SetVerifiedByPhone(i, p, f.text("phone"), f.flag("verified"), f.text("reason", "")),
    "suspend": lambda i, p, f: SetSuspendedByPhone(i, p, f.text("phone"), f.flag("suspended"), f.text("reason", "")),
    "stats": lambda i, p, f: AskPlatformStats(i, p),
    "requeue_failed": lambda i, p, f: RequeueFailedJobs(i, p, f.text("queue", "")),
    "drop_failed": lambda i, p, f: DropFailedJobs(i, p, f.text("queue", "")),
    "broadcast": lambda i, p, f: PrepareBroadcast(i, p, f.text("text")),
    "confirm_broadcast": lambda i, p, f: ConfirmBroadcast(i, p, f.text("code")),
    "resolve": lambda i, p, f: ResolveDisputeByCode(
        i, p, f.text("booking_code"), f.text("decision"), f.integer("percent", 0)),
}
STAFF_COMMAND_NAMES = frozenset(_COMMANDS)

# Intent type -> (kind of database it is written in, parser).
INTENT_PARSERS = {
    "staff_command": ("user", _staff_command),
    "thread_reply": ("user", _thread_reply),
    "thread_message": ("office", _thread_message),
}

# For core/audit.py ACTOR_FIELDS (**STAFF_ACTOR_FIELDS): who asked, per command.
STAFF_ACTOR_FIELDS = {
    PostCrewCall: "by", AskCallStatus: "by", ChaseUnconfirmed: "by", AnnounceToUnit: "by",
    LookUpPerson: "admin_id", SetVerifiedByPhone: "admin_id", SetSuspendedByPhone: "admin_id",
    AskPlatformStats: "admin_id", PrepareBroadcast: "admin_id", ConfirmBroadcast: "admin_id",
    SendBroadcastBatch: None,  # the clock runs the later batches; ConfirmBroadcast names the admin
    ResolveDisputeByCode: "admin_id", PostThreadMessage: "author_id", ReplyToThread: "person_id",
}
