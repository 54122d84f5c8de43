"""A local S3 server for tests: moto's server mode in a process of its own, on a loopback port.

Moto speaks S3's wire protocol but leaves out two rules our links rely on, so this adds them
in front of it, answering as S3 does: a presigned URL is refused once X-Amz-Date plus
X-Amz-Expires has passed (403 AccessDenied "Request has expired"), and a presigned POST is
refused when its policy has expired (403), a field breaks one of its exact-match conditions
(403), or the file breaks its content-length-range (400 EntityTooLarge / EntityTooSmall).
Signatures are not checked (moto's default). The fake's clock can be moved forward, so a test
sees a link expire without waiting for it.

In a test:     with S3Server() as s3: s3.url; s3.advance_clock(901)
As a process:  python -m tests.fakes.s3_server --port 9000
"""
import argparse
import base64
import io
import json
import os
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import parse_qs

CLOCK_PATH = "/_fake/clock"  # S3 bucket names cannot start with "_": no bucket is shadowed
START_TIMEOUT_S = 30
ROOT = Path(__file__).resolve().parents[2]


class S3Server:
    """The fake as a child process, for a pytest fixture."""

    def __init__(self, port: int = 0):
        from config.embedded import free_port

        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._process: subprocess.Popen | None = None

    def __enter__(self) -> "S3Server":
        env = {**os.environ, "MOTO_PORT": str(self.port)}
        self._process = subprocess.Popen(
            [sys.executable, "-m", "tests.fakes.s3_server", "--port", str(self.port)],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            try:
                urllib.request.urlopen(self.url + CLOCK_PATH, timeout=1).read()
                return self
            except OSError:
                if self._process.poll() is not None or time.monotonic() > deadline:
                    self.__exit__()
                    raise RuntimeError("the fake S3 server did not start") from None
                time.sleep(0.1)

    def __exit__(self, *exc_info) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            self._process.wait(timeout=10)

    def advance_clock(self, seconds: float) -> None:
        self._tell_clock({"advance_s": seconds})

    def reset_clock(self) -> None:
        self._tell_clock({"reset": True})

    def _tell_clock(self, asked: dict) -> None:
        request = urllib.request.Request(self.url + CLOCK_PATH, data=json.dumps(asked).encode(), method="POST")
        urllib.request.urlopen(request, timeout=5).read()


def s3_bucket(server: S3Server, bucket: str) -> dict:
    """Make the bucket; the settings an S3MediaStore needs to use it."""
    import boto3

    settings = {"bucket": bucket, "endpoint_url": server.url, "region": "us-east-1",
                "access_key_id": "test-key", "secret_access_key": "test-secret"}
    boto3.client("s3", endpoint_url=server.url, region_name="us-east-1", aws_access_key_id="test-key",
                 aws_secret_access_key="test-secret").create_bucket(Bucket=bucket)
    return settings


class S3Rules:
    """WSGI middleware: the rules above, then moto."""

    def __init__(self, app):
        self._app, self._offset_s, self._lock = app, 0.0, threading.Lock()

    def now(self) -> float:
        return time.time() + self._offset_s

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO") == CLOCK_PATH:
            return self._clock(environ, start_response)
        query = parse_qs(environ.get("QUERY_STRING", ""))
        if "X-Amz-Date" in query and "X-Amz-Expires" in query:
            signed_at = _amz_time(query["X-Amz-Date"][0])
            if self.now() > signed_at + int(query["X-Amz-Expires"][0]):
                return _error(start_response, 403, "AccessDenied", "Request has expired")
        if environ["REQUEST_METHOD"] == "POST" and environ.get("CONTENT_TYPE", "").startswith("multipart/form-data"):
            body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
            refusal = self._post_policy_refusal({**environ, "wsgi.input": io.BytesIO(body)})
            if refusal is not None:
                return _error(start_response, *refusal)
            environ["wsgi.input"] = io.BytesIO(body)
        return self._app(environ, start_response)

    def _clock(self, environ, start_response):
        if environ["REQUEST_METHOD"] == "POST":
            asked = json.loads(environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0)))
            with self._lock:
                self._offset_s = 0.0 if asked.get("reset") else self._offset_s + float(asked["advance_s"])
        start_response("200 OK", [("Content-Type", "application/json")])
        return [json.dumps({"now": self.now()}).encode()]

    def _post_policy_refusal(self, environ) -> tuple[int, str, str] | None:
        from werkzeug.formparser import parse_form_data

        _, form, files = parse_form_data(environ)
        if "policy" not in form:
            return None  # a browser-style POST without a policy: moto's to judge
        policy = json.loads(base64.b64decode(form["policy"]))
        if self.now() > _amz_time(policy["expiration"]):
            return 403, "AccessDenied", "Invalid according to Policy: Policy expired."
        fields = {name.lower(): value for name, value in form.items()}
        fields["bucket"] = environ["PATH_INFO"].strip("/").split("/")[0]
        size = len(files["file"].read()) if "file" in files else 0
        for condition in policy.get("conditions", []):
            if isinstance(condition, dict):
                (name, value), = condition.items()
                if fields.get(name.lower()) != value:
                    return 403, "AccessDenied", f"Invalid according to Policy: Policy Condition failed: [\"eq\", \"${name}\", \"{value}\"]"
            elif condition[0] == "content-length-range":
                if size > int(condition[2]):
                    return 400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size"
                if size < int(condition[1]):
                    return 400, "EntityTooSmall", "Your proposed upload is smaller than the minimum allowed size"
        return None


def _amz_time(text: str) -> float:
    for form in ("%Y%m%dT%H%M%SZ", "%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%dT%H:%M:%S.%fZ"):
        try:
            return datetime.strptime(text, form).replace(tzinfo=timezone.utc).timestamp()
        except ValueError:
            continue
    raise ValueError(f"not an S3 time: {text!r}")


def _error(start_response, status: int, code: str, message: str):
    reasons = {400: "Bad Request", 403: "Forbidden"}
    start_response(f"{status} {reasons[status]}", [("Content-Type", "application/xml")])
    body = f'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>{code}</Code><Message>{message}</Message></Error>'
    return [body.encode()]


def main() -> None:
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app
    from werkzeug.serving import run_simple

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=9000)
    args = parser.parse_args()
    app = S3Rules(DomainDispatcherApplication(create_backend_app))
    run_simple(args.host, args.port, app, threaded=True, request_handler=MotoRequestHandler)


if __name__ == "__main__":
    main()
