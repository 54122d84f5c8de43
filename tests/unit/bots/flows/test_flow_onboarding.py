"""Onboarding: language first, then role, department, skills, rate, location and consent."""
import pytest

from bots.flows.onboarding import CONSENT_TEMPLATE, city_and_state
from core import chat_commands
from core.commands import TakeOnRole
from core.intents import _Fields, to_command
from core.profile_commands import UpdateProfile
from core.profiles import read_update
from tests.unit.bots.flows.chat_fakes import PERSON, Conversation, FakeChatReads, job

NEW = {"person_id": PERSON, "phone": "+2348030000001"}  # registered by the worker, nothing else yet


def newcomer() -> Conversation:
    return Conversation(FakeChatReads(profile=dict(NEW)))


async def test_any_first_message_starts_with_the_language_each_named_in_itself():
    chat = newcomer()

    turn = await chat.say("JOBS")

    assert turn.template == "onboarding_language"
    assert turn.choices == ("English", "Pidgin", "Yorùbá", "Igbo", "Hausa")
    assert chat.place == ("onboarding", "language")


async def test_someone_new_applying_with_a_shared_code_is_not_made_to_sign_up_first():
    chat = Conversation(FakeChatReads(jobs=[job(7)], profile=dict(NEW)))

    turn = await chat.say("APPLY CODE7")

    assert turn.intent["type"] == "application_request" and chat.place[0] != "onboarding"


async def test_a_crew_member_signs_up_and_the_core_gets_consent_then_the_profile():
    chat = newcomer()
    await chat.say("hi")

    assert (await chat.say("3")).template == "onboarding_role"  # Yorùbá
    assert chat.reads.profile_doc["chat_language"] == "yo"
    assert (await chat.say("2")).template == "onboarding_department"  # crew
    turn = await chat.say("4")  # sound
    assert turn.template == "onboarding_crew_roles"
    assert turn.choices == ("production sound mixer", "boom operator", "sound assistant")
    assert (await chat.say("2 3")).template == "onboarding_rate"
    assert (await chat.say("₦35k")).template == "onboarding_location"
    assert (await chat.say("Surulere, Lagos")).template == CONSENT_TEMPLATE
    turn = await chat.say("Bẹ́ẹ̀ni")

    assert turn.template == "onboarding_done" and chat.place == ("", "")
    consent, profile = turn.intent, turn.more_intents[0]
    assert (consent["type"], consent["wording_version"], consent["language"], consent["agreed"]) == (
        "chat_consent", chat_commands.CONSENT_VERSION, "yo", True)
    assert profile["fields"] == {"city": "Surulere", "state": "Lagos", "languages": ["yoruba"], "department": "sound",
                                 "crew_roles": ["boom_operator", "sound_assistant"], "rates": {"day": 3_500_000}}
    command = to_command("user", PERSON, profile)
    assert isinstance(command, UpdateProfile)
    read_update(command.fields, ("crew",))  # the core's own check accepts what onboarding sends
    parsed = chat_commands.INTENT_PARSERS["chat_consent"][1](consent["_id"], PERSON, _Fields(consent))
    assert parsed == chat_commands.RecordChatConsent(consent["_id"], PERSON, chat_commands.CONSENT_VERSION, "yo", True)
    assert turn.chat_state["onboarded_at"]  # the next message is not onboarding again
    assert (await chat.say("JOBS")).template == "jobs_none"


async def test_an_actor_asks_for_the_actor_role_at_once_and_picks_skills():
    chat = newcomer()
    await chat.say("hi")
    await chat.say("English")

    turn = await chat.say("1")  # actor

    assert to_command("user", PERSON, turn.intent) == TakeOnRole(turn.intent["_id"], PERSON, "actor")
    assert turn.template == "onboarding_skills" and "dance" in turn.choices
    dance = turn.choices.index("dance") + 1
    await chat.say(f"{dance}")
    await chat.say("0")  # no rate
    await chat.say("Abuja")
    turn = await chat.say("1")
    fields = turn.more_intents[0]["fields"]

    assert fields == {"city": "Abuja", "state": "FCT", "languages": ["english"], "skills": ["dance"]}
    read_update(fields, ("actor", "crew"))


async def test_saying_no_to_consent_keeps_nothing_and_asks_again_next_time():
    chat = newcomer()
    for answer in ("hi", "1", "1", "0", "0", "Lagos"):
        await chat.say(answer)

    turn = await chat.say("2")

    assert (turn.template, turn.intent) == ("consent_declined", None)
    assert (await chat.say("JOBS")).template == "onboarding_language"


@pytest.mark.parametrize(("state_answers", "wrong"), [
    (["hi"], "Klingon"), (["hi", "1"], "9"), (["hi", "1", "2"], "x"), (["hi", "1", "2", "1"], "1 99"),
    (["hi", "1", "1", "0"], "lots"), (["hi", "1", "1", "0", "0"], "Atlantis"),
    (["hi", "1", "1", "0", "0", "Lagos"], "maybe"),
])
async def test_a_wrong_answer_repeats_the_help_and_keeps_the_place(state_answers, wrong):
    chat = newcomer()
    for answer in state_answers:
        await chat.say(answer)
    place = chat.place

    turn = await chat.say(wrong)

    assert chat.place == place and turn.intent is None and turn.template.endswith(("help", "language"))


async def test_onboarding_resumes_days_later_and_times_out_after_two_weeks():
    chat = newcomer()
    await chat.say("hi")
    await chat.say("1")

    resumed = await chat.say("2", now="2026-12-06T09:00:00+01:00")
    assert (resumed.template, chat.place) == ("onboarding_department", ("onboarding", "department"))

    late = await chat.say("1", now="2026-12-25T09:00:00+01:00")
    assert late.template == "onboarding_language"  # started afresh: still not signed up


@pytest.mark.parametrize(("typed", "found"), [
    ("Surulere, Lagos", ("Surulere", "Lagos")), ("Surulere Lagos", ("Surulere", "Lagos")),
    ("lagos", ("", "Lagos")), ("Abuja", ("Abuja", "FCT")), ("Port Harcourt, Rivers State", ("Port Harcourt", "Rivers")),
    ("Uyo Akwa Ibom", ("Uyo", "Akwa Ibom")), ("Atlantis", None), ("", None),
])
def test_city_and_state(typed, found):
    assert city_and_state(typed) == found


@pytest.mark.parametrize(("pick", "language", "yes"), [
    ("1", "en", "Yes"), ("2", "pcm", "Oya"), ("3", "yo", "Bẹ́ẹ̀ni"), ("4", "ig", "Ee"), ("5", "ha", "To"),
])
async def test_signing_up_in_each_language_with_its_own_yes(pick, language, yes):
    chat = newcomer()
    for answer in ("hi", pick, "2", "1", "1", "25000", "Ikeja, Lagos"):
        await chat.say(answer)

    turn = await chat.say(yes)

    assert (turn.template, turn.intent["language"], chat.reads.profile_doc["chat_language"]) == (
        "onboarding_done", language, language)
