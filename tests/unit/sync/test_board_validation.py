"""The office's hand-edited stripboard ("board") and call-sheet notes: office devices edit them in
place and delete the losing revision of a conflict; everything else stays a one-time intent."""
import shutil

import pytest

from tests.unit.sync.test_design_docs import _validate_in_node

PERSON = "abcdef123456"
OFFICE_MEMBER = {"name": PERSON, "roles": ["person", "project_x:office"]}
OFFICE_DB = {"members": {"names": [], "roles": ["project_x:office"]}}
BOARD = {
    "_id": "board", "type": "board", "author": PERSON, "updated_at": "2026-11-28T07:00:00+01:00",
    "days": [{"day": 1, "date": "2026-12-01", "scenes": ["1", "2"]}], "boneyard": ["3"],
}
NOTES = {
    "_id": "call_sheet_notes:2026-12-01", "type": "call_sheet_notes", "author": PERSON,
    "updated_at": "2026-11-28T07:00:00+01:00", "day": 1, "date": "2026-12-01", "text": "Rain cover at the marina.",
}
HIRE = {"_id": "hire_request:1", "type": "hire_request", "author": PERSON, "created_at": "2026-11-28T07:00:00+01:00"}
CASES = [
    ("a new board", BOARD, None, "allowed"),
    ("a board moved on", {**BOARD, "boneyard": []}, BOARD, "allowed"),
    ("the losing revision of a board deleted", {"_id": "board", "_rev": "2-a", "_deleted": True}, BOARD, "allowed"),
    ("notes written", NOTES, None, "allowed"),
    ("notes edited", {**NOTES, "text": "Call moved to 06:00."}, NOTES, "allowed"),
    ("the losing revision of notes deleted", {"_id": NOTES["_id"], "_deleted": True}, NOTES, "allowed"),
    ("a board under another type", {**BOARD, "type": "stripboard"}, None, "must have type 'board'"),
    ("notes under another type", {**NOTES, "type": "board"}, None, "must have type 'call_sheet_notes'"),
    ("a board by someone else", {**BOARD, "author": "fedcba654321"}, None, "author must be"),
    ("a board without its days", {k: v for k, v in BOARD.items() if k != "days"}, None, "days and its boneyard"),
    ("a board without updated_at", {k: v for k, v in BOARD.items() if k != "updated_at"}, None, "updated_at"),
    ("notes without text", {k: v for k, v in NOTES.items() if k != "text"}, None, "need their text"),
    ("an intent still cannot be deleted", {**HIRE, "_deleted": True}, HIRE, "Nothing here can be deleted"),
    ("an intent still cannot be changed", {**HIRE, "note": "edited"}, HIRE, "cannot be changed"),
]


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed: the validation cannot be run here")
def test_office_devices_edit_the_board_and_notes_in_place():
    answers = _validate_in_node("office", [(new, old, OFFICE_MEMBER, OFFICE_DB) for _, new, old, _ in CASES])

    for (what, _, _, expected), answer in zip(CASES, answers, strict=True):
        if expected == "allowed":
            assert answer == "allowed", what
        else:
            assert answer.startswith("forbidden: ") and expected in answer, (what, answer)


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed: the validation cannot be run here")
@pytest.mark.parametrize("kind", ["user", "project"])
def test_the_board_is_an_office_document_only(kind):
    deletion = {"_id": "board", "_deleted": True}

    answers = _validate_in_node(kind, [(BOARD, None, OFFICE_MEMBER, OFFICE_DB), (deletion, BOARD, OFFICE_MEMBER, OFFICE_DB)])

    assert answers == [
        "forbidden: You may not write a document of type 'board' in this database.",
        "forbidden: Nothing here can be deleted: send a new request instead.",
    ]


# PouchDB Server's validation replaces a replicated revision's _revisions with the stored winner's
# before this function runs, which would drop every pushed edit; the board carries its parent's
# history ("ancestry") so the validation can put the true one back.
REPAIR_HARNESS = r"""
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const validate = new Function("return " + input.source)();
process.stdout.write(JSON.stringify(input.cases.map(([newDoc, oldDoc, userCtx]) => {
  validate(newDoc, oldDoc, userCtx, {});
  return newDoc._revisions || null;
})));
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed: the validation cannot be run here")
def test_a_pushed_edit_gets_its_own_history_back():
    import json
    import subprocess

    from sync.design_docs import design_doc

    clobbered = {"start": 1, "ids": ["aaa"]}  # what PouchDB Server leaves: the stored winner's
    edit = {**BOARD, "_rev": "3-ccc", "_revisions": clobbered, "ancestry": {"start": 2, "ids": ["bbb", "aaa"]}}
    deletion = {"_id": "board", "_rev": "3-ddd", "_deleted": True, "_revisions": clobbered,
                "ancestry": {"start": 2, "ids": ["eee", "aaa"]}}
    unrelated = {**BOARD, "_rev": "5-fff", "_revisions": clobbered, "ancestry": {"start": 2, "ids": ["bbb"]}}
    made_twice = {**NOTES, "_rev": "1-ggg", "_revisions": clobbered}  # the same notes begun on two devices
    payload = json.dumps({"source": design_doc("office")["validate_doc_update"],
                          "cases": [(edit, BOARD, OFFICE_MEMBER), (deletion, BOARD, OFFICE_MEMBER),
                                    (unrelated, BOARD, OFFICE_MEMBER), (made_twice, NOTES, OFFICE_MEMBER)]})
    done = subprocess.run([shutil.which("node"), "-e", REPAIR_HARNESS], input=payload, capture_output=True,
                          text=True, timeout=30, check=True)

    assert json.loads(done.stdout) == [
        {"start": 3, "ids": ["ccc", "bbb", "aaa"]},
        {"start": 3, "ids": ["ddd", "eee", "aaa"]},
        clobbered,  # an ancestry that does not end where this revision begins is left alone
        {"start": 1, "ids": ["ggg"]},
    ]
