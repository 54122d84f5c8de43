"""The office queue for real: a script read and a draft solved by `nollycrew worker --office`."""
from core import scopes
from tests.integration.office import bus, published_production, settings  # noqa: F401 (fixtures)


async def test_the_worker_reads_the_script_and_solves_the_draft(bus):
    producer, actor, project_id = await published_production(bus)

    store = bus.services.store
    assert len((await store.get(scopes.office_db(project_id), "breakdown"))["scenes"]) == 4
    draft = await store.get(scopes.office_db(project_id), "schedule_draft:1")
    assert draft["status"] == "ready" and draft["schedule"]["solver"]["proved_optimal"] in (True, False)
    schedule = await store.get(scopes.project_db(project_id), "schedule")
    assert schedule["status"] == "published"
