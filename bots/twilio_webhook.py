"""What Twilio posts to us, read into channel-neutral shapes: inbound messages and status updates.

Pure functions over the form fields, so the web layer only has to read the request and answer.
"""
from collections.abc import Mapping
from dataclasses import dataclass

from twilio.request_validator import RequestValidator

from bots.channels.base import Incoming, Media
from core.errors import Rejected
from core.phones import to_e164

WHATSAPP_PREFIX = "whatsapp:"
# Twilio's documented outbound message states (twilio.com/docs/messaging/api/message-resource).
MESSAGE_STATUSES = frozenset({
    "accepted", "scheduled", "canceled", "queued", "sending", "sent",
    "delivered", "read", "failed", "undelivered",
})


class MalformedWebhook(ValueError):
    """The payload lacks what every Twilio webhook of its kind carries: answer 400, do not retry."""


@dataclass(frozen=True)
class StatusUpdate:
    """Twilio's news about a message we sent."""

    provider_id: str
    status: str
    error_code: int | None = None


def verify_signature(
    auth_token: str, url: str, form_params: Mapping[str, str], signature: str | None
) -> bool:
    """True when X-Twilio-Signature matches; `url` must be the public URL Twilio called."""
    if not signature:
        return False
    return RequestValidator(auth_token).validate(url, form_params, signature)


def parse_inbound(form: Mapping[str, str]) -> Incoming:
    """One WhatsApp or SMS message from a person."""
    raw_sender = _required(form, "From")
    try:
        sender = to_e164(raw_sender)
    except Rejected as error:
        raise MalformedWebhook(f"From {raw_sender!r} is not a phone number.") from error
    return Incoming(
        channel="whatsapp" if raw_sender.startswith(WHATSAPP_PREFIX) else "sms",
        provider_id=form.get("MessageSid") or _required(form, "SmsSid"),
        sender=sender,
        # Media-only messages and location pins arrive with an empty Body.
        text=form.get("Body", ""),
        media=_media(form),
        position=_position(form),
    )


def parse_status_callback(form: Mapping[str, str]) -> StatusUpdate:
    """One delivery report for a message we sent."""
    status = _required(form, "MessageStatus")
    if status not in MESSAGE_STATUSES:
        raise MalformedWebhook(f"MessageStatus {status!r} is not a Twilio message status.")
    return StatusUpdate(
        provider_id=_required(form, "MessageSid"),
        status=status,
        error_code=_optional_int(form, "ErrorCode"),
    )


def _required(form: Mapping[str, str], name: str) -> str:
    value = form.get(name)
    if not value:
        raise MalformedWebhook(f"Twilio webhook has no {name}.")
    return value


def _optional_int(form: Mapping[str, str], name: str) -> int | None:
    value = form.get(name)
    if not value:
        return None
    try:
        return int(value)
    except ValueError as error:
        raise MalformedWebhook(f"{name} {value!r} is not a number.") from error


def _media(form: Mapping[str, str]) -> tuple[Media, ...]:
    count = _optional_int(form, "NumMedia") or 0
    return tuple(
        Media(url=_required(form, f"MediaUrl{i}"), content_type=_required(form, f"MediaContentType{i}"))
        for i in range(count)
    )


def _position(form: Mapping[str, str]) -> tuple[float, float] | None:
    latitude, longitude = form.get("Latitude"), form.get("Longitude")
    if not latitude and not longitude:
        return None
    if not (latitude and longitude):
        raise MalformedWebhook("A location share needs both Latitude and Longitude.")
    try:
        return float(latitude), float(longitude)
    except ValueError as error:
        raise MalformedWebhook(f"Position {latitude!r}, {longitude!r} is not numeric.") from error
