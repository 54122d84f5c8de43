"""CouchDB accounts: a person who signs in by code gets a password derived from the server's
secret (the api signs in as them); an explicit (demo) password is kept as given."""
import uuid

import aiohttp
import pytest

from core.commands import RegisterPerson
from core.identity.sessions import couch_password
from tests.integration.people import PASSWORD, auth


@pytest.fixture
async def http():
    async with aiohttp.ClientSession() as session:
        yield session


async def signs_in(http, url: str, person_id: str, password: str) -> bool:
    async with http.get(f"{url}/_session", headers=auth(person_id, password)) as response:
        return response.status == 200 and (await response.json())["userCtx"]["name"] == person_id


def new_phone() -> str:
    return "+23480" + str(uuid.uuid4().int)[:8]


async def test_a_person_without_a_password_gets_the_derived_one(bus, settings, pouchdb_server, http):
    person_id = await bus.handle(RegisterPerson(new_phone(), "Ada", ("crew",)))

    derived = couch_password(settings.account_secret.get_secret_value(), person_id)
    assert await signs_in(http, pouchdb_server.url, person_id, derived)


async def test_an_explicit_password_survives_a_later_registration_without_one(bus, settings, pouchdb_server, http):
    phone = new_phone()
    person_id = await bus.handle(RegisterPerson(phone, "Demo", ("crew",), password=PASSWORD))
    await bus.handle(RegisterPerson(phone))  # e.g. the person's next WhatsApp message

    assert await signs_in(http, pouchdb_server.url, person_id, PASSWORD)
    derived = couch_password(settings.account_secret.get_secret_value(), person_id)
    assert not await signs_in(http, pouchdb_server.url, person_id, derived)
