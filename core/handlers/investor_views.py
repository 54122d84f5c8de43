"""Each investor's statement in their own database ("investor_statement:<project_id>"): the
project's title, their contributions and distributions (core.investors.statement) and how far the
shoot has got, so the read-only investor view has them on the device, offline too.

An investor is on no project team, so they read neither the project nor the office database; this
copy is the only way these figures reach them, and it holds only their own rows. It is refreshed
whenever the investment book changes, a shoot day's production report is filed or a schedule is
published (wired in core/handlers/investments.py, production_reports.py and the SchedulePublished
event's handlers)."""
from datetime import timedelta, timezone

from core import scopes
from core.bus import Services
from core.events import SchedulePublished
from core.investors.dashboard import dashboard_figures
from core.investors.statement import investor_statement, shoot_progress

# The office's investment documents, named here (and imported by core/handlers/investments.py,
# which calls this module) so there is no import cycle.
TERMS_ID, BOOK_ID = "investment_terms", "investment_book"
LAGOS = timezone(timedelta(hours=1))  # Africa/Lagos: UTC+1 all year, no daylight saving


def statement_doc_id(project_id: str) -> str:
    return f"investor_statement:{project_id}"


async def refresh_investor_statements(services: Services, project_id: str) -> None:
    """Write every investor's statement of the project again (unchanged ones are left alone)."""
    office, project_db = scopes.office_db(project_id), scopes.project_db(project_id)
    terms = await services.store.get(office, TERMS_ID)
    if terms is None:
        return  # no investment terms: no investors to tell
    book = await services.store.get(office, BOOK_ID) or {"contributions": [], "revenue": []}
    project = await services.store.get(project_db, "project") or {}
    schedule = await services.store.get(project_db, "schedule")
    reported = set()
    for day in (schedule or {}).get("days", []):
        if await services.store.get(office, f"production_report:{day['date']}") is not None:
            reported.add(day["date"])
    today = services.clock.now().astimezone(LAGOS).date().isoformat()
    progress = shoot_progress(schedule, reported, today)
    figures = dashboard_figures(terms, book["contributions"], book["revenue"])
    for row in figures["investors"]:
        person_id = row["person_id"]
        body = {"type": "investor_statement", "project_id": project_id, "project_title": project.get("title", ""),
                "currency": terms["currency"], "shoot": progress,
                **investor_statement(terms, book["contributions"], book["revenue"], person_id)}
        await _write(services, scopes.user_db(person_id), statement_doc_id(project_id), body)


async def schedule_published(event: SchedulePublished, services: Services) -> None:
    """A schedule published changes the shoot days on every investor's statement."""
    await refresh_investor_statements(services, event.project_id)


async def _write(services: Services, db: str, doc_id: str, body: dict) -> None:
    await services.store.create(db, {"_id": doc_id, **body})
    await services.store.update(db, doc_id, lambda doc: None if all(doc.get(k) == v for k, v in body.items())
                                else {**doc, **body})
