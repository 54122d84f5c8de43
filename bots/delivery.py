"""The rules of delivering one message, as pure functions over its record and the time.

workers/messaging.py does the I/O (CouchDB, Redis, the channel); everything it decides comes
from here: when a message waits (quiet hours, a retry), which channel it goes on (the WhatsApp
24-hour window, the SMS fallback), what the person sees (numbered choices or buttons, an approved
template's variables) and how its record changes (the state history).
"""
import hashlib
import math
import re
import string
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from bots import sms
from workers.queues import SEND_JITTER_FRACTION, SEND_TRIES, SEND_TRY_WAITS_S

PRODUCTION_TIME_ZONE = ZoneInfo("Africa/Lagos")
# Quiet hours, Lagos time: nothing ordinary is sent from 21:00 until 07:00.
QUIET_FROM = time(21, 0)
QUIET_UNTIL = time(7, 0)
QUIET_REASON = "quiet hours (21:00 to 07:00 Lagos time)"
# Someone who wrote to us this recently is answered even in quiet hours: they are awake.
REPLY_GRACE_S = 30 * 60
# The inbound worker's answer to a message (OutboundMessage id "reply.<...>"): it exists only
# because the person has just written, on the channel it goes back on.
DIRECT_REPLY_PREFIX = "message:reply."
# WhatsApp lets a business write freely for 24 hours after the person's last message.
WHATSAPP_WINDOW_S = 24 * 3600
# The same text to the same person more than this many times an hour is a bug or a loop.
IDENTICAL_LIMIT = 3
IDENTICAL_WINDOW_S = 3600
IDENTICAL_REASON = "identical message limit"
# A failure on these channels gets one more try by SMS: most of the crew have a phone line.
FALLBACK_FROM = frozenset({"whatsapp", "telegram"})
FALLBACK_CHANNEL = "sms"
# Twilio's error codes that change what we do after a status callback.
CONTACT_STOPPED_CODES = frozenset({21610})
OUTSIDE_WINDOW_CODE = 63016
# Later states win; a late "sent" callback never undoes "delivered".
STATE_RANK = {"queued": 0, "deferred": 0, "sent": 1, "delivered": 2, "read": 3, "undelivered": 4, "failed": 4}
FAILED_STATES = frozenset({"failed", "undelivered"})
# A WhatsApp template variable may hold no newline and no run of spaces (Twilio error 63013);
# Twilio advises values under 250 characters.
TEMPLATE_VARIABLE_MAX_CHARS = 250


def sendable(message: dict) -> bool:
    """True while the send job has something to do: a first send, or the SMS copy owed."""
    return message["state"] in ("queued", "deferred") or message.get("fallback") == "pending"


def settled(message: dict) -> bool:
    """Nothing more will be sent for this message (no retry, no deferral, no SMS copy owed)."""
    return not sendable(message)


def quiet_until(now: datetime) -> datetime | None:
    """The 07:00 Lagos time an ordinary message queued at `now` waits for; None outside quiet hours."""
    local = now.astimezone(PRODUCTION_TIME_ZONE)
    if QUIET_UNTIL <= local.time() < QUIET_FROM:
        return None
    day = local.date() if local.time() < QUIET_UNTIL else local.date() + timedelta(days=1)
    return datetime.combine(day, QUIET_UNTIL, PRODUCTION_TIME_ZONE)


def may_disturb(message: dict, last_inbound: datetime | None, now: datetime) -> bool:
    """Whether quiet hours let this message go now.

    Same-day call changes (`urgent`) and sign-in codes always go; so does an answer to someone
    who wrote to us in the last half hour; and a message already deferred once is not held twice."""
    if message.get("urgent") or message.get("sensitive") or was_deferred(message) or is_direct_reply(message):
        return True
    return last_inbound is not None and (now - last_inbound).total_seconds() <= REPLY_GRACE_S


def is_direct_reply(message: dict) -> bool:
    return message["_id"].startswith(DIRECT_REPLY_PREFIX)


def was_deferred(message: dict) -> bool:
    return any(entry["state"] == "deferred" for entry in message["history"])


def whatsapp_window_open(last_inbound: datetime | None, now: datetime) -> bool:
    return last_inbound is not None and (now - last_inbound).total_seconds() < WHATSAPP_WINDOW_S


def next_try(message: dict, channel: str) -> int:
    """The number of the try about to be made on `channel` (1 for the first)."""
    return 1 + sum(1 for e in message["history"] if e["state"] == "retrying" and e.get("channel") == channel)


def retry_wait_s(doc_id: str, try_number: int, retry_after_s: float | None = None) -> int:
    """Seconds to wait after failed try `try_number` (never less than the provider asked for).

    The jitter comes from the message id, not a random draw: a 150-message call-sheet fan-out
    that hits a Twilio outage comes back spread over a minute, and a test can predict it."""
    base_s = SEND_TRY_WAITS_S[try_number - 1]
    spread = int.from_bytes(hashlib.sha256(f"{doc_id}:{try_number}".encode()).digest()[:4]) / 2**32
    wait_s = base_s * (1 + SEND_JITTER_FRACTION * (2 * spread - 1))
    return math.ceil(max(wait_s, retry_after_s or 0))


def last_try(try_number: int) -> bool:
    return try_number >= SEND_TRIES


def may_fall_back(message: dict, channel: str) -> bool:
    """One SMS copy per message, never more, and only from a channel that is not SMS already.

    A sign-in code reported failed after its send has forgotten its code: no copy, the person
    asks for a new one (and a code to someone with no open WhatsApp window goes by SMS anyway)."""
    if message.get("sensitive") and not message.get("params"):
        return False
    return channel in FALLBACK_FROM and message.get("fallback") is None


def with_choices(text: str, choices: list[str] | None, channel: str, whole: bool = False) -> tuple[str, dict]:
    """The text and channel extras for a message that offers choices.

    Telegram gets a keyboard whose buttons carry the numbers ("1. YES"), so a tap and a typed
    "1" reach the engine alike. Twilio's Messages API has no buttons without an approved
    Content template per message, so WhatsApp and SMS get numbered lines; on SMS they are made
    to fit (sms_with_choices). `whole`: wording that is never cut (a consent), choices added."""
    if not choices:
        return text, {}
    numbered = [f"{number}. {label}" for number, label in enumerate(choices, start=1)]
    if channel == "telegram":
        return text, {"buttons": [[label] for label in numbered]}
    if channel == "sms":
        return (f"{text}\n{_tight(numbered)}" if whole else sms_with_choices(text, numbered)), {}
    return text + "\n" + "\n".join(numbered), {}


SMS_PARTS_WITH_CHOICES = 3  # one part more than a reply, rather than cut the question or a choice


def sms_with_choices(text: str, numbered: list[str]) -> str:
    """The question and its numbered choices on SMS, in as few parts as they fit whole: two if
    they can (a line each, else all on one line, closer together), else three. Only a list
    too long even for three (job lines) loses lines from the bottom (bots.sms.fit_sms)."""
    layouts = ("\n".join(numbered), _tight(numbered))
    for parts in (2, SMS_PARTS_WITH_CHOICES):
        for choices in layouts:
            if sms.segments(f"{text}\n{choices}") <= parts:
                return f"{text}\n{choices}"
    return sms.fit_sms(f"{text}\n" + "\n".join(numbered), SMS_PARTS_WITH_CHOICES)


def _tight(numbered: list[str]) -> str:
    return " ".join(label.replace(". ", ".", 1) for label in numbered)  # "1.Camera 2.Lighting"


def content_variables(english: str, fields: dict) -> dict[str, str]:
    """An approved WhatsApp template's variables: {{1}} is the English reply's first placeholder,
    {{2}} the next new one, and so on, whatever language the template is approved in."""
    variables: dict[str, str] = {}
    seen: set[str] = set()
    formatter = string.Formatter()
    for _, name, _, _ in formatter.parse(english):
        if name is None or name in seen:
            continue
        seen.add(name)
        value = str(formatter.get_field(name, (), fields)[0])
        flat = re.sub(r"\s+", " ", value).strip() or "-"  # WhatsApp refuses an empty variable
        if len(flat) > TEMPLATE_VARIABLE_MAX_CHARS:
            flat = flat[: TEMPLATE_VARIABLE_MAX_CHARS - 1] + "…"
        variables[str(len(variables) + 1)] = flat
    return variables


def advanced(message: dict, entries: list[dict], fields: dict | None = None, new_attempt: bool = False) -> dict | None:
    """The record after these history entries (None when nothing changes: a repeated callback).

    An entry with a state of STATE_RANK moves the record's state when it ranks at least as high,
    unless it is news about an earlier attempt (another provider id). A new attempt's "sent"
    (the SMS copy after a WhatsApp failure) moves it whatever the rank. Other entries
    (retrying, fallback) are history only."""
    updated = {**message, "history": list(message["history"]), **(fields or {})}
    changed = bool(fields) and any(message.get(key) != value for key, value in fields.items())
    for entry in entries:
        if _seen(updated["history"], entry):
            continue
        updated["history"].append(entry)
        changed = True
        state = entry["state"]
        if state not in STATE_RANK or (not new_attempt and _about_earlier_attempt(updated, entry)):
            continue
        if new_attempt or STATE_RANK[state] >= STATE_RANK.get(updated["state"], 0):
            kept = {key: entry[key] for key in ("provider_id", "channel", "text") if key in entry}
            updated.update(state=state, **kept)
    return updated if changed else None


def _about_earlier_attempt(message: dict, entry: dict) -> bool:
    current = message.get("provider_id")
    return bool(current and entry.get("provider_id") and entry["provider_id"] != current)


def _seen(history: list[dict], entry: dict) -> bool:
    if entry["state"] == "queued":
        return False
    return any(_identity(earlier) == _identity(entry) for earlier in history)


def _identity(entry: dict) -> tuple:
    """What makes two entries the same news: a provider's message and its state, else the
    state on a channel at a try (a status Twilio reports twice is recorded once)."""
    if entry.get("provider_id"):
        return entry["state"], entry["provider_id"]
    return entry["state"], entry.get("channel"), entry.get("try")
