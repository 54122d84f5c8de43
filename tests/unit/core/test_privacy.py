"""Export and erasure through the core: who may ask, what they get back, retries."""
import pytest

from core import scopes
from core.admin_commands import EraseMyAccount, ExportMyData
from core.bus import MessageBus
from core.errors import Rejected
from core.handlers import COMMAND_HANDLERS, EVENT_HANDLERS
from core.handlers.privacy import PRIVACY_HANDLERS, export_doc_id
from core.privacy_ports import PersonalData
from tests.unit.fakes import make_bus
from tests.unit.production import register


class FakePersonalData(PersonalData):
    def __init__(self, store):
        self.store, self.exports, self.erased = store, 0, []

    async def export(self, person_id: str) -> dict:
        self.exports += 1
        return {"person_id": person_id, "media_links": ["https://media.test/reel.mp4"]}

    async def erase(self, person_id: str) -> None:
        self.erased.append(person_id)
        await self.store.update(scopes.DIRECTORY, f"person:{person_id}", lambda card: {
            "type": "person", "person_id": person_id, "name": "Former member", "erased": True,
        })


@pytest.fixture
def bus() -> MessageBus:
    plain = make_bus()
    plain.services.personal_data = FakePersonalData(plain.services.store)  # the lead adds the field
    return MessageBus(plain.services, {**COMMAND_HANDLERS, **PRIVACY_HANDLERS}, EVENT_HANDLERS)


async def test_an_export_lands_in_the_persons_own_database_once(bus):
    chidi = await register(bus, "+2348030000001", "Chidi Okafor")
    first = await bus.handle(ExportMyData("data_export_request:1", chidi))
    again = await bus.handle(ExportMyData("data_export_request:1", chidi))
    doc = await bus.services.store.get(scopes.user_db(chidi), export_doc_id(first))
    assert first == again and bus.services.personal_data.exports == 1
    assert doc["data"]["media_links"] == ["https://media.test/reel.mp4"]


async def test_erasure_needs_the_word_and_runs_once(bus):
    chidi = await register(bus, "+2348030000001", "Chidi Okafor")
    with pytest.raises(Rejected, match="ERASE"):
        await bus.handle(EraseMyAccount("erasure:1", chidi, "yes"))
    assert bus.services.personal_data.erased == []
    await bus.handle(EraseMyAccount("erasure:1", chidi, "erase"))
    await bus.handle(EraseMyAccount("erasure:1", chidi, "erase"))
    assert bus.services.personal_data.erased == [chidi]


async def test_a_stranger_cannot_export(bus):
    with pytest.raises(Rejected, match="do not know you"):
        await bus.handle(ExportMyData("data_export_request:1", "0123456789abcdef"))


async def test_without_the_port_the_person_is_told_so():
    plain = make_bus()
    bus = MessageBus(plain.services, {**COMMAND_HANDLERS, **PRIVACY_HANDLERS}, EVENT_HANDLERS)
    chidi = await register(bus, "+2348030000001", "Chidi Okafor")
    with pytest.raises(Rejected, match="not available"):
        await bus.handle(ExportMyData("data_export_request:1", chidi))
