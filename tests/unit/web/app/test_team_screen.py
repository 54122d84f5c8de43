"""A project's team as the office's devices read it (web/app/src/team.js), run in node: each
person once, in the department they head or were hired into, the office first; the roles and
departments the screen offers are the core's own; requests carry the shapes core/intents.py reads."""
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from core.intents import to_command
from core.profile_lists import DEPARTMENTS
from core.project_roles import GRANTABLE, PROJECT_ROLES

NODE = shutil.which("node")
MODULE = Path(__file__).resolve().parents[4] / "web" / "app" / "src" / "team.js"
HARNESS = """
import { readFileSync } from "node:fs";
const team = await import(process.argv[1]);
const { calls } = JSON.parse(readFileSync(0, "utf8"));
console.log(JSON.stringify(calls.map(([name, ...args]) =>
  typeof team[name] === "function" ? team[name](...args) : team[name])));
"""
PRODUCER, GAFFER, SPARK, SOUND = "prod000001", "gaff000001", "spar000001", "boom000001"
RECORDS = {
    "producerId": PRODUCER,
    "members": [
        {"person_id": PRODUCER, "name": "Funmi Adebayo", "roles": ["producer"], "departments": {}},
        {"person_id": GAFFER, "name": "Tunde Bakare", "roles": ["department_head", "first_ad"],
         "departments": {"department_head": "lighting"}},
    ],
    "applications": [
        {"person_id": GAFFER, "status": "hired", "job_title": "Gaffer",
         "applicant": {"name": "Tunde Bakare", "department": "lighting"}},
        {"person_id": SPARK, "status": "hired", "job_title": "Spark",
         "applicant": {"name": "Ada Eze", "department": "lighting"}},
        {"person_id": "nothired01", "status": "received", "job_title": "Spark",
         "applicant": {"name": "Not Hired", "department": "lighting"}},
    ],
    "bookings": [
        {"person_id": SPARK, "role": "Spark", "job_post_id": "jp1", "status": "confirmed"},
        {"person_id": SOUND, "role": "Boom operator", "job_post_id": "jp2", "status": "awaiting_confirmation"},
        {"person_id": "gone000001", "role": "Grip", "job_post_id": "jp3", "status": "cancelled"},
    ],
    "jobPosts": [{"job_post_id": "jp1", "department": "lighting"}, {"job_post_id": "jp2", "department": "sound"}],
}


def run(*calls):
    if NODE is None:
        pytest.skip("node is not installed: web/app/src/team.js cannot be run here")
    done = subprocess.run([NODE, "--input-type=module", "-e", HARNESS, MODULE.as_uri()],
                          input=json.dumps({"calls": calls}), capture_output=True, text=True, timeout=30, check=True)
    return json.loads(done.stdout)


def test_everyone_on_the_project_once_by_department_the_office_first():
    [groups] = run(["byDepartment", run(["teamPeople", RECORDS])[0]])

    assert [group["department"] for group in groups] == ["production", "lighting", "sound"]
    assert [(p["personId"], p["roles"]) for p in groups[0]["people"]] == [(PRODUCER, ["producer"])]
    lighting = {p["personId"]: p for p in groups[1]["people"]}
    assert [p["name"] for p in groups[1]["people"]] == ["Ada Eze", "Tunde Bakare"]
    # Roles in the core's order; the job hired for is kept beside them.
    assert lighting[GAFFER]["roles"] == ["first_ad", "department_head"]
    assert lighting[GAFFER]["jobs"] == ["Gaffer"]
    assert lighting[SPARK]["roles"] == [] and lighting[SPARK]["jobs"] == ["Spark"]
    # Booked without an application on this device: named by the job, placed by its post.
    [sound] = groups[2]["people"]
    assert (sound["personId"], sound["name"]) == (SOUND, "Someone hired as Boom operator")


def test_the_producer_is_on_the_team_even_without_a_team_record():
    [people] = run(["teamPeople", {"producerId": PRODUCER}])

    assert [(p["personId"], p["roles"], p["department"]) for p in people] == [(PRODUCER, ["producer"], "production")]


def test_finding_a_person_by_part_of_the_name_or_the_job():
    [people] = run(["teamPeople", RECORDS])
    found = run(["findPeople", people, "tunde"], ["findPeople", people, "SPARK"], ["findPeople", people, "ada gaffer"],
                ["findPeople", people, ""])

    assert [[p["personId"] for p in hits] for hits in found[:3]] == [[GAFFER], [SPARK], []]
    assert len(found[3]) == len(people)


def test_the_roles_and_departments_offered_are_the_cores():
    roles, grantable, departments = run(["PROJECT_ROLES"], ["GRANTABLE_ROLES"], ["DEPARTMENTS"])

    assert {r["role"]: (r["title"], r["office"]) for r in roles} == {
        key: (role.title, role.sees_office) for key, role in PROJECT_ROLES.items()}
    assert {r["role"] for r in grantable} == GRANTABLE
    assert set(departments) == set(DEPARTMENTS)


def test_grant_and_revoke_requests_are_what_the_core_reads():
    grant, revoke, head = run(
        ["roleGrant", PRODUCER, {"personId": GAFFER, "role": "first_ad"}],
        ["roleRevoke", PRODUCER, {"personId": GAFFER, "role": "first_ad"}],
        ["roleGrant", PRODUCER, {"personId": GAFFER, "role": "department_head", "department": "lighting"}],
    )

    assert grant["_id"].startswith("project_role_grant:") and revoke["_id"].startswith("project_role_revoke:")
    given = to_command("office", "proj000001", grant)
    assert (given.granted_by, given.person_id, given.role, given.department) == (PRODUCER, GAFFER, "first_ad", "")
    taken = to_command("office", "proj000001", revoke)
    assert (taken.revoked_by, taken.person_id, taken.role) == (PRODUCER, GAFFER, "first_ad")
    assert to_command("office", "proj000001", head).department == "lighting"
