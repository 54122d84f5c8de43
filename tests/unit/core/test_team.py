"""Project roles: producers give and take them back; the core holds everyone to their role."""
from pathlib import Path

import pytest

from core import commands, scopes
from core.errors import Rejected
from core.project_roles import markdown_table
from tests.unit.production import job_command, register


def grant(production, person_id: str, role: str, department: str = "", by: str | None = None, n: int = 1):
    return production.bus.handle(
        commands.GrantProjectRole(
            f"project_role_grant:{role}:{n}", production.project_id, by or production.producer_id,
            person_id, role, department,
        )
    )


async def test_the_readme_shows_the_role_table_the_core_enforces():
    readme = (Path(__file__).parents[3] / "README.md").read_text()
    assert markdown_table() in readme


async def test_a_first_ad_sees_the_office_and_a_crew_role_only_the_project(production):
    ngozi = await register(production.bus, "+2348030000005", "Ngozi Eze")
    await grant(production, ngozi, "first_ad")
    accounts = production.bus.services.spaces.accounts
    assert {scopes.member_role(production.project_id), scopes.office_role(production.project_id)} <= accounts[ngozi]

    tunde = await register(production.bus, "+2348030000006", "Tunde Bakare")
    await grant(production, tunde, "crew", n=2)
    assert scopes.member_role(production.project_id) in accounts[tunde]
    assert scopes.office_role(production.project_id) not in accounts[tunde]


async def test_only_those_who_may_give_roles_give_them(production):
    with pytest.raises(Rejected, match="does not let you give project roles"):
        await grant(production, production.aisha_id, "first_ad", by=production.chidi_id)
    with pytest.raises(Rejected, match="not a project role you can give"):
        await grant(production, production.aisha_id, "producer")
    with pytest.raises(Rejected, match="Say which department"):
        await grant(production, production.aisha_id, "department_head")


async def test_a_head_of_department_posts_and_hires_in_their_department_only(production):
    await grant(production, production.chidi_id, "department_head", "lighting")
    bus, chidi = production.bus, production.chidi_id

    best_boy = await bus.handle(job_command(production.project_id, chidi, "job_post_request:best-boy", title="Best boy"))
    assert best_boy
    with pytest.raises(Rejected, match="Head of department.*does not let you post this job"):
        await bus.handle(job_command(production.project_id, chidi, "job_post_request:boom", title="Boom", department="sound"))

    application = await production.apply(production.aisha_id)
    booking = await bus.handle(commands.Hire("hire_request:by-hod", production.project_id, chidi, application))
    assert booking


async def test_crew_on_the_project_cannot_post_or_hire(production):
    await grant(production, production.aisha_id, "crew")
    application = await production.apply(production.chidi_id)
    with pytest.raises(Rejected, match="does not let you hire"):
        await production.bus.handle(
            commands.Hire("hire_request:by-crew", production.project_id, production.aisha_id, application)
        )
    with pytest.raises(Rejected, match="does not let you post"):
        await production.bus.handle(job_command(production.project_id, production.aisha_id, "job_post_request:x"))


async def test_taking_back_the_last_office_role_closes_the_office(production):
    await grant(production, production.chidi_id, "first_ad")
    await production.bus.handle(
        commands.RevokeProjectRole("project_role_revoke:1", production.project_id, production.producer_id,
                                   production.chidi_id, "first_ad")
    )
    accounts = production.bus.services.spaces.accounts[production.chidi_id]
    assert scopes.office_role(production.project_id) not in accounts
    member = await production.bus.services.store.get(production.office, f"team:{production.chidi_id}")
    assert member["roles"] == [] and [entry.get("revoked") for entry in member["history"]][-1] == "first_ad"


async def test_the_producer_is_on_the_team_from_the_start(production):
    member = await production.bus.services.store.get(production.office, f"team:{production.producer_id}")
    assert member["roles"] == ["producer"]


async def test_a_role_puts_the_project_on_the_persons_devices_and_taking_it_back_updates_it(production):
    store, membership_id = production.bus.services.store, f"membership:{production.project_id}"
    await grant(production, production.chidi_id, "first_ad")

    shown = await store.get(scopes.user_db(production.chidi_id), membership_id)
    project = await store.get(production.project, "project")
    assert (shown["roles"], shown["title"]) == (["first_ad"], project["title"])

    await production.bus.handle(
        commands.RevokeProjectRole("project_role_revoke:1", production.project_id, production.producer_id,
                                   production.chidi_id, "first_ad")
    )
    assert (await store.get(scopes.user_db(production.chidi_id), membership_id))["roles"] == []
