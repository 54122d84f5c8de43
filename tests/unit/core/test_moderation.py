"""Reports, suspensions and restorations; a suspended person is refused."""
import pytest

from core import scopes
from core.admin_commands import ReportContent, RestorePerson, SuspendPerson
from core.bus import MessageBus
from core.errors import Rejected
from core.handlers import COMMAND_HANDLERS, EVENT_HANDLERS
from core.handlers.moderation import MODERATION_HANDLERS, require_active
from tests.unit.fakes import make_bus
from tests.unit.production import register


@pytest.fixture
def bus() -> MessageBus:
    plain = make_bus()
    return MessageBus(plain.services, {**COMMAND_HANDLERS, **MODERATION_HANDLERS}, EVENT_HANDLERS)


@pytest.fixture
async def people(bus):
    admin = await register(bus, "+2348030000009", "Ngozi Admin", ("admin",), "production")
    chidi = await register(bus, "+2348030000001", "Chidi Okafor")
    aisha = await register(bus, "+2348030000002", "Aisha Bello")
    return admin, chidi, aisha


async def card(bus, person_id) -> dict:
    return await bus.services.store.get(scopes.DIRECTORY, f"person:{person_id}")


async def test_a_report_queues_for_admins_once(bus, people):
    _, chidi, aisha = people
    first = await bus.handle(ReportContent("content_report:1", chidi, "person", aisha, "Fake credits"))
    again = await bus.handle(ReportContent("content_report:1", chidi, "person", aisha, "Fake credits"))
    reports = bus.services.store.docs(scopes.OPS, "report:")
    assert first == again and len(reports) == 1
    assert (reports[0]["status"], reports[0]["target_id"], reports[0]["reporter_id"]) == ("open", aisha, chidi)


@pytest.mark.parametrize("kind, target, reason, says", [
    ("person", "0123456789abcdef", "Fake", "cannot find"),
    ("review", "any", "Fake", "can report"),
    ("person", None, "   ", "Say why"),
])
async def test_a_report_of_nothing_or_without_a_reason_is_refused(bus, people, kind, target, reason, says):
    _, chidi, aisha = people
    with pytest.raises(Rejected, match=says):
        await bus.handle(ReportContent("content_report:1", chidi, kind, target or aisha, reason))
    assert bus.services.store.docs(scopes.OPS, "report:") == []


async def test_an_admin_suspends_and_restores(bus, people):
    admin, chidi, _ = people
    await bus.handle(SuspendPerson("suspension:1", admin, chidi, "Fake reviews"))
    assert (await card(bus, chidi))["suspended"] is True
    with pytest.raises(Rejected, match="suspended"):
        await require_active(bus.services, chidi)
    await bus.handle(RestorePerson("restoration:1", admin, chidi, "Appeal upheld"))
    assert (await card(bus, chidi))["suspended"] is False
    await require_active(bus.services, chidi)  # no refusal
    record = await bus.services.store.get(scopes.OPS, f"suspension:{chidi}")
    assert [step["suspended"] for step in record["history"]] == [True, False]


async def test_a_late_retry_of_a_suspension_does_not_undo_the_restoration(bus, people):
    admin, chidi, _ = people
    await bus.handle(SuspendPerson("suspension:1", admin, chidi, "Fake reviews"))
    await bus.handle(RestorePerson("restoration:1", admin, chidi, "Appeal upheld"))
    await bus.handle(SuspendPerson("suspension:1", admin, chidi, "Fake reviews"))
    assert (await card(bus, chidi))["suspended"] is False


@pytest.mark.parametrize("command", [SuspendPerson, RestorePerson])
async def test_only_an_admin_suspends_or_restores(bus, people, command):
    _, chidi, aisha = people
    with pytest.raises(Rejected, match="Only an admin"):
        await bus.handle(command("suspension:1", chidi, aisha, "I do not like her"))
    assert "suspended" not in await card(bus, aisha)
    assert bus.services.store.docs(scopes.OPS, "suspension:") == []


async def test_an_admin_cannot_suspend_themselves(bus, people):
    admin, _, _ = people
    with pytest.raises(Rejected, match="another admin"):
        await bus.handle(SuspendPerson("suspension:1", admin, admin, "Testing"))


async def test_a_suspended_admin_is_no_longer_an_admin(bus, people):
    admin, chidi, _ = people
    other = await register(bus, "+2348030000008", "Bola Admin", ("admin",), "production")
    await bus.handle(SuspendPerson("suspension:1", other, admin, "Compromised account"))
    with pytest.raises(Rejected, match="Only an admin"):
        await bus.handle(SuspendPerson("suspension:2", admin, chidi, "Anything"))


async def test_a_suspended_person_cannot_report(bus, people):
    admin, chidi, aisha = people
    await bus.handle(SuspendPerson("suspension:1", admin, chidi, "Spam"))
    with pytest.raises(Rejected, match="suspended"):
        await bus.handle(ReportContent("content_report:1", chidi, "person", aisha, "Revenge"))


async def test_require_active_leaves_unknown_people_to_the_caller(bus):
    await require_active(bus.services, "0123456789abcdef")  # no card: no refusal here
