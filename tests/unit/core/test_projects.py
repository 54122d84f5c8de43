"""Creating a project: producers only; the producer gets the keys to its databases."""
import pytest

from core import scopes
from core.commands import CreateProject
from core.errors import Rejected
from tests.unit.fakes import make_bus
from tests.unit.production import FIRST_DAY, register


@pytest.fixture
def bus():
    return make_bus()


async def test_only_producers_create_projects(bus):
    crew_id = await register(bus, "+2348030000001", "Chidi Okafor")

    with pytest.raises(Rejected, match="Only producers"):
        await bus.handle(CreateProject("project_request:1", crew_id, "Eko Nights"))

    assert bus.services.spaces.databases == {scopes.user_db(crew_id)}


async def test_someone_unknown_cannot_create_a_project(bus):
    with pytest.raises(Rejected, match="do not know you"):
        await bus.handle(CreateProject("project_request:1", "abcdef123456", "Eko Nights"))


async def test_a_producer_gets_member_and_office_roles_and_both_databases(bus):
    producer_id = await register(bus, "+2348030000000", "Funke Adeyemi", ("producer",))

    project_id = await bus.handle(CreateProject("project_request:1", producer_id, " Eko Nights ", FIRST_DAY))

    assert {scopes.member_role(project_id), scopes.office_role(project_id)} <= bus.services.spaces.accounts[producer_id]
    assert {scopes.project_db(project_id), scopes.office_db(project_id)} <= bus.services.spaces.databases
    for db in (scopes.project_db(project_id), scopes.office_db(project_id)):
        project = await bus.services.store.get(db, "project")
        assert (project["title"], project["producer_id"], project["first_shoot_date"]) == (
            "Eko Nights", producer_id, "2026-12-01",
        )
    membership = await bus.services.store.get(scopes.user_db(producer_id), f"membership:{project_id}")
    assert membership["roles"] == ["producer"]


async def test_the_same_intent_twice_makes_one_project(bus):
    producer_id = await register(bus, "+2348030000000", "Funke Adeyemi", ("producer",))

    first = await bus.handle(CreateProject("project_request:1", producer_id, "Eko Nights"))
    second = await bus.handle(CreateProject("project_request:1", producer_id, "Eko Nights"))
    other = await bus.handle(CreateProject("project_request:2", producer_id, "Eko Nights 2"))

    assert first == second != other
    assert len(bus.services.store.docs(scopes.user_db(producer_id), "membership:")) == 2


@pytest.mark.parametrize("title", ["", "   ", "x" * 201])
async def test_a_project_needs_a_title(bus, title):
    producer_id = await register(bus, "+2348030000000", "Funke Adeyemi", ("producer",))

    with pytest.raises(Rejected, match="title of 1 to 200"):
        await bus.handle(CreateProject("project_request:1", producer_id, title))
