"""Authenticator apps (TOTP, RFC 6238): 30-second steps, one step of clock drift either way."""
import hmac
from datetime import datetime

import pyotp

TOTP_STEP_S = 30
TOTP_DRIFT_STEPS = 1
ISSUER = "NollyCrew"


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, account: str) -> str:
    """What the app's QR code holds."""
    return pyotp.TOTP(secret, interval=TOTP_STEP_S).provisioning_uri(name=account, issuer_name=ISSUER)


def matching_step(secret: str, code: str, now: datetime, after_step: int = -1) -> int | None:
    """The time step `code` belongs to, if it is within the drift and later than `after_step`
    (a code already used cannot sign in twice)."""
    code = code.strip()
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(secret, interval=TOTP_STEP_S)
    current = int(now.timestamp()) // TOTP_STEP_S
    for step in range(current - TOTP_DRIFT_STEPS, current + TOTP_DRIFT_STEPS + 1):
        if step > after_step and hmac.compare_digest(totp.at(step * TOTP_STEP_S), code):
            return step
    return None
