"""Producers and ADs from a chat: crew call, who is confirmed, chase, announcement."""
from datetime import datetime

import pytest

from core import commands, scopes
from core.errors import Rejected
from core.handlers.crew_calls import project_code
from core.staff_chat_commands import AnnounceToUnit, AskCallStatus, ChaseUnconfirmed, PostCrewCall
from tests.unit.core.handlers.staff_fakes import make_staff_bus
from tests.unit.fakes import LAGOS
from tests.unit.production import open_production, register

EVE_OF_FIRST_DAY = datetime(2026, 11, 30, 9, 0, tzinfo=LAGOS)  # tomorrow is the first shoot day


@pytest.fixture
async def unit():
    bus = make_staff_bus(EVE_OF_FIRST_DAY)
    production = await open_production(bus, slots=3)
    chidi_booking = await production.book(production.chidi_id)
    await production.confirm(production.chidi_id, chidi_booking)
    await production.book(production.aisha_id)  # not answered yet
    return production


def sent(bus, template):
    return bus.services.outbox.with_template(template)


async def test_the_producer_sees_who_has_confirmed_for_tomorrow(unit):
    await unit.bus.handle(AskCallStatus("staff_command:1", unit.producer_id))
    (answer,) = sent(unit.bus, "call_status")
    assert answer.person_id == unit.producer_id
    assert (answer.params["day"], answer.params["confirmed_count"], answer.params["waiting_count"]) == \
        ("2026-12-01", 1, 1)
    assert "Chidi Okafor" in answer.params["confirmed"] and "Aisha Bello" in answer.params["waiting"]


async def test_a_day_nobody_is_booked_says_so(unit):
    await unit.bus.handle(AskCallStatus("staff_command:1", unit.producer_id, day="2027-01-05"))
    assert [m.params["day"] for m in sent(unit.bus, "call_status_none")] == ["2027-01-05"]


async def test_crew_cannot_see_the_call_status(unit):
    with pytest.raises(Rejected, match="producer, first AD or unit manager"):
        await unit.bus.handle(AskCallStatus("staff_command:1", unit.chidi_id))
    assert sent(unit.bus, "call_status") == []


async def test_a_first_ad_may_but_a_head_of_department_may_not(unit):
    bus = unit.bus
    ade = await register(bus, "+2348030000005", "Ade First AD", ("crew",), "production")
    hod = await register(bus, "+2348030000006", "Bola Gaffer", ("crew",), "lighting")
    await bus.handle(commands.GrantProjectRole("grant:1", unit.project_id, unit.producer_id, ade, "first_ad"))
    await bus.handle(commands.GrantProjectRole("grant:2", unit.project_id, unit.producer_id, hod,
                                               "department_head", "lighting"))
    await bus.handle(AskCallStatus("staff_command:ad", ade))
    assert [m.person_id for m in sent(bus, "call_status")] == [ade]
    with pytest.raises(Rejected, match=r"\(Head of department\) does not let you see who is called"):
        await bus.handle(AskCallStatus("staff_command:hod", hod))


async def test_chase_reminds_each_unconfirmed_person_once_a_day(unit):
    bus = unit.bus
    await bus.handle(ChaseUnconfirmed("staff_command:1", unit.producer_id))
    await bus.handle(ChaseUnconfirmed("staff_command:2", unit.producer_id))
    reminders = sent(bus, "call_reminder")
    assert [m.person_id for m in reminders] == [unit.aisha_id]
    assert reminders[0].params["day"] == "2026-12-01"
    assert [(m.params["reminded"], m.params["skipped"]) for m in sent(bus, "chase_done")] == [(1, 0), (0, 1)]
    bus.services.clock.at = datetime(2026, 12, 1, 6, 0, tzinfo=LAGOS)  # the next day in Lagos
    await bus.handle(ChaseUnconfirmed("staff_command:3", unit.producer_id, day="2026-12-01"))
    assert [m.person_id for m in sent(bus, "call_reminder")] == [unit.aisha_id, unit.aisha_id]


async def test_a_retried_chase_reminds_nobody_twice(unit):
    for _ in range(2):
        await unit.bus.handle(ChaseUnconfirmed("staff_command:1", unit.producer_id))
    assert len(sent(unit.bus, "call_reminder")) == 1
    assert sent(unit.bus, "chase_done")[0].params["reminded"] == 1


async def test_an_announcement_reaches_every_booked_member(unit):
    await unit.bus.handle(AnnounceToUnit("staff_command:1", unit.producer_id, "  Call moved to 6am,  bring rain gear "))
    told = sent(unit.bus, "unit_announcement")
    assert sorted(m.person_id for m in told) == sorted([unit.chidi_id, unit.aisha_id])
    assert {m.params["text"] for m in told} == {"Call moved to 6am, bring rain gear"}
    assert {m.params["sender"] for m in told} == {"Funke Adeyemi"}
    (stored,) = unit.bus.services.store.docs(unit.project, "announcement:")
    assert stored["to"] == sorted([unit.chidi_id, unit.aisha_id])
    assert sent(unit.bus, "announcement_sent")[0].params["count"] == 2


async def test_an_empty_announcement_is_refused(unit):
    with pytest.raises(Rejected, match="1 to"):
        await unit.bus.handle(AnnounceToUnit("staff_command:1", unit.producer_id, "   "))
    assert sent(unit.bus, "unit_announcement") == []


async def test_a_crew_call_posts_a_job_for_that_day(unit):
    ref = await unit.bus.handle(PostCrewCall("staff_command:cc", unit.producer_id, "", "Camera", "Focus puller",
                                             "2026-12-02", 2_500_000))
    post = await unit.bus.services.store.get(scopes.DIRECTORY, f"job_post:{ref}")
    assert (post["title"], post["department"], post["start_date"], post["end_date"]) == \
        ("Focus puller", "camera", "2026-12-02", "2026-12-02")
    assert post["rate"] == {"amount_minor": 2_500_000, "currency": "NGN"}
    (answer,) = sent(unit.bus, "crew_call_posted")
    assert answer.params["code"] == post["code"]


@pytest.mark.parametrize("day, says", [("2026-11-01", "has passed"), ("1 Dec", "not a date")])
async def test_a_crew_call_on_a_bad_day_is_refused(unit, day, says):
    with pytest.raises(Rejected, match=says):
        await unit.bus.handle(PostCrewCall("staff_command:cc", unit.producer_id, "", "camera", "Focus puller",
                                           day, 2_500_000))


async def test_crew_cannot_post_a_crew_call(unit):
    with pytest.raises(Rejected, match="Only a project's producer"):
        await unit.bus.handle(PostCrewCall("staff_command:cc", unit.chidi_id, "", "camera", "Focus puller",
                                           "2026-12-02", 2_500_000))


async def test_a_producer_of_two_projects_names_the_one_meant(unit):
    bus = unit.bus
    second = await bus.handle(commands.CreateProject("project_request:two", unit.producer_id, "Lagos Love"))
    with pytest.raises(Rejected, match="several projects"):
        await bus.handle(AskCallStatus("staff_command:1", unit.producer_id))
    await bus.handle(AskCallStatus("staff_command:2", unit.producer_id, project=project_code(second)))
    await bus.handle(AskCallStatus("staff_command:3", unit.producer_id, project=project_code(unit.project_id).lower()))
    assert [m.params["project_title"] for m in bus.services.outbox.messages if m.template.startswith("call_status")] \
        == ["Lagos Love", "Eko Nights"]
    with pytest.raises(Rejected, match="no project with the code ZZZZZ"):
        await bus.handle(AskCallStatus("staff_command:4", unit.producer_id, project="ZZZZZ"))
