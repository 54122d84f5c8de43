"""Per-project roles: what each may see and do. This table is the one source; the README
shows it, the core enforces the actions, and the databases a role opens follow from it.

CouchDB reads are per database, so "sees the office" is all or nothing: the office database
(script, breakdown, schedule drafts, applications, budget view) opens to roles marked so.
Until the money issue moves the budget into a finance database of its own, a head of
department who sees the office also sees its budget view.
"""
from dataclasses import dataclass

from core.errors import Rejected


@dataclass(frozen=True)
class ProjectRole:
    title: str
    sees_office: bool  # reads office_<project>: drafts, applications received, budget view
    actions: frozenset[str]


# What a role may ask the core to do in a project (checked in the handlers).
POST_JOBS = "post_jobs"
POST_OWN_DEPARTMENT_JOBS = "post_own_department_jobs"
HIRE = "hire"
HIRE_OWN_DEPARTMENT = "hire_own_department"
GRANT_ROLES = "grant_roles"
EDIT_SCHEDULE = "edit_schedule"
SEND_CALL_SHEETS = "send_call_sheets"
MANAGE_LOCATIONS = "manage_locations"
APPROVE_PAYMENTS = "approve_payments"
VIEW_BUDGET = "view_budget"

PROJECT_ROLES: dict[str, ProjectRole] = {
    "producer": ProjectRole(
        "Producer", True,
        frozenset({POST_JOBS, HIRE, GRANT_ROLES, EDIT_SCHEDULE, SEND_CALL_SHEETS, MANAGE_LOCATIONS,
                   APPROVE_PAYMENTS, VIEW_BUDGET}),
    ),
    "first_ad": ProjectRole(
        "First assistant director", True, frozenset({EDIT_SCHEDULE, SEND_CALL_SHEETS, POST_JOBS}),
    ),
    "unit_manager": ProjectRole(
        "Unit production manager", True,
        frozenset({POST_JOBS, HIRE, MANAGE_LOCATIONS, SEND_CALL_SHEETS, VIEW_BUDGET}),
    ),
    "production_accountant": ProjectRole(
        "Production accountant", True, frozenset({VIEW_BUDGET, APPROVE_PAYMENTS}),
    ),
    "department_head": ProjectRole(
        "Head of department", True, frozenset({POST_OWN_DEPARTMENT_JOBS, HIRE_OWN_DEPARTMENT}),
    ),
    # Cast and crew read the project database (schedule, call sheets) and act for themselves.
    "cast": ProjectRole("Cast", False, frozenset()),
    "crew": ProjectRole("Crew", False, frozenset()),
}
GRANTABLE = frozenset(PROJECT_ROLES) - {"producer"}


def may(roles: set[str], action: str) -> bool:
    return any(action in PROJECT_ROLES[role].actions for role in roles if role in PROJECT_ROLES)


def require(roles: set[str], action: str, doing: str) -> None:
    """Refuse, in words the person understands, an action their project roles do not allow."""
    if not may(roles, action):
        held = ", ".join(PROJECT_ROLES[r].title for r in sorted(roles) if r in PROJECT_ROLES) or "no role"
        raise Rejected("Your role on this project ({roles}) does not let you {doing}.", roles=held, doing=doing)


def require_in_department(
    roles: set[str], departments: dict[str, str], action: str, own_department_action: str,
    department: str, doing: str,
) -> None:
    """`action` anywhere in the project, or `own_department_action` for the department the
    person heads (a head of lighting posts and hires lighting crew, not sound)."""
    if may(roles, action):
        return
    if may(roles, own_department_action) and departments.get("department_head") == department:
        return
    require(roles, action, doing)


def sees_office(roles: set[str]) -> bool:
    return any(PROJECT_ROLES[role].sees_office for role in roles if role in PROJECT_ROLES)


def markdown_table() -> str:
    """The table as the README shows it (a unit test keeps the README in step)."""
    actions = [POST_JOBS, POST_OWN_DEPARTMENT_JOBS, HIRE, HIRE_OWN_DEPARTMENT, GRANT_ROLES, EDIT_SCHEDULE, SEND_CALL_SHEETS,
               MANAGE_LOCATIONS, APPROVE_PAYMENTS, VIEW_BUDGET]
    header = "| role | sees the office | " + " | ".join(a.replace("_", " ") for a in actions) + " |"
    lines = [header, "|" + "---|" * (len(actions) + 2)]
    for role in PROJECT_ROLES.values():
        marks = " | ".join("yes" if a in role.actions else "" for a in actions)
        lines.append(f"| {role.title} | {'yes' if role.sees_office else ''} | {marks} |")
    return "\n".join(lines)
