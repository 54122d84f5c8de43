"""Garbage in never breaks the bots: an empty message, emoji only, 5,000 characters, unknown words
and commands, wrong codes, control characters. Each gets exactly one helpful reply, in the person's
language, and no job fails. Also: a person answering numbered menus is not taken for a looping bot."""
import pytest
from rq import Queue

from bots import i18n, replies
from tests.integration.bots.chat_stack import (  # noqa: F401 (fixtures)
    Person, fake_telegram, fake_twilio, opening, sign_up, stack,
)
from workers import queues

GARBAGE = {
    "empty": "",
    "emoji only": "😀😀😀",
    "5,000 characters": "x" * 5000,
    "unknown words": "FOO BAR",
    "unknown job code": "APPLY ZZZZZ",
    "wrong booking code": "YES 0000",
    "check-in with no booking": "IN 9999",
    "unknown hashtag": "#NOPE hi",
    "broadcast code nobody asked for": "CONFIRM 1234",
    "binary-ish": "\x00\x01\x02\x1b[31m\ufffd\x7f\u202eÿþ\x90",  # NUL, escapes, right-to-left override
}
# Replies that tell a person what to do next; an error or "not understood" with no way on is none.
HELPFUL = {"not_understood_menu", "job_unknown", "booking_code_unknown", "nothing_to_confirm",
           "no_booking_today", "welcome", "flow_help", "menu_help", "staff_usage", "onboarding_language",
           "intent_rejected"}
INTENT_TYPES = {"thread_reply", "staff_command"}  # what the inbound job returns when it wrote an intent
PEOPLE = {"pcm on WhatsApp": ("whatsapp", "pcm"), "yo by SMS": ("sms", "yo"), "ha on Telegram": ("telegram", "ha")}


@pytest.mark.parametrize("channel, language", PEOPLE.values(), ids=PEOPLE.keys())
async def test_each_garbage_message_gets_one_helpful_reply_in_the_persons_language(stack, channel, language):
    person = Person.new(channel)
    await sign_up(stack, person, language)
    problems = []
    for name, text in GARBAGE.items():
        ran_before = len(stack.ran)
        answer = await stack.say(person, text)
        templates = [result for func, result in stack.ran[ran_before:] if func.endswith(("handle_inbound",
                                                                                        "handle_telegram_update"))]
        if len(answer) != 1 or len(templates) != 1:
            problems.append(f"{name}: {len(answer)} replies, inbound results {templates}")
            continue
        template, reply = templates[0], answer[0]
        if template in INTENT_TYPES and reply.startswith(opening("intent_rejected", language, channel)):
            template = "intent_rejected"  # the chat built a request; the core's refusal says what is wrong
        if template not in HELPFUL:
            problems.append(f"{name}: answered with {template!r}: {reply!r}")
        elif not reply.startswith(opening(template, language, channel)):
            problems.append(f"{name}: {reply!r} is not {template} in {language}")
        elif i18n.translate(template, replies.english(template), language) == replies.english(template):
            problems.append(f"{name}: {template} has no {language} translation")

    assert not problems, "\n".join(problems)
    assert Queue(queues.MESSAGES, connection=stack.redis).failed_job_registry.count == 0
    assert (await stack.profile(person))["consent"]["language"] == language  # nothing undid the sign-up


@pytest.mark.parametrize("text", GARBAGE.values(), ids=GARBAGE.keys())
async def test_garbage_as_a_first_message_gets_one_helpful_reply(stack, text):
    """Commands about something we sent (a code) are answered before sign-up; the rest starts it."""
    stranger = Person.new("whatsapp")

    answer = await stack.say(stranger, text)

    assert len(answer) == 1, answer
    assert any(answer[0].startswith(opening(template)) for template in HELPFUL if opening(template)), answer
    assert Queue(queues.MESSAGES, connection=stack.redis).failed_job_registry.count == 0


async def test_answering_numbered_menus_is_not_taken_for_a_loop(stack):
    crew = Person.new("whatsapp")
    await sign_up(stack, crew)

    answers = [await stack.say(crew, text) for text in ("MENU", "1", "MENU", "1", "MENU", "1", "MENU", "1")]

    assert all(len(answer) == 1 for answer in answers), answers


async def test_a_refusal_from_the_core_is_in_the_persons_language(stack):
    person = Person.new("sms")
    await sign_up(stack, person, "yo")

    [answer] = await stack.say(person, "#NOPE hi")

    prefix = opening("intent_rejected", "yo", "sms")
    assert answer.startswith(prefix)
    reason = answer.removeprefix(prefix).strip()
    assert not any(word in reason.split() for word in ("There", "is", "the", "message", "you", "are"))
