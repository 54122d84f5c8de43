"""Design documents: validation carries core's intent lists for each kind; views load; the
user database's validate_doc_update really refuses what it should (run in node when present)."""
import json
import shutil
import subprocess

import pytest

from core.intents import INTENT_TYPES
from sync.design_docs import design_doc

KINDS = ("user", "office", "project", "directory", "ops", "ledger")
VIEWS = {"directory": {"open_jobs_by_code"}, "user": {"bookings_by_status"}}
NODE = shutil.which("node")
PERSON = "abcdef123456"


@pytest.mark.parametrize("kind", KINDS)
def test_validation_carries_the_intent_types_of_its_kind(kind):
    validate = design_doc(kind)["validate_doc_update"]

    assert validate.startswith("function")  # no leading comment: some servers eval "return " + source
    assert f"var KIND = {json.dumps(kind)};" in validate
    assert f"var INTENT_TYPES = {json.dumps(list(INTENT_TYPES.get(kind, ())))};" in validate
    assert "__KIND__" not in validate and "__INTENT_TYPES__" not in validate


@pytest.mark.parametrize("kind", ["user", "office"])
def test_every_intent_type_of_the_kind_is_named_in_its_validation(kind):
    validate = design_doc(kind)["validate_doc_update"]

    assert INTENT_TYPES[kind]
    assert all(f'"{intent_type}"' in validate for intent_type in INTENT_TYPES[kind])


@pytest.mark.parametrize("kind", KINDS)
def test_views_load_as_functions(kind):
    views = design_doc(kind)["views"]

    assert set(views) == VIEWS.get(kind, set())
    assert all(view["map"].startswith("function (doc)") for view in views.values())


def test_fingerprints_are_stable_and_differ_by_kind():
    fingerprints = {kind: design_doc(kind)["fingerprint"] for kind in KINDS}

    uncached = {kind: design_doc.__wrapped__(kind)["fingerprint"] for kind in KINDS}
    assert uncached == fingerprints
    assert len(set(fingerprints.values())) == len(KINDS)
    assert all(len(fingerprint) == 64 for fingerprint in fingerprints.values())


# --- the user database's validate_doc_update, run as CouchDB runs it -----------------------------

HARNESS = r"""
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const validate = new Function("return " + input.source)();  // as PouchDB Server compiles it
const answers = input.cases.map(([newDoc, oldDoc, userCtx, secObj]) => {
  try {
    validate(newDoc, oldDoc, userCtx, secObj);
    return "allowed";
  } catch (error) {
    return error.forbidden !== undefined ? "forbidden: " + error.forbidden : "crashed: " + error;
  }
});
process.stdout.write(JSON.stringify(answers));
"""
OWNER = {"name": PERSON, "roles": ["person", "crew"]}
ADMIN = {"name": "nollycrew", "roles": ["_admin"]}
OWN_DB = {"members": {"names": [PERSON], "roles": []}}
APPLICATION = {
    "_id": "application_request:9f1c", "type": "application_request", "author": PERSON,
    "created_at": "2026-11-20T09:00:00+01:00", "job_post_id": "f" * 20,
}
CASES = [
    ("an owner's intent", APPLICATION, None, OWNER, "allowed"),
    ("the core's booking", {"_id": "booking:1", "type": "booking"}, None, ADMIN, "allowed"),
    ("the core's outcome", {**APPLICATION, "outcome": {"status": "accepted"}}, APPLICATION, ADMIN, "allowed"),
    ("a booking by its person", {**APPLICATION, "_id": "booking:1", "type": "booking"}, None, OWNER, "type 'booking'"),
    ("an office intent", {**APPLICATION, "_id": "hire_request:1", "type": "hire_request"}, None, OWNER, "type 'hire_request'"),
    ("someone else's authorship", {**APPLICATION, "author": "fedcba654321"}, None, OWNER, "author must be"),
    ("a change to a sent intent", {**APPLICATION, "note": "edited"}, APPLICATION, OWNER, "cannot be changed"),
    ("an outcome from the device", {**APPLICATION, "outcome": {"status": "accepted"}}, None, OWNER, "outcome"),
    ("a deletion", {**APPLICATION, "_deleted": True}, APPLICATION, OWNER, "deleted"),
    ("a design document", {"_id": "_design/mine", "views": {}}, None, OWNER, "design documents"),
    ("an id without its type", {**APPLICATION, "_id": "9f1c"}, None, OWNER, "starts with 'application_request:'"),
    ("no created_at", {key: value for key, value in APPLICATION.items() if key != "created_at"}, None, OWNER, "created_at"),
]


@pytest.mark.skipif(NODE is None, reason="node is not installed: the validation cannot be run here")
@pytest.mark.parametrize("what, new_doc, old_doc, user, expected", CASES, ids=[case[0] for case in CASES])
def test_user_validation_in_node(what, new_doc, old_doc, user, expected):
    [answer] = _validate_in_node("user", [(new_doc, old_doc, user, OWN_DB)])

    if expected == "allowed":
        assert answer == "allowed"
    else:
        assert answer.startswith("forbidden: ") and expected in answer


@pytest.mark.skipif(NODE is None, reason="node is not installed: the validation cannot be run here")
def test_only_the_owner_writes_in_a_user_database():
    intruder = {**APPLICATION, "author": "fedcba654321"}

    [answer] = _validate_in_node("user", [(intruder, None, {"name": "fedcba654321", "roles": ["person"]}, OWN_DB)])

    assert answer == "forbidden: Only the owner writes in their own database."


@pytest.mark.skipif(NODE is None, reason="node is not installed: the validation cannot be run here")
def test_office_validation_takes_office_intents_only():
    hire = {**APPLICATION, "_id": "hire_request:1", "type": "hire_request"}
    office = {"members": {"names": [], "roles": ["project_x:office"]}}

    answers = _validate_in_node("office", [(hire, None, OWNER, office), (APPLICATION, None, OWNER, office)])

    assert answers == ["allowed", "forbidden: You may not write a document of type 'application_request' in this database."]


def _validate_in_node(kind: str, cases: list) -> list[str]:
    payload = json.dumps({"source": design_doc(kind)["validate_doc_update"], "cases": cases})
    done = subprocess.run(
        [NODE, "-e", HARNESS], input=payload, capture_output=True, text=True, timeout=30, check=True
    )
    return json.loads(done.stdout)
