"""Language change (each language named in itself), STOP and START."""
import pytest

from core import chat_commands
from core.intents import _Fields
from tests.unit.bots.flows.chat_fakes import PERSON, Conversation, FakeChatReads


async def test_language_lists_each_language_in_itself_and_a_number_sets_it():
    chat = Conversation(FakeChatReads())

    asked = await chat.say("LANGUAGE")
    turn = await chat.say("5")

    assert asked.choices == ("English", "Pidgin", "Yorùbá", "Igbo", "Hausa")
    assert (turn.template, turn.params, turn.language) == ("language_set", {"language": "Hausa"}, "ha")
    assert chat.reads.profile_doc["chat_language"] == "ha" and chat.place == ("", "")


@pytest.mark.parametrize(("typed", "code"), [("LANGUAGE yoruba", "yo"), ("language Yorùbá", "yo"), ("ede pidgin", "pcm"), ("harshe hausa", "ha")])
async def test_language_with_its_name_sets_it_at_once(typed, code):
    assert (await Conversation(FakeChatReads()).say(typed)).language == code


async def test_stop_and_start_are_intents_the_core_parses():
    chat = Conversation(FakeChatReads())

    stop = (await chat.say("STOP")).intent
    chat.reads.profile_doc["opted_out"] = True  # what the core does with the intent
    start = (await chat.say("START")).intent

    parse = chat_commands.INTENT_PARSERS["chat_opt_out"][1]
    assert parse(stop["_id"], PERSON, _Fields(stop)) == chat_commands.SetChatOptOut(stop["_id"], PERSON, True)
    assert parse(start["_id"], PERSON, _Fields(start)).opted_out is False
