"""The JSON-over-HTTPS call Paystack and Flutterwave share, failures typed by what to do next,
and the exact conversion of the major-unit amounts Flutterwave speaks.

JSON numbers are read as Decimal (never float), so "1500.5" is exactly 150050 kobo. An amount
with a fraction of a minor unit is not rounded: it is refused, because a gateway that reports
one is telling us something we do not understand about the money.
"""
import asyncio
import contextlib
import json
import weakref
from collections.abc import AsyncIterator
from decimal import Decimal, InvalidOperation

import aiohttp

from core.money import CURRENCIES, Money
from core.payments import GatewayBadConfig, GatewayError, GatewayRetryable, PaymentRefused

REQUEST_TIMEOUT_S = 30.0
# A 429 without Retry-After: wait as long as Paystack's documented rate-limit window.
RATE_LIMITED_WAIT_S = 60.0


# Locks by our reference, alive only while someone holds or waits on one.
_IN_FLIGHT: "weakref.WeakValueDictionary[str, asyncio.Lock]" = weakref.WeakValueDictionary()


@contextlib.asynccontextmanager
async def one_at_a_time(reference: str) -> AsyncIterator[None]:
    """Serialise look-up-then-create for one reference inside this process. Paystack and
    Flutterwave refunds have no idempotency key, so two concurrent tries could both miss the
    look-up; across processes the caller's RQ job id (one job per reference) does the same."""
    lock = _IN_FLIGHT.get(reference)
    if lock is None:
        lock = _IN_FLIGHT[reference] = asyncio.Lock()
    async with lock:
        yield


def read_json(text: str) -> dict:
    return json.loads(text, parse_float=Decimal)


def timeout() -> aiohttp.ClientTimeout:
    return aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S)


async def call(session: aiohttp.ClientSession, provider: str, method: str, url: str, secret_key: str, *,
               body: dict | None = None, params: dict | None = None) -> tuple[int, dict]:
    """One request; returns (HTTP status, JSON body) for 2xx and the 4xx a caller can interpret.
    Raises GatewayRetryable (network, 5xx, 429, garbled answer) or GatewayBadConfig (401/403)."""
    headers = {"Authorization": f"Bearer {secret_key}"}
    try:
        async with session.request(method, url, json=body, params=params, headers=headers) as answer:
            status, text, retry_after = answer.status, await answer.text(), answer.headers.get("Retry-After")
    except (aiohttp.ClientError, TimeoutError) as error:
        raise GatewayRetryable(f"{provider} could not be reached ({type(error).__name__}).") from error
    if status in (401, 403):
        raise GatewayBadConfig(f"{provider} refused our secret key (HTTP {status}).", str(status))
    if status == 429:
        wait_s = float(retry_after) if (retry_after or "").isdigit() else RATE_LIMITED_WAIT_S
        raise GatewayRetryable(f"{provider} asks us to slow down.", "429", retry_after_s=wait_s)
    if status >= 500:
        raise GatewayRetryable(f"{provider} failed on its side (HTTP {status}).", str(status))
    try:
        parsed = read_json(text)
    except ValueError as error:
        raise GatewayRetryable(f"{provider} sent an answer we cannot read (HTTP {status}).") from error
    if not isinstance(parsed, dict):
        raise GatewayRetryable(f"{provider} sent an answer we cannot read (HTTP {status}).")
    return status, parsed


def refused(provider: str, answer: dict, status: int) -> PaymentRefused:
    message = str(answer.get("message") or "no reason given")
    return PaymentRefused(f"{provider} refused: {message}", code=str(status))


def minor_from_major(value: object, currency: str) -> Money:
    """Flutterwave's 1500.5 NGN -> Money(150050, "NGN"), exactly, or GatewayError."""
    if isinstance(value, float) or isinstance(value, bool):
        raise GatewayError(f"Amount {value!r} came as a binary fraction; we never handle money that way.")
    try:
        major = Decimal(str(value))
    except InvalidOperation as error:
        raise GatewayError(f"Amount {value!r} is not a number.") from error
    minor = major.scaleb(CURRENCIES[currency])
    if minor != minor.to_integral_value():
        raise GatewayError(f"Amount {value} {currency} has a fraction of a minor unit.")
    return Money(int(minor), currency)


def major_text(amount: Money) -> str:
    """Money(150050, "NGN") -> "1500.50": integer arithmetic, no rounding anywhere."""
    digits = CURRENCIES[amount.currency]
    major, minor = divmod(abs(amount.amount_minor), 10 ** digits)
    sign = "-" if amount.amount_minor < 0 else ""
    return f"{sign}{major}.{minor:0{digits}d}"


def placeholder_email(phone: str | None, domain: str) -> str:
    """Paystack and Flutterwave need an email; many crew members have only a phone."""
    digits = "".join(ch for ch in (phone or "") if ch.isdigit())
    return f"{digits or 'payer'}@{domain}"
