"""The platform figures (core/figures.py), read from CouchDB.

The directory holds every person card and job post, so those are read whole (paged by
aiocouch). Bookings live in each project's database: reading them all would touch every
project, so only projects with at least one hire are read, the MAX_PROJECTS_READ whose
posts are newest; time to hire is the median over those, which the result says."""
from aiocouch.exception import NotFoundError

from core import scopes
from core.figures import platform_figures
from sync.couch import Couch

MAX_PROJECTS_READ = 200  # one small prefix read each; a few seconds on a busy server


async def docs_with_prefix(couch: Couch, db: str, prefix: str) -> list[dict]:
    try:
        return [dict(doc.data) async for doc in couch.database(db).docs(prefix=prefix)]
    except NotFoundError:
        return []


async def read_figures(couch: Couch, max_projects: int = MAX_PROJECTS_READ) -> dict:
    people = await docs_with_prefix(couch, scopes.DIRECTORY, "person:")
    job_posts = await docs_with_prefix(couch, scopes.DIRECTORY, "job_post:")
    newest_post: dict[str, str] = {}
    for post in job_posts:
        if post.get("hired"):
            project_id = post["project_id"]
            newest_post[project_id] = max(newest_post.get(project_id, ""), post.get("created_at", ""))
    read = sorted(newest_post, key=newest_post.__getitem__, reverse=True)[:max_projects]
    bookings = []
    for project_id in read:
        bookings += await docs_with_prefix(couch, scopes.project_db(project_id), "booking:")
    figures = platform_figures(people, job_posts, bookings)
    figures["time_to_hire_projects"] = {"read": len(read), "with_hires": len(newest_post)}
    return figures
