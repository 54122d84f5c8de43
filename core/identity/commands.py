"""Commands for signing in. Codes, passwords and tokens here are never stored as given."""
from dataclasses import dataclass

from core.commands import Command


@dataclass(frozen=True)
class RequestSignInCode(Command):
    phone: str
    purpose: str = "sign_in"  # or "sign_up"
    roles: tuple[str, ...] = ()  # sign-up only
    name: str = ""
    language: str = "en"


@dataclass(frozen=True)
class VerifySignInCode(Command):
    """Result ref: the new session's token."""

    phone: str
    code: str
    device: str = ""
    totp: str = ""


@dataclass(frozen=True)
class SignInWithPassword(Command):
    """Result ref: the new session's token."""

    email: str
    password: str
    device: str = ""
    totp: str = ""  # the second factor: the authenticator's code or, with SMS codes on, the one sent


@dataclass(frozen=True)
class SetPassword(Command):
    """Registers (or changes) the person's email and password."""

    person_id: str
    email: str
    password: str


@dataclass(frozen=True)
class EnrolTotp(Command):
    """Result ref: the new secret, pending until ConfirmTotp."""

    person_id: str


@dataclass(frozen=True)
class ConfirmTotp(Command):
    person_id: str
    code: str


@dataclass(frozen=True)
class RevokeSession(Command):
    person_id: str
    session_id: str | None = None  # None: every session of the person


@dataclass(frozen=True)
class EnableSmsTwoFactor(Command):
    """From now on, signing in with a password also needs a code sent by SMS."""

    person_id: str


@dataclass(frozen=True)
class DisableSmsTwoFactor(Command):
    """Needs a current second-factor code; without one, an SMS code is sent and asked for."""

    person_id: str
    code: str = ""
