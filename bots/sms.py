"""What a reply costs on SMS, and how to make a long one fit.

A feature phone gets text as GSM-7 septets (GSM 03.38) when every character is in the GSM alphabet,
otherwise as UCS-2: one diacritic Yoruba ọ or Igbo ụ, or one naira sign ₦, turns a 160-character
message into a 70-character one. The text is judged exactly as given: a decomposed "é" (e plus a
combining accent) is UCS-2 even though the precomposed "é" is GSM-7, so send NFC text.
"""
import re

# GSM 03.38 basic character set: one septet each. The escape code (0x1B) is not a character.
GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
# The extension table: reached through the escape code, so two septets each.
GSM_EXTENSION = frozenset("\f^{}\\[~]|€")

SINGLE_GSM_SEPTETS = 160
# A long message carries a 6-byte header in each part, which leaves 153 septets or 67 UCS-2 units.
PART_GSM_SEPTETS = 153
SINGLE_UCS2_UNITS = 70
PART_UCS2_UNITS = 67

# What a shortened reply ends with: "…" costs nothing extra once the text is UCS-2 anyway,
# but would switch a GSM-7 text to UCS-2, so GSM-7 text gets three dots.
CUT_MARK = {"GSM-7": "...", "UCS-2": "…"}


def encoding(text: str) -> str:
    """"GSM-7" when every character is in the GSM 03.38 basic or extension table, else "UCS-2"."""
    if all(char in GSM_BASIC or char in GSM_EXTENSION for char in text):
        return "GSM-7"
    return "UCS-2"


def segments(text: str) -> int:
    """How many SMS parts the text is sent as (an empty text still goes as one)."""
    if encoding(text) == "GSM-7":
        costs = [2 if char in GSM_EXTENSION else 1 for char in text]
        return _parts(costs, SINGLE_GSM_SEPTETS, PART_GSM_SEPTETS)
    # UTF-16 code units: an emoji outside the Basic Multilingual Plane is a surrogate pair.
    costs = [2 if ord(char) > 0xFFFF else 1 for char in text]
    return _parts(costs, SINGLE_UCS2_UNITS, PART_UCS2_UNITS)


def _parts(costs: list[int], single: int, part: int) -> int:
    if sum(costs) <= single:
        return 1
    # Phones never split an escape pair or a surrogate pair across two parts, so fill part by part.
    count, used = 1, 0
    for cost in costs:
        if used + cost > part:
            count, used = count + 1, 0
        used += cost
    return count


def fit_sms(text: str, max_segments: int = 2) -> str:
    """The text, shortened only if it takes more than `max_segments` parts.

    A list (a reply of three or more lines) loses whole lines from the bottom of its body first,
    keeping its first line (what the list is) and last line (what to reply), with a "… +N" line
    saying how many were left out. If that is not enough, the text is cut at the last whole word
    that fits and ends with "…" ("..." on GSM-7, so the cut never changes the encoding).
    """
    if max_segments < 1:
        raise ValueError(f"an SMS reply needs at least one segment, not {max_segments}")
    if segments(text) <= max_segments:
        return text
    lines = text.split("\n")
    if len(lines) >= 3:
        head, body, tail = lines[0], lines[1:-1], lines[-1]
        for kept in range(len(body) - 1, -1, -1):
            mark = _mark(text) + f" +{len(body) - kept}"
            shorter = "\n".join([head, *body[:kept], mark, tail])
            if segments(shorter) <= max_segments:
                return shorter
    return _cut_at_word(text, max_segments)


def _mark(text: str) -> str:
    return CUT_MARK[encoding(text)]


def _cut_at_word(text: str, max_segments: int) -> str:
    mark = _mark(text)
    # Word ends: every place just before whitespace; the longest prefix that fits wins.
    at_words = _longest_fit(text, [match.start() for match in re.finditer(r"\s", text)], mark, max_segments)
    if at_words is not None:
        return at_words
    # One word longer than the whole budget (a pasted link, say): cut it by characters.
    return _longest_fit(text, list(range(len(text))), mark, max_segments) or mark


def _longest_fit(text: str, cuts: list[int], mark: str, max_segments: int) -> str | None:
    low, high, best = 0, len(cuts) - 1, None
    while low <= high:  # parts only grow with the prefix, so a binary search finds the longest
        middle = (low + high) // 2
        candidate = _with_mark(text[: cuts[middle]], mark)
        if segments(candidate) <= max_segments:
            best, low = candidate, middle + 1
        else:
            high = middle - 1
    return best


def _with_mark(prefix: str, mark: str) -> str:
    # "rate ₦45,000," would read badly as "rate ₦45,000,…": drop the dangling punctuation.
    return prefix.rstrip().rstrip(",;:-") + mark
