"""The producers' web app, served from the api's own origin (so /db/ and /auth/ need no CORS).

`/` is the app shell, `/sw.js` the service worker (scope `/`), `/app/*` the bundles built by
`make app` into web/app/dist/. Bundle names carry a content hash, so they are cached for a
year; the shell and the worker are revalidated on every visit, so a new build reaches devices
on their next load with network. Each file has .br and .gz twins made at build time, which
aiohttp's FileResponse sends to browsers that accept them: over 2G, bytes are time.
"""
import re
from pathlib import Path

from aiohttp import web

routes = web.RouteTableDef()

APP_DIST = Path(__file__).resolve().parent / "app" / "dist"
BUNDLE_NAME = re.compile(r"^[A-Za-z0-9_-]+\.(js|css|map|txt|svg|png|webmanifest)$")
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"

NOT_BUILT = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>NollyCrew</title></head>
<body><h1>NollyCrew</h1>
<p>The api is running, but the web app is not built on this server. Run <code>make app</code>
(or <code>npm ci &amp;&amp; npm run build</code>) and reload.</p>
<p>Devices replicate through <code>/db/</code>; health is at <a href="/healthz">/healthz</a>.</p>
</body></html>
"""


def _file(path: Path, cache_control: str, **headers: str) -> web.StreamResponse:
    if not path.is_file():
        raise web.HTTPNotFound(text="No such file in the web app.")
    return web.FileResponse(path, headers={"Cache-Control": cache_control, **headers})


@routes.get("/")
async def app_shell(request: web.Request) -> web.StreamResponse:
    shell = APP_DIST / "index.html"
    if not shell.is_file():
        return web.Response(text=NOT_BUILT, content_type="text/html", status=503)
    return _file(shell, REVALIDATE)


@routes.get("/sw.js")
async def service_worker(request: web.Request) -> web.StreamResponse:
    return _file(APP_DIST / "sw.js", REVALIDATE, **{"Service-Worker-Allowed": "/"})


@routes.get("/app/{name}")
async def bundle(request: web.Request) -> web.StreamResponse:
    name = request.match_info["name"]
    if not BUNDLE_NAME.match(name):
        raise web.HTTPNotFound(text="No such file in the web app.")
    return _file(APP_DIST / "app" / name, IMMUTABLE)
