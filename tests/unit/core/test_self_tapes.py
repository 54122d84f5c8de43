"""Self-tapes sent with an application: links from the chat, voice, video or photo, a few at most."""
import pytest

from core.errors import Rejected
from core.self_tapes import MAX_SELF_TAPES, checked_self_tapes

VOICE = {"url": "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1", "content_type": "audio/ogg"}


def test_a_voice_note_is_kept_as_its_link_and_kind():
    assert checked_self_tapes([{**VOICE, "extra": 1}]) == (VOICE,)


@pytest.mark.parametrize("items, says", [
    ([{**VOICE, "url": "http://example.com/a.ogg"}], "https"),
    ([{**VOICE, "content_type": "application/zip"}], "voice note, a video or a photo"),
    ([VOICE] * (MAX_SELF_TAPES + 1), "at most"),
])
def test_anything_else_is_refused_with_the_reason(items, says):
    with pytest.raises(Rejected, match=says):
        checked_self_tapes(items)
