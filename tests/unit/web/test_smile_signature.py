"""Smile Identity's callback signature and its freshness, as a table; and what result codes mean."""
import base64
import hashlib
import hmac
from datetime import datetime, timedelta, timezone

import pytest

from web.kyc.smile_results import MalformedCallback, read_callback
from web.kyc.smile_signature import STALE_AFTER_S, is_fresh, sign, signed_now, verify

API_KEY, PARTNER_ID = "test-smile-api-key", "085"
NOW = datetime(2026, 11, 27, 22, 0, tzinfo=timezone.utc)


def iso(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def test_the_signature_is_smiles_documented_hmac():
    timestamp = "2026-11-27T22:00:00.000Z"
    by_hand = base64.b64encode(
        hmac.new(API_KEY.encode(), f"{timestamp}{PARTNER_ID}sid_request".encode(), hashlib.sha256).digest()
    ).decode()
    assert sign(API_KEY, PARTNER_ID, timestamp) == by_hand


def test_signed_now_gives_a_utc_timestamp_that_verifies():
    fields = signed_now(API_KEY, PARTNER_ID, NOW.astimezone(timezone(timedelta(hours=1))))
    assert fields["timestamp"] == "2026-11-27T22:00:00.000Z"
    assert verify(API_KEY, PARTNER_ID, fields, NOW) is None


def _body(timestamp: str, key: str = API_KEY, partner: str = PARTNER_ID) -> dict:
    return {"timestamp": timestamp, "signature": sign(key, partner, timestamp), "ResultCode": "1012"}


FRESH = iso(NOW - timedelta(seconds=5))
CASES = {
    "fresh and signed": (_body(FRESH), None),
    "naive timestamp, as Smile's libraries send": (_body("2026-11-27T21:59:55.000000"), None),
    "at the edge of freshness": (_body(iso(NOW - timedelta(seconds=STALE_AFTER_S))), None),
    "one second too old": (_body(iso(NOW - timedelta(seconds=STALE_AFTER_S + 1))), "stale timestamp"),
    "an hour old": (_body(iso(NOW - timedelta(hours=1))), "stale timestamp"),
    "far in the future": (_body(iso(NOW + timedelta(hours=1))), "stale timestamp"),
    "not a timestamp": (_body("yesterday"), "stale timestamp"),
    "signed with another key": (_body(FRESH, key="not-our-key"), "invalid signature"),
    "signed for another partner": (_body(FRESH, partner="999"), "invalid signature"),
    "timestamp changed after signing": ({**_body(FRESH), "timestamp": iso(NOW)}, "invalid signature"),
    "no signature": ({"timestamp": FRESH}, "invalid signature"),
    "no timestamp": ({"signature": sign(API_KEY, PARTNER_ID, FRESH)}, "invalid signature"),
    "signature not a string": ({"timestamp": FRESH, "signature": 12345}, "invalid signature"),
    "empty body": ({}, "invalid signature"),
}


@pytest.mark.parametrize("body, problem", CASES.values(), ids=CASES.keys())
def test_callbacks_are_checked(body, problem):
    assert verify(API_KEY, PARTNER_ID, body, NOW) == problem


def test_freshness_reads_offsets():
    assert is_fresh("2026-11-27T23:00:00+01:00", NOW)
    assert not is_fresh("2026-11-27T22:00:00+01:00", NOW)  # an hour before


@pytest.mark.parametrize("code, result", [
    ("1012", "verified"), ("1020", "verified"), ("1021", "verified"), ("0810", "verified"),
    ("1013", "rejected"), ("1022", "rejected"), ("0811", "rejected"), ("0907", "rejected"),
    ("1015", None), ("0814", None), ("9999", None),
])
def test_result_codes(code, result):
    outcome = read_callback({"ResultCode": code, "SmileJobID": "0000001", "PartnerParams": {"job_id": "abc123"}})
    assert (outcome.result, outcome.event_id) == (result, f"abc123:{code}")
    assert bool(outcome.reason) == (result == "rejected")


@pytest.mark.parametrize("body", [{"ResultCode": "1012"}, {"PartnerParams": {"job_id": "abc123"}},
                                  {"ResultCode": "1012", "PartnerParams": "abc123"}])
def test_a_callback_without_job_or_code_is_malformed(body):
    with pytest.raises(MalformedCallback):
        read_callback(body)
