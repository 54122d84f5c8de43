"""End-to-end tier: PouchDB Server, Redis, fake Twilio, api, core and worker as processes."""
import base64
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest

from config.embedded import PouchDBServer, free_port
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER, TWILIO_SID, TWILIO_TOKEN
from tests.e2e.processes import Service, nollycrew


@dataclass
class Stack:
    api_url: str
    twilio_url: str
    services: dict[str, Service]
    env: dict[str, str]
    log_dir: Path
    couch_server: PouchDBServer

    async def sent_messages(self) -> list[dict]:
        async with aiohttp.ClientSession() as session:
            async with session.get(self.twilio_url + "/_fake/messages") as response:
                return await response.json()

    def restart(self, name: str) -> None:
        self.services[name] = Service(name, nollycrew(name), self.env, self.log_dir).start()


@pytest.fixture(scope="session")
def stack(stack_env, scratch, redis_server):
    if shutil.which("node") is None:
        pytest.skip("the end-to-end tests need Node.js for the PouchDB device")
    # A PouchDB Server of its own: the core follows every database it finds, and the
    # integration tier leaves hundreds behind that this stack has no business with.
    couch_server = PouchDBServer(free_port(), scratch / "e2e-couch", ADMIN_USER, ADMIN_PASSWORD).start()
    log_dir = Path("test-artifacts") / "e2e-logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    api_port, twilio_port = free_port(), free_port()
    twilio_url = f"http://127.0.0.1:{twilio_port}"
    env = {
        **stack_env,
        "NOLLYCREW_COUCH_URL": couch_server.url,
        # A Redis database of its own: the integration tier flushes the default one.
        "NOLLYCREW_REDIS_URL": redis_server.url.rsplit("/", 1)[0] + "/1",
        "NOLLYCREW_API_PORT": str(api_port),
        "NOLLYCREW_PUBLIC_URL": f"http://127.0.0.1:{api_port}",
        "NOLLYCREW_OUTBOUND_CHANNEL": "twilio",
        "NOLLYCREW_TWILIO_API_BASE": twilio_url,
        "NOLLYCREW_LOG_JSON": "true",
    }
    subprocess.run(nollycrew("migrate"), env={**os.environ, **env}, check=True)
    services = {
        "twilio": Service(
            "twilio",
            [sys.executable, "-m", "tests.fakes.twilio_server", "--port", str(twilio_port),
             "--account-sid", TWILIO_SID, "--auth-token", TWILIO_TOKEN],
            env, log_dir,
        ).start(),
        "api": Service("api", nollycrew("api"), env, log_dir).start(),
        "core": Service("core", nollycrew("core"), env, log_dir).start(),
        "worker": Service("worker", nollycrew("worker"), env, log_dir).start(),
    }
    services["twilio"].wait_for_http(twilio_url + "/_fake/messages")
    services["api"].wait_for_http(f"http://127.0.0.1:{api_port}/healthz")
    services["core"].wait_for_log("core_started")
    yield Stack(f"http://127.0.0.1:{api_port}", twilio_url, services, env, log_dir, couch_server)
    for service in services.values():
        service.stop()
    couch_server.stop()


@pytest.fixture
async def office_bus(stack, monkeypatch):
    """The core's commands in this process, for what has no intent yet (signing people up),
    on the stack's own servers. Unlike the integration tier's fixtures it leaves Redis alone."""
    from redis import Redis

    from config.bootstrap import build_bus, open_couch
    from config.settings import Settings

    for key, value in stack.env.items():
        monkeypatch.setenv(key, value)
    couch = open_couch(Settings())
    yield build_bus(couch, Redis.from_url(stack.env["NOLLYCREW_REDIS_URL"]))
    await couch.close()


class DeviceClient:
    """A person's device speaking to /db/ with their own credentials, as a browser would."""

    def __init__(self, api_url: str, name: str, password: str):
        self._base = api_url + "/db/"
        token = base64.b64encode(f"{name}:{password}".encode()).decode()
        self._headers = {"Authorization": f"Basic {token}", "Accept": "application/json"}
        self.name = name

    async def request(self, method: str, path: str, json=None) -> tuple[int, dict]:
        async with aiohttp.ClientSession(headers=self._headers) as session:
            async with session.request(method, self._base + path, json=json) as response:
                return response.status, await response.json(content_type=None)

    async def get(self, path: str) -> dict | None:
        status, body = await self.request("GET", path)
        return body if status == 200 else None

    async def put(self, db: str, doc: dict) -> tuple[int, dict]:
        return await self.request("PUT", f"{db}/{doc['_id']}", json=doc)


async def wait_for(check, timeout_s: float = 30.0, interval_s: float = 0.2):
    from tests.integration.helpers import eventually

    return await eventually(check, timeout_s, interval_s)
