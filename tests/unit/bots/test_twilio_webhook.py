"""Twilio webhooks, as Twilio posts them, read into Incoming and StatusUpdate; signatures checked."""
import pytest

from bots.channels.base import Incoming, Media
from bots.twilio_webhook import (
    MalformedWebhook,
    StatusUpdate,
    parse_inbound,
    parse_status_callback,
    verify_signature,
)

ACCOUNT_SID = "AC3f1b0c2d9e8a7b6c5d4e3f2a1b0c9d8e"
SANDBOX = "whatsapp:+14155238886"
MEDIA_URL = (
    f"https://api.twilio.com/2010-04-01/Accounts/{ACCOUNT_SID}"
    "/Messages/MM7c1d5e0f2a3b4c5d6e7f8a9b0c1d2e3f/Media/ME0a1b2c3d4e5f60718293a4b5c6d7e8f9"
)

WHATSAPP_TEXT = {
    "SmsMessageSid": "SM1f0e8ae6ade43cb3c0ce4525424e404f",
    "NumMedia": "0",
    "ProfileName": "Adaeze",
    "MessageType": "text",
    "SmsSid": "SM1f0e8ae6ade43cb3c0ce4525424e404f",
    "WaId": "2348030000001",
    "SmsStatus": "received",
    "Body": "Yes, I can do the Lekki location on Monday",
    "To": SANDBOX,
    "NumSegments": "1",
    "ReferralNumMedia": "0",
    "MessageSid": "SM1f0e8ae6ade43cb3c0ce4525424e404f",
    "AccountSid": ACCOUNT_SID,
    "From": "whatsapp:+2348030000001",
    "ApiVersion": "2010-04-01",
}
WHATSAPP_IMAGE = {
    **WHATSAPP_TEXT,
    "SmsMessageSid": "MM7c1d5e0f2a3b4c5d6e7f8a9b0c1d2e3f",
    "SmsSid": "MM7c1d5e0f2a3b4c5d6e7f8a9b0c1d2e3f",
    "MessageSid": "MM7c1d5e0f2a3b4c5d6e7f8a9b0c1d2e3f",
    "MessageType": "image",
    "NumMedia": "1",
    "MediaContentType0": "image/jpeg",
    "MediaUrl0": MEDIA_URL,
    "Body": "My costume fitting photo",
}
WHATSAPP_LOCATION = {
    **WHATSAPP_TEXT,
    "SmsMessageSid": "SM9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d",
    "SmsSid": "SM9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d",
    "MessageSid": "SM9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d",
    "MessageType": "location",
    "Body": "",
    "Latitude": "6.4474",
    "Longitude": "3.4723",
    "Address": "Admiralty Way, Lekki Phase 1",
    "Label": "Unit base",
}
SMS_TEXT = {
    "ToCountry": "US",
    "ToState": "CA",
    "SmsMessageSid": "SMbe794ce78f6b9fdf853d2acb76c080db",
    "NumMedia": "0",
    "ToCity": "SAN BRUNO",
    "FromZip": "",
    "SmsSid": "SMbe794ce78f6b9fdf853d2acb76c080db",
    "FromState": "",
    "SmsStatus": "received",
    "FromCity": "",
    "Body": "STOP",
    "FromCountry": "NG",
    "To": "+16505558225",
    "ToZip": "94030",
    "NumSegments": "1",
    "MessageSid": "SMbe794ce78f6b9fdf853d2acb76c080db",
    "AccountSid": ACCOUNT_SID,
    "From": "+2348051234567",
    "ApiVersion": "2010-04-01",
}

INBOUND_CASES = {
    "whatsapp text": (
        WHATSAPP_TEXT,
        Incoming("whatsapp", "SM1f0e8ae6ade43cb3c0ce4525424e404f", "+2348030000001",
                 "Yes, I can do the Lekki location on Monday"),
    ),
    "whatsapp image with caption": (
        WHATSAPP_IMAGE,
        Incoming("whatsapp", "MM7c1d5e0f2a3b4c5d6e7f8a9b0c1d2e3f", "+2348030000001",
                 "My costume fitting photo", media=(Media(MEDIA_URL, "image/jpeg"),)),
    ),
    "whatsapp location pin": (
        WHATSAPP_LOCATION,
        Incoming("whatsapp", "SM9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d", "+2348030000001", "",
                 position=(6.4474, 3.4723)),
    ),
    "sms text": (
        SMS_TEXT,
        Incoming("sms", "SMbe794ce78f6b9fdf853d2acb76c080db", "+2348051234567", "STOP"),
    ),
    "sms with only the legacy SmsSid": (
        {key: value for key, value in SMS_TEXT.items() if key != "MessageSid"},
        Incoming("sms", "SMbe794ce78f6b9fdf853d2acb76c080db", "+2348051234567", "STOP"),
    ),
}


@pytest.mark.parametrize("form, expected", INBOUND_CASES.values(), ids=INBOUND_CASES.keys())
def test_inbound_payloads_become_incoming_messages(form, expected):
    assert parse_inbound(form) == expected


MALFORMED_INBOUND = {
    "no From": ({k: v for k, v in WHATSAPP_TEXT.items() if k != "From"}, "no From"),
    "no message sid at all": (
        {k: v for k, v in SMS_TEXT.items() if k not in ("MessageSid", "SmsSid")}, "no SmsSid"),
    "From is not a phone number": ({**SMS_TEXT, "From": "MTN-PROMO"}, "not a phone number"),
    "NumMedia promises a file that is missing": (
        {k: v for k, v in WHATSAPP_IMAGE.items() if k != "MediaUrl0"}, "no MediaUrl0"),
    "NumMedia is not a number": ({**WHATSAPP_TEXT, "NumMedia": "one"}, "NumMedia"),
    "latitude without longitude": (
        {k: v for k, v in WHATSAPP_LOCATION.items() if k != "Longitude"}, "both Latitude and Longitude"),
    "position is not numeric": ({**WHATSAPP_LOCATION, "Latitude": "north"}, "not numeric"),
}


@pytest.mark.parametrize("form, message", MALFORMED_INBOUND.values(), ids=MALFORMED_INBOUND.keys())
def test_malformed_inbound_payloads_are_refused_with_a_reason(form, message):
    with pytest.raises(MalformedWebhook, match=message):
        parse_inbound(form)


STATUS_DELIVERED = {
    "ChannelToAddress": "+23480300XXXXX",
    "ApiVersion": "2010-04-01",
    "MessageStatus": "delivered",
    "SmsSid": "SM5d2f9a7c4b1e8f3a6d9c2b5e8f1a4d7c",
    "SmsStatus": "delivered",
    "ChannelInstallSid": "XE0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e",
    "To": "whatsapp:+2348030000001",
    "From": SANDBOX,
    "MessageSid": "SM5d2f9a7c4b1e8f3a6d9c2b5e8f1a4d7c",
    "AccountSid": ACCOUNT_SID,
    "ChannelPrefix": "whatsapp",
}
STATUS_FAILED = {
    "ErrorCode": "30008",
    "SmsSid": "SM0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f",
    "SmsStatus": "failed",
    "MessageStatus": "failed",
    "To": "+2348051234567",
    "MessageSid": "SM0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f",
    "AccountSid": ACCOUNT_SID,
    "From": "+15005550006",
    "ApiVersion": "2010-04-01",
}
STATUS_READ = {**STATUS_DELIVERED, "MessageStatus": "read", "SmsStatus": "read"}

STATUS_CASES = {
    "whatsapp delivered": (
        STATUS_DELIVERED, StatusUpdate("SM5d2f9a7c4b1e8f3a6d9c2b5e8f1a4d7c", "delivered", None)),
    "sms failed with 30008": (
        STATUS_FAILED, StatusUpdate("SM0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f", "failed", 30008)),
    "whatsapp read": (
        STATUS_READ, StatusUpdate("SM5d2f9a7c4b1e8f3a6d9c2b5e8f1a4d7c", "read", None)),
    "empty ErrorCode means none": (
        {**STATUS_DELIVERED, "ErrorCode": ""},
        StatusUpdate("SM5d2f9a7c4b1e8f3a6d9c2b5e8f1a4d7c", "delivered", None)),
}


@pytest.mark.parametrize("form, expected", STATUS_CASES.values(), ids=STATUS_CASES.keys())
def test_status_callbacks_become_status_updates(form, expected):
    assert parse_status_callback(form) == expected


MALFORMED_STATUS = {
    "no MessageSid": ({k: v for k, v in STATUS_DELIVERED.items() if k != "MessageSid"}, "no MessageSid"),
    "no MessageStatus": (
        {k: v for k, v in STATUS_DELIVERED.items() if k != "MessageStatus"}, "no MessageStatus"),
    "unknown status": ({**STATUS_DELIVERED, "MessageStatus": "lost"}, "not a Twilio message status"),
    "ErrorCode is not a number": ({**STATUS_FAILED, "ErrorCode": "thirty"}, "ErrorCode"),
}


@pytest.mark.parametrize("form, message", MALFORMED_STATUS.values(), ids=MALFORMED_STATUS.keys())
def test_malformed_status_callbacks_are_refused_with_a_reason(form, message):
    with pytest.raises(MalformedWebhook, match=message):
        parse_status_callback(form)


# Twilio's published example (TwilioDevEd/api-snippets, security/signature_validation): a fixed
# vector, so these tests do not just agree with whatever RequestValidator computes today.
DOCS_TOKEN = "12345"
DOCS_URL = "https://mycompany.com/myapp.php?foo=1&bar=2"
DOCS_PARAMS = {
    "CallSid": "CA1234567890ABCDE",
    "Caller": "+14158675310",
    "Digits": "1234",
    "From": "+14158675310",
    "To": "+18005551212",
}
DOCS_SIGNATURE = "GvWf1cFY/Q7PnoempGyD5oXAezc="

SIGNATURE_CASES = {
    "valid": (DOCS_TOKEN, DOCS_URL, DOCS_PARAMS, DOCS_SIGNATURE, True),
    "valid when the url carries the default port": (
        DOCS_TOKEN, "https://mycompany.com:443/myapp.php?foo=1&bar=2", DOCS_PARAMS, DOCS_SIGNATURE, True),
    "wrong auth token": ("54321", DOCS_URL, DOCS_PARAMS, DOCS_SIGNATURE, False),
    "tampered param": (DOCS_TOKEN, DOCS_URL, {**DOCS_PARAMS, "Digits": "9999"}, DOCS_SIGNATURE, False),
    "added param": (DOCS_TOKEN, DOCS_URL, {**DOCS_PARAMS, "Body": "hi"}, DOCS_SIGNATURE, False),
    "other url": (DOCS_TOKEN, "https://mycompany.com/other.php", DOCS_PARAMS, DOCS_SIGNATURE, False),
    "missing header": (DOCS_TOKEN, DOCS_URL, DOCS_PARAMS, None, False),
    "empty header": (DOCS_TOKEN, DOCS_URL, DOCS_PARAMS, "", False),
}


@pytest.mark.parametrize(
    "token, url, params, signature, expected", SIGNATURE_CASES.values(), ids=SIGNATURE_CASES.keys()
)
def test_signature_check(token, url, params, signature, expected):
    assert verify_signature(token, url, params, signature) is expected
