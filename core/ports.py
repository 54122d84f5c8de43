"""Ports: what the rules need from the world. Adapters in sync/, workers/ and bots/ implement them;
config/bootstrap.py is the one place that chooses which."""
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

Doc = dict


class DocumentStore(ABC):
    """Documents in the databases of core/scopes.py."""

    @abstractmethod
    async def get(self, db: str, doc_id: str) -> Doc | None: ...

    @abstractmethod
    async def create(self, db: str, doc: Doc) -> Doc:
        """Write a new document; if one with that _id exists, change nothing and return it."""

    @abstractmethod
    async def update(
        self, db: str, doc_id: str, change: Callable[[Doc], Doc | None], current: Doc | None = None
    ) -> Doc:
        """Read, apply `change` (None: leave as is), write; repeated on a conflicting write.

        `current`, a copy the caller already holds (with its _rev), saves the first read;
        if it is stale the write conflicts and the loop reads the stored one."""


class Spaces(ABC):
    """Databases and CouchDB accounts: who may read and write what."""

    @abstractmethod
    async def ensure_person(self, person_id: str, roles: list[str], password: str | None) -> None:
        """The person's CouchDB user (with these roles at least) and their own database."""

    @abstractmethod
    async def ensure_project(self, project_id: str) -> None:
        """The project and office databases with their security and validation."""

    @abstractmethod
    async def grant_roles(self, person_id: str, roles: list[str]) -> None: ...

    @abstractmethod
    async def revoke_roles(self, person_id: str, roles: list[str]) -> None:
        """Take CouchDB roles back: the person's devices can no longer read those databases."""


@dataclass(frozen=True)
class OutboundMessage:
    message_id: str  # derived from what caused it, so a retried rule queues it once
    person_id: str
    template: str
    params: dict = field(default_factory=dict)
    # A sign-in code: the message record keeps neither the text nor the params once sent.
    sensitive: bool = False
    to: str = ""  # a number with no person behind it yet (a sign-up code); else the profile's
    channel: str = ""  # forces a channel ("sms" for second-factor codes); else the profile's
    # A same-day call change: it goes even in quiet hours (21:00 to 07:00 Lagos time).
    urgent: bool = False


class Outbox(ABC):
    @abstractmethod
    async def queue(self, message: OutboundMessage) -> None: ...


class IdentityChecks(ABC):
    """Hands a pending identity check (KYC) to the provider, in the background."""

    @abstractmethod
    async def send(self, person_id: str, job_id: str) -> None: ...


class OfficeWork(ABC):
    """Hands the office's slow work to a worker: reading a screenplay, solving a schedule.
    Each answer comes back to the core as a command (core.shoot_commands.Record*)."""

    @abstractmethod
    async def read_script(self, project_id: str, number: int) -> None: ...

    @abstractmethod
    async def solve_schedule(self, project_id: str, number: int, limit_s: int) -> None: ...


class Ledger(ABC):
    """The escrow ledger's store: batches of core.ledger transfers, applied in one order, each
    batch whole or not at all; a transfer id already made with the same content is a no-op."""

    @abstractmethod
    async def submit(self, transfers: list) -> list:
        """One core.ledger.state.TransferResult per transfer, once the created ones are stored."""

    @abstractmethod
    async def balance(self, account: str, currency: str): ...

    @abstractmethod
    async def hold(self, hold_id: str): ...


class PaymentJobs(ABC):
    """Talks to the payment gateways in the background: opening a checkout for a deposit."""

    @abstractmethod
    async def open_checkout(self, project_id: str, escrow_id: str) -> None: ...

    @abstractmethod
    async def resolve_payout_account(self, person_id: str, intent_id: str) -> None:
        """Resolve the account named by that intent and register it as a transfer recipient."""

    @abstractmethod
    async def send_payout(self, person_id: str, reference: str) -> None:
        """Send (or look up, on a retry) the payout "payout:<reference>"; job id = reference."""

    @abstractmethod
    async def open_pledge_checkout(self, investor_id: str, reference: str) -> None:
        """Open the investor's payment "pledge:<reference>" at the gateway (once, whatever the retries)."""

    @abstractmethod
    async def send_card_refund(self, project_id: str, reference: str) -> None:
        """Ask the gateway (again, on a retry: it finds the first) to refund "card_refund:<reference>"."""


class Clock(ABC):
    @abstractmethod
    def now(self) -> datetime: ...
