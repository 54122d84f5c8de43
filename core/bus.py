"""The message bus: one handler per command, any number per event (cosmicpython's pattern)."""
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from core.commands import Command
from core.events import Event
from core.identity.ports import IdentityPorts
from core.ports import Clock, DocumentStore, IdentityChecks, Ledger, OfficeWork, Outbox, PaymentJobs, Spaces
from core.media import MediaStore
from core.privacy_ports import PersonalData
from core.call_sheet_send import CallSheetLinks
from core.staff_chat_commands import BroadcastBatches, StaffReads
from core.transcripts import MediaWork
from core.failed_job_commands import FailedJobs


@dataclass
class Services:
    """What handlers may use. Built by config/bootstrap.py, faked in unit tests."""

    store: DocumentStore
    spaces: Spaces
    outbox: Outbox
    clock: Clock
    identity: IdentityPorts | None = None  # sign-in codes and passwords: the api's processes
    checks: IdentityChecks | None = None  # KYC to the provider: processes that run the core
    personal_data: PersonalData | None = None  # export and erasure
    media: MediaStore | None = None  # uploads: headshots, ID documents, self-tapes
    office_work: OfficeWork | None = None  # script reading and schedule solving, in workers
    ledger: Ledger | None = None  # the escrow ledger's store
    payment_jobs: PaymentJobs | None = None  # checkouts at the gateways, in workers
    staff_reads: StaffReads | None = None  # the lists producers' and admins' chat commands need
    broadcast_batches: BroadcastBatches | None = None  # an admin broadcast's later batches, in workers
    call_sheet_links: CallSheetLinks | None = None  # each person's signed call-sheet link
    media_work: MediaWork | None = None  # self-tape transcription, in workers
    failed_jobs: FailedJobs | None = None  # the workers' failed-job registries, for admins


@dataclass
class Result:
    ref: str | None = None  # the id of what the command made or changed
    events: list[Event] = field(default_factory=list)


CommandHandler = Callable[[Command, Services], Awaitable[Result]]
EventHandler = Callable[[Event, Services], Awaitable[None]]


class MessageBus:
    def __init__(
        self,
        services: Services,
        command_handlers: dict[type[Command], CommandHandler],
        event_handlers: dict[type[Event], list[EventHandler]],
    ):
        self.services = services
        self._command_handlers = command_handlers
        self._event_handlers = event_handlers

    async def handle(self, command: Command, channel: str = "system") -> str | None:
        """Run the command's handler, then every handler of the events it raised.

        `Rejected` propagates to the caller, which turns it into a reply at the edge.
        `channel` (chat, app, system) is for the audit log that sync/audited_bus.py keeps."""
        result = await self._command_handlers[type(command)](command, self.services)
        for event in result.events:
            for handler in self._event_handlers.get(type(event), []):
                await handler(event, self.services)
        return result.ref
