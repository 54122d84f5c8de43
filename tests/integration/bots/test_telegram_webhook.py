"""Telegram's webhook at our door: the secret token checked, each update_id queued once."""
import pytest
from aiohttp.test_utils import TestServer
from rq import Queue
from telegram import Bot

from bots.inbound_guard import RATE_LIMIT
from bots.telegram_routes import SEEN_KEY, point_telegram_here, register_webhook
from tests.fakes.telegram_server import FakeTelegram, text_update
from tests.integration.bots.telegram_stack import SECRET, TOKEN, telegram_settings, webhook_app
from workers import queues

USER_ID = 5550201


@pytest.fixture
async def fake():
    async with FakeTelegram(TOKEN) as fake:
        yield fake


@pytest.fixture
async def our_url(fake, settings, redis):
    """Our webhook app, started (its Application says getMe to the fake), on a loopback port."""
    server = TestServer(webhook_app(telegram_settings(fake.base_url)))
    await server.start_server()
    yield str(server.make_url("/webhooks/telegram"))
    await server.close()


def queued(redis) -> list:
    return Queue(queues.MESSAGES, connection=redis).get_jobs()


async def test_the_application_starts_against_the_bot_api_and_the_webhook_registers(fake, our_url):
    assert "getMe" in fake.calls
    bot = Bot(TOKEN, base_url=fake.base_url)
    async with bot:
        assert await register_webhook(bot, our_url.removesuffix("/webhooks/telegram"), SECRET)
    assert fake.webhook["url"] == our_url and fake.webhook["secret_token"] == SECRET
    assert fake.webhook["allowed_updates"] == ["message", "my_chat_member"]


async def test_the_cli_step_points_telegram_at_the_public_url(fake, settings):
    configured = telegram_settings(fake.base_url).model_copy(update={"public_url": "https://crew.example.ng/"})
    assert await point_telegram_here(configured) == "https://crew.example.ng/webhooks/telegram"
    assert fake.webhook["url"] == "https://crew.example.ng/webhooks/telegram"
    assert fake.webhook["secret_token"] == SECRET


@pytest.mark.parametrize("secret", ["", "not-the-secret", SECRET[:-1]])
async def test_a_missing_or_wrong_secret_gets_403_and_queues_nothing(fake, our_url, redis, secret):
    status = await fake.deliver(text_update(fake, USER_ID, "JOBS"), url=our_url, secret=secret)
    assert status == 403
    assert queued(redis) == []
    assert redis.keys("telegram:seen:*") == []


async def test_the_same_update_delivered_twice_is_queued_once(fake, our_url, redis):
    update = text_update(fake, USER_ID, "YES 4821")
    assert [await fake.deliver(update, url=our_url, secret=SECRET) for _ in range(2)] == [200, 200]
    jobs = queued(redis)
    assert len(jobs) == 1
    assert jobs[0].func_name == "workers.telegram_inbound.handle_telegram_update"
    assert jobs[0].args[0]["update_id"] == update["update_id"]
    assert jobs[0].args[0]["message"]["text"] == "YES 4821"
    assert redis.ttl(SEEN_KEY.format(update_id=update["update_id"])) > 0


async def test_an_older_update_after_a_newer_one_is_still_queued(fake, our_url, redis):
    older, newer = text_update(fake, USER_ID, "first"), text_update(fake, USER_ID, "second")
    for update in (newer, older):
        assert await fake.deliver(update, url=our_url, secret=SECRET) == 200
    assert sorted(job.args[0]["update_id"] for job in queued(redis)) == sorted(
        [older["update_id"], newer["update_id"]])


@pytest.mark.parametrize("body", [{"message": {"text": "hi"}}, ["not", "an", "update"], {"update_id": "7"}])
async def test_a_body_that_is_not_an_update_gets_400(fake, our_url, redis, body):
    assert await fake.deliver(body, url=our_url, secret=SECRET) == 400
    assert queued(redis) == []


async def test_a_sender_flooding_the_bot_is_answered_but_not_queued_past_the_limit(fake, our_url, redis):
    flooder = USER_ID + 7
    answers = [await fake.deliver(text_update(fake, flooder, f"spam {n}"), url=our_url, secret=SECRET)
               for n in range(RATE_LIMIT + 5)]

    assert answers == [200] * (RATE_LIMIT + 5)  # Telegram is never asked to send them again
    mine = [job for job in queued(redis) if job.args[0]["message"]["from"]["id"] == flooder]
    assert len(mine) == RATE_LIMIT
