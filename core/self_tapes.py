"""Self-tapes sent in a chat with an application: a voice note, a photo or a video, kept as the
channel's link to the file (Twilio's media URL, or Telegram's with "{token}" in place of the
bot's token). Transcribing and re-encoding them is the media workers' job."""
from core.errors import Rejected

MAX_SELF_TAPES = 5  # what one WhatsApp message can carry, with room for a second
KINDS = ("audio/", "video/", "image/")
MAX_URL_CHARS = 500


def checked_self_tapes(items: list[dict]) -> tuple[dict, ...]:
    """Each file as {"url", "content_type"}, or Rejected saying what is wrong with it."""
    if len(items) > MAX_SELF_TAPES:
        raise Rejected("Send at most {most} files with an application.", most=MAX_SELF_TAPES)
    checked = []
    for item in items:
        url, kind = item.get("url"), item.get("content_type")
        if not isinstance(url, str) or not url.startswith("https://") or len(url) > MAX_URL_CHARS:
            raise Rejected("A self-tape must come as a link from the chat (https).")
        if not isinstance(kind, str) or not kind.startswith(KINDS):
            raise Rejected("A self-tape is a voice note, a video or a photo; send one of those.")
        checked.append({"url": url, "content_type": kind})
    return tuple(checked)
