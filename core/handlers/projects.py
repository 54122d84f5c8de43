"""Projects: a producer creates one; the core gives it its databases and the producer the keys."""
from core import scopes
from core.bus import Result, Services
from core.commands import CreateProject
from core.errors import Rejected
from core.handlers.people import person_card
from core.ids import derived_id


async def create_project(cmd: CreateProject, services: Services) -> Result:
    producer = await person_card(services, cmd.producer_id)
    if "producer" not in producer["roles"]:
        raise Rejected("Only producers can create a project.")
    title = cmd.title.strip()
    if not 1 <= len(title) <= 200:
        raise Rejected("A project needs a title of 1 to 200 characters.")
    project_id = derived_id("project", cmd.intent_id)
    now = services.clock.now().isoformat()
    await services.spaces.ensure_project(project_id)
    await services.spaces.grant_roles(
        cmd.producer_id, [scopes.member_role(project_id), scopes.office_role(project_id)]
    )
    project = {
        "_id": "project",
        "type": "project",
        "project_id": project_id,
        "title": title,
        "producer_id": cmd.producer_id,
        "first_shoot_date": cmd.first_shoot_date.isoformat() if cmd.first_shoot_date else None,
        "source_intent": cmd.intent_id,
        "created_at": now,
    }
    await services.store.create(scopes.project_db(project_id), project)
    await services.store.create(scopes.office_db(project_id), project)
    await services.store.create(
        scopes.office_db(project_id),
        {
            "_id": f"team:{cmd.producer_id}", "type": "team_member", "project_id": project_id,
            "person_id": cmd.producer_id, "name": producer["name"], "roles": ["producer"],
            "departments": {}, "history": [{"granted": "producer", "by": cmd.producer_id, "at": now}],
            "source_intent": cmd.intent_id, "created_at": now,
        },
    )
    await services.store.create(
        scopes.user_db(cmd.producer_id),
        {
            "_id": f"membership:{project_id}",
            "type": "membership",
            "project_id": project_id,
            "title": title,
            "roles": ["producer"],
            "created_at": now,
        },
    )
    return Result(ref=project_id)


async def project_doc(services: Services, project_id: str) -> dict:
    project = await services.store.get(scopes.project_db(project_id), "project")
    if project is None:
        raise Rejected("That project does not exist.")
    return project
