"""A smoke run in each of the five languages: onboarding, then HELP, JOBS, STATUS, YES and LATE,
each on the channel most people of that language use here. Every reply comes from the
person's language's catalog (not the English), composed (NFC) with the language's own letters,
and, on SMS, in at most two parts."""
import unicodedata

import pytest

from bots import delivery, i18n, replies
from bots.sms import segments
from tests.integration.bots.chat_stack import (  # noqa: F401 (fixtures)
    LANGUAGE_NAME, Person, fake_telegram, fake_twilio, opening, production, sign_up, stack,
)

CHANNEL_OF = {"en": "whatsapp", "pcm": "telegram", "yo": "sms", "ig": "sms", "ha": "sms"}
# Letters only the language's own spelling has (Yoruba's under-dots, Igbo's, Hausa's hooked letters).
OWN_LETTERS = {"yo": set("ẹọṣẸỌṢ"), "ig": set("ịụọṅỊỤỌṄ"), "ha": set("ɗƙɓƴƊƘƁƳ")}
ONBOARDING_AFTER_LANGUAGE = ("onboarding_role", "onboarding_department", "onboarding_crew_roles",
                             "onboarding_rate", "onboarding_location", "consent_2026_11", "onboarding_done")
CHOICE_LINE = "\n1."  # a line each ("1. Camera") or one line ("1.Camera 2.Lighting")
FLOWS = {"HELP": "flow_help", "JOBS": "jobs_page", "STATUS": "status_empty", "YES": "nothing_to_confirm",
         "LATE 20": "no_booking_today"}


@pytest.mark.parametrize("language", CHANNEL_OF)
async def test_onboarding_and_the_everyday_flows_answer_in_the_persons_language(stack, language):
    channel = CHANNEL_OF[language]
    person = Person.new(channel)
    await (await production(stack)).job(stack)  # a lighting job in Lagos: JOBS lists it
    said = await sign_up(stack, person, language)
    onboarding = said[-len(ONBOARDING_AFTER_LANGUAGE):]
    flows = {text: (await stack.say(person, text)) for text in FLOWS}

    replies_by_template = list(zip(ONBOARDING_AFTER_LANGUAGE, onboarding)) + [
        (FLOWS[text], answer[0]) for text, answer in flows.items()]
    assert [len(answer) for answer in flows.values()] == [1] * len(FLOWS)
    for template, reply in replies_by_template:
        wanted = opening(template, language, channel)
        assert reply.startswith(wanted), (template, reply)
        if language != "en":  # the catalog's words, not the English source
            assert i18n.translate(template, replies.english(template), language) != replies.english(template), template
        assert reply == unicodedata.normalize("NFC", reply)
    if language in OWN_LETTERS:
        assert OWN_LETTERS[language] & set("".join(reply for _, reply in replies_by_template))
    if channel == "sms":
        # Consent wording goes whole even past two parts (bots/replies.py never_cut); replies that
        # carry a numbered list are the next test's.
        too_long = {t: segments(r) for t, r in replies_by_template
                    if segments(r) > 2 and not t.startswith("consent_") and CHOICE_LINE not in r}
        assert too_long == {}
    profile = await stack.profile(person)
    assert (profile["chat_language"], profile["consent"]["language"]) == (language, language)


# The numbered lists a crew member meets first by SMS: the department, their jobs in it, a page of jobs.
# A question with its choices may take one part more than a reply rather than lose words.
@pytest.mark.parametrize("language", ["en", "pcm", "yo", "ig", "ha"])
async def test_numbered_lists_by_sms_fit_three_parts_whole_in_every_language(stack, language):
    person = Person.new("sms")
    await (await production(stack)).job(stack)

    said = [await stack.say(person, text) for text in ("HI", LANGUAGE_NAME[language], "2", "2")]
    said += [await stack.say(person, text) for text in ("1 2", "25000", "Surulere, Lagos", "YES", "JOBS")]
    lists = [reply for answer in said for reply in answer if CHOICE_LINE in reply][1:]  # after the language question

    assert len(lists) >= 3  # department, jobs in it, consent, a page of jobs
    consent = opening("consent_2026_11", language, "sms")  # never cut, however long
    too_long = {reply.split("\n")[0]: segments(reply) for reply in lists
                if segments(reply) > delivery.SMS_PARTS_WITH_CHOICES and not reply.startswith(consent)}
    assert too_long == {}
    assert not any(reply.split("\n")[0].endswith("…") for reply in lists)  # no question was cut


async def test_status_lines_are_in_the_persons_language(stack):
    """STATUS lists an application in words of the person's language, not "Applied: ... (applied)"."""
    person = Person.new("sms")
    job = await (await production(stack)).job(stack)
    await sign_up(stack, person, "yo")
    await stack.say(person, f"APPLY {job['code']}")

    [status] = await stack.say(person, "STATUS")

    assert job["title"] in status
    assert not {"Applied", "applied", "Booked", "Pay"} & set(status.replace(":", " ").replace("(", " ")
                                                             .replace(")", " ").split())
