"""One admin connection to CouchDB (PouchDB Server in development) through aiocouch."""
import asyncio
from contextlib import suppress

import aiohttp
import structlog
from aiocouch import CouchDB, Database, Document
from aiocouch.exception import NotFoundError, RemoteResponseError

log = structlog.get_logger()

REQUEST_TIMEOUT_S = 30

# What "CouchDB is away" looks like from here; anything else is a real error.
# A stream cut in the middle (ClientPayloadError) is the server going away too.
UNAVAILABLE = (
    aiohttp.ClientConnectionError,
    aiohttp.ClientPayloadError,
    asyncio.TimeoutError,
    ConnectionError,
)


async def _accept_json(request: aiohttp.ClientRequest, handler):
    # PouchDB Server answers text/plain unless asked for JSON, and aiocouch reads only JSON.
    request.headers["Accept"] = "application/json"
    # Compressed, a continuous changes feed sits in the server's gzip buffer and never
    # arrives; between servers, bytes are cheap anyway.
    request.headers["Accept-Encoding"] = "identity"
    return await handler(request)


def is_unavailable(error: BaseException) -> bool:
    if isinstance(error, UNAVAILABLE):
        return True
    return isinstance(error, RemoteResponseError) and error.status >= 500


async def until_available(attempt, backoff_max_s: float, also_wait_for: tuple = (), **log_fields):
    """Run `attempt` until it gets through. Only CouchDB being away (and `also_wait_for`) is
    waited out, with a backoff that doubles up to `backoff_max_s`; any other error is raised."""
    delay = 0.1
    while True:
        try:
            return await attempt()
        except Exception as error:
            if not (is_unavailable(error) or isinstance(error, also_wait_for)):
                raise
            log.warning("couch_unavailable", error=repr(error), **log_fields)
            await asyncio.sleep(delay)
            delay = min(delay * 2, backoff_max_s)


class Couch:
    """The server processes' connection. Browsers never see these credentials."""

    def __init__(self, url: str, user: str, password: str):
        self.url = url.rstrip("/")
        self._client = CouchDB(
            self.url,
            user=user,
            password=password,
            middlewares=(_accept_json,),
            timeout=aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S),
        )

    async def close(self) -> None:
        await self._client.close()

    def database(self, name: str) -> Database:
        """A handle on the database; no request is made."""
        return Database(self._client, name)

    async def ensure_database(self, name: str) -> Database:
        return await self._client.create(name, exists_ok=True)

    async def database_names(self) -> list[str]:
        return await self._client.keys()

    async def document(self, db: str, doc_id: str) -> Document | None:
        doc = Document(self.database(db), doc_id)
        try:
            await doc.fetch(discard_changes=True)
        except NotFoundError:
            return None
        return doc

    async def put_security(self, db: str, members: dict) -> None:
        """Set who may read `db`: {"names": [...], "roles": [...]}; writes to it are the
        validate_doc_update's to decide."""
        security = await self.database(db).security()
        if security.get("members") == members and security.get("admins", {}).get("names") == []:
            return
        security.update({"members": members, "admins": {"names": [], "roles": []}})
        await security.save()

    async def wait_until_up(self, timeout_s: float) -> None:
        deadline = asyncio.get_running_loop().time() + timeout_s
        while True:
            with suppress(*UNAVAILABLE, RemoteResponseError):
                await self._client.info()
                return
            if asyncio.get_running_loop().time() > deadline:
                raise TimeoutError(f"CouchDB at {self.url} did not answer in {timeout_s:.0f} s")
            await asyncio.sleep(0.25)
