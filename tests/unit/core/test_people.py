"""Registering a person: one person per phone number, whatever way the number is written."""
import pytest

from core import scopes
from core.commands import RegisterPerson
from core.errors import Rejected
from tests.unit.fakes import make_bus


@pytest.fixture
def bus():
    return make_bus()


async def test_registering_twice_gives_the_same_person(bus):
    first = await bus.handle(RegisterPerson("+2348031110001", "Ada Obi", ("actor",)))
    second = await bus.handle(RegisterPerson("+2348031110001", "Ada Obi", ("actor",)))

    assert first == second
    assert len(bus.services.store.docs(scopes.OPS, "phone:")) == 1
    assert len(bus.services.store.docs(scopes.DIRECTORY, "person:")) == 1


@pytest.mark.parametrize("written", ["0803 111 0001", "08031110001", "+234 803 111 0001", "whatsapp:+2348031110001"])
async def test_the_same_nigerian_number_written_differently_is_the_same_person(bus, written):
    first = await bus.handle(RegisterPerson("+2348031110001", "Ada Obi"))

    assert await bus.handle(RegisterPerson(written, "Ada Obi")) == first


async def test_a_person_gets_an_account_a_database_a_profile_and_a_public_card(bus):
    person_id = await bus.handle(RegisterPerson("0803 111 0001", "Chidi Okafor", ("crew",), "lighting"))

    assert bus.services.spaces.accounts[person_id] == {"person", "crew"}
    assert scopes.user_db(person_id) in bus.services.spaces.databases
    profile = await bus.services.store.get(scopes.user_db(person_id), "profile")
    assert profile["phone"] == "+2348031110001"
    card = await bus.services.store.get(scopes.DIRECTORY, f"person:{person_id}")
    assert (card["name"], card["roles"], card["department"]) == ("Chidi Okafor", ["crew"], "lighting")
    assert "phone" not in card  # the directory is read by everyone


async def test_different_numbers_are_different_people(bus):
    ada = await bus.handle(RegisterPerson("+2348031110001", "Ada"))
    bisi = await bus.handle(RegisterPerson("+2348031110002", "Bisi"))

    assert ada != bisi


async def test_an_unknown_role_is_rejected_and_nothing_is_written(bus):
    with pytest.raises(Rejected, match="Unknown role: director"):
        await bus.handle(RegisterPerson("+2348031110001", "Kunle", ("crew", "director")))

    assert bus.services.store.docs(scopes.OPS) == []
    assert bus.services.spaces.accounts == {}


@pytest.mark.parametrize("phone", ["hello", "0803", "+1 555"])
async def test_something_that_is_not_a_phone_number_is_rejected(bus, phone):
    with pytest.raises(Rejected, match="phone number"):
        await bus.handle(RegisterPerson(phone, "Nobody"))


async def test_an_actor_takes_on_producing_and_it_opens_on_card_and_account(bus):
    from core.commands import TakeOnRole

    ada = await bus.handle(RegisterPerson("+2348031110009", "Ada", ("actor",)))
    await bus.handle(TakeOnRole("role_request:1", ada, "producer"))
    await bus.handle(TakeOnRole("role_request:1", ada, "producer"))  # a retry

    card = await bus.services.store.get(scopes.DIRECTORY, f"person:{ada}")
    assert card["roles"] == ["actor", "producer"]
    assert "producer" in bus.services.spaces.accounts[ada]


async def test_admin_is_given_never_taken(bus):
    from core.commands import TakeOnRole

    ada = await bus.handle(RegisterPerson("+2348031110010", "Ada", ("actor",)))
    with pytest.raises(Rejected, match="You can take on the roles"):
        await bus.handle(TakeOnRole("role_request:2", ada, "admin"))


async def test_the_phone_index_is_marked_registered_only_once_everything_is_written(bus):
    store = bus.services.store
    # A registration cut short after the index: the number is claimed, nothing else exists yet.
    await store.create(scopes.OPS, {"_id": "phone:+2348031110001", "type": "phone_index", "person_id": "ada0000001"})

    person_id = await bus.handle(RegisterPerson("+2348031110001", "Ada Obi", ("actor",)))

    index = await store.get(scopes.OPS, "phone:+2348031110001")
    assert person_id == "ada0000001" and index["registered_at"]
    assert await store.get(scopes.DIRECTORY, f"person:{person_id}") is not None
    assert await store.get(scopes.user_db(person_id), "profile") is not None
