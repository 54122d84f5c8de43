"""Sign-in refusals, typed by how the edge answers them (401, 403 or 429)."""
from core.errors import Param, Rejected


class SignInRefused(Rejected):
    """Wrong or used code, wrong password, unknown or revoked session."""


class SecondFactorNeeded(SignInRefused):
    """The person enrolled an authenticator app: the sign-in needs its code too."""


class NotAllowed(Rejected):
    """Signed in, but this is not for their role."""


class TooManyTries(Rejected):
    def __init__(self, template: str, retry_after_s: int, **params: Param):
        super().__init__(template, **params)
        self.retry_after_s = retry_after_s
