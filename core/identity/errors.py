"""Sign-in refusals, typed by how the edge answers them (401, 403 or 429)."""
from core.errors import Rejected


class SignInRefused(Rejected):
    """Wrong or used code, wrong password, unknown or revoked session."""


class SecondFactorNeeded(SignInRefused):
    """The person enrolled an authenticator app: the sign-in needs its code too."""


class NotAllowed(Rejected):
    """Signed in, but this is not for their role."""


class TooManyTries(Rejected):
    def __init__(self, reason: str, retry_after_s: int):
        super().__init__(reason)
        self.retry_after_s = retry_after_s
