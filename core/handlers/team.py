"""A production's team: who holds which project role, granted and taken back by producers."""
from core import scopes
from core.bus import Result, Services
from core.commands import GrantProjectRole, RevokeProjectRole
from core.errors import Rejected
from core.handlers.people import person_card
from core.handlers.projects import project_doc
from core.project_roles import GRANT_ROLES, GRANTABLE, require, sees_office


def team_doc_id(person_id: str) -> str:
    return f"team:{person_id}"


async def team_member(
    services: Services, project_id: str, person_id: str, project: dict | None = None
) -> tuple[set[str], dict]:
    """(project roles, {role: department}) of a person. The project's producer is recognised
    from the project itself too, so projects made before team records keep working; pass the
    project document when it is already at hand."""
    member = await services.store.get(scopes.office_db(project_id), team_doc_id(person_id))
    roles = set(member["roles"]) if member else set()
    if project is None:
        project = await services.store.get(scopes.project_db(project_id), "project")
    if project is not None and project["producer_id"] == person_id:
        roles.add("producer")
    return roles, (member or {}).get("departments", {})


async def project_roles_of(services: Services, project_id: str, person_id: str) -> set[str]:
    return (await team_member(services, project_id, person_id))[0]


async def grant_project_role(cmd: GrantProjectRole, services: Services) -> Result:
    require(await project_roles_of(services, cmd.project_id, cmd.granted_by), GRANT_ROLES, "give project roles")
    if cmd.role not in GRANTABLE:
        raise Rejected("{role} is not a project role you can give: {roles}.", role=repr(cmd.role),
                       roles=", ".join(sorted(GRANTABLE)))
    if cmd.role == "department_head" and not cmd.department:
        raise Rejected("Say which department this person heads.")
    card = await person_card(services, cmd.person_id)
    project = await project_doc(services, cmd.project_id)
    now = services.clock.now().isoformat()
    office = scopes.office_db(cmd.project_id)
    await services.store.create(office, _new_member(cmd.project_id, cmd.person_id, card["name"], now))

    def add(member: dict) -> dict | None:
        if cmd.role in member["roles"]:
            return None
        departments = dict(member.get("departments", {}))
        if cmd.department:
            departments[cmd.role] = cmd.department
        history = [*member["history"], {"granted": cmd.role, "by": cmd.granted_by, "at": now}]
        return {**member, "roles": sorted({*member["roles"], cmd.role}), "departments": departments,
                "history": history}

    member = await services.store.update(office, team_doc_id(cmd.person_id), add)
    await _open_databases(services, cmd.project_id, cmd.person_id, set(member["roles"]))
    await _show_membership(services, cmd.project_id, cmd.person_id, project.get("title", ""), member["roles"], now)
    return Result(ref=team_doc_id(cmd.person_id))


async def revoke_project_role(cmd: RevokeProjectRole, services: Services) -> Result:
    require(await project_roles_of(services, cmd.project_id, cmd.revoked_by), GRANT_ROLES, "take project roles back")
    if cmd.role == "producer":
        raise Rejected("The producer's own role cannot be taken back.")
    now = services.clock.now().isoformat()

    def remove(member: dict) -> dict | None:
        if cmd.role not in member["roles"]:
            return None
        history = [*member["history"], {"revoked": cmd.role, "by": cmd.revoked_by, "at": now}]
        return {**member, "roles": [r for r in member["roles"] if r != cmd.role], "history": history}

    try:
        member = await services.store.update(scopes.office_db(cmd.project_id), team_doc_id(cmd.person_id), remove)
    except LookupError:
        raise Rejected("That person is not on this project's team.") from None
    if not sees_office(set(member["roles"])):
        await services.spaces.revoke_roles(cmd.person_id, [scopes.office_role(cmd.project_id)])
    project = await services.store.get(scopes.project_db(cmd.project_id), "project") or {}
    await _show_membership(services, cmd.project_id, cmd.person_id, project.get("title", ""), member["roles"], now)
    return Result(ref=team_doc_id(cmd.person_id))


def _new_member(project_id: str, person_id: str, name: str, now: str) -> dict:
    return {
        "_id": team_doc_id(person_id), "type": "team_member", "project_id": project_id,
        "person_id": person_id, "name": name, "roles": [], "departments": {}, "history": [],
        "source_intent": "team", "created_at": now,
    }


async def _open_databases(services: Services, project_id: str, person_id: str, roles: set[str]) -> None:
    """The CouchDB roles that let this person's devices replicate what their roles see."""
    couch_roles = [scopes.member_role(project_id)]
    if sees_office(roles):
        couch_roles.append(scopes.office_role(project_id))
    await services.spaces.grant_roles(person_id, couch_roles)


async def _show_membership(services: Services, project_id: str, person_id: str, title: str, roles: list[str],
                           now: str) -> None:
    """The `membership:<project>` document in the person's own database: their devices list the
    project (the web app's dashboard card) with the roles they hold on it."""
    user = scopes.user_db(person_id)
    await services.store.create(user, {"_id": f"membership:{project_id}", "type": "membership",
                                       "project_id": project_id, "title": title, "roles": [], "created_at": now})

    def hold(membership: dict) -> dict | None:
        if membership["roles"] == sorted(roles):
            return None
        return {**membership, "roles": sorted(roles), "updated_at": now}

    await services.store.update(user, f"membership:{project_id}", hold)
