"""Project threads: a message from the web reaches each member; a chat reply comes back in."""
import pytest

from core import commands, scopes
from core.errors import Rejected
from core.staff_chat_commands import PostThreadMessage, ReplyToThread
from tests.unit.core.handlers.staff_fakes import make_staff_bus
from tests.unit.production import open_production, register


@pytest.fixture
async def unit():
    production = await open_production(make_staff_bus(), slots=3)
    await production.book(production.chidi_id)
    await production.book(production.aisha_id)
    return production


def sent(bus, template):
    return bus.services.outbox.with_template(template)


async def post(unit, text="Wardrobe fitting at 2pm", intent="thread_message:1", by=None, thread="costume-fit"):
    return await unit.bus.handle(PostThreadMessage(intent, unit.project_id, by or unit.producer_id, thread, text,
                                                   "Wardrobe"))


async def test_a_thread_message_reaches_each_member_on_their_own_channel(unit):
    await post(unit)
    head = await unit.bus.services.store.get(unit.project, "thread:costume-fit")
    told = sent(unit.bus, "thread_message")
    assert sorted(m.person_id for m in told) == sorted([unit.chidi_id, unit.aisha_id])
    assert {(m.params["code"], m.params["sender"], m.params["text"]) for m in told} == {
        (head["code"], "Funke Adeyemi", "Wardrobe fitting at 2pm")}
    last = await unit.bus.services.store.get(scopes.user_db(unit.chidi_id), "last_thread")
    assert (last["code"], last["project_id"]) == (head["code"], unit.project_id)
    index = await unit.bus.services.store.get(scopes.OPS, f"thread_code:{head['code']}")
    assert index["thread_id"] == "costume-fit"


async def test_a_chat_reply_comes_back_into_the_thread(unit):
    await post(unit)
    code = (await unit.bus.services.store.get(unit.project, "thread:costume-fit"))["code"]
    await unit.bus.handle(ReplyToThread("thread_reply:1", unit.chidi_id, f"#{code.lower()}", "I will be there",
                                        "whatsapp"))
    entries = unit.bus.services.store.docs(unit.project, "thread:costume-fit:")
    assert sorted((e["author"], e["channel"], e["text"]) for e in entries) == [
        ("Chidi Okafor", "whatsapp", "I will be there"), ("Funke Adeyemi", "app", "Wardrobe fitting at 2pm")]
    replies = [m for m in sent(unit.bus, "thread_message") if m.params["sender"] == "Chidi Okafor"]
    assert sorted(m.person_id for m in replies) == sorted([unit.producer_id, unit.aisha_id])
    assert [m.person_id for m in sent(unit.bus, "thread_reply_sent")] == [unit.chidi_id]


async def test_a_retried_message_is_written_and_sent_once(unit):
    await post(unit)
    await post(unit)
    assert len(unit.bus.services.store.docs(unit.project, "thread:costume-fit:")) == 1
    assert len(sent(unit.bus, "thread_message")) == 2


async def test_someone_not_on_the_production_cannot_reply(unit):
    await post(unit)
    code = (await unit.bus.services.store.get(unit.project, "thread:costume-fit"))["code"]
    stranger = await register(unit.bus, "+2348030000077", "Stranger")
    with pytest.raises(Rejected, match="Only the people on Eko Nights"):
        await unit.bus.handle(ReplyToThread("thread_reply:1", stranger, code, "hello"))
    assert len(unit.bus.services.store.docs(unit.project, "thread:costume-fit:")) == 1


async def test_an_unknown_code_is_said_so(unit):
    with pytest.raises(Rejected, match="There is no thread #NOPE1"):
        await unit.bus.handle(ReplyToThread("thread_reply:1", unit.chidi_id, "nope1", "hello"))


async def test_only_the_team_starts_threads_from_the_web(unit):
    with pytest.raises(Rejected, match="Only the production's team"):
        await post(unit, by=unit.chidi_id)
    ade = await register(unit.bus, "+2348030000005", "Ade First AD", ("crew",), "production")
    await unit.bus.handle(commands.GrantProjectRole("grant:1", unit.project_id, unit.producer_id, ade, "first_ad"))
    await post(unit, by=ade, intent="thread_message:ad")
    assert unit.producer_id in {m.person_id for m in sent(unit.bus, "thread_message")}


@pytest.mark.parametrize("thread, text, says", [("Bad Id!", "hi", "thread id"), ("costume-fit", " ", "1 to 1000")])
async def test_a_bad_thread_id_or_empty_message_is_refused(unit, thread, text, says):
    with pytest.raises(Rejected, match=says):
        await post(unit, text=text, thread=thread)
    assert sent(unit.bus, "thread_message") == []
    assert unit.bus.services.store.docs(unit.project, "thread:") == []
