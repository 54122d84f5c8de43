"""Authenticator codes: RFC 6238's published values, drift of one step, no reuse."""
import base64
from datetime import datetime, timezone

import pyotp

from core.identity import totp

# RFC 6238 appendix B, SHA-1: the secret "12345678901234567890" and 8-digit codes.
RFC_SECRET = base64.b32encode(b"12345678901234567890").decode()
RFC_VECTORS = {59: "94287082", 1111111109: "07081804", 1234567890: "89005924", 2000000000: "69279037"}


def test_pyotp_gives_the_rfc_6238_values():
    generator = pyotp.TOTP(RFC_SECRET, digits=8, interval=totp.TOTP_STEP_S)
    for moment, code in RFC_VECTORS.items():
        assert generator.at(moment) == code


def test_the_current_code_matches_its_step_and_the_last_six_digits_of_the_rfc_value():
    now = datetime.fromtimestamp(1234567890, timezone.utc)

    assert totp.matching_step(RFC_SECRET, "005924", now) == 1234567890 // 30


def test_one_step_of_drift_either_way_is_accepted_and_two_are_not():
    now = datetime.fromtimestamp(1234567890, timezone.utc)
    generator = pyotp.TOTP(RFC_SECRET)

    assert totp.matching_step(RFC_SECRET, generator.at(1234567890 - 30), now) is not None
    assert totp.matching_step(RFC_SECRET, generator.at(1234567890 + 30), now) is not None
    assert totp.matching_step(RFC_SECRET, generator.at(1234567890 - 90), now) is None


def test_a_code_already_used_is_refused():
    now = datetime.fromtimestamp(1234567890, timezone.utc)
    step = totp.matching_step(RFC_SECRET, "005924", now)

    assert totp.matching_step(RFC_SECRET, "005924", now, after_step=step) is None


def test_malformed_codes_are_refused():
    now = datetime.fromtimestamp(59, timezone.utc)
    for code in ("", "12345", "abcdef", "1234567"):
        assert totp.matching_step(RFC_SECRET, code, now) is None


def test_the_uri_names_the_issuer_and_the_secret():
    uri = totp.provisioning_uri(RFC_SECRET, "abc123def456")
    assert uri.startswith("otpauth://totp/NollyCrew:abc123def456?") and f"secret={RFC_SECRET}" in uri
