"""What the Telegram bot says while linking a chat to a phone number (English source texts;
the i18n helper's catalogs take them from TELEGRAM_TEMPLATES like bots.replies.TEMPLATES)."""

SHARE_BUTTON = "telegram_share_button"

TELEGRAM_TEMPLATES = {
    SHARE_BUTTON: "Share my phone number",
    "telegram_link_needed": (
        "Welcome to NollyCrew! To use this chat, link it to your phone number: tap "
        "\"Share my phone number\" below, or type your number (e.g. 0803 123 4567) and we will "
        "send you a code by SMS."
    ),
    "telegram_not_your_contact": (
        "That is someone else's contact card. To link this chat, share your OWN number with the "
        "\"Share my phone number\" button, or type your number."
    ),
    "telegram_bad_number": "{number} is not a phone number we can use. Type it like 0803 123 4567.",
    "telegram_code_sent": (
        "We sent a 6-digit code by SMS to {phone}. Type it here within {minutes} minutes."
    ),
    "telegram_code_refused": "{reason} Or type your phone number again for a new code.",
    "telegram_too_many_codes": (
        "We have sent {phone} too many codes today. Try again tomorrow, or share your number "
        "with the button instead."
    ),
    "telegram_linked": (
        "Done: this chat is linked to {phone}. You will get your NollyCrew messages here. "
        "Reply JOBS to see open jobs, HELP for all commands."
    ),
}
