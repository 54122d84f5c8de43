"""The embedded stack's servers: PouchDB Server and Redis as child processes.

`nollycrew dev`, the test suite and the benchmarks all start them through here.
"""
import json
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from base64 import b64encode
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
POUCHDB_SERVER_JS = PROJECT_ROOT / "node_modules" / "pouchdb-server" / "bin" / "pouchdb-server"
START_TIMEOUT_S = 30


class EmbeddedError(RuntimeError):
    """A server of the embedded stack is missing or would not start; the message says what to do."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def port_in_use(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


@dataclass
class PouchDBServer:
    """PouchDB Server on loopback only: it must never face a network (see README, Security)."""

    port: int
    data_dir: Path
    admin_user: str
    admin_password: str
    log_path: Path | None = None
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "PouchDBServer":
        if not POUCHDB_SERVER_JS.exists():
            raise EmbeddedError("pouchdb-server is not installed: run `make setup` (npm ci).")
        self.data_dir.mkdir(parents=True, exist_ok=True)
        config = self.data_dir / "config.json"
        if not config.exists():
            # Its own log would otherwise land in whatever directory it was started from.
            config.write_text(json.dumps({"log": {"file": str((self.data_dir / "couchdb.log").resolve())}}))
        log = open(self.log_path or self.data_dir / "pouchdb-server.log", "ab")
        self.process = subprocess.Popen(
            [
                shutil.which("node") or "node",
                # A few of its routes reject promises nobody catches; by default that kills
                # the whole server. Warn instead, and keep serving.
                "--unhandled-rejections=warn",
                str(POUCHDB_SERVER_JS),
                "--host", "127.0.0.1",
                "--port", str(self.port),
                "--dir", str(self.data_dir),
                "--config", str(self.data_dir / "config.json"),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # Ctrl-C is for `nollycrew dev`, which stops the servers last
        )
        self._wait_until_up()
        self._ensure_admin()
        return self

    def stop(self) -> None:
        _stop(self.process)
        self.process = None

    def _request(self, method: str, path: str, body=None, auth: bool = False):
        request = urllib.request.Request(
            self.url + path,
            method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Accept": "application/json", "Content-Type": "application/json"},
        )
        if auth:
            token = b64encode(f"{self.admin_user}:{self.admin_password}".encode()).decode()
            request.add_header("Authorization", f"Basic {token}")
        with urllib.request.urlopen(request, timeout=5) as response:
            return json.loads(response.read() or b"null")

    def _wait_until_up(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise EmbeddedError(f"pouchdb-server exited; see {self.data_dir}/pouchdb-server.log")
            try:
                self._request("GET", "/")
                return
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.2)
        raise EmbeddedError(f"pouchdb-server did not answer on port {self.port}")

    def _ensure_admin(self) -> None:
        """Leave "admin party" on first start: create the core's admin account."""
        try:
            session = self._request("GET", "/_session", auth=True)
            if "_admin" in session["userCtx"]["roles"]:
                return
        except urllib.error.HTTPError:
            pass
        self._request("PUT", f"/_config/admins/{self.admin_user}", self.admin_password)


@dataclass
class RedisServer:
    port: int
    data_dir: Path
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> "RedisServer":
        binary = shutil.which("redis-server")
        if binary is None:
            raise EmbeddedError("redis-server is missing: run `sudo apt-get install -y redis-server`.")
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [
                binary,
                "--bind", "127.0.0.1",
                "--port", str(self.port),
                "--dir", str(self.data_dir.resolve()),
                "--appendonly", "yes",
                "--save", "",
                "--logfile", "redis.log",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # Ctrl-C is for `nollycrew dev`, which stops the servers last
        )
        deadline = time.monotonic() + START_TIMEOUT_S
        while not port_in_use(self.port):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise EmbeddedError(f"redis-server would not start; see {self.data_dir}/redis.log")
            time.sleep(0.1)
        return self

    def stop(self) -> None:
        _stop(self.process)
        self.process = None


def _stop(process: subprocess.Popen | None, grace_s: float = 5.0) -> None:
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(grace_s)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
