"""The call-sheet link sent in a chat opens the person's PDF with no sign-in; a wrong key, or
another person's key, is a 404. The link comes from a real send through the outbox."""
import pytest
from aiohttp.test_utils import TestClient, TestServer

from core import scopes
from core.call_sheet_send import SendCallSheet
from core.ids import derived_id
from tests.integration.office import bus, published_production, settings  # noqa: F401 (fixtures)
from tests.integration.people import person
from web.app import create_app
from web.call_sheet_links import SignedCallSheetLinks

PUBLIC_URL = "https://nollycrew.test"  # tests/integration/office.py sets it


@pytest.fixture
async def api(settings, couch, redis):
    app = create_app(settings)
    client = TestClient(TestServer(app))
    await client.start_server()
    yield client
    await client.close()


async def test_the_link_in_the_message_opens_the_persons_call_sheet(api, bus, settings):
    producer, actor, project_id = await published_production(bus)
    schedule = await bus.services.store.get(scopes.project_db(project_id), "schedule")
    day = next(d["date"] for d in schedule["days"] if any(s["scene_id"] in ("1", "3") for s in d["scenes"]))

    await bus.handle(SendCallSheet("call_sheet_send:it", project_id, producer, day))

    version = str(schedule["version"])
    message_id = f"message:call_sheet.{derived_id(project_id, day, version, actor)}"
    message = await bus.services.store.get(scopes.OPS, message_id)
    link = await bus.services.store.get(scopes.OPS, f"call_sheet_link:{project_id}:{day}:{actor}")
    url = link["url"]
    assert message["template"] == "call_sheet_personal" and message["params"]["media_urls"] == [url]
    assert url.startswith(f"{PUBLIC_URL}/call-sheet/{project_id}/{day}/{actor}/")
    answer = await api.get(url.removeprefix(PUBLIC_URL))
    assert answer.status == 200 and answer.content_type == "application/pdf"
    assert (await answer.read()).startswith(b"%PDF")


async def test_a_wrong_key_or_another_persons_key_is_not_found(api, bus, settings):
    producer, actor, project_id = await published_production(bus)
    schedule = await bus.services.store.get(scopes.project_db(project_id), "schedule")
    day = next(d["date"] for d in schedule["days"] if any(s["scene_id"] in ("1", "3") for s in d["scenes"]))
    links = SignedCallSheetLinks(settings.public_url, settings.account_secret.get_secret_value())
    path = links.url(project_id, day, actor).removeprefix(PUBLIC_URL)
    assert (await api.get(path)).status == 200

    wrong = path[:-5] + ("0" if path[-5] != "0" else "1") + ".pdf"
    assert (await api.get(wrong)).status == 404
    stranger = await person(bus, "crew")
    theirs = links.url(project_id, day, stranger).removeprefix(PUBLIC_URL)
    assert (await api.get(path.replace(actor, stranger))).status == 404  # the actor's key on another person
    assert (await api.get(theirs)).status == 404  # a right key, but they are not called that day
    assert (await api.get(theirs.replace(stranger, actor))).status == 404  # their key on the actor's sheet
