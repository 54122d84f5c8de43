"""The 4-digit code of each of a person's bookings, for SMS keywords: YES 4821, NO 4821 sick,
LATE 4821 20. (IN 4821 is different: it carries the day's set code the AD shows on set.)

A code only has to tell one person's bookings apart (the sender's number says who they are),
so it is derived, never stored: a hash of the booking id, four digits. Two of the person's
bookings that hash alike are told apart by probing: the older booking keeps the hashed code and
the newer takes the next free one, so a code once shown never changes when a booking is added."""
import hashlib
import re

CODE_DIGITS = 4
_CODE = re.compile(rf"^\d{{{CODE_DIGITS}}}$")


def booking_codes(bookings: list[dict]) -> dict[str, dict]:
    """code -> booking, for all of one person's bookings."""
    taken: dict[str, dict] = {}
    for booking in sorted(bookings, key=lambda b: (b.get("created_at", ""), b["booking_id"])):
        digest = hashlib.sha256(f"booking-code:{booking['booking_id']}".encode()).digest()
        code = int.from_bytes(digest[:4], "big") % 10 ** CODE_DIGITS
        while f"{code:0{CODE_DIGITS}d}" in taken:
            code = (code + 1) % 10 ** CODE_DIGITS
        taken[f"{code:0{CODE_DIGITS}d}"] = booking
    return taken


def code_of(booking: dict, bookings: list[dict]) -> str:
    return next(code for code, b in booking_codes(bookings).items() if b["booking_id"] == booking["booking_id"])


def split_code(rest: str) -> tuple[str, str]:
    """("4821", "sick") from "4821 sick"; ("", rest) when it does not start with a code."""
    parts = rest.split(maxsplit=1)
    if parts and _CODE.match(parts[0]):
        return parts[0], parts[1] if len(parts) > 1 else ""
    return "", rest
