"""`make dev`'s demo: seeded twice, the second time changes nothing; the production has a
breakdown, a published schedule and a call sheet for each shoot day."""
from datetime import date

from config.seed import PRODUCER, PRODUCER_EMAIL, seed_demo
from core import scopes


async def test_the_demo_has_a_published_schedule_with_call_sheets_and_seeds_once(bus):
    today = date(2026, 11, 27)
    first = await seed_demo(bus, today)
    office, project = scopes.office_db(first["project_id"]), scopes.project_db(first["project_id"])
    store = bus.services.store
    schedule = await store.get(project, "schedule")
    drafts = await store.get(office, "schedule_drafts")

    again = await seed_demo(bus, today)

    assert again == first
    assert (await store.get(office, "schedule_drafts"))["_rev"] == drafts["_rev"]  # nothing solved again
    assert len((await store.get(office, "breakdown"))["scenes"]) == 40
    assert schedule["status"] == "published" and schedule["days"][0]["date"] >= "2026-12-11"
    for day in schedule["days"]:
        sheet = await store.get(project, f"call_sheet:{day['date']}")
        assert sheet["title"] == "Eko Nights" and sheet["set_code"]
    tunde = first["people"]["+2348030000003"]
    sheets = [await store.get(project, f"call_sheet:{day['date']}") for day in schedule["days"]]
    assert any(row["person_id"] == tunde for sheet in sheets for row in sheet["cast"])
    producer = first["people"][PRODUCER[0]]
    assert (await store.get(scopes.OPS, f"email:{PRODUCER_EMAIL}"))["person_id"] == producer  # web app sign-in
    chidi_id = first["people"]["+2348030000001"]
    booking = await store.get(scopes.user_db(chidi_id), f"booking:{first['booking_id']}")
    assert booking["role"] == "Gaffer" and booking["project_id"] == first["project_id"]  # the crew view's
    chidi = await store.get(scopes.user_db(chidi_id), "profile")
    assert chidi["consent"]["version"] and len(chidi["consent_history"]) == 1  # once, however often seeded
