"""The web app's files as the api serves them: shell, service worker and hashed bundles, each
with the cache rule it needs, compressed at build time, and nothing from outside the build."""
import json
import re

import aiohttp

ASSET = re.compile(r'(?:src|href)="(/app/[^"]+)"')


async def fetch(url: str, encoding: str = "gzip") -> tuple[int, dict, bytes]:
    async with aiohttp.ClientSession(auto_decompress=False) as session:
        async with session.get(url, headers={"Accept-Encoding": encoding}) as answer:
            return answer.status, dict(answer.headers), await answer.read()


async def test_the_shell_names_hashed_bundles_cached_for_a_year(api_url, built_app):
    status, headers, _ = await fetch(api_url + "/", encoding="identity")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert headers["Cache-Control"] == "no-cache"
    shell = (built_app / "index.html").read_text()
    assets = ASSET.findall(shell)
    assert len(assets) == 2  # the script and the stylesheet
    for asset in assets:
        status, headers, body = await fetch(api_url + asset, encoding="br, gzip")
        assert status == 200
        assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert headers["Content-Encoding"] == "br"
        assert len(body) < (built_app / asset.lstrip("/")).stat().st_size


async def test_a_browser_without_brotli_gets_gzip(api_url, built_app):
    asset = ASSET.findall((built_app / "index.html").read_text())[0]
    status, headers, body = await fetch(api_url + asset, encoding="gzip")
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert body[:2] == b"\x1f\x8b"


async def test_the_service_worker_precaches_the_shell_and_every_bundle(api_url, built_app):
    status, headers, body = await fetch(api_url + "/sw.js", encoding="identity")
    assert status == 200 and "javascript" in headers["Content-Type"]
    assert headers["Cache-Control"] == "no-cache"
    build = json.loads((built_app / "build.json").read_text())
    assert build["precache"][0] == "/"
    assert set(ASSET.findall((built_app / "index.html").read_text())) <= set(build["precache"])
    assert json.dumps(build["precache"], separators=(",", ":")) in body.decode()


async def test_only_built_files_are_served(api_url):
    for path in ("/app/..%2F..%2Fapp_routes.py", "/app/missing-ABC123.js", "/app/.hidden"):
        status, _, _ = await fetch(api_url + path)
        assert status == 404, path


async def test_no_request_leaves_the_origin(built_app):
    """Every asset is built in: no http(s) address of another host in the shell or the bundles
    (PouchDB's source names a few in comments and error texts, never as a fetched asset)."""
    shell = (built_app / "index.html").read_text()
    assert not re.search(r'(?:src|href)="(?:https?:)?//', shell)
    for bundle in (built_app / "app").glob("*.css"):
        assert "url(http" not in bundle.read_text() and "@import" not in bundle.read_text()
