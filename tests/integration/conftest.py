"""Integration tier: real PouchDB Server and Redis, the project's own code in this process."""
import pytest
import requests

from tests.conftest import ADMIN_PASSWORD, ADMIN_USER

# The people and productions a module makes: its own, so the next module's feed runner (which
# follows every database on the server) does not wade through hundreds of earlier ones.
MODULE_DATABASE_PREFIXES = ("user_", "project_", "office_")
REQUEST_TIMEOUT_S = 60


@pytest.fixture(scope="module", autouse=True)
def own_databases(pouchdb_server):
    before = set(_databases(pouchdb_server.url))
    yield
    for name in sorted(set(_databases(pouchdb_server.url)) - before):
        if name.startswith(MODULE_DATABASE_PREFIXES):
            requests.delete(f"{pouchdb_server.url}/{name}", auth=(ADMIN_USER, ADMIN_PASSWORD),
                            headers={"Accept": "application/json"}, timeout=REQUEST_TIMEOUT_S)


def _databases(url: str) -> list[str]:
    answer = requests.get(f"{url}/_all_dbs", auth=(ADMIN_USER, ADMIN_PASSWORD),
                          headers={"Accept": "application/json"}, timeout=REQUEST_TIMEOUT_S)
    answer.raise_for_status()
    return answer.json()
