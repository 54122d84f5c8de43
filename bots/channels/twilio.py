"""One Twilio adapter for WhatsApp and SMS: the same Messages API, told apart by an address prefix.

Twilio's failures are turned into send errors typed by what the caller should do next
(see base.py); the error codes are Twilio's documented ones (twilio.com/docs/api/errors).
"""
import requests
from twilio.base.exceptions import TwilioRestException, TwilioServiceException
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

from bots.channels.base import (
    BadConfig,
    BadRecipient,
    Channel,
    ContactStopped,
    Outgoing,
    Retryable,
    SendError,
    Sent,
    Throttled,
)

TWILIO_API_BASE = "https://api.twilio.com"
# requests waits forever by default; a stuck connection must not hold a worker for good.
SEND_TIMEOUT_S = 15.0
# TwilioRestException does not carry the response headers, so Retry-After is out of reach;
# a minute lets a full Twilio queue drain before we add to it again.
THROTTLED_WAIT_S = 60.0
ADDRESS_PREFIXES = {"whatsapp": "whatsapp:", "sms": ""}

CONTACT_STOPPED_CODES = frozenset({21610})  # the person replied STOP
BAD_RECIPIENT_CODES = frozenset({
    21211,  # invalid 'To' number
    21612,  # Twilio cannot route to this number
    21614,  # 'To' is not a mobile number
    63003,  # the channel could not find the destination (no WhatsApp account)
})
BAD_CONFIG_CODES = frozenset({
    20003,  # authentication failed
    21212,  # invalid 'From' number
    21606,  # 'From' is not a Twilio number able to send this
    21659,  # 'From' is not a Twilio number
    63007,  # no WhatsApp sender is set up for 'From'
})
THROTTLED_CODES = frozenset({20429})
HTTP_TOO_MANY_REQUESTS = 429
HTTP_SERVER_ERROR = 500
HTTP_AUTH_STATUSES = frozenset({401, 403})


class TwilioChannel(Channel):
    """Sends through Twilio's Messages API as `name` ("whatsapp" or "sms") from `sender`."""

    def __init__(
        self,
        name: str,
        account_sid: str,
        auth_token: str,
        sender: str,
        api_base: str = TWILIO_API_BASE,
    ):
        if name not in ADDRESS_PREFIXES:
            raise ValueError(f"Twilio serves {sorted(ADDRESS_PREFIXES)}, not {name!r}.")
        # Empty credentials would make twilio-python quietly read TWILIO_* from the environment.
        if not (account_sid and auth_token and sender):
            raise ValueError("Twilio needs an account sid, an auth token and a sender.")
        self.name = name
        self._prefix = ADDRESS_PREFIXES[name]
        self._sender = self._address(sender)
        self._client = Client(
            account_sid, auth_token, http_client=TwilioHttpClient(timeout=SEND_TIMEOUT_S)
        )
        # twilio-python keeps each API domain's root URL on the Domain object; the Api domain
        # hard-codes https://api.twilio.com, so this is how a fake Twilio is reached.
        self._client.api.base_url = api_base

    def send(self, message: Outgoing) -> Sent:
        params: dict = {"to": self._address(message.to), "from_": self._sender}
        if message.text:  # a template send (extra["content_sid"]) may carry no body
            params["body"] = message.text
        if message.media_urls:
            params["media_url"] = list(message.media_urls)
        if message.status_callback:
            params["status_callback"] = message.status_callback
        # extra holds twilio-python's own keyword names, e.g. content_sid, content_variables.
        params.update(message.extra)
        try:
            created = self._client.api.account.messages.create(**params)
        except (TwilioRestException, TwilioServiceException) as error:
            raise typed_error(error) from error
        # A timeout may fall after Twilio accepted the message; the Messages API has no
        # idempotency key, so a retry can send twice. We accept that over losing a message.
        except (requests.ConnectionError, requests.Timeout) as error:
            raise Retryable(f"Twilio could not be reached: {error}") from error
        return Sent(provider_id=created.sid, status=created.status)

    def _address(self, number: str) -> str:
        return number if number.startswith(self._prefix) else f"{self._prefix}{number}"


def typed_error(error: TwilioRestException | TwilioServiceException) -> SendError:
    """What the caller should do about one refused request, by Twilio code then HTTP status."""
    code, status = error.code, error.status
    # str(error) adds terminal colours when stderr is a tty, so the text is built here.
    detail = getattr(error, "msg", None) or getattr(error, "title", "")
    text = f"Twilio refused the message (HTTP {status}, code {code}): {detail}"
    if code in CONTACT_STOPPED_CODES:
        return ContactStopped(text, code)
    if code in BAD_RECIPIENT_CODES:
        return BadRecipient(text, code)
    if code in BAD_CONFIG_CODES or status in HTTP_AUTH_STATUSES:
        return BadConfig(text, code)
    if status == HTTP_TOO_MANY_REQUESTS or code in THROTTLED_CODES:
        return Throttled(text, code, retry_after_s=THROTTLED_WAIT_S)
    if status >= HTTP_SERVER_ERROR:
        return Retryable(text, code)
    # Any other 4xx refuses this one message as it stands (body too long, media URL
    # unreachable, template not approved). BadRecipient drops the message without retry;
    # BadConfig would halt every send on the channel over one message's content.
    return BadRecipient(text, code)
