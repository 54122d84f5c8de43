"""Shoot-day documents over HTTP: call sheets as PDFs (full for the office, personal for the
person called), the calendar feed by its key, the stripboard and the day out of days."""
import io

from icalendar import Calendar
from PIL import Image

from core import scopes
from tests.integration.office import bus, published_production, settings  # noqa: F401 (fixtures)
from tests.integration.people import auth, person
from workers.pdf_preview import PREVIEW_WIDTH_PX


async def test_call_sheets_calendar_and_office_reports_over_http(api, bus):
    producer, actor, project_id = await published_production(bus)
    schedule = await bus.services.store.get(scopes.project_db(project_id), "schedule")
    ada_days = [d["date"] for d in schedule["days"] if any(s["scene_id"] in ("1", "3") for s in d["scenes"])]
    sheet_url = f"/projects/{project_id}/call-sheets/{ada_days[0]}.pdf"

    full = await api.get(sheet_url, headers=auth(producer))
    mine = await api.get(sheet_url, headers=auth(actor))
    assert (full.status, mine.status) == (200, 200)
    assert (await full.read()).startswith(b"%PDF") and (await mine.read()).startswith(b"%PDF")
    stranger = await person(bus, "crew")
    assert (await api.get(sheet_url, headers=auth(stranger))).status == 404  # not called that day
    assert (await api.get(sheet_url + "?person=" + producer, headers=auth(actor))).status == 403
    preview = await api.get(sheet_url.replace(".pdf", ".png"), headers=auth(producer))
    image = Image.open(io.BytesIO(await preview.read()))
    assert preview.content_type == "image/png" and image.width == PREVIEW_WIDTH_PX and image.height > image.width
    refused = await api.get(sheet_url.replace(".pdf", ".png"), headers=auth(stranger))
    assert refused.status == 404 and "not called" in (await refused.json())["reason"]

    link = await (await api.get("/me/calendar", headers=auth(actor))).json()
    path = link["url"].removeprefix("https://nollycrew.test")
    assert (await api.get(path.replace(".ics", "0.ics"))).status == 404  # a wrong key

    board = await api.get(f"/projects/{project_id}/stripboard.pdf", headers=auth(producer))
    dood = await api.get(f"/projects/{project_id}/day-out-of-days.csv", headers=auth(producer))
    assert board.status == 200 and (await board.read()).startswith(b"%PDF")
    assert "ADA" in await dood.text()
    assert (await api.get(f"/projects/{project_id}/stripboard.pdf", headers=auth(actor))).status == 403
    feed = await api.get(path)
    assert feed.status == 200 and feed.content_type == "text/calendar"
    events = Calendar.from_ical(await feed.read()).walk("VEVENT")
    assert sorted(str(e.decoded("dtstart").date()) for e in events) == sorted(ada_days)


async def test_the_check_in_log_shows_the_office_who_is_expected(api, bus):
    producer, actor, project_id = await published_production(bus)
    schedule = await bus.services.store.get(scopes.project_db(project_id), "schedule")
    day = schedule["days"][0]["date"]

    answer = await api.get(f"/projects/{project_id}/check-in-log/{day}", headers=auth(producer))

    log = await answer.json()
    assert answer.status == 200 and log["people"]
    assert {row["status"] for row in log["people"]} <= {"expected", "no_show"}  # nobody has checked in
    assert (await api.get(f"/projects/{project_id}/check-in-log/{day}", headers=auth(actor))).status == 403
    assert (await api.get(f"/projects/{project_id}/check-in-log/2027-01-01", headers=auth(producer))).status == 404
