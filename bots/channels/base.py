"""The one interface every channel adapter serves, and send errors typed by what to do next.

Errors say what the caller should do (courier's rule), not which provider failed:
retry later, slow down, stop writing to this person, or fix our configuration.
"""
from abc import ABC, abstractmethod
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Media:
    url: str
    content_type: str


@dataclass(frozen=True)
class Incoming:
    """One message from a person, as any channel delivers it."""

    channel: str  # "whatsapp", "sms", "telegram", "console"
    provider_id: str  # the provider's message id: the deduplication key
    sender: str  # E.164 phone number
    text: str
    media: tuple[Media, ...] = ()
    # Where the person shared their location (WhatsApp location pins).
    position: tuple[float, float] | None = None


@dataclass(frozen=True)
class Outgoing:
    to: str  # E.164 phone number
    text: str
    media_urls: tuple[str, ...] = ()
    status_callback: str | None = None
    # Provider parameters some channels need (e.g. an approved WhatsApp template).
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Sent:
    provider_id: str
    status: str  # the provider's first state, e.g. "queued"


class SendError(Exception):
    """Base of all send failures; `code` is the provider's error code when there is one."""

    def __init__(self, message: str, code: int | None = None):
        super().__init__(message)
        self.code = code


class Retryable(SendError):
    """A passing failure (network, provider 5xx): the same send may succeed later."""


class Throttled(SendError):
    """The provider asks us to slow down."""

    def __init__(self, message: str, code: int | None = None, retry_after_s: float = 60.0):
        super().__init__(message, code)
        self.retry_after_s = retry_after_s


class ContactStopped(SendError):
    """The person opted out (STOP) or blocked us: never retry, mark them stopped."""


class BadRecipient(SendError):
    """The address cannot receive this channel's messages: retrying will not help."""


class BadConfig(SendError):
    """Our credentials or sender are wrong: retrying will not help until someone fixes them."""


class Channel(ABC):
    name: str

    @abstractmethod
    def send(self, message: Outgoing) -> Sent:
        """Hand one message to the provider. Raises a SendError subclass on failure."""
