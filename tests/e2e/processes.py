"""The stack's processes for end-to-end tests: each a real `nollycrew` process (or a fake)."""
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

READY_TIMEOUT_S = 30


class Service:
    def __init__(self, name: str, args: list[str], env: dict[str, str], log_dir: Path):
        self.name = name
        self._args = args
        self._env = {**os.environ, **env}
        self._log_path = log_dir / f"{name}.log"
        self.process: subprocess.Popen | None = None

    def start(self) -> "Service":
        log = open(self._log_path, "ab")
        self.process = subprocess.Popen(
            self._args, env=self._env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
        )
        return self

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def kill9(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def log(self) -> str:
        return self._log_path.read_text(errors="replace") if self._log_path.exists() else ""

    def wait_for_http(self, url: str) -> "Service":
        deadline = time.monotonic() + READY_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited:\n{self.log()[-3000:]}")
            try:
                with urllib.request.urlopen(url, timeout=2):
                    return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"{self.name} did not answer {url}:\n{self.log()[-3000:]}")

    def wait_for_log(self, text: str) -> "Service":
        deadline = time.monotonic() + READY_TIMEOUT_S
        while time.monotonic() < deadline:
            if text in self.log():
                return self
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited:\n{self.log()[-3000:]}")
            time.sleep(0.2)
        raise RuntimeError(f"{self.name} never logged {text!r}:\n{self.log()[-3000:]}")


def nollycrew(command: str) -> list[str]:
    return [sys.executable, "-m", "config.cli", command]
