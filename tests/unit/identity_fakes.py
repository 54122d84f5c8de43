"""In-memory adapters for core/identity/ports.py, and a bus that has them.

MemoryCodeStore expires values and counter windows by the `now` it is given, as Redis does by
its own clock; PlainHasher is a fast stand-in for argon2 (same contract, no cost)."""
import hashlib
from datetime import datetime, timedelta

from core.bus import MessageBus, Services
from core.handlers import COMMAND_HANDLERS, EVENT_HANDLERS
from core.handlers import identity, identity_account
from core.identity import commands
from core.identity.ports import CodeStore, IdentityPorts, PasswordHasher
from tests.unit.fakes import FixedClock, MemoryOutbox, MemorySpaces, MemoryStore

CODE_KEY = b"test-code-key"

IDENTITY_HANDLERS = {
    commands.RequestSignInCode: identity.request_sign_in_code,
    commands.VerifySignInCode: identity.verify_sign_in_code,
    commands.SignInWithPassword: identity.sign_in_with_password,
    commands.SetPassword: identity_account.set_password,
    commands.EnrolTotp: identity_account.enrol_totp,
    commands.ConfirmTotp: identity_account.confirm_totp,
    commands.RevokeSession: identity_account.revoke_session,
}


class MemoryCodeStore(CodeStore):
    def __init__(self):
        self.values: dict[str, tuple[str, datetime]] = {}  # key -> (value, expires at)

    async def put(self, key: str, value: str, ttl_s: int, now: datetime) -> None:
        self.values[key] = (value, now + timedelta(seconds=ttl_s))

    async def get(self, key: str, now: datetime) -> str | None:
        held = self.values.get(key)
        if held is None or held[1] <= now:
            self.values.pop(key, None)
            return None
        return held[0]

    async def take(self, key: str) -> bool:
        return self.values.pop(key, None) is not None

    async def count(self, key: str, window_s: int, now: datetime) -> int:
        held = await self.get(key, now)
        if held is None:
            self.values[key] = ("1", now + timedelta(seconds=window_s))
            return 1
        self.values[key] = (str(int(held) + 1), self.values[key][1])
        return int(held) + 1


class PlainHasher(PasswordHasher):
    def hash(self, password: str) -> str:
        return "sha256$" + hashlib.sha256(password.encode()).hexdigest()

    def verify(self, stored_hash: str, password: str) -> bool:
        return stored_hash == self.hash(password)


def make_identity_bus(clock: FixedClock | None = None) -> MessageBus:
    services = Services(
        store=MemoryStore(), spaces=MemorySpaces(), outbox=MemoryOutbox(), clock=clock or FixedClock(),
        identity=IdentityPorts(MemoryCodeStore(), PlainHasher(), CODE_KEY),
    )
    return MessageBus(services, {**COMMAND_HANDLERS, **IDENTITY_HANDLERS}, EVENT_HANDLERS)
