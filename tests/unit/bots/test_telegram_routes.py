"""The webhook's checks that need no server: the secret token and what counts as an Update."""
import pytest
from telegram import Bot

from bots.telegram_routes import MalformedUpdate, read_update, secret_matches


@pytest.mark.parametrize("configured, given, matches", [
    ("s3cret-token_A", "s3cret-token_A", True),
    ("s3cret-token_A", "s3cret-token_B", False),
    ("s3cret-token_A", None, False),
    ("s3cret-token_A", "", False),
    ("", "", False),  # no secret configured: nothing gets in unchecked
])
def test_only_the_configured_secret_opens_the_webhook(configured, given, matches):
    assert secret_matches(configured, given) is matches


@pytest.mark.parametrize("body", [[], "update", {"message": {}}, {"update_id": "12"}, None])
def test_a_body_that_is_not_an_update_is_refused(body):
    with pytest.raises(MalformedUpdate):
        read_update(body, Bot("1:unit"))


def test_an_update_is_read_with_its_id():
    update = read_update({"update_id": 99, "message": {"message_id": 1, "date": 1, "text": "hi",
                                                       "chat": {"id": 5, "type": "private"}}}, Bot("1:unit"))
    assert update.update_id == 99 and update.message.text == "hi"
