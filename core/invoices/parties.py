"""Who a document is issued by and to: a name, an address, a tax number where there is one."""
import re

from core.errors import Rejected

NAME_MAX_CHARS, ADDRESS_LINE_MAX_CHARS, ADDRESS_MAX_LINES = 120, 120, 5
# FIRS TINs are eight digits, a hyphen and a four-digit branch code (12345678-0001); the Joint Tax
# Board's are ten digits and the newer tax IDs thirteen. Any of those shapes, nothing else.
TIN_PATTERN = re.compile(r"^(\d{8}-\d{4}|\d{10}|\d{13})$")

# NollyCrew is the issuer of fee receipts; its address is configuration, filled in at the edge.
PLATFORM_NAME = "NollyCrew"


def party(name: str, address_lines: list[str] | tuple[str, ...] = (), tin: str | None = None,
          person_id: str | None = None) -> dict:
    """A party block for a document; address lines in the order they are printed."""
    name = (name or "").strip() if isinstance(name, str) else ""
    if not name:
        raise Rejected("Every invoice and receipt needs the name of who it is from and who it is to.")
    if len(name) > NAME_MAX_CHARS:
        raise Rejected("The name {name}... is longer than {most} letters.", name=repr(name[:30]), most=NAME_MAX_CHARS)
    lines = [line.strip() for line in address_lines if isinstance(line, str) and line.strip()]
    if len(lines) != len([line for line in address_lines if line]) or len(lines) > ADDRESS_MAX_LINES:
        raise Rejected("An address is up to {most} lines of text, none of them blank.", most=ADDRESS_MAX_LINES)
    if any(len(line) > ADDRESS_LINE_MAX_CHARS for line in lines):
        raise Rejected("An address line is up to {most} letters.", most=ADDRESS_LINE_MAX_CHARS)
    block = {"name": name, "address_lines": lines}
    if tin is not None and str(tin).strip():
        if not TIN_PATTERN.match(str(tin).strip()):
            raise Rejected("{tin} is not a Nigerian tax identification number (like 12345678-0001, or 10 or 13 "
                           "digits).", tin=repr(tin))
        block["tin"] = str(tin).strip()
    if person_id:
        block["person_id"] = str(person_id)
    return block


def checked_party(block: dict, role: str) -> dict:
    """A stored party block checked again, e.g. before printing; `role` ("issuer" or "recipient")
    names it in the reason."""
    if not isinstance(block, dict):
        raise Rejected("The document has no issuer." if role == "issuer" else "The document has no recipient.")
    return party(block.get("name", ""), block.get("address_lines", ()), block.get("tin"), block.get("person_id"))
