"""docker-compose.yml resolves under the compose CLI; the Dockerfile makes the production image.

The compose file must stay within what both `docker compose` (v2) and Debian's docker-compose
1.29 accept, so whichever is installed is asked. `config` only reads files: no Docker engine runs.
PyYAML is no dependency, so the resolved config is read by its indentation, which both print the
same way (two spaces per level, one block per service).
"""
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

REPO_ROOT = Path(__file__).resolve().parents[2]
COMPOSE_TIMEOUT_S = 60
REQUIRED_ENV = {
    "COUCHDB_PASSWORD": "compose-test-password",
    "NOLLYCREW_PUBLIC_URL": "https://crew.example.ng",
    "NOLLYCREW_TWILIO_ACCOUNT_SID": "AC00000000000000000000000000000000",
    "NOLLYCREW_TWILIO_AUTH_TOKEN": "compose-test-token",
    "NOLLYCREW_TWILIO_WHATSAPP_FROM": "whatsapp:+2348000000000",
    "NOLLYCREW_TWILIO_SMS_FROM": "+2348000000000",
    "NOLLYCREW_ACCOUNT_SECRET": "compose-test-account-secret",
}
# Anything of these in the caller's environment would change what the file resolves to.
ENV_PREFIXES_TO_DROP = ("COUCHDB_", "NOLLYCREW_", "COMPOSE_", "API_PUBLISH")


@pytest.fixture(scope="module")
def compose() -> list[str]:
    docker = shutil.which("docker")
    if docker and subprocess.run(
        [docker, "compose", "version"], capture_output=True, timeout=COMPOSE_TIMEOUT_S
    ).returncode == 0:
        return [docker, "compose"]
    legacy = shutil.which("docker-compose")
    if legacy:
        return [legacy]
    pytest.skip("no compose CLI: install Debian's docker-compose to check docker-compose.yml")


def run_config(compose: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(ENV_PREFIXES_TO_DROP)}
    # An empty env file, so a developer's .env beside the compose file is not read.
    env_file = tmp_path / "empty.env"
    env_file.write_text("")
    return subprocess.run(
        [*compose, "--env-file", str(env_file), "-f", "docker-compose.yml", "config"],
        cwd=REPO_ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=COMPOSE_TIMEOUT_S,
    )


def service_blocks(config: str) -> dict[str, list[str]]:
    """Each service's lines under `services:`, with the service's own keys at column 0."""
    blocks: dict[str, list[str]] = {}
    current, in_services = None, False
    for line in config.splitlines():
        if not line.strip():
            continue
        if not line.startswith(" "):
            in_services, current = line.rstrip() == "services:", None
        elif in_services and not line.startswith("   "):
            current = line.strip().rstrip(":")
            blocks[current] = []
        elif in_services and current:
            blocks[current].append(line[4:])
    return blocks


def key_value(block: list[str], key: str) -> str | None:
    for line in block:
        if line.startswith(f"{key}:"):
            return line.split(":", 1)[1].strip().strip("'\"")
    return None


def list_items(block: list[str], key: str) -> list[str]:
    """One string per item of a list; a mapping item (v2 prints ports so) joined on one line."""
    items: list[str] = []
    inside = False
    for line in block:
        if re.match(r"[a-z_]+:", line):
            inside = line.rstrip() == f"{key}:"
        elif inside and line.lstrip().startswith("- "):
            items.append(line.lstrip()[2:].strip("'\""))
        elif inside and items:
            items[-1] += " " + line.strip()
    return items


@pytest.fixture(scope="module")
def resolved(compose: list[str], tmp_path_factory) -> dict[str, list[str]]:
    result = run_config(compose, tmp_path_factory.mktemp("compose"), **REQUIRED_ENV)
    assert result.returncode == 0, result.stderr
    return service_blocks(result.stdout)


def test_the_file_resolves_to_every_service(resolved):
    assert set(resolved) >= {"couchdb", "redis", "migrate", "api", "core", "worker"}
    assert key_value(resolved["couchdb"], "image").startswith("couchdb:3")
    assert key_value(resolved["redis"], "image") == "redis:7"


def test_the_nollycrew_services_run_one_image_with_their_own_command(resolved):
    images = {key_value(resolved[name], "image") for name in ("migrate", "api", "core", "worker")}
    assert len(images) == 1
    for name in ("migrate", "api", "core", "worker"):
        assert list_items(resolved[name], "command") == [name]


def test_couchdb_and_the_api_are_published_on_loopback_only(resolved):
    # Browsers reach CouchDB only through the api's /db/ proxy, the api only through TLS.
    assert list_items(resolved["api"], "ports"), "the api publishes no port"
    for name in ("couchdb", "api"):
        for port in list_items(resolved[name], "ports"):
            assert port.startswith("127.0.0.1:") or "host_ip: 127.0.0.1" in port, (name, port)
    for name in ("redis", "migrate", "core", "worker"):
        assert list_items(resolved[name], "ports") == [], name


def test_it_refuses_to_resolve_without_the_couchdb_password(compose, tmp_path):
    env = {k: v for k, v in REQUIRED_ENV.items() if k != "COUCHDB_PASSWORD"}
    result = run_config(compose, tmp_path, **env)
    assert result.returncode != 0
    assert "COUCHDB_PASSWORD" in result.stderr + result.stdout


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, comments dropped and continued lines joined."""
    text = (REPO_ROOT / "Dockerfile").read_text()
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    joined = re.sub(r"\\\n\s*", " ", "\n".join(lines))
    return [
        (line.split(None, 1)[0].upper(), line.split(None, 1)[1] if " " in line.strip() else "")
        for line in joined.splitlines()
        if line.strip()
    ]


def test_the_image_runs_nollycrew_as_a_non_root_user_without_node():
    instructions = dockerfile_instructions()
    args = {name: value for name, value in instructions}  # the last of each counts
    assert json.loads(args["ENTRYPOINT"]) == ["nollycrew"]
    assert json.loads(args["CMD"]) == ["api"]
    assert args["USER"].split(":")[0] not in {"root", "0"}
    assert "/healthz" in args["HEALTHCHECK"]
    stages = [[]]
    for name, value in instructions:
        if name == "FROM" and stages[-1]:
            stages.append([])
        stages[-1].append((name, value))
    # Node builds the web app in a stage of its own; only the built files leave it.
    app_stage, *python_stages = stages
    assert app_stage[0] == ("FROM", "node:20-slim AS app")
    assert python_stages and all(stage[0][1].startswith("python:3.11-slim") for stage in python_stages)
    for stage in python_stages:
        for name, value in stage:
            if name == "COPY" and value.startswith("--from=app "):
                assert value.split()[1:] == ["/src/web/app/dist", "web/app/dist"], value
                continue
            assert not re.search(r"\b(node|nodejs|npm|node_modules)\b", value), (name, value)
