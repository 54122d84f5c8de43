"""Phone numbers: a person is their number in E.164."""
import phonenumbers

from core.errors import Rejected

DEFAULT_REGION = "NG"


def to_e164(raw: str, region: str = DEFAULT_REGION) -> str:
    """'0803 000 0001', 'whatsapp:+2348030000001' and '+234 803...' all give '+2348030000001'."""
    text = raw.strip()
    if ":" in text:  # channel prefixes such as "whatsapp:" or "tel:"
        text = text.split(":", 1)[1]
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as error:
        raise Rejected("{number} is not a phone number.", number=repr(raw)) from error
    if not phonenumbers.is_valid_number(number):
        raise Rejected("{number} is not a valid phone number.", number=repr(raw))
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
