"""What a device may ask of CouchDB through /db/: sign-in and replication of its own databases."""
import pytest

from web.couch_proxy import allowed

USER_DB = "user_3f9a1c2b7d"
PROJECT_DB = "project_0123456789abcdef0123"

ALLOWED = [
    ("GET", ["_session"]),
    ("POST", ["_session"]),
    ("DELETE", ["_session"]),
    ("GET", [USER_DB]),
    ("HEAD", [USER_DB]),
    ("GET", ["directory"]),
    ("GET", [PROJECT_DB]),
    ("GET", ["office_0123456789abcdef0123"]),
    *[(method, [USER_DB, bulk]) for bulk in ("_changes", "_all_docs", "_bulk_get", "_revs_diff", "_bulk_docs")
      for method in ("GET", "POST")],
    ("GET", [USER_DB, "_local", "checkpoint-x"]),
    ("PUT", [USER_DB, "_local", "checkpoint-x"]),
    ("GET", [USER_DB, "application_request:9f1c"]),
    ("PUT", [USER_DB, "application_request:9f1c"]),
    ("DELETE", [USER_DB, "application_request:9f1c"]),  # validate_doc_update refuses it, not the proxy
    ("GET", [PROJECT_DB, "_design", "nollycrew"]),
    ("GET", ["directory", "_design", "nollycrew", "_view", "open_jobs_by_code"]),
    ("POST", ["directory", "_design", "nollycrew", "_view", "open_jobs_by_code"]),
]
REFUSED = [
    ("PUT", ["_session"]),
    ("GET", []),
    *[(method, ["_users", *rest]) for method in ("GET", "PUT") for rest in ([], ["org.couchdb.user:abc123def456"])],
    ("GET", ["_replicator"]),
    ("POST", ["_replicator"]),
    ("GET", ["_config"]),
    ("PUT", ["_config", "admins", "me"]),
    ("GET", ["_node", "_local", "_config"]),
    ("GET", ["_all_dbs"]),
    ("GET", ["_utils"]),
    ("GET", ["ops"]),
    ("GET", ["ops", "_changes"]),
    ("GET", ["ledger"]),
    ("GET", ["ledger", "_all_docs"]),
    ("PUT", [USER_DB]),
    ("DELETE", [USER_DB]),
    ("POST", [USER_DB]),
    ("PUT", ["user_abcdef654321"]),
    ("GET", [USER_DB, "_security"]),
    ("PUT", [USER_DB, "_security"]),
    ("PUT", [USER_DB, "_design", "nollycrew"]),
    ("DELETE", [USER_DB, "_design", "nollycrew"]),
    ("GET", [USER_DB, "_design", "nollycrew", "_update", "x"]),
    ("POST", [USER_DB, "_purge"]),
    ("POST", [USER_DB, "_compact"]),
    ("POST", [USER_DB, "_find"]),
    ("PUT", [USER_DB, "_changes"]),
    ("GET", [USER_DB, "_changes", "extra"]),
    ("DELETE", [USER_DB, "_local"]),
    ("GET", [USER_DB, "_local", "a", "b"]),
    ("GET", ["user_X"]),
    ("GET", ["user_3F9A1C2B7D"]),
    ("GET", ["user_abc"]),  # too short to be one of our ids
    ("GET", ["..", "etc"]),
    ("GET", ["user_3f9a1c2b7d..", "x"]),
    ("GET", ["nollycrew"]),
]


@pytest.mark.parametrize("method, parts", ALLOWED, ids=[f"{m} /{'/'.join(p)}" for m, p in ALLOWED])
def test_a_device_may_sign_in_and_replicate(method, parts):
    assert allowed(method, parts) is True


@pytest.mark.parametrize("method, parts", REFUSED, ids=[f"{m} /{'/'.join(p)}" for m, p in REFUSED])
def test_everything_else_is_refused(method, parts):
    assert allowed(method, parts) is False
