"""What RQ jobs work with. RQ calls module-level functions, so the worker process installs
this once at start (config/bootstrap.py) and each job opens a session from it."""
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field

from redis import Redis

from bots.channels.base import Channel
from bots.conversation import ChatReads
from core.bus import MessageBus
from core.ports import Clock, DocumentStore


@dataclass
class Session:
    store: DocumentStore
    bus: MessageBus
    reads: ChatReads
    clock: Clock


@dataclass
class JobContext:
    open_session: Callable[[], AbstractAsyncContextManager[Session]]
    channel_for: Callable[[str], Channel]  # by the person's channel: whatsapp, sms, telegram, console
    redis: Redis
    status_callback_url: str
    public_url: str = ""  # where people's links point: every message template may use {public_url}
    whatsapp_content_sids: dict[str, dict[str, str]] = field(default_factory=dict)  # outside the window


_installed: JobContext | None = None


def install(context: JobContext) -> None:
    global _installed
    _installed = context


def current() -> JobContext:
    if _installed is None:
        raise RuntimeError("no job context: start workers with `nollycrew worker`")
    return _installed
