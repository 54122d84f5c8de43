"""What signing in needs from the world: short-lived codes and counters, and password hashing."""
from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import datetime


class CodeStore(ABC):
    """Short-lived values and counters (Redis in production).

    `now` comes from the caller's clock so the rules can be tested at any time of day; an
    adapter with its own clock (Redis TTLs) may ignore it, the rules check expiry again."""

    @abstractmethod
    async def put(self, key: str, value: str, ttl_s: int, now: datetime) -> None:
        """Keep `value` under `key` for `ttl_s` seconds, replacing what was there."""

    @abstractmethod
    async def get(self, key: str, now: datetime) -> str | None: ...

    @abstractmethod
    async def take(self, key: str) -> bool:
        """Remove `key`; True only for the one caller that removed it (single use under races)."""

    @abstractmethod
    async def count(self, key: str, window_s: int, now: datetime) -> int:
        """Add one to the counter and return it; the window starts at the first count."""


class PasswordHasher(ABC):
    @abstractmethod
    def hash(self, password: str) -> str: ...

    @abstractmethod
    def verify(self, stored_hash: str, password: str) -> bool:
        """False for a wrong password; never raises for one."""


@dataclass
class IdentityPorts:
    codes: CodeStore
    passwords: PasswordHasher
    code_key: bytes  # the server secret one-time codes are hashed with


def ports_of(services) -> IdentityPorts:
    """The identity ports of `services` (core.bus.Services), which only some processes have."""
    if services.identity is None:
        raise RuntimeError("signing in needs Services.identity (config/bootstrap.py)")
    return services.identity
