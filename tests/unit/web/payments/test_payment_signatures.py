"""Webhook signatures of Paystack, Flutterwave and Stripe as tables (good, bad, stale, missing),
cross-checked against the official stripe package; and the event ids read from payload shapes
as the providers' docs show them."""
import hashlib
import hmac
import json

import pytest
import stripe as stripe_sdk

from web.payments.signatures import (
    STRIPE_TOLERANCE_S, UnreadableEvent, paystack_signature, read_event, stripe_header, verify_flutterwave,
    verify_paystack, verify_stripe,
)

PAYSTACK_KEY = "sk_test_5f1a0c9e2b7d4e3f"
FLW_HASH = "my-flutterwave-secret-hash"
WHSEC = "whsec_test_5t7k2m9q"
NOW_S = 1_795_000_000
BODY = json.dumps({"event": "charge.success", "data": {"id": 302961, "reference": "dep-1"}}).encode()


def test_the_paystack_signature_is_the_documented_hmac_sha512():
    assert paystack_signature(PAYSTACK_KEY, BODY) == hmac.new(PAYSTACK_KEY.encode(), BODY, hashlib.sha512).hexdigest()


PAYSTACK_CASES = {
    "signed with our key": (BODY, paystack_signature(PAYSTACK_KEY, BODY), None),
    "upper-case hex": (BODY, paystack_signature(PAYSTACK_KEY, BODY).upper(), None),
    "signed with another key": (BODY, paystack_signature("sk_test_other", BODY), "invalid signature"),
    "body changed after signing": (BODY + b" ", paystack_signature(PAYSTACK_KEY, BODY), "invalid signature"),
    "sha256 instead of sha512": (BODY, hmac.new(PAYSTACK_KEY.encode(), BODY, hashlib.sha256).hexdigest(),
                                 "invalid signature"),
    "no header": (BODY, None, "missing signature"),
    "empty header": (BODY, "", "missing signature"),
}


@pytest.mark.parametrize("body, header, problem", PAYSTACK_CASES.values(), ids=PAYSTACK_CASES.keys())
def test_paystack_webhooks_are_checked(body, header, problem):
    assert verify_paystack(PAYSTACK_KEY, body, header) == problem


FLUTTERWAVE_CASES = {
    "our hash": (FLW_HASH, None),
    "another hash": ("someone-elses-hash", "invalid signature"),
    "our hash with a space": (FLW_HASH + " ", "invalid signature"),
    "no header": (None, "missing signature"),
    "empty header": ("", "missing signature"),
}


@pytest.mark.parametrize("header, problem", FLUTTERWAVE_CASES.values(), ids=FLUTTERWAVE_CASES.keys())
def test_flutterwave_webhooks_are_checked(header, problem):
    assert verify_flutterwave(FLW_HASH, header) == problem


def _v1(secret: str, at: int, body: bytes = BODY) -> str:
    return hmac.new(secret.encode(), f"{at}.".encode() + body, hashlib.sha256).hexdigest()


STRIPE_CASES = {
    "fresh and signed": (f"t={NOW_S},v1={_v1(WHSEC, NOW_S)}", None),
    "at the edge of tolerance": (f"t={NOW_S - STRIPE_TOLERANCE_S},v1={_v1(WHSEC, NOW_S - STRIPE_TOLERANCE_S)}", None),
    "one second too old": (f"t={NOW_S - 301},v1={_v1(WHSEC, NOW_S - 301)}", "stale timestamp"),
    "from the far future": (f"t={NOW_S + 3600},v1={_v1(WHSEC, NOW_S + 3600)}", "stale timestamp"),
    "two v1 while rolling the secret": (f"t={NOW_S},v1={_v1('whsec_old', NOW_S)},v1={_v1(WHSEC, NOW_S)}", None),
    "with a v0 scheme beside it": (f"t={NOW_S},v1={_v1(WHSEC, NOW_S)},v0=deadbeef", None),
    "signed with another secret": (f"t={NOW_S},v1={_v1('whsec_other', NOW_S)}", "invalid signature"),
    "timestamp changed after signing": (f"t={NOW_S + 1},v1={_v1(WHSEC, NOW_S)}", "invalid signature"),
    "only v0": (f"t={NOW_S},v0={_v1(WHSEC, NOW_S)}", "invalid signature"),
    "no timestamp": (f"v1={_v1(WHSEC, NOW_S)}", "invalid signature"),
    "two timestamps": (f"t={NOW_S},t={NOW_S},v1={_v1(WHSEC, NOW_S)}", "invalid signature"),
    "timestamp not a number": (f"t=yesterday,v1={_v1(WHSEC, NOW_S)}", "invalid signature"),
    "garbage": ("not a stripe header", "invalid signature"),
    "no header": (None, "missing signature"),
}


@pytest.mark.parametrize("header, problem", STRIPE_CASES.values(), ids=STRIPE_CASES.keys())
def test_stripe_webhooks_are_checked(header, problem):
    assert verify_stripe(WHSEC, BODY, header, NOW_S) == problem


def test_our_stripe_header_passes_the_official_library_and_its_header_passes_ours(monkeypatch):
    monkeypatch.setattr("time.time", lambda: NOW_S)
    ours = stripe_header(WHSEC, BODY, NOW_S)
    assert stripe_sdk.WebhookSignature.verify_header(BODY.decode(), ours, WHSEC, STRIPE_TOLERANCE_S) is True
    theirs = f"t={NOW_S},v1={stripe_sdk.WebhookSignature._compute_signature(f'{NOW_S}.{BODY.decode()}', WHSEC)}"
    assert verify_stripe(WHSEC, BODY, theirs, NOW_S) is None


# Payload shapes as the providers document them (trimmed to the fields that matter here).
PAYSTACK_CHARGE = {"event": "charge.success", "data": {
    "id": 302961, "domain": "live", "status": "success", "reference": "qTPrJoy9Bx", "amount": 10000,
    "gateway_response": "Approved by Financial Institution", "paid_at": "2016-09-30T21:10:19.000Z",
    "channel": "card", "currency": "NGN", "customer": {"email": "bojack@horsinaround.com"}}}
PAYSTACK_TRANSFER = {"event": "transfer.success", "data": {
    "amount": 30000, "currency": "NGN", "domain": "test", "id": 793015, "reason": "Bonus",
    "reference": "ACV_9ee55786-2323-4760-98e2-6380c9cb3f68", "status": "success",
    "transfer_code": "TRF_wpl1dem4967avzm"}}
PAYSTACK_REFUND = {"event": "refund.processed", "data": {
    "status": "processed", "transaction_reference": "T685312322670591", "refund_reference": None,
    "amount": 10000, "currency": "NGN", "id": "1211417"}}
FLW_CHARGE = {"event": "charge.completed", "data": {
    "id": 285959875, "tx_ref": "Links-616626414629", "flw_ref": "PeterEkene/FLW270177170", "amount": 100,
    "currency": "NGN", "charged_amount": 100, "status": "successful", "payment_type": "card",
    "created_at": "2020-07-06T19:17:04.000Z", "customer": {"email": "user@example.com"}}}
FLW_TRANSFER = {"event": "transfer.completed", "event.type": "Transfer", "data": {
    "id": 33286, "account_number": "0690000033", "bank_name": "ACCESS BANK NIGERIA", "currency": "NGN",
    "amount": 50, "status": "SUCCESSFUL", "reference": "new-intra-one-0171"}}
STRIPE_SESSION = {"id": "evt_1NG8Du2eZvKYlo2CUI79vXWy", "object": "event", "type": "checkout.session.completed",
                  "data": {"object": {"id": "cs_test_a1b2", "object": "checkout.session",
                                      "client_reference_id": "dep-9", "payment_intent": "pi_3MtwBw"}}}
STRIPE_INTENT = {"id": "evt_3MtwBwLkdIwHu7ix0", "object": "event", "type": "payment_intent.succeeded",
                 "data": {"object": {"id": "pi_3MtwBw", "object": "payment_intent", "amount": 2000,
                                     "metadata": {"reference": "dep-9"}, "status": "succeeded"}}}
STRIPE_TRANSFER = {"id": "evt_1Tr", "object": "event", "type": "transfer.created",
                   "data": {"object": {"id": "tr_1Mi", "object": "transfer", "transfer_group": "payout-7",
                                       "metadata": {}}}}

EVENTS = {
    "paystack charge": ("paystack", PAYSTACK_CHARGE, "paystack:charge.success:302961:success", "qTPrJoy9Bx", "302961"),
    "paystack transfer": ("paystack", PAYSTACK_TRANSFER, "paystack:transfer.success:793015:success",
                          "ACV_9ee55786-2323-4760-98e2-6380c9cb3f68", "793015"),
    "paystack refund": ("paystack", PAYSTACK_REFUND, "paystack:refund.processed:1211417:processed",
                        "T685312322670591", "1211417"),
    "flutterwave charge": ("flutterwave", FLW_CHARGE, "flutterwave:charge.completed:285959875:successful",
                           "Links-616626414629", "285959875"),
    "flutterwave transfer": ("flutterwave", FLW_TRANSFER, "flutterwave:transfer.completed:33286:SUCCESSFUL",
                             "new-intra-one-0171", "33286"),
    "stripe checkout": ("stripe", STRIPE_SESSION, "stripe:evt_1NG8Du2eZvKYlo2CUI79vXWy", "dep-9", "cs_test_a1b2"),
    "stripe intent": ("stripe", STRIPE_INTENT, "stripe:evt_3MtwBwLkdIwHu7ix0", "dep-9", "pi_3MtwBw"),
    "stripe transfer": ("stripe", STRIPE_TRANSFER, "stripe:evt_1Tr", "payout-7", "tr_1Mi"),
}


@pytest.mark.parametrize("gateway, payload, event_id, reference, gateway_id", EVENTS.values(), ids=EVENTS.keys())
def test_events_are_read_for_deduplication_and_verification(gateway, payload, event_id, reference, gateway_id):
    event = read_event(gateway, json.dumps(payload).encode())

    assert (event.event_id, event.reference, event.gateway_id) == (event_id, reference, gateway_id)


def test_a_later_status_of_the_same_transfer_is_a_new_event_not_a_duplicate():
    reversed_data = {**PAYSTACK_TRANSFER["data"], "status": "reversed"}
    failed = {**PAYSTACK_TRANSFER, "event": "transfer.reversed", "data": reversed_data}

    assert read_event("paystack", json.dumps(failed).encode()).event_id != read_event(
        "paystack", json.dumps(PAYSTACK_TRANSFER).encode()).event_id


UNREADABLE = {
    "not json": ("paystack", b"<html>"),
    "json but a list": ("paystack", b"[1, 2]"),
    "no data": ("flutterwave", b'{"event": "charge.completed"}'),
    "stripe id not an event id": ("stripe", json.dumps({**STRIPE_INTENT, "id": "pi_123"}).encode()),
    "unknown gateway": ("paypal", json.dumps(PAYSTACK_CHARGE).encode()),
}


@pytest.mark.parametrize("gateway, body", UNREADABLE.values(), ids=UNREADABLE.keys())
def test_unreadable_events_are_refused_with_a_reason(gateway, body):
    with pytest.raises(UnreadableEvent, match=gateway):
        read_event(gateway, body)
